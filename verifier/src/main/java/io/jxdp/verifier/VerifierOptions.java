package io.jxdp.verifier;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How to verify: privileged (the default: CAP_BPF and CAP_PERFMON, as a root XDP loader has) or
 * unprivileged (no pointer leaks or comparisons, no uninitialized stack reads, no back-edges, 4096
 * instructions at most), the program type, and the log level (0 none, 1 the failing path, 2 every
 * instruction). Immutable; the {@code with} methods return changed copies.
 */
public final class VerifierOptions {
    private static final VerifierOptions DEFAULTS = new VerifierOptions(true, 1, ProgramType.xdp(), 1_000_000, null);

    private final boolean privileged;
    private final int logLevel;
    private final ProgramType programType;
    private final int insnBudget;
    /** The helper ids the engine runs, or null: every helper the kernel allows verifies. */
    private final Set<Integer> helpers;

    private VerifierOptions(
            boolean privileged, int logLevel, ProgramType programType, int insnBudget, Set<Integer> helpers) {
        this.privileged = privileged;
        this.logLevel = logLevel;
        this.programType = programType;
        this.insnBudget = insnBudget;
        this.helpers = helpers;
    }

    /** Privileged, log level 1, XDP, the kernel's budget of 1,000,000 processed instructions. */
    public static VerifierOptions defaults() {
        return DEFAULTS;
    }

    public VerifierOptions withPrivileged(boolean value) {
        return new VerifierOptions(value, logLevel, programType, insnBudget, helpers);
    }

    public VerifierOptions withLogLevel(int level) {
        if (level < 0 || level > 2) {
            throw new IllegalArgumentException("log level " + level + " is not 0, 1 or 2");
        }
        return new VerifierOptions(privileged, level, programType, insnBudget, helpers);
    }

    public VerifierOptions withProgramType(ProgramType type) {
        return new VerifierOptions(privileged, logLevel, Objects.requireNonNull(type), insnBudget, helpers);
    }

    /** The processed-instruction budget (BPF_COMPLEXITY_LIMIT_INSNS); lower it to fail fast. */
    public VerifierOptions withInsnBudget(int budget) {
        if (budget < 1) {
            throw new IllegalArgumentException("budget " + budget);
        }
        return new VerifierOptions(privileged, logLevel, programType, budget, helpers);
    }

    /**
     * Verifies for an engine that runs only these helpers: a call to a helper the kernel allows but
     * the set lacks is rejected (ErrorCode.HELPER_NOT_EMULATED) with a sentence naming it, after the
     * kernel's own checks of the call. Without a set (the default) every helper the kernel allows
     * verifies, as in the kernel.
     */
    public VerifierOptions withHelpers(Set<Integer> implemented) {
        return new VerifierOptions(privileged, logLevel, programType, insnBudget, Set.copyOf(implemented));
    }

    /** The helpers the engine runs, or empty when every helper the kernel allows verifies. */
    public Optional<Set<Integer>> helpers() {
        return Optional.ofNullable(helpers);
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
