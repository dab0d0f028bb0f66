package io.jxdp.verifier;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxdp.verifier.testing.KernelOracle;
import io.jxdp.verifier.testing.KernelRelease;
import io.jxdp.verifier.testing.KernelReport;
import io.jxdp.verifier.testing.RecordedLogs;
import io.jxdp.verifier.testing.StructuralCases;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Live ({@code -Pkernel}): every structural case loaded into the running kernel as raw bytes. Its
 * log must be the recorded one ({@link StructuralCases#RESOURCE}), so the recording the default
 * build checks jxdp against stays the kernel's. With {@code -Djxdp.record=true} the recording is
 * rewritten from this kernel instead.
 */
@Tag("kernel")
class StructuralKernelTest {
    @Test
    void theRunningKernelGivesTheRecordedLogs() throws IOException {
        KernelOracle.requireOrSkip();
        List<StructuralCases.Case> cases = StructuralCases.all();
        Map<String, RecordedLogs.Answer> live = new LinkedHashMap<>();
        for (StructuralCases.Case c : cases) {
            KernelOracle.Verdict k = KernelOracle.load(c.program(), 1, 0);
            live.put(c.name(), new RecordedLogs.Answer(k.accepted(), k.errno(), k.log()));
        }
        if (Boolean.getBoolean("jxdp.record")) {
            Path file = RecordedLogs.write(
                    StructuralCases.RESOURCE,
                    List.of(
                            "The running kernel's level-1 logs for testing.StructuralCases (raw bytes, BPF_PROG_TYPE_XDP, privileged),",
                            "recorded by StructuralKernelTest; checked against jxdp by StructuralRecordedTest.",
                            "kernel: " + KernelRelease.current(),
                            "Re-record as root: mvn -B verify -Pkernel -pl verifier -am -Djxdp.record=true "
                                    + "-Dtest=StructuralKernelTest -Dsurefire.failIfNoSpecifiedTests=false"),
                    live);
            System.out.println("recorded " + live.size() + " kernel logs in " + file);
            return;
        }
        Map<String, RecordedLogs.Answer> recorded = RecordedLogs.read(StructuralCases.RESOURCE);
        List<String> differences = new ArrayList<>();
        int same = 0;
        int sameVerdict = 0;
        for (StructuralCases.Case c : cases) {
            RecordedLogs.Answer k = live.get(c.name());
            RecordedLogs.Answer r = recorded.get(c.name());
            if (r == null) {
                differences.add(c.name() + ": not recorded (re-record with -Djxdp.record=true)");
            } else if (k.accept() != r.accept()) {
                differences.add(c.name() + ": the kernel " + (k.accept() ? "accepts" : "rejects")
                        + ", the recording says otherwise");
            } else {
                sameVerdict++;
                if (k.log().equals(r.log())) {
                    same++;
                } else {
                    differences.add(
                            c.name() + ": the kernel's log\n" + k.log() + "differs from the recorded one\n" + r.log());
                }
            }
        }
        new KernelReport("structural cases (recording)")
                .row("kernel vs recording", cases.size(), sameVerdict, same, cases.size())
                .print(System.out);
        assertTrue(
                differences.isEmpty(), () -> differences.size() + " differences:\n" + String.join("\n", differences));
    }
}
