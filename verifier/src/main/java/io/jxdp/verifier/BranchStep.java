package io.jxdp.verifier;

/**
 * One decision on the path to an error: the conditional jump at {@code pc} went to {@code target},
 * taken ({@code goto}) or not (fall-through).
 */
public record BranchStep(int pc, int target, boolean taken) {
    @Override
    public String toString() {
        return pc + "->" + target + (taken ? " (taken)" : " (fall-through)");
    }
}
