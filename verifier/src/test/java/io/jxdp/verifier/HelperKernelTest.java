package io.jxdp.verifier;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxdp.isa.Program;
import io.jxdp.verifier.testing.FillHeaders;
import io.jxdp.verifier.testing.HelperCallCases;
import io.jxdp.verifier.testing.KernelOracle;
import io.jxdp.verifier.testing.KernelRelease;
import io.jxdp.verifier.testing.RecordedVerdicts;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Live ({@code -Pkernel}): the helper-call programs of {@link HelperCallCases} are loaded into the
 * running kernel, whose answers must be the recording's (so the default build's
 * {@code HelperRecordedTest} compares jxdp with this kernel); with {@code -Djxdp.record=true} the
 * recording is rewritten from this kernel.
 */
@Tag("kernel")
class HelperKernelTest {
    @Test
    void theRecordingIsThisKernelsAnswer() throws IOException {
        KernelOracle.requireOrSkip();
        String release = KernelRelease.current();
        List<HelperCallCases.Verdict> fresh = new ArrayList<>();
        for (String[] c : HelperCallCases.cases()) {
            int id = Integer.parseInt(c[0]);
            Program p = HelperCallCases.program(id, c[1]);
            KernelOracle.Verdict k = KernelOracle.load(p, 1, 0);
            fresh.add(new HelperCallCases.Verdict(
                    id,
                    c[1],
                    RecordedVerdicts.digest(p),
                    k.accepted(),
                    k.accepted() ? "" : FillHeaders.errorLine(k.log()),
                    release));
        }
        if (Boolean.getBoolean("jxdp.record")) {
            System.out.println("recorded " + fresh.size() + " verdicts in " + HelperCallCases.write(fresh));
            return;
        }
        List<HelperCallCases.Verdict> recorded = HelperCallCases.read();
        List<String> diffs = new ArrayList<>();
        for (int i = 0; i < fresh.size(); i++) {
            HelperCallCases.Verdict f = fresh.get(i);
            HelperCallCases.Verdict r = i < recorded.size() ? recorded.get(i) : null;
            if (r == null
                    || r.accept() != f.accept()
                    || !r.error().equals(f.error())
                    || !r.digest().equals(f.digest())) {
                diffs.add(f.id() + " " + f.variant() + ": this kernel "
                        + (f.accept() ? "accepts" : "says '" + f.error() + "'") + ", recorded "
                        + (r == null ? "nothing" : r.accept() ? "accept" : "'" + r.error() + "' on " + r.kernel()));
            }
        }
        assertTrue(
                diffs.isEmpty() && recorded.size() == fresh.size(),
                () -> "the recording is not this kernel's; re-record with -Djxdp.record=true:\n"
                        + String.join("\n", diffs));
    }
}
