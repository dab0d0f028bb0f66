package io.jxdp.verifier;

/**
 * How to verify: privileged (the default: CAP_BPF and CAP_PERFMON, as a root XDP loader has) or
 * unprivileged (no pointer leaks or comparisons, no uninitialized stack reads, no back-edges, 4096
 * instructions at most), the program type, and the log level (0 none, 1 the failing path, 2 every
 * instruction). Immutable; the {@code with} methods return changed copies.
 */
public final class VerifierOptions {
    private static final VerifierOptions DEFAULTS = new VerifierOptions(true, 1, ProgramType.xdp(), 1_000_000);

    private final boolean privileged;
    private final int logLevel;
    private final ProgramType programType;
    private final int insnBudget;

    private VerifierOptions(boolean privileged, int logLevel, ProgramType programType, int insnBudget) {
        this.privileged = privileged;
        this.logLevel = logLevel;
        this.programType = programType;
        this.insnBudget = insnBudget;
    }

    /** Privileged, log level 1, XDP, the kernel's budget of 1,000,000 processed instructions. */
    public static VerifierOptions defaults() {
        return DEFAULTS;
    }

    public VerifierOptions withPrivileged(boolean value) {
        return new VerifierOptions(value, logLevel, programType, insnBudget);
    }

    public VerifierOptions withLogLevel(int level) {
        if (level < 0 || level > 2) {
            throw new IllegalArgumentException("log level " + level + " is not 0, 1 or 2");
        }
        return new VerifierOptions(privileged, level, programType, insnBudget);
    }

    public VerifierOptions withProgramType(ProgramType type) {
        return new VerifierOptions(privileged, logLevel, java.util.Objects.requireNonNull(type), insnBudget);
    }

    /** The processed-instruction budget (BPF_COMPLEXITY_LIMIT_INSNS); lower it to fail fast. */
    public VerifierOptions withInsnBudget(int budget) {
        if (budget < 1) {
            throw new IllegalArgumentException("budget " + budget);
        }
        return new VerifierOptions(privileged, logLevel, programType, budget);
    }

    public boolean privileged() {
        return privileged;
    }

    public int logLevel() {
        return logLevel;
    }

    public ProgramType programType() {
        return programType;
    }

    public int insnBudget() {
        return insnBudget;
    }

    @Override
    public String toString() {
        return (privileged ? "privileged" : "unprivileged") + ", " + programType + ", log level " + logLevel;
    }
}
