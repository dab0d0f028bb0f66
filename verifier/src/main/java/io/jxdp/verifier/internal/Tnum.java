package io.jxdp.verifier.internal;

/**
 * A tristate number (kernel/bpf/tnum.c): each bit is known 0, known 1 or unknown. {@code value}
 * holds the known-1 bits, {@code mask} the unknown ones; a bit is never set in both.
 */
public record Tnum(long value, long mask) {
    public static final Tnum UNKNOWN = new Tnum(0, -1L);
    public static final Tnum ZERO = new Tnum(0, 0);

    public static Tnum constant(long v) {
        return new Tnum(v, 0);
    }

    /** tnum_range: the smallest tnum holding every value in [min, max] (unsigned). */
    public static Tnum range(long min, long max) {
        long chi = min ^ max;
        int bits = 64 - Long.numberOfLeadingZeros(chi);
        if (bits > 63) {
            return UNKNOWN;
        }
        long delta = (1L << bits) - 1;
        return new Tnum(min & ~delta, delta);
    }

    /** tnum_subreg(tnum_range(min, max)) for a signed 32-bit range, zero-extended. */
    public static Tnum subregRange(int min, int max) {
        return range(Integer.toUnsignedLong(min), Integer.toUnsignedLong(max)).subreg();
    }

    public boolean isConst() {
        return mask == 0;
    }

    public boolean isUnknown() {
        return mask == -1L;
    }

    public Tnum lshift(int shift) {
        return new Tnum(value << shift, mask << shift);
    }

    public Tnum rshift(int shift) {
        return new Tnum(value >>> shift, mask >>> shift);
    }

    /** tnum_arshift: arithmetic shift within the instruction's width (32 or 64). */
    public Tnum arshift(int shift, int bitness) {
        if (bitness == 32) {
            return new Tnum(((int) value >> shift) & 0xffffffffL, ((int) mask >> shift) & 0xffffffffL);
        }
        return new Tnum(value >> shift, mask >> shift);
    }

    public Tnum add(Tnum b) {
        long sm = mask + b.mask;
        long sv = value + b.value;
        long sigma = sm + sv;
        long chi = sigma ^ sv;
        long mu = chi | mask | b.mask;
        return new Tnum(sv & ~mu, mu);
    }

    public Tnum sub(Tnum b) {
        long dv = value - b.value;
        long alpha = dv + mask;
        long beta = dv - b.mask;
        long chi = alpha ^ beta;
        long mu = chi | mask | b.mask;
        return new Tnum(dv & ~mu, mu);
    }

    public Tnum neg() {
        return ZERO.sub(this);
    }

    public Tnum and(Tnum b) {
        long alpha = value | mask;
        long beta = b.value | b.mask;
        long v = value & b.value;
        return new Tnum(v, alpha & beta & ~v);
    }

    public Tnum or(Tnum b) {
        long v = value | b.value;
        long mu = mask | b.mask;
        return new Tnum(v, mu & ~v);
    }

    public Tnum xor(Tnum b) {
        long v = value ^ b.value;
        long mu = mask | b.mask;
        return new Tnum(v & ~mu, mu);
    }

    /**
     * tnum_mul, as the running 6.18 kernel has it: long multiplication over the bits of this
     * operand. A known 1 adds the other operand to the accumulator; an unknown bit keeps the union
     * of both cases, the accumulator with and without it, which carries the correlation between
     * the partial products.
     */
    public Tnum mul(Tnum other) {
        Tnum a = this;
        Tnum b = other;
        Tnum acc = ZERO;
        while (a.value != 0 || a.mask != 0) {
            if ((a.value & 1) != 0) {
                acc = acc.add(b);
            } else if ((a.mask & 1) != 0) {
                acc = acc.union(acc.add(b));
            }
            a = a.rshift(1);
            b = b.lshift(1);
        }
        return acc;
    }

    /** tnum_union: every member of either, plus uncertainty wherever the two disagree. */
    public Tnum union(Tnum b) {
        long v = value & b.value;
        long mu = (value ^ b.value) | mask | b.mask;
        return new Tnum(v & ~mu, mu);
    }

    /**
     * tnum_step: the smallest member of this tnum larger than z, for tmin <= z < tmax; tmax if z
     * is at or above it, the minimum if z is below it.
     */
    public long step(long z) {
        long tmax = value | mask;
        if (Long.compareUnsigned(z, tmax) >= 0) {
            return tmax;
        }
        if (Long.compareUnsigned(z, value) < 0) {
            return value;
        }
        long j = value | (z & mask);
        if (Long.compareUnsigned(j, z) > 0) {
            long p = ~z & value & ~mask;
            int k = 64 - Long.numberOfLeadingZeros(p);
            long q = k >= 64 ? 0 : -1L << k;
            return (q & z) | (~q & value);
        }
        long p = z & ~value & ~mask;
        int k = 64 - Long.numberOfLeadingZeros(p);
        long q = k >= 64 ? 0 : -1L << k;
        long v = (q & mask & z) | (q & ~mask);
        long u = v + (k >= 64 ? 0 : 1L << k);
        return (u & mask) | value;
    }

    /** tnum_overlap: some value is in both (the bits known in both agree). */
    public boolean overlaps(Tnum b) {
        long mu = ~mask & ~b.mask;
        return (value & mu) == (b.value & mu);
    }

    /** tnum_intersect: the bits known in either. */
    public Tnum intersect(Tnum b) {
        long v = value | b.value;
        long mu = mask & b.mask;
        return new Tnum(v & ~mu, mu);
    }

    /** tnum_cast: truncate to size bytes. */
    public Tnum cast(int size) {
        if (size >= 8) {
            return this;
        }
        long m = (1L << (size * 8)) - 1;
        return new Tnum(value & m, mask & m);
    }

    public boolean isAligned(long size) {
        if (size == 0) {
            return true;
        }
        return ((value | mask) & (size - 1)) == 0;
    }

    /** tnum_in: every value of b is a value of this. */
    public boolean contains(Tnum b) {
        if ((b.mask & ~mask) != 0) {
            return false;
        }
        return value == (b.value & ~mask);
    }

    public Tnum subreg() {
        return cast(4);
    }

    public Tnum clearSubreg() {
        return rshift(32).lshift(32);
    }

    public Tnum withSubreg(Tnum sub) {
        return clearSubreg().or(sub.subreg());
    }

    public Tnum constSubreg(int v) {
        return withSubreg(constant(v & 0xffffffffL));
    }

    public boolean subregIsConst() {
        return (mask & 0xffffffffL) == 0;
    }

    /** tnum_strn: {@code (0x0; 0xff)}, as the kernel's printf renders {@code %#llx}. */
    @Override
    public String toString() {
        return "(0x" + Long.toHexString(value) + "; 0x" + Long.toHexString(mask) + ")";
    }
}
