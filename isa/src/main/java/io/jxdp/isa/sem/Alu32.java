package io.jxdp.isa.sem;

import io.jxdp.isa.Opcode;

/**
 * The ALU (32-bit) operations: {@code dst = f(dst, src)} on the low 32 bits of each operand (the
 * source register or the immediate), the result zero-extended to 64 bits. Division and modulo
 * look at the divisor's low 32 bits only (5 / 2^32 is a division by zero); shift counts are
 * masked to 5 bits.
 */
public final class Alu32 {
    /** The mask that zero-extends a 32-bit result. */
    public static final long LOW32 = 0xffff_ffffL;

    private Alu32() {}

    /** Zero-extends a 32-bit result, as every ALU operation does with its result. */
    public static long zext(int value) {
        return value & LOW32;
    }

    @Semantics({Opcode.ADD32_IMM, Opcode.ADD32_REG})
    public static long add(long dst, long src) {
        return zext((int) dst + (int) src);
    }

    @Semantics({Opcode.SUB32_IMM, Opcode.SUB32_REG})
    public static long sub(long dst, long src) {
        return zext((int) dst - (int) src);
    }

    @Semantics({Opcode.MUL32_IMM, Opcode.MUL32_REG})
    public static long mul(long dst, long src) {
        return zext((int) dst * (int) src);
    }

    /** Unsigned division; x / 0 = 0. */
    @Semantics({Opcode.DIV32_IMM, Opcode.DIV32_REG})
    public static long div(long dst, long src) {
        int s = (int) src;
        return s == 0 ? 0 : zext(Integer.divideUnsigned((int) dst, s));
    }

    /** Signed division; x / 0 = 0, MIN / -1 = MIN. */
    @Semantics({Opcode.SDIV32_IMM, Opcode.SDIV32_REG})
    public static long sdiv(long dst, long src) {
        int s = (int) src;
        return s == 0 ? 0 : zext((int) dst / s);
    }

    @Semantics({Opcode.OR32_IMM, Opcode.OR32_REG})
    public static long or(long dst, long src) {
        return zext((int) dst | (int) src);
    }

    @Semantics({Opcode.AND32_IMM, Opcode.AND32_REG})
    public static long and(long dst, long src) {
        return zext((int) dst & (int) src);
    }

    @Semantics({Opcode.LSH32_IMM, Opcode.LSH32_REG})
    public static long lsh(long dst, long src) {
        return zext((int) dst << (src & 31));
    }

    @Semantics({Opcode.RSH32_IMM, Opcode.RSH32_REG})
    public static long rsh(long dst, long src) {
        return zext((int) dst >>> (src & 31));
    }

    @Semantics(Opcode.NEG32)
    public static long neg(long dst) {
        return zext(-(int) dst);
    }

    /** Unsigned modulo; x % 0 = x (zero-extended). */
    @Semantics({Opcode.MOD32_IMM, Opcode.MOD32_REG})
    public static long mod(long dst, long src) {
        int s = (int) src;
        return s == 0 ? zext((int) dst) : zext(Integer.remainderUnsigned((int) dst, s));
    }

    /** Signed modulo with the sign of the dividend; x % 0 = x (zero-extended), MIN % -1 = 0. */
    @Semantics({Opcode.SMOD32_IMM, Opcode.SMOD32_REG})
    public static long smod(long dst, long src) {
        int s = (int) src;
        return s == 0 ? zext((int) dst) : zext((int) dst % s);
    }

    @Semantics({Opcode.XOR32_IMM, Opcode.XOR32_REG})
    public static long xor(long dst, long src) {
        return zext((int) dst ^ (int) src);
    }

    @Semantics({Opcode.MOV32_IMM, Opcode.MOV32_REG})
    public static long mov(long src) {
        return zext((int) src);
    }

    @Semantics(Opcode.MOVSX32_8)
    public static long movsx8(long src) {
        return zext((byte) src);
    }

    @Semantics(Opcode.MOVSX32_16)
    public static long movsx16(long src) {
        return zext((short) src);
    }

    @Semantics({Opcode.ARSH32_IMM, Opcode.ARSH32_REG})
    public static long arsh(long dst, long src) {
        return zext((int) dst >> (src & 31));
    }
}
