package io.jxdp;

import io.jxdp.verifier.VerifierError;
import io.jxdp.verifier.VerifierResult;
import java.util.Optional;

/**
 * What the verifier said about a program: accepted or rejected, the log in the kernel's format
 * (what {@code bpftool prog load} prints with a log level of 1), and for a rejection the kernel's
 * error text and jxdp's explanation of it (the failing instruction, the registers involved, why,
 * and how to fix it), also as data ({@link #error()}). A program loaded with verification off has
 * a verification that is {@linkplain #skipped() skipped}.
 */
public final class Verification {
    private final VerifierResult result;

    private Verification(VerifierResult result) {
        this.result = result;
    }

    static Verification of(VerifierResult result) {
        return new Verification(result);
    }

    static Verification notVerified() {
        return new Verification(null);
    }

    /** True if the verifier accepted the program, or was not asked. */
    public boolean accepted() {
        return result == null || result.accepted();
    }

    /** True if the program was loaded with verification off. */
    public boolean skipped() {
        return result == null;
    }

    /**
     * The verifier's log as the kernel writes it: for a rejection the failing path, the error and
     * the statistics line; for an acceptance the statistics line alone (empty when skipped).
     */
    public String log() {
        return result == null ? "" : result.log();
    }

    /** The kernel's error text of a rejection, such as {@code "R0 !read_ok"}; empty when accepted. */
    public String message() {
        return result == null
                ? ""
                : result.error().map(VerifierError::kernelMessage).orElse("");
    }

    /**
     * For a rejection, the explanation {@code jxdp verify} prints under the log: error code, the
     * instruction, the kernel's words, the registers, why and how to fix it; empty when accepted.
     */
    public String explanation() {
        return result == null ? "" : result.error().map(VerifierError::explain).orElse("");
    }

    /** The rejection as data (code, pc, category, path, hint), if the program was rejected. */
    public Optional<VerifierError> error() {
        return result == null ? Optional.empty() : result.error();
    }

    /** Everything the verifier reported, as {@code jxdp verify --json} prints it; {@code "{}"} when skipped. */
    public String toJson() {
        return result == null ? "{}" : result.toJson();
    }

    VerifierResult result() {
        return result;
    }

    /** {@code "accepted (processed ...)"}, {@code "rejected: ... [CODE]"} or {@code "not verified"}. */
    @Override
    public String toString() {
        return result == null ? "not verified" : result.toString();
    }
}
