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

    VerifierResult(
            Program program,
            VerifierOptions options,
            String log,
            VerifierStats stats,
            VerifierError error,
            VerifiedProgram verified) {
        this.program = program;
        this.options = options;
        this.log = log;
        this.stats = stats;
        this.error = error;
        this.verified = verified;
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
