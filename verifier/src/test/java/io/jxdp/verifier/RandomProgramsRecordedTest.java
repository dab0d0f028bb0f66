package io.jxdp.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxdp.isa.Program;
import io.jxdp.verifier.testing.RandomPrograms;
import io.jxdp.verifier.testing.RecordedVerdicts;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The random programs of {@link RandomPrograms} against the kernel's verdicts and error lines
 * recorded by {@code KernelDifferentialTest} (the release that answered is on every line): the
 * default build's check of jxdp against the kernel, with no kernel needed.
 */
class RandomProgramsRecordedTest {
    @Test
    void jxdpGivesTheRecordedKernelVerdicts() {
        List<RecordedVerdicts.Verdict> recorded = RecordedVerdicts.read();
        assertEquals(400, recorded.size(), "recorded seeds");
        List<String> diffs = new ArrayList<>();
        for (RecordedVerdicts.Verdict r : recorded) {
            Program p = RandomPrograms.generate(r.seed());
            assertEquals(
                    r.digest(),
                    RecordedVerdicts.digest(p),
                    () -> "seed " + r.seed()
                            + ": RandomPrograms no longer generates the recorded program; re-record with -Pkernel -Djxdp.record=true");
            VerifierResult ours = Verifier.verify(p, VerifierOptions.defaults());
            if (ours.accepted() != r.accept()) {
                diffs.add("seed " + r.seed() + ": kernel " + r.kernel()
                        + (r.accept() ? " accepts" : " rejects: " + r.error()) + "; jxdp "
                        + (ours.accepted()
                                ? "accepts"
                                : "rejects: " + ours.error().orElseThrow().kernelMessage()));
            } else if (!r.accept()
                    && !KernelDifferentialTest.sameError(
                            r.error(), ours.error().orElseThrow().kernelMessage())) {
                diffs.add("seed " + r.seed() + ": kernel " + r.kernel() + " says '" + r.error() + "', jxdp '"
                        + ours.error().orElseThrow().kernelMessage() + "'");
            }
        }
        assertTrue(
                diffs.isEmpty(), () -> diffs.size() + " differences from the recording:\n" + String.join("\n", diffs));
    }
}
