package io.jxdp.verifier;

import io.jxdp.isa.Program;
import java.util.Optional;

/**
 * The outcome of verifying a program: accepted or rejected, the kernel-format log, the statistics
 * line, and for a rejection a {@link VerifierError} with code, category, path, origin and hint; for
 * an acceptance a {@link VerifiedProgram} carrying the facts for the JIT.
 */
public final class VerifierResult {
    private final Program program;
    private final VerifierOptions options;
    private final String log;
    private final VerifierStats stats;
    private final VerifierError error;
    private final VerifiedProgram verified;
    private final java.util.Map<Integer, java.util.List<String>> states;

    VerifierResult(
            Program program,
            VerifierOptions options,
            String log,
            VerifierStats stats,
            VerifierError error,
            VerifiedProgram verified) {
        this(program, options, log, stats, error, verified, java.util.Map.of());
    }

    VerifierResult(
            Program program,
            VerifierOptions options,
            String log,
            VerifierStats stats,
            VerifierError error,
            VerifiedProgram verified,
            java.util.Map<Integer, java.util.List<String>> states) {
        this.states = java.util.Map.copyOf(states);
        this.program = program;
        this.options = options;
        this.log = log;
        this.stats = stats;
        this.error = error;
        this.verified = verified;
    }

    /**
     * The states the verifier walked into {@code pc} with, as log level 2 prints a full state
     * ({@code R1=ctx() R10=fp0}), each once, in the order it met them; empty below log level 2
     * and for a pc it never reached (dead code, or only pruned paths).
     */
    public java.util.List<String> statesAt(int pc) {
        return states.getOrDefault(pc, java.util.List.of());
    }

    public boolean accepted() {
        return error == null;
    }

    public Program program() {
        return program;
    }

    public VerifierOptions options() {
        return options;
    }

    /** The log in the kernel's format at the requested level (empty at level 0). */
    public String log() {
        return log;
    }

    public VerifierStats stats() {
        return stats;
    }

    public Optional<VerifierError> error() {
        return Optional.ofNullable(error);
    }

    /** The program with its facts, if accepted. */
    public Optional<VerifiedProgram> verified() {
        return Optional.ofNullable(verified);
    }

    /** The verified program, or a {@link VerifierException} describing the rejection. */
    public VerifiedProgram orThrow() {
        if (error != null) {
            throw new VerifierException(this);
        }
        return verified;
    }

    /** Everything as one JSON object (see {@link Json}). */
    public String toJson() {
        return Json.of(this);
    }

    @Override
    public String toString() {
        return accepted()
                ? "accepted (" + stats.line() + ")"
                : "rejected: " + error.firstLine() + " [" + error.code() + "]";
    }
}
