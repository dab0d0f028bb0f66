package io.jxdp.verifier;

/** The kernel's closing statistics line: {@code processed N insns (limit 1000000) max_states_per_insn M ...}. */
public record VerifierStats(
        int processedInsns, int insnLimit, int maxStatesPerInsn, int totalStates, int peakStates, int markRead) {
    /** The line as the kernel prints it. */
    public String line() {
        return "processed " + processedInsns + " insns (limit " + insnLimit + ") max_states_per_insn "
                + maxStatesPerInsn + " total_states " + totalStates + " peak_states " + peakStates + " mark_read "
                + markRead;
    }
}
