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
     * {@code =}, starting with a register, {@code *}, {@code if}, {@code goto} or {@code gotol}, or
     * {@code call pc+N} / {@code call NAME}, is LLVM; a line with {@code %}, another mnemonic, or
     * {@code call local|runtime|helper} is uBPF. Lines both dialects read alike ({@code exit},
     * {@code call 5}, {@code callx}) do not decide; a file of only such lines is read as LLVM.
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
