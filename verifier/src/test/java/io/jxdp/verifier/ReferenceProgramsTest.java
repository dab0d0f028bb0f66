package io.jxdp.verifier;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxdp.asm.Assembler;
import io.jxdp.asm.Syntax;
import io.jxdp.isa.Program;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The project's reference XDP programs ({@code programs/src/main/resources/programs}, compiled from
 * C by clang) verify. That the kernel accepts them too is checked live by {@link KernelOracleTest};
 * how fast they verify, by {@code jxdp bench verifier}.
 */
class ReferenceProgramsTest {
    private static List<Path> programs() throws IOException {
        Path root = Path.of(System.getProperty("user.dir"))
                .resolveSibling("programs")
                .resolve("src/main/resources/programs");
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".bpf")).sorted().toList();
        }
    }

    @Test
    void everyReferenceProgramVerifies() throws IOException {
        List<String> problems = new ArrayList<>();
        assertTrue(
                programs().size() >= 10,
                "reference programs found: " + programs().size());
        for (Path f : programs()) {
            Program p = Assembler.assemble(Files.readString(f), f.getFileName().toString(), Syntax.LLVM);
            VerifierOptions o = VerifierOptions.defaults()
                    .withLogLevel(0)
                    .withProgramType(f.toString().contains("cpumap_") ? ProgramType.xdpCpumap() : ProgramType.xdp());
            VerifierResult r = Verifier.verify(p, o);
            if (!r.accepted()) {
                problems.add(f.getFileName() + ": " + r);
            }
        }
        assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
    }
}
