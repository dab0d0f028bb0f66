package io.jxdp.verifier;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxdp.isa.Program;
import io.jxdp.verifier.testing.FillHeaders;
import io.jxdp.verifier.testing.KernelOracle;
import io.jxdp.verifier.testing.RandomPrograms;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Optional: random programs that stress the bounds logic (see {@link RandomPrograms}) are loaded
 * into the running kernel; jxdp must give the same verdict and, for rejections, the same error
 * line. Skipped where the kernel oracle is unavailable.
 */
class KernelDifferentialTest {
    @Test
    void randomProgramsGetTheKernelsVerdict() {
        Assumptions.assumeTrue(KernelOracle.available(), () -> "kernel oracle unavailable: " + KernelOracle.unavailableReason());
        List<String> diffs = new ArrayList<>();
        for (long seed = 0; seed < 400; seed++) {
            Program p = RandomPrograms.generate(seed);
            VerifierResult ours = Verifier.verify(p, VerifierOptions.defaults());
            KernelOracle.Verdict k = KernelOracle.load(p, 1, 0);
            if (k.accepted() != ours.accepted()) {
                diffs.add("seed " + seed + ": kernel " + (k.accepted() ? "accept" : "reject") + "\n" + k.log() + "jxdp:\n" + ours.log());
            } else if (!k.accepted() && !sameError(FillHeaders.errorLine(k.log()), ours.error().orElseThrow().kernelMessage())) {
                diffs.add("seed " + seed + ": kernel says '" + FillHeaders.errorLine(k.log()) + "', jxdp '" + ours.error().get().kernelMessage() + "'");
            }
        }
        assertTrue(diffs.isEmpty(), () -> diffs.size() + " differences:\n" + String.join("\n", diffs));
    }

    /**
     * The same error: the same text, except that an infinite loop may be caught at another insn of
     * the loop (which checkpoint repeats first depends on where states were stored).
     */
    private static boolean sameError(String kernel, String ours) {
        if (kernel.startsWith("infinite loop detected at insn ")) {
            return ours.startsWith("infinite loop detected at insn ");
        }
        return ours.contains(kernel);
    }
}
