package io.jxdp.jit;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jxdp.asm.Assembler;
import io.jxdp.asm.Syntax;
import io.jxdp.isa.MapDef;
import io.jxdp.isa.Program;
import io.jxdp.verifier.ProgramType;
import io.jxdp.verifier.Verifier;
import io.jxdp.verifier.VerifierOptions;
import io.jxdp.vm.VmOptions;
import io.jxdp.vm.maps.BpfMap;
import io.jxdp.vm.maps.Maps;
import io.jxdp.vm.memory.AddressSpace;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.util.Textifier;
import org.objectweb.asm.util.TraceClassVisitor;

/**
 * The bytecode the JIT emits for a few representative programs, printed by ASM's {@link Textifier},
 * equals the reviewed text in {@code src/test/resources/golden/NAME.txt}. A change to the emitted code
 * shows here as a diff to review; {@code -Djxdp.golden.update=true} rewrites the files, and the commit
 * that changes them says why.
 */
class JitGoldenTest {
    private static final String DIR = "src/test/resources/golden";

    /** (golden name, program source in golden/, program type to verify for facts, or null: none). */
    static Stream<Arguments> programs() {
        return Stream.of(
                Arguments.of("alu", "alu.bpf", null),
                Arguments.of("jumps", "jumps.bpf", null),
                Arguments.of("memory_guarded", "memory.bpf", null),
                Arguments.of("memory_verified", "memory.bpf", ProgramType.xdp()),
                Arguments.of("helper_call", "helper_call.bpf", null),
                Arguments.of("local_call", "local_call.bpf", null),
                Arguments.of("map_lookup", "map_lookup.bpf", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("programs")
    void emittedClassIsTheReviewedOne(String name, String source, ProgramType facts) throws IOException {
        Path dir = moduleDir().resolve(DIR);
        Program program = Assembler.assemble(Files.readString(dir.resolve(source)), source, Syntax.AUTO);
        VmOptions options = VmOptions.defaults();
        if (facts != null) {
            options = options.withFacts(
                    Verifier.verifyOrThrow(program, VerifierOptions.defaults().withProgramType(facts)));
        }
        AddressSpace space = new AddressSpace();
        List<BpfMap> maps = new ArrayList<>();
        for (MapDef d : program.maps()) {
            maps.add(Maps.create(d, space, 1));
        }
        byte[] bytes = GeneratedClasses.bytesOf(program, maps, options);
        GeneratedClasses.verify(bytes);
        String actual = textify(bytes);
        Path golden = dir.resolve(name + ".txt");
        if (Boolean.getBoolean("jxdp.golden.update")) {
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
            return;
        }
        assertTrue(Files.exists(golden), golden + " is missing: run with -Djxdp.golden.update=true and review it");
        String expected = Files.readString(golden, StandardCharsets.UTF_8);
        if (!expected.equals(actual)) {
            fail(golden.getFileName() + " differs from the class the JIT emits now (- golden, + now); review,"
                    + " then rerun with -Djxdp.golden.update=true and say why in the commit:\n"
                    + LineDiff.unified(expected, actual));
        }
    }

    static String textify(byte[] bytes) {
        StringWriter out = new StringWriter();
        new ClassReader(bytes).accept(new TraceClassVisitor(null, new Textifier(), new PrintWriter(out)), 0);
        return out.toString();
    }

    /** The module's directory: the pom passes it; a test started from an IDE runs in it. */
    private static Path moduleDir() {
        String dir = System.getProperty("jxdp.source.dir");
        return dir != null ? Path.of(dir) : Path.of("");
    }
}
