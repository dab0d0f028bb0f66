package io.jxdp.verifier;

import java.util.Set;

/**
 * How to verify: privileged (the default: CAP_BPF and CAP_PERFMON, as a root XDP loader has) or
 * unprivileged (no pointer leaks or comparisons, no uninitialized stack reads, no back-edges, 4096
 * instructions at most), the program type, and the log level (0 none, 1 the failing path, 2 every
 * instruction), whether the program's license is GPL-compatible (the default; kfuncs and GPL-only
 * helpers need it) and whether it is bound to a device (metadata kfuncs need it). Immutable; the
 * {@code with} methods return changed copies.
 */
public final class VerifierOptions {
    private static final VerifierOptions DEFAULTS =
            new VerifierOptions(true, 1, ProgramType.xdp(), 1_000_000, true, false, null);

    /** include/linux/license.h's license_is_gpl_compatible. */
    private static final java.util.Set<String> GPL_COMPATIBLE = java.util.Set.of(
            "GPL", "GPL v2", "GPL and additional rights", "Dual BSD/GPL", "Dual MIT/GPL", "Dual MPL/GPL");

    private final boolean privileged;
    private final int logLevel;
    private final ProgramType programType;
    private final int insnBudget;
    private final boolean gplCompatible;
    private final boolean devBound;
    /** The helper ids the engine runs, or null: every helper the kernel allows verifies. */
    private final Set<Integer> helpers;

    private VerifierOptions(
            boolean privileged,
            int logLevel,
            ProgramType programType,
            int insnBudget,
            boolean gplCompatible,
            boolean devBound,
            Set<Integer> helpers) {
        this.privileged = privileged;
        this.logLevel = logLevel;
        this.programType = programType;
        this.insnBudget = insnBudget;
        this.gplCompatible = gplCompatible;
        this.devBound = devBound;
        this.helpers = helpers;
    }

    /** Whether the kernel takes a program of this license as GPL-compatible (the exact strings of license.h). */
    public static boolean isGplCompatible(String license) {
        return GPL_COMPATIBLE.contains(license);
    }

    /** Privileged, log level 1, XDP, the kernel's budget of 1,000,000 processed instructions. */
    public static VerifierOptions defaults() {
        return DEFAULTS;
    }

    public VerifierOptions withPrivileged(boolean value) {
        return new VerifierOptions(value, logLevel, programType, insnBudget, gplCompatible, devBound, helpers);
    }

    public VerifierOptions withLogLevel(int level) {
        if (level < 0 || level > 2) {
            throw new IllegalArgumentException("log level " + level + " is not 0, 1 or 2");
        }
        return new VerifierOptions(privileged, level, programType, insnBudget, gplCompatible, devBound, helpers);
    }

    public VerifierOptions withProgramType(ProgramType type) {
        return new VerifierOptions(
                privileged,
                logLevel,
                java.util.Objects.requireNonNull(type),
                insnBudget,
                gplCompatible,
                devBound,
                helpers);
    }

    /** The processed-instruction budget (BPF_COMPLEXITY_LIMIT_INSNS); lower it to fail fast. */
    public VerifierOptions withInsnBudget(int budget) {
        if (budget < 1) {
            throw new IllegalArgumentException("budget " + budget);
        }
        return new VerifierOptions(privileged, logLevel, programType, budget, gplCompatible, devBound, helpers);
    }

    /** As a program whose license is GPL-compatible (the default), or not ({@link #isGplCompatible}). */
    public VerifierOptions withGplCompatible(boolean value) {
        return new VerifierOptions(privileged, logLevel, programType, insnBudget, value, devBound, helpers);
    }

    /** As a program bound to a device ({@code BPF_F_XDP_DEV_BOUND_ONLY}), which may call metadata kfuncs. */
    public VerifierOptions withDevBound(boolean value) {
        return new VerifierOptions(privileged, logLevel, programType, insnBudget, gplCompatible, value, helpers);
    }

    public boolean gplCompatible() {
        return gplCompatible;
    }

    public boolean devBound() {
        return devBound;
    }

    /**
     * Verifies for an engine that runs only these helpers: a call to a helper the kernel allows but
     * the set lacks is rejected (ErrorCode.HELPER_NOT_EMULATED) with a sentence naming it, after the
     * kernel's own checks of the call. Without a set (the default) every helper the kernel allows
     * verifies, as in the kernel.
     */
    public VerifierOptions withHelpers(Set<Integer> implemented) {
        return new VerifierOptions(
                privileged, logLevel, programType, insnBudget, gplCompatible, devBound, Set.copyOf(implemented));
    }

    /** The helpers the engine runs, or empty when every helper the kernel allows verifies. */
    public java.util.Optional<Set<Integer>> helpers() {
        return java.util.Optional.ofNullable(helpers);
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
