package io.jxdp.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxdp.verifier.testing.RecordedLogs;
import io.jxdp.verifier.testing.StructuralCases;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * jxdp against the kernel's recorded logs for the structural cases (raw bytes the kernel refuses
 * for their structure, several faults at once, every opcode byte with each field set): the
 * verdict and the whole level-1 log must be the kernel's, so the first message, its stage and
 * the instruction lines before it are. The exceptions are instructions jxdp does not model, each
 * named below with the exact rejection jxdp gives instead.
 */
class StructuralRecordedTest {
    /** Cases the kernel judges on what jxdp does not model, and jxdp's exact words for them. */
    private static final Map<String, String> JXDP_DIFFERS = Map.of(
            "e2_mayguard", "jxdp does not model may_goto (the kernel's verifier accepts it)",
            "sweep-plain-e5", "jxdp does not model may_goto (the kernel's verifier accepts it)",
            "sweep-off-e5", "jxdp does not model may_goto (the kernel's verifier accepts it)",
            "d29_atomic_b", "jxdp does not model load_acquire and store_release (the kernel's verifier checks them)",
            // the same message, but the kernel stores a state at a may_goto first (a forced
            // checkpoint), so its statistics line counts one state more
            "sweep-dst-e5", "invalid may_goto imm 0",
            "sweep-imm-e5", "invalid may_goto imm 1",
            // the kernel goes on to check the arguments of an XDP kfunc; jxdp cannot run it
            "k12_kfunc_xdp_not_emulated",
                    "kernel function bpf_xdp_ct_lookup is an XDP kfunc of Linux 6.18.44-fc-v1272 that jxdp does not"
                            + " emulate");

    @Test
    void jxdpWritesTheKernelsLogForEveryStructuralCase() {
        Map<String, RecordedLogs.Answer> recorded = RecordedLogs.read(StructuralCases.RESOURCE);
        List<StructuralCases.Case> cases = StructuralCases.all();
        assertEquals(cases.size(), recorded.size(), "recorded cases; re-record with -Pkernel -Djxdp.record=true");
        List<String> differences = new ArrayList<>();
        for (StructuralCases.Case c : cases) {
            RecordedLogs.Answer kernel = recorded.get(c.name());
            VerifierResult ours = Verifier.verify(c.program(), VerifierOptions.defaults());
            String expectedDifference = JXDP_DIFFERS.get(c.name());
            if (expectedDifference != null) {
                String got = ours.error().map(VerifierError::kernelMessage).orElse("accepted");
                if (!got.equals(expectedDifference)) {
                    differences.add(c.name() + ": jxdp should say '" + expectedDifference + "', says '" + got + "'");
                }
            } else if (kernel == null) {
                differences.add(c.name() + ": not recorded");
            } else if (kernel.accept() != ours.accepted() || !kernel.log().equals(ours.log())) {
                differences.add(c.name() + " (" + c.what() + "):\n--- kernel "
                        + (kernel.accept() ? "accepts" : "rejects") + ":\n" + kernel.log() + "--- jxdp "
                        + (ours.accepted() ? "accepts" : "rejects") + ":\n" + ours.log());
            }
        }
        assertTrue(
                differences.isEmpty(),
                () -> differences.size() + " differences from the kernel:\n" + String.join("\n", differences));
    }
}
