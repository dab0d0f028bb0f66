package io.jxdp.isa.sem;

import io.jxdp.isa.Opcode;

/**
 * The ALU64 operations: {@code dst = f(dst, src)} on 64 bits, where {@code src} is the source
 * register or the immediate sign-extended to 64 bits. The corner cases are RFC 9669's and the
 * kernel's: unsigned division by zero gives 0, modulo by zero leaves the dividend, signed division
 * of the minimum by -1 gives the minimum and modulo gives 0, shift counts are masked to 6 bits.
 */
public final class Alu64 {
    private Alu64() {}

    @Semantics({Opcode.ADD64_IMM, Opcode.ADD64_REG})
    public static long add(long dst, long src) {
        return dst + src;
    }

    @Semantics({Opcode.SUB64_IMM, Opcode.SUB64_REG})
    public static long sub(long dst, long src) {
        return dst - src;
    }

    @Semantics({Opcode.MUL64_IMM, Opcode.MUL64_REG})
    public static long mul(long dst, long src) {
        return dst * src;
    }

    /**
     * Unsigned division; x / 0 = 0. Not {@code Long.divideUnsigned}: JDK 17's goes through
     * BigInteger for every dividend that is not positive (0 included). Hacker's Delight 9-3, as
     * JDK 19 does it; {@code SemanticsTest} proves it equal to {@code Long.divideUnsigned}.
     */
    @Semantics({Opcode.DIV64_IMM, Opcode.DIV64_REG})
    public static long div(long dst, long src) {
        if (src > 0) {
            if (dst >= 0) {
                return dst / src;
            }
            long q = ((dst >>> 1) / src) << 1;
            long r = dst - q * src;
            return q + ((r | ~(r - src)) >>> 63);
        }
        if (src == 0) {
            return 0;
        }
        return (dst & ~(dst - src)) >>> 63; // a divisor of 2^63 or more: the quotient is 0 or 1
    }

    /** Signed division; x / 0 = 0, MIN / -1 = MIN (the JVM's own rule). */
    @Semantics({Opcode.SDIV64_IMM, Opcode.SDIV64_REG})
    public static long sdiv(long dst, long src) {
        return src == 0 ? 0 : dst / src;
    }

    @Semantics({Opcode.OR64_IMM, Opcode.OR64_REG})
    public static long or(long dst, long src) {
        return dst | src;
    }

    @Semantics({Opcode.AND64_IMM, Opcode.AND64_REG})
    public static long and(long dst, long src) {
        return dst & src;
    }

    @Semantics({Opcode.LSH64_IMM, Opcode.LSH64_REG})
    public static long lsh(long dst, long src) {
        return dst << (src & 63);
    }

    @Semantics({Opcode.RSH64_IMM, Opcode.RSH64_REG})
    public static long rsh(long dst, long src) {
        return dst >>> (src & 63);
    }

    @Semantics(Opcode.NEG64)
    public static long neg(long dst) {
        return -dst;
    }

    /** Unsigned modulo; x % 0 = x. Not {@code Long.remainderUnsigned}, for {@link #div}'s reason. */
    @Semantics({Opcode.MOD64_IMM, Opcode.MOD64_REG})
    public static long mod(long dst, long src) {
        if (src > 0) {
            if (dst >= 0) {
                return dst % src;
            }
            long q = ((dst >>> 1) / src) << 1;
            long r = dst - q * src;
            return r - ((~(r - src) >> 63) & src);
        }
        if (src == 0) {
            return dst;
        }
        return dst - (((dst & ~(dst - src)) >> 63) & src);
    }

    /** Signed modulo with the sign of the dividend; x % 0 = x, MIN % -1 = 0. */
    @Semantics({Opcode.SMOD64_IMM, Opcode.SMOD64_REG})
    public static long smod(long dst, long src) {
        return src == 0 ? dst : dst % src;
    }

    @Semantics({Opcode.XOR64_IMM, Opcode.XOR64_REG})
    public static long xor(long dst, long src) {
        return dst ^ src;
    }

    @Semantics({Opcode.MOV64_IMM, Opcode.MOV64_REG})
    public static long mov(long src) {
        return src;
    }

    @Semantics(Opcode.MOVSX64_8)
    public static long movsx8(long src) {
        return (byte) src;
    }

    @Semantics(Opcode.MOVSX64_16)
    public static long movsx16(long src) {
        return (short) src;
    }

    @Semantics(Opcode.MOVSX64_32)
    public static long movsx32(long src) {
        return (int) src;
    }

    @Semantics({Opcode.ARSH64_IMM, Opcode.ARSH64_REG})
    public static long arsh(long dst, long src) {
        return dst >> (src & 63);
    }
}
