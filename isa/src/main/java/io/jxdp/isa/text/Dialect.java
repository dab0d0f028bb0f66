package io.jxdp.isa.text;

/**
 * The two text forms of eBPF that jxdp reads and prints.
 *
 * <p>Both print every instruction the decoder accepts, and the assembler reads back exactly what
 * they print, so text -> bytes -> text -> bytes is the identity in either dialect.
 */
public enum Dialect {
    /** The uBPF / bpf_conformance assembler syntax: {@code mov %r0, 1}, {@code ldxw %r2, [%r1+4]}. */
    UBPF,
    /** The C-like syntax of LLVM and the kernel, as {@code llvm-objdump -d} prints it: {@code r0 = 1}. */
    LLVM;

    /** The printer of this dialect. */
    public InstructionPrinter printer() {
        return this == UBPF ? UbpfPrinter.INSTANCE : LlvmPrinter.INSTANCE;
    }
}
