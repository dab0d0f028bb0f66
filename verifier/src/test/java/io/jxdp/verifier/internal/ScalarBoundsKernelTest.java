package io.jxdp.verifier.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxdp.verifier.testing.KernelOracle;
import io.jxdp.verifier.testing.KernelRelease;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Asks the running kernel the crafted scalar-bounds cases again (-Pkernel) and checks that the recorded
 * answers are still its answers; with {@code -Djxdp.record=true} it writes them to
 * {@code src/test/resources/kernel-verdicts/scalar-bounds.tsv} instead.
 */
@Tag("kernel")
class ScalarBoundsKernelTest {
    private static final String HEADER = """
            # The running kernel's scalar bounds for the crafted cases of BoundsCases (the range x range x comparison
            # cases of tools/testing/selftests/bpf/prog_tests/reg_bounds.c, and ALU cases for adjust_scalar_min_max_vals),
            # read from its verifier log (level 2) by ScalarBoundsKernelTest; ScalarBoundsRecordedTest checks jxdp against it.
            # Columns: kind, op, width, r6 setup, r7 setup (see BoundsCase), r6 and r7 before the operation, verdict
            # (split, never or always taken; alu), r6 and r7 on the fall-through (alu: r6 after), r6 and r7 on the taken
            # branch, kernel release. Registers as the kernel prints them, scalar ids left out; '-' where there is none.
            # Re-record as root: mvn -B verify -Pkernel -pl verifier -am -Djxdp.record=true -Dtest=ScalarBoundsKernelTest -Dsurefire.failIfNoSpecifiedTests=false
            """;

    @Test
    void theRecordedAnswersAreTheKernels() throws IOException {
        KernelOracle.requireOrSkip();
        String release = KernelRelease.current();
        Map<String, String> live = new LinkedHashMap<>();
        for (BoundsCase c : BoundsCases.all()) {
            BoundsCase.Built b = c.build();
            KernelOracle.Verdict v = KernelOracle.load(b.program(), 2, 0);
            assertTrue(v.accepted(), c.key() + ": the kernel refused the case's program:\n" + v.log());
            live.put(c.key(), BoundsAnswer.fromKernelLog(c, b, v.log()).columns());
        }
        if (Boolean.getBoolean("jxdp.record")) {
            StringBuilder out = new StringBuilder(HEADER);
            live.forEach((k, a) -> out.append(k)
                    .append('\t')
                    .append(a)
                    .append('\t')
                    .append(release)
                    .append('\n'));
            Path file = Path.of(
                    System.getProperty("jxdp.source.dir", "."), "src/test/resources/kernel-verdicts/scalar-bounds.tsv");
            Files.writeString(file, out.toString(), StandardCharsets.UTF_8);
            return;
        }
        List<String> differences = new ArrayList<>();
        int agree = 0;
        List<ScalarBoundsRecordedTest.Recorded> recorded = ScalarBoundsRecordedTest.recorded();
        for (ScalarBoundsRecordedTest.Recorded r : recorded) {
            String now = live.get(r.bcase().key());
            if (r.answer().columns().equals(now)) {
                agree++;
            } else {
                differences.add(r.bcase().key() + "\n  recorded (" + r.release() + "): "
                        + r.answer().columns() + "\n  " + release + ": " + now);
            }
        }
        System.out.println("scalar bounds on kernel " + release + ": " + agree + " of " + recorded.size()
                + " recorded answers agree");
        assertEquals(List.of(), differences);
    }
}
