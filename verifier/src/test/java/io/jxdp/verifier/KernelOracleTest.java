package io.jxdp.verifier;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxdp.verifier.testing.CorpusEntry;
import io.jxdp.verifier.testing.KernelOracle;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Optional: where the running kernel's bpf() works (root, gcc), every privileged corpus program is
 * loaded into the kernel as BPF_PROG_TYPE_XDP and its verdict must equal both the header's and
 * jxdp's; so must the error line. Skipped cleanly elsewhere. (The kernel cannot load XDP programs
 * without CAP_BPF, so the unprivileged entries are checked by {@link CorpusTest} only.)
 */
class KernelOracleTest {
    @Test
    void theRunningKernelAgreesWithTheCorpusAndWithJxdp() {
        Assumptions.assumeTrue(KernelOracle.available(), () -> "kernel oracle unavailable: " + KernelOracle.unavailableReason());
        List<String> mismatches = new ArrayList<>();
        int checked = 0;
        int sameError = 0;
        int rejects = 0;
        for (CorpusEntry e : CorpusEntry.all()) {
            if (e.unprivileged()) {
                continue;
            }
            checked++;
            KernelOracle.Verdict k = KernelOracle.load(e.program(), 1, e.attachType());
            VerifierResult ours = Verifier.verify(e.program(), e.options(1));
            if (k.accepted() != e.accept() || k.accepted() != ours.accepted()) {
                mismatches.add(e.name() + ": kernel " + (k.accepted() ? "accept" : "reject") + ", header " + (e.accept() ? "accept" : "reject")
                        + ", jxdp " + (ours.accepted() ? "accept" : "reject") + "\n--- kernel log:\n" + k.log() + "--- jxdp log:\n" + ours.log());
                continue;
            }
            if (!k.accepted()) {
                rejects++;
                if (!k.log().contains(e.error())) {
                    mismatches.add(e.name() + ": the kernel's log lacks the header's error '" + e.error() + "'\n" + k.log());
                } else {
                    sameError++;
                }
            }
        }
        System.out.printf("kernel oracle: %d programs, %d agree on the verdict, %d of %d rejections with the same error text%n",
                checked, checked - mismatches.size(), sameError, rejects);
        assertTrue(mismatches.isEmpty(), () -> mismatches.size() + " mismatches:\n" + String.join("\n", mismatches));
    }
}
