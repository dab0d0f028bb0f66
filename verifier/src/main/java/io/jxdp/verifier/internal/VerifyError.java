package io.jxdp.verifier.internal;

import io.jxdp.verifier.ErrorCode;

/** A rejection raised deep in a check; the main loop turns it into the result. Carries the kernel's text. */
public final class VerifyError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The kernel's message, possibly several lines, without the final newline. */
    public final String text;
    public final ErrorCode code;
    /** The register the error is about, or -1. */
    public final int regno;

    public VerifyError(ErrorCode code, int regno, String text) {
        super(text, null, false, false);
        this.code = code;
        this.regno = regno;
        this.text = text;
    }

    public VerifyError(ErrorCode code, String text) {
        this(code, -1, text);
    }
}
