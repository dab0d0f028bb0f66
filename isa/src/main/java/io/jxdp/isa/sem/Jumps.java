package io.jxdp.isa.sem;

import io.jxdp.isa.Opcode;

/**
 * The conditions of the conditional jumps: whether the jump is taken, given {@code dst} and
 * {@code src} (the source register or the immediate sign-extended to 64 bits). JMP compares all 64
 * bits; JMP32 compares the low 32 bits only.
 */
public final class Jumps {
    private Jumps() {}

    /** Equal, 64 bits. */
    @Semantics({Opcode.JEQ_IMM, Opcode.JEQ_REG})
    public static boolean eq64(long dst, long src) {
        return dst == src;
    }

    /** Equal, low 32 bits. */
    @Semantics({Opcode.JEQ32_IMM, Opcode.JEQ32_REG})
    public static boolean eq32(long dst, long src) {
        int a = (int) dst;
        int b = (int) src;
        return a == b;
    }

    /** Not equal, 64 bits. */
    @Semantics({Opcode.JNE_IMM, Opcode.JNE_REG})
    public static boolean ne64(long dst, long src) {
        return dst != src;
    }

    /** Not equal, low 32 bits. */
    @Semantics({Opcode.JNE32_IMM, Opcode.JNE32_REG})
    public static boolean ne32(long dst, long src) {
        int a = (int) dst;
        int b = (int) src;
        return a != b;
    }

    /** Unsigned greater, 64 bits. */
    @Semantics({Opcode.JGT_IMM, Opcode.JGT_REG})
    public static boolean gt64(long dst, long src) {
        return Long.compareUnsigned(dst, src) > 0;
    }

    /** Unsigned greater, low 32 bits. */
    @Semantics({Opcode.JGT32_IMM, Opcode.JGT32_REG})
    public static boolean gt32(long dst, long src) {
        int a = (int) dst;
        int b = (int) src;
        return Integer.compareUnsigned(a, b) > 0;
    }

    /** Unsigned greater or equal, 64 bits. */
    @Semantics({Opcode.JGE_IMM, Opcode.JGE_REG})
    public static boolean ge64(long dst, long src) {
        return Long.compareUnsigned(dst, src) >= 0;
    }

    /** Unsigned greater or equal, low 32 bits. */
    @Semantics({Opcode.JGE32_IMM, Opcode.JGE32_REG})
    public static boolean ge32(long dst, long src) {
        int a = (int) dst;
        int b = (int) src;
        return Integer.compareUnsigned(a, b) >= 0;
    }

    /** Unsigned less, 64 bits. */
    @Semantics({Opcode.JLT_IMM, Opcode.JLT_REG})
    public static boolean lt64(long dst, long src) {
        return Long.compareUnsigned(dst, src) < 0;
    }

    /** Unsigned less, low 32 bits. */
    @Semantics({Opcode.JLT32_IMM, Opcode.JLT32_REG})
    public static boolean lt32(long dst, long src) {
        int a = (int) dst;
        int b = (int) src;
        return Integer.compareUnsigned(a, b) < 0;
    }

    /** Unsigned less or equal, 64 bits. */
    @Semantics({Opcode.JLE_IMM, Opcode.JLE_REG})
    public static boolean le64(long dst, long src) {
        return Long.compareUnsigned(dst, src) <= 0;
    }

    /** Unsigned less or equal, low 32 bits. */
    @Semantics({Opcode.JLE32_IMM, Opcode.JLE32_REG})
    public static boolean le32(long dst, long src) {
        int a = (int) dst;
        int b = (int) src;
        return Integer.compareUnsigned(a, b) <= 0;
    }

    /** Signed greater, 64 bits. */
    @Semantics({Opcode.JSGT_IMM, Opcode.JSGT_REG})
    public static boolean sgt64(long dst, long src) {
        return dst > src;
    }

    /** Signed greater, low 32 bits. */
    @Semantics({Opcode.JSGT32_IMM, Opcode.JSGT32_REG})
    public static boolean sgt32(long dst, long src) {
        int a = (int) dst;
        int b = (int) src;
        return a > b;
    }

    /** Signed greater or equal, 64 bits. */
    @Semantics({Opcode.JSGE_IMM, Opcode.JSGE_REG})
    public static boolean sge64(long dst, long src) {
        return dst >= src;
    }

    /** Signed greater or equal, low 32 bits. */
    @Semantics({Opcode.JSGE32_IMM, Opcode.JSGE32_REG})
    public static boolean sge32(long dst, long src) {
        int a = (int) dst;
        int b = (int) src;
        return a >= b;
    }

    /** Signed less, 64 bits. */
    @Semantics({Opcode.JSLT_IMM, Opcode.JSLT_REG})
    public static boolean slt64(long dst, long src) {
        return dst < src;
    }

    /** Signed less, low 32 bits. */
    @Semantics({Opcode.JSLT32_IMM, Opcode.JSLT32_REG})
    public static boolean slt32(long dst, long src) {
        int a = (int) dst;
        int b = (int) src;
        return a < b;
    }

    /** Signed less or equal, 64 bits. */
    @Semantics({Opcode.JSLE_IMM, Opcode.JSLE_REG})
    public static boolean sle64(long dst, long src) {
        return dst <= src;
    }

    /** Signed less or equal, low 32 bits. */
    @Semantics({Opcode.JSLE32_IMM, Opcode.JSLE32_REG})
    public static boolean sle32(long dst, long src) {
        int a = (int) dst;
        int b = (int) src;
        return a <= b;
    }

    /** Any bit in common, 64 bits. */
    @Semantics({Opcode.JSET_IMM, Opcode.JSET_REG})
    public static boolean set64(long dst, long src) {
        return (dst & src) != 0;
    }

    /** Any bit in common, low 32 bits. */
    @Semantics({Opcode.JSET32_IMM, Opcode.JSET32_REG})
    public static boolean set32(long dst, long src) {
        int a = (int) dst;
        int b = (int) src;
        return (a & b) != 0;
    }
}
