package io.jxdp.isa;

/**
 * The five fields of one 8-byte instruction slot as they are encoded, read without judging them:
 * what the kernel's verifier sees in {@code struct bpf_insn} before it knows whether the slot is an
 * instruction. A slot holds {@code code} (byte 0), {@code dst} (low nibble of byte 1), {@code src}
 * (high nibble), {@code off} (bytes 2-3, signed) and {@code imm} (bytes 4-7, signed), little-endian.
 *
 * @param code the opcode byte, 0 to 255
 * @param dst the dst register field, 0 to 15
 * @param src the src register field, 0 to 15
 * @param off the signed 16-bit offset
 * @param imm the signed 32-bit immediate
 */
public record RawSlot(int code, int dst, int src, int off, int imm) {
    /** The slot whose eight bytes, little-endian, are {@code bits}. */
    public static RawSlot of(long bits) {
        return new RawSlot(
                (int) (bits & 0xff), (int) (bits >>> 8) & 0xf, (int) (bits >>> 12) & 0xf, (short) (bits >>> 16), (int)
                        (bits >>> 32));
    }

    /** The slot at {@code pc} in raw bytecode. */
    public static RawSlot at(byte[] bytecode, int pc) {
        return of(bits(bytecode, pc));
    }

    /** The eight bytes of the slot at {@code pc} as one little-endian long. */
    public static long bits(byte[] bytecode, int pc) {
        long v = 0;
        for (int k = 7; k >= 0; k--) {
            v = v << 8 | (bytecode[pc * 8 + k] & 0xffL);
        }
        return v;
    }

    /** The eight bytes of this slot as one little-endian long. */
    public long bits() {
        return (code & 0xffL)
                | (dst & 0xfL) << 8
                | (src & 0xfL) << 12
                | (off & 0xffffL) << 16
                | (imm & 0xffff_ffffL) << 32;
    }

    /** The instruction class, {@code BPF_CLASS(code)}: the low three bits. */
    public int insnClass() {
        return code & 0x07;
    }

    /** {@code BPF_OP(code)} of ALU and jump classes: the high four bits, in place. */
    public int op() {
        return code & 0xf0;
    }

    /** {@code BPF_SRC(code)}: 0 for an immediate operand (K), 8 for a register (X). */
    public int source() {
        return code & 0x08;
    }

    /** {@code BPF_MODE(code)} of load and store classes: the high three bits, in place. */
    public int mode() {
        return code & 0xe0;
    }

    /** {@code BPF_SIZE(code)} of load and store classes: bits 3-4, in place. */
    public int size() {
        return code & 0x18;
    }

    /** True for the first slot of a 64-bit immediate load, {@code BPF_LD | BPF_IMM | BPF_DW} (0x18). */
    public boolean isLdImm64() {
        return code == 0x18;
    }
}
