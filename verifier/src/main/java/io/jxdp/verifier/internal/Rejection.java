package io.jxdp.verifier.internal;

import io.jxdp.verifier.ErrorCode;

/** A rejection raised deep in a check; the main loop turns it into the result. Carries the kernel's text. */
public final class Rejection extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The kernel's message, possibly several lines, without the final newline. */
    public final String text;

    public final ErrorCode code;
    /** The register the error is about, or -1. */
    public final int regno;
    /** For the passes before the walk: the slot the error is about, or -1 (the walk knows its pc). */
    public final int pc;

    public Rejection(ErrorCode code, int regno, String text) {
        this(code, regno, text, -1);
    }

    public Rejection(ErrorCode code, String text) {
        this(code, -1, text, -1);
    }

    private Rejection(ErrorCode code, int regno, String text, int pc) {
        super(text, null, false, false);
        this.code = code;
        this.regno = regno;
        this.text = text;
        this.pc = pc;
    }

    /** A rejection of a pass before the walk, about the slot at {@code pc}. */
    public static Rejection at(int pc, ErrorCode code, String text) {
        return new Rejection(code, -1, text, pc);
    }
}
