package io.jxdp.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class BranchPathTest {
    private static final BranchStep LOOP = new BranchStep(9, 6, true);
    private static final BranchStep ENTER = new BranchStep(3, 4, false);
    private static final BranchStep OUT = new BranchStep(9, 10, false);

    private static List<BranchStep> times(int n, BranchStep... cycle) {
        List<BranchStep> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Collections.addAll(out, cycle);
        }
        return out;
    }

    private static List<BranchStep> concat(List<BranchStep> a, List<BranchStep> b) {
        List<BranchStep> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    @Test
    void aStepRepeatedInARowIsWrittenOnceWithItsCount() {
        List<BranchStep> path = concat(concat(List.of(new BranchStep(1, 2, false)), times(186, LOOP)), List.of(OUT));
        assertEquals(
                "  path: 1->2 (fall-through), 9->6 (taken) x186, 9->10 (fall-through)",
                BranchPath.line("  path: ", path, 100));
    }

    @Test
    void aRepeatedCycleOfSeveralStepsIsOneItem() {
        List<BranchStep> path = concat(times(40, ENTER, LOOP), List.of(OUT));
        assertEquals(
                "  path: (3->4 (fall-through), 9->6 (taken)) x40, 9->10 (fall-through)",
                BranchPath.line("  path: ", path, 100));
    }

    @Test
    void aTieGoesToTheShorterCycle() {
        assertEquals("  path: 9->6 (taken) x4", BranchPath.line("  path: ", times(4, LOOP), 100));
    }

    @Test
    void stepsThatDoNotRepeatAreListedAsTheyAre() {
        List<BranchStep> path = List.of(new BranchStep(1, 3, true), new BranchStep(4, 5, false));
        assertEquals("  path: 1->3 (taken), 4->5 (fall-through)", BranchPath.line("  path: ", path, 100));
    }

    @Test
    void aLineStillTooWideKeepsItsStartAndItsEndAroundTheCountOfStepsLeftOut() {
        List<BranchStep> path = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            path.add(new BranchStep(10 * i, 10 * i + 5, i % 2 == 0));
        }
        String line = BranchPath.line("  path: ", path, 100);
        assertEquals("  path: 0->5 (taken), 10->15 (fall-through), ... 27 steps ..., 290->295 (fall-through)", line);
        assertTrue(line.length() < 100, line);
    }

    @Test
    void theExplanationUsesTheFoldedPath() {
        VerifierError e = new VerifierError(
                ErrorCode.TOO_COMPLEX,
                9,
                "(2d) if r1 > r2 goto pc-4",
                "BPF program is too large.",
                -1,
                "",
                concat(times(180, LOOP), List.of(OUT)),
                "",
                "hint");
        assertEquals(
                "TOO_COMPLEX (budget exceeded) at insn 9: (2d) if r1 > r2 goto pc-4\n"
                        + "  kernel: BPF program is too large.\n"
                        + "  path: 9->6 (taken) x180, 9->10 (fall-through)\n"
                        + "  fix: hint",
                e.explain());
    }
}
