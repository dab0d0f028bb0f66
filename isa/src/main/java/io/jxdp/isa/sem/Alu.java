package io.jxdp.isa.sem;

import io.jxdp.isa.AluOp;

/**
 * The semantics of every ALU operation, written once. The interpreter calls these; the JIT emits
 * calls to them (HotSpot inlines them) or, where it emits its own bytecode, proves equality in a
 * test. The corner cases follow RFC 9669 and the kernel: unsigned division by zero gives 0, modulo
 * by zero leaves the dividend, signed division of the minimum by -1 gives the minimum and modulo
 * gives 0, shift amounts are masked to the width, and every 32-bit result is zero-extended.
 */
public final class Alu {
    /** The mask that zero-extends a 32-bit result. */
    public static final long LOW32 = 0xffff_ffffL;

    private Alu() {}

    /** Unsigned 64-bit division; x / 0 = 0. */
    public static long div64(long dst, long src) {
        return src == 0 ? 0 : Long.divideUnsigned(dst, src);
    }

    /** Unsigned 32-bit division; x / 0 = 0. */
    public static long div32(long dst, long src) {
        int s = (int) src;
        return s == 0 ? 0 : Integer.divideUnsigned((int) dst, s) & LOW32;
    }

    /** Unsigned 64-bit modulo; x % 0 = x. */
    public static long mod64(long dst, long src) {
        return src == 0 ? dst : Long.remainderUnsigned(dst, src);
    }

    /** Unsigned 32-bit modulo; x % 0 = x (zero-extended). */
    public static long mod32(long dst, long src) {
        int s = (int) src;
        return s == 0 ? dst & LOW32 : Integer.remainderUnsigned((int) dst, s) & LOW32;
    }

    /** Signed 64-bit division; x / 0 = 0, MIN / -1 = MIN (Java's own rule). */
    public static long sdiv64(long dst, long src) {
        return src == 0 ? 0 : dst / src;
    }

    /** Signed 32-bit division; x / 0 = 0, MIN / -1 = MIN. */
    public static long sdiv32(long dst, long src) {
        int s = (int) src;
        return s == 0 ? 0 : ((int) dst / s) & LOW32;
    }

    /** Signed 64-bit modulo, the sign of the dividend; x % 0 = x, MIN % -1 = 0. */
    public static long smod64(long dst, long src) {
        return src == 0 ? dst : dst % src;
    }

    /** Signed 32-bit modulo; x % 0 = x (zero-extended), MIN % -1 = 0. */
    public static long smod32(long dst, long src) {
        int s = (int) src;
        return s == 0 ? dst & LOW32 : ((int) dst % s) & LOW32;
    }

    public static long lsh64(long dst, long src) {
        return dst << (src & 63);
    }

    public static long lsh32(long dst, long src) {
        return ((int) dst << (src & 31)) & LOW32;
    }

    public static long rsh64(long dst, long src) {
        return dst >>> (src & 63);
    }

    public static long rsh32(long dst, long src) {
        return ((int) dst >>> (src & 31)) & LOW32;
    }

    public static long arsh64(long dst, long src) {
        return dst >> (src & 63);
    }

    public static long arsh32(long dst, long src) {
        return ((int) dst >> (src & 31)) & LOW32;
    }

    /**
     * Applies an operation as an engine would. {@code src} is the source register's value or the
     * immediate, already sign-extended to 64 bits; for the byte swaps it is the width (16, 32, 64).
     *
     * @param op the operation
     * @param is64 true for ALU64, false for ALU (32-bit, zero-extended result)
     * @param dst the destination register's value
     * @param src the source operand
     * @return the new value of the destination register
     */
    public static long apply(AluOp op, boolean is64, long dst, long src) {
        return is64 ? apply64(op, dst, src) : apply32(op, dst, src);
    }

    private static long apply64(AluOp op, long dst, long src) {
        return switch (op) {
            case ADD -> dst + src;
            case SUB -> dst - src;
            case MUL -> dst * src;
            case DIV -> div64(dst, src);
            case SDIV -> sdiv64(dst, src);
            case OR -> dst | src;
            case AND -> dst & src;
            case LSH -> lsh64(dst, src);
            case RSH -> rsh64(dst, src);
            case NEG -> -dst;
            case MOD -> mod64(dst, src);
            case SMOD -> smod64(dst, src);
            case XOR -> dst ^ src;
            case MOV -> src;
            case MOVSX8 -> (byte) src;
            case MOVSX16 -> (short) src;
            case MOVSX32 -> (int) src;
            case ARSH -> arsh64(dst, src);
            case TO_LE -> ByteSwap.toLe(dst, (int) src);
            case TO_BE, BSWAP -> ByteSwap.swap(dst, (int) src);
        };
    }

    private static long apply32(AluOp op, long dst, long src) {
        return switch (op) {
            case ADD -> (dst + src) & LOW32;
            case SUB -> (dst - src) & LOW32;
            case MUL -> ((int) dst * ((long) (int) src)) & LOW32;
            case DIV -> div32(dst, src);
            case SDIV -> sdiv32(dst, src);
            case OR -> (dst | src) & LOW32;
            case AND -> (dst & src) & LOW32;
            case LSH -> lsh32(dst, src);
            case RSH -> rsh32(dst, src);
            case NEG -> -(int) dst & LOW32;
            case MOD -> mod32(dst, src);
            case SMOD -> smod32(dst, src);
            case XOR -> (dst ^ src) & LOW32;
            case MOV -> src & LOW32;
            case MOVSX8 -> ((int) (byte) src) & LOW32;
            case MOVSX16 -> ((int) (short) src) & LOW32;
            case MOVSX32 -> throw new IllegalArgumentException("movsx32 exists only in ALU64");
            case ARSH -> arsh32(dst, src);
            case TO_LE -> ByteSwap.toLe(dst, (int) src);
            case TO_BE, BSWAP -> ByteSwap.swap(dst, (int) src);
        };
    }
}
