package io.jxdp.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jxdp.isa.Program;
import io.jxdp.vm.EngineKind;
import io.jxdp.vm.LinkedProgram;
import io.jxdp.vm.LoadedProgram;
import io.jxdp.vm.Vm;
import io.jxdp.vm.VmOptions;
import io.jxdp.vm.maps.BpfMap;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.util.CheckClassAdapter;

/** Compiles programs with a dump directory and checks the classes with ASM's verifier. */
final class GeneratedClasses {
    private GeneratedClasses() {}

    /** The bytes of the class the JIT generates for {@code program}. */
    static byte[] bytesOf(Program program, VmOptions options) {
        return bytesOf(program, options, null);
    }

    /** The bytes of the class the JIT generates for {@code program} given {@code facts} of the test's own (or null). */
    static byte[] bytesOf(Program program, VmOptions options, AccessFacts facts) {
        return dumped(
                options,
                dumping -> facts == null
                        ? Vm.load(program, dumping)
                        : JitCompiler.compile(
                                LinkedProgram.link(program, List.of(), dumping.helpers()), dumping, facts));
    }

    /** The bytes of the class the JIT generates for {@code program} with its maps. */
    static byte[] bytesOf(Program program, List<BpfMap> maps, VmOptions options) {
        return dumped(options, dumping -> Vm.load(program, maps, dumping));
    }

    /** Loads with the JIT dumping into a temporary directory; the one class dumped. */
    private static byte[] dumped(VmOptions options, Function<VmOptions, LoadedProgram> load) {
        try {
            Path dir = Files.createTempDirectory("jxdp-jit");
            try {
                LoadedProgram p = load.apply(options.withEngine(EngineKind.JIT).withDumpClassDir(dir));
                assertEquals(EngineKind.JIT, p.engine());
                try (Stream<Path> files = Files.list(dir)) {
                    return Files.readAllBytes(files.findFirst().orElseThrow());
                }
            } finally {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder())
                            .forEach(f -> f.toFile().delete());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fails with ASM's analysis if the class does not verify. */
    static void verify(byte[] bytes) {
        StringWriter out = new StringWriter();
        CheckClassAdapter.verify(
                new ClassReader(bytes), GeneratedClasses.class.getClassLoader(), false, new PrintWriter(out));
        assertEquals("", out.toString());
    }
}
