package io.jxdp.verifier;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxdp.asm.Assembler;
import io.jxdp.asm.Syntax;
import io.jxdp.isa.Program;
import io.jxdp.verifier.testing.CorpusEntry;
import io.jxdp.verifier.testing.KernelOracle;
import io.jxdp.verifier.testing.KernelRelease;
import io.jxdp.verifier.testing.KernelReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Live ({@code -Pkernel}): every privileged corpus program is loaded into the running kernel as
 * BPF_PROG_TYPE_XDP; its verdict must equal both the header's and jxdp's, and so must the error
 * line; the reference programs must load too. (The kernel loads no XDP program without CAP_BPF, so
 * the unprivileged entries are checked by {@link CorpusTest} only.) A header recorded on another
 * release that this kernel contradicts is reported as such.
 */
@Tag("kernel")
class KernelOracleTest {
    @Test
    void theRunningKernelAgreesWithTheCorpusAndWithJxdp() throws IOException {
        KernelOracle.requireOrSkip();
        List<String> mismatches = new ArrayList<>();
        int checked = 0;
        int verdicts = 0;
        int sameError = 0;
        int rejects = 0;
        for (CorpusEntry e : CorpusEntry.all()) {
            if (e.unprivileged()) {
                continue;
            }
            checked++;
            KernelOracle.Verdict k = KernelOracle.load(e.program(), 1, e.attachType());
            VerifierResult ours = Verifier.verify(e.program(), e.options(1));
            String where = e.kernel().equals(KernelRelease.current()) ? "" : " (header recorded on " + e.kernel() + ")";
            if (k.accepted() != e.accept() || k.accepted() != ours.accepted()) {
                mismatches.add(e.name() + where + ": kernel " + (k.accepted() ? "accept" : "reject") + ", header "
                        + (e.accept() ? "accept" : "reject") + ", jxdp " + (ours.accepted() ? "accept" : "reject")
                        + "\n--- kernel log:\n" + k.log() + "--- jxdp log:\n" + ours.log());
                continue;
            }
            verdicts++;
            if (!k.accepted()) {
                rejects++;
                if (!k.log().contains(e.error())) {
                    mismatches.add(e.name() + where + ": the kernel's log lacks the header's error '" + e.error()
                            + "'\n" + k.log());
                } else {
                    sameError++;
                }
            }
        }
        List<Path> reference = referencePrograms();
        int referenceLoaded = 0;
        for (Path f : reference) {
            Program p = Assembler.assemble(Files.readString(f), f.getFileName().toString(), Syntax.LLVM);
            if (KernelOracle.load(p, 1, f.toString().contains("cpumap_") ? 1 : 0)
                    .accepted()) {
                referenceLoaded++;
            } else {
                mismatches.add(f.getFileName() + ": the kernel rejects a reference program that jxdp accepts");
            }
        }
        new KernelReport("verifier corpus")
                .row("corpus (privileged)", checked, verdicts, sameError, rejects)
                .row("reference programs", reference.size(), referenceLoaded, 0, 0)
                .print(System.out);
        assertTrue(mismatches.isEmpty(), () -> mismatches.size() + " mismatches:\n" + String.join("\n", mismatches));
    }

    static List<Path> referencePrograms() throws IOException {
        Path root = Path.of(System.getProperty("user.dir"))
                .resolveSibling("programs")
                .resolve("src/main/resources/programs");
        try (var s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".bpf")).sorted().toList();
        }
    }
}
