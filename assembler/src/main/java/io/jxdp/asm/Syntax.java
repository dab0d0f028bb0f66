package io.jxdp.asm;

import io.jxdp.isa.text.Dialect;

/** Which text dialect a file is written in. */
public enum Syntax {
    /** The uBPF / conformance syntax: {@code mov %r0, 1}. */
    UBPF,
    /** The LLVM / kernel syntax: {@code r0 = 1}. */
    LLVM,
    /**
     * Decide per file from its first instruction line that only one dialect reads: a line with
     * {@code =}, or one starting with {@code if}, {@code goto}, {@code gotol}, {@code callx} or
     * {@code *(}, or {@code call pc+N}, is LLVM; a line with {@code %} or a uBPF mnemonic is uBPF.
     * Lines both dialects read alike ({@code exit}, {@code call 5}) do not decide; a file of only
     * such lines is read as LLVM.
     */
    AUTO;

    /** The printing dialect for a concrete syntax. */
    public Dialect dialect() {
        return switch (this) {
            case UBPF -> Dialect.UBPF;
            case LLVM -> Dialect.LLVM;
            case AUTO -> throw new IllegalStateException("AUTO has no dialect until a file decides it");
        };
    }
}
