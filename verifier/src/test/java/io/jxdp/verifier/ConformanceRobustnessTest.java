package io.jxdp.verifier;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxdp.asm.data.DataFile;
import io.jxdp.isa.JxdpException;
import io.jxdp.isa.Program;
import io.jxdp.isa.codec.Decoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Every program of the shared conformance suite goes through the verifier under the memory
 * calling convention, with logs at level 2, without an exception: the verifier decides, whatever
 * it is given. (Whether it accepts is not the point: the suite tests engines, not verifiers.)
 */
class ConformanceRobustnessTest {
    @Test
    void everyConformanceProgramGetsAVerdict() throws IOException {
        Path dir = Path.of(System.getProperty("jxdp.conformance.dir", "../../shared/conformance"))
                .resolve("tests");
        Assumptions.assumeTrue(Files.isDirectory(dir), "no conformance suite at " + dir);
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".data")).sorted().toList();
        }
        List<String> problems = new ArrayList<>();
        int verified = 0;
        int accepted = 0;
        for (Path f : files) {
            Program p;
            int memSize;
            try {
                DataFile d = DataFile.read(f);
                Optional<Program> asm = d.assembleAsm();
                if (asm.isPresent()) {
                    p = asm.get();
                } else if (d.raw().isPresent()) {
                    p = Decoder.decode(d.raw().get());
                } else {
                    continue;
                }
                memSize = d.mem().map(m -> m.length).orElse(0);
            } catch (JxdpException e) {
                continue; // a program the assembler or decoder refuses is not the verifier's to judge
            }
            try {
                for (boolean priv : new boolean[] {true, false}) {
                    VerifierResult r = Verifier.verify(
                            p,
                            VerifierOptions.defaults()
                                    .withPrivileged(priv)
                                    .withLogLevel(2)
                                    .withProgramType(ProgramType.mem(memSize))
                                    .withInsnBudget(200_000));
                    verified++;
                    if (r.accepted()) {
                        accepted++;
                    }
                    r.toJson();
                }
            } catch (RuntimeException e) {
                problems.add(f.getFileName() + ": " + e);
            }
        }
        assertTrue(verified > 100, "verified " + verified);
        assertTrue(accepted > 0);
        assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
    }
}
