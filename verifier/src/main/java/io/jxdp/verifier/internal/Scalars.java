package io.jxdp.verifier.internal;

import io.jxdp.isa.AluOp;

/**
 * Arithmetic on scalars with the kernel's precision (adjust_scalar_min_max_vals and the
 * scalar{32,}_min_max_* functions): each operation updates the tnum and the 64-bit and 32-bit
 * signed and unsigned bounds, which reg_bounds_sync then reconciles.
 */
public final class Scalars {
    /** BPF_ADD_CONST64: the scalar is a linked register plus the 64-bit constant delta held in off. */
    public static final int ADD_CONST64 = 1 << 31;
    /** BPF_ADD_CONST32: the same after a 32-bit addition (the sum is zero-extended). */
    public static final int ADD_CONST32 = 1 << 30;
    /** Either flag (BPF_ADD_CONST). */
    public static final int ADD_CONST = ADD_CONST64 | ADD_CONST32;

    private Scalars() {}

    /** is_safe_to_compute_dst_reg_range. */
    static boolean safeToCompute(AluOp op, boolean alu32, Reg src) {
        boolean srcConst;
        if (alu32) {
            srcConst = src.varOff.subregIsConst() && src.s32min == src.s32max && src.u32min == src.u32max;
        } else {
            srcConst = src.varOff.isConst() && src.smin == src.smax && src.umin == src.umax;
        }
        return switch (op) {
            case ADD, SUB, NEG, AND, XOR, OR, MUL -> true;
            case LSH, RSH, ARSH -> srcConst && Long.compareUnsigned(src.umax, alu32 ? 32 : 64) < 0;
            default -> false;
        };
    }

    /** adjust_scalar_min_max_vals: dst op= src, both scalars. */
    public static void adjust(AluOp op, boolean alu32, Reg dst, Reg src) {
        if (!safeToCompute(op, alu32, src)) {
            dst.markUnknown();
            return;
        }
        switch (op) {
            case ADD -> {
                add32(dst, src);
                add64(dst, src);
                dst.varOff = dst.varOff.add(src.varOff);
            }
            case SUB -> {
                sub32(dst, src);
                sub64(dst, src);
                dst.varOff = dst.varOff.sub(src.varOff);
            }
            case NEG -> {
                Reg old = dst.copy();
                dst.setKnownBounds(0);
                sub32(dst, old);
                sub64(dst, old);
                dst.varOff = old.varOff.neg();
            }
            case MUL -> {
                dst.varOff = dst.varOff.mul(src.varOff);
                mul32(dst, src);
                mul64(dst, src);
            }
            case AND -> {
                dst.varOff = dst.varOff.and(src.varOff);
                and32(dst, src);
                and64(dst, src);
            }
            case OR -> {
                dst.varOff = dst.varOff.or(src.varOff);
                or32(dst, src);
                or64(dst, src);
            }
            case XOR -> {
                dst.varOff = dst.varOff.xor(src.varOff);
                xor32(dst, src);
                xor64(dst, src);
            }
            case LSH -> {
                if (alu32) {
                    lsh32(dst, src);
                } else {
                    lsh64(dst, src);
                }
            }
            case RSH -> {
                if (alu32) {
                    rsh32(dst, src);
                } else {
                    rsh64(dst, src);
                }
            }
            case ARSH -> {
                if (alu32) {
                    arsh32(dst, src);
                } else {
                    arsh64(dst, src);
                }
            }
            default -> {}
        }
        if (alu32) {
            dst.zext32To64();
        }
        dst.syncBounds();
    }

    private static boolean addOverflows32(int a, int b) {
        long r = (long) a + b;
        return r != (int) r;
    }

    private static boolean addOverflowsU32(int a, int b) {
        return Integer.toUnsignedLong(a) + Integer.toUnsignedLong(b) > 0xffffffffL;
    }

    static void add32(Reg d, Reg s) {
        if (addOverflows32(d.s32min, s.s32min) || addOverflows32(d.s32max, s.s32max)) {
            d.s32min = Integer.MIN_VALUE;
            d.s32max = Integer.MAX_VALUE;
        } else {
            d.s32min += s.s32min;
            d.s32max += s.s32max;
        }
        boolean minOv = addOverflowsU32(d.u32min, s.u32min);
        boolean maxOv = addOverflowsU32(d.u32max, s.u32max);
        d.u32min += s.u32min;
        d.u32max += s.u32max;
        if (!minOv && maxOv) {
            d.u32min = 0;
            d.u32max = -1;
        }
    }

    static void add64(Reg d, Reg s) {
        long smin = d.smin + s.smin;
        long smax = d.smax + s.smax;
        boolean sOv = ((d.smin ^ smin) & (s.smin ^ smin)) < 0 || ((d.smax ^ smax) & (s.smax ^ smax)) < 0;
        if (sOv) {
            d.smin = Long.MIN_VALUE;
            d.smax = Long.MAX_VALUE;
        } else {
            d.smin = smin;
            d.smax = smax;
        }
        long umin = d.umin + s.umin;
        long umax = d.umax + s.umax;
        boolean minOv = Long.compareUnsigned(umin, d.umin) < 0;
        boolean maxOv = Long.compareUnsigned(umax, d.umax) < 0;
        d.umin = umin;
        d.umax = umax;
        if (!minOv && maxOv) {
            d.umin = 0;
            d.umax = -1L;
        }
    }

    static void sub32(Reg d, Reg s) {
        long a = (long) d.s32min - s.s32max;
        long b = (long) d.s32max - s.s32min;
        if (a != (int) a || b != (int) b) {
            d.s32min = Integer.MIN_VALUE;
            d.s32max = Integer.MAX_VALUE;
        } else {
            d.s32min = (int) a;
            d.s32max = (int) b;
        }
        boolean minUn = Integer.compareUnsigned(d.u32min, s.u32max) < 0;
        boolean maxUn = Integer.compareUnsigned(d.u32max, s.u32min) < 0;
        d.u32min -= s.u32max;
        d.u32max -= s.u32min;
        if (minUn && !maxUn) {
            d.u32min = 0;
            d.u32max = -1;
        }
    }

    static void sub64(Reg d, Reg s) {
        long smin = d.smin - s.smax;
        long smax = d.smax - s.smin;
        boolean sOv = ((d.smin ^ s.smax) & (d.smin ^ smin)) < 0 || ((d.smax ^ s.smin) & (d.smax ^ smax)) < 0;
        if (sOv) {
            d.smin = Long.MIN_VALUE;
            d.smax = Long.MAX_VALUE;
        } else {
            d.smin = smin;
            d.smax = smax;
        }
        boolean minUn = Long.compareUnsigned(d.umin, s.umax) < 0;
        boolean maxUn = Long.compareUnsigned(d.umax, s.umin) < 0;
        d.umin -= s.umax;
        d.umax -= s.umin;
        if (minUn && !maxUn) {
            d.umin = 0;
            d.umax = -1L;
        }
    }

    static void mul32(Reg d, Reg s) {
        long umax = Integer.toUnsignedLong(d.u32max) * Integer.toUnsignedLong(s.u32max);
        long umin = Integer.toUnsignedLong(d.u32min) * Integer.toUnsignedLong(s.u32min);
        if (Long.compareUnsigned(umax, 0xffffffffL) > 0 || Long.compareUnsigned(umin, 0xffffffffL) > 0) {
            d.u32min = 0;
            d.u32max = -1;
        } else {
            d.u32min = (int) umin;
            d.u32max = (int) umax;
        }
        long p0 = (long) d.s32min * s.s32min;
        long p1 = (long) d.s32min * s.s32max;
        long p2 = (long) d.s32max * s.s32min;
        long p3 = (long) d.s32max * s.s32max;
        if (p0 != (int) p0 || p1 != (int) p1 || p2 != (int) p2 || p3 != (int) p3) {
            d.s32min = Integer.MIN_VALUE;
            d.s32max = Integer.MAX_VALUE;
        } else {
            d.s32min = (int) Math.min(Math.min(p0, p1), Math.min(p2, p3));
            d.s32max = (int) Math.max(Math.max(p0, p1), Math.max(p2, p3));
        }
    }

    private static boolean mulOverflowsU64(long a, long b) {
        // Java 17 has no unsignedMultiplyHigh: derive it from the signed high half
        long high = Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
        return high != 0;
    }

    private static boolean mulOverflowsS64(long a, long b) {
        return Math.multiplyHigh(a, b) != ((a * b) >> 63);
    }

    static void mul64(Reg d, Reg s) {
        if (mulOverflowsU64(d.umax, s.umax) || mulOverflowsU64(d.umin, s.umin)) {
            d.umin = 0;
            d.umax = -1L;
        } else {
            d.umin *= s.umin;
            d.umax *= s.umax;
        }
        if (mulOverflowsS64(d.smin, s.smin)
                || mulOverflowsS64(d.smin, s.smax)
                || mulOverflowsS64(d.smax, s.smin)
                || mulOverflowsS64(d.smax, s.smax)) {
            d.smin = Long.MIN_VALUE;
            d.smax = Long.MAX_VALUE;
        } else {
            long p0 = d.smin * s.smin;
            long p1 = d.smin * s.smax;
            long p2 = d.smax * s.smin;
            long p3 = d.smax * s.smax;
            d.smin = Math.min(Math.min(p0, p1), Math.min(p2, p3));
            d.smax = Math.max(Math.max(p0, p1), Math.max(p2, p3));
        }
    }

    private static void s32FromU32(Reg d) {
        if (d.u32min <= d.u32max) { // as s32
            d.s32min = d.u32min;
            d.s32max = d.u32max;
        } else {
            d.s32min = Integer.MIN_VALUE;
            d.s32max = Integer.MAX_VALUE;
        }
    }

    private static void s64FromU64(Reg d) {
        if (d.umin <= d.umax) { // as s64
            d.smin = d.umin;
            d.smax = d.umax;
        } else {
            d.smin = Long.MIN_VALUE;
            d.smax = Long.MAX_VALUE;
        }
    }

    static void and32(Reg d, Reg s) {
        Tnum v = d.varOff.subreg();
        if (s.varOff.subregIsConst() && d.varOff.subregIsConst()) {
            d.mark32Known(v.value());
            return;
        }
        d.u32min = (int) v.value();
        d.u32max = Integer.compareUnsigned(d.u32max, s.u32max) <= 0 ? d.u32max : s.u32max;
        s32FromU32(d);
    }

    static void and64(Reg d, Reg s) {
        if (s.varOff.isConst() && d.varOff.isConst()) {
            d.setKnownBounds(d.varOff.value());
            return;
        }
        d.umin = d.varOff.value();
        d.umax = Long.compareUnsigned(d.umax, s.umax) <= 0 ? d.umax : s.umax;
        s64FromU64(d);
        d.updateBounds();
    }

    static void or32(Reg d, Reg s) {
        Tnum v = d.varOff.subreg();
        if (s.varOff.subregIsConst() && d.varOff.subregIsConst()) {
            d.mark32Known(v.value());
            return;
        }
        d.u32min = Integer.compareUnsigned(d.u32min, s.u32min) >= 0 ? d.u32min : s.u32min;
        d.u32max = (int) (v.value() | v.mask());
        s32FromU32(d);
    }

    static void or64(Reg d, Reg s) {
        if (s.varOff.isConst() && d.varOff.isConst()) {
            d.setKnownBounds(d.varOff.value());
            return;
        }
        d.umin = Long.compareUnsigned(d.umin, s.umin) >= 0 ? d.umin : s.umin;
        d.umax = d.varOff.value() | d.varOff.mask();
        s64FromU64(d);
        d.updateBounds();
    }

    static void xor32(Reg d, Reg s) {
        Tnum v = d.varOff.subreg();
        if (s.varOff.subregIsConst() && d.varOff.subregIsConst()) {
            d.mark32Known(v.value());
            return;
        }
        d.u32min = (int) v.value();
        d.u32max = (int) (v.value() | v.mask());
        s32FromU32(d);
    }

    static void xor64(Reg d, Reg s) {
        if (s.varOff.isConst() && d.varOff.isConst()) {
            d.setKnownBounds(d.varOff.value());
            return;
        }
        d.umin = d.varOff.value();
        d.umax = d.varOff.value() | d.varOff.mask();
        s64FromU64(d);
        d.updateBounds();
    }

    private static void lsh32Bounds(Reg d, long uminVal, long umaxVal) {
        d.s32min = Integer.MIN_VALUE;
        d.s32max = Integer.MAX_VALUE;
        if (umaxVal > 31 || Integer.toUnsignedLong(d.u32max) > 1L << (31 - umaxVal)) {
            d.u32min = 0;
            d.u32max = -1;
        } else {
            d.u32min = d.u32min << (int) uminVal; // uminVal <= 31 here
            d.u32max = d.u32max << (int) umaxVal;
        }
    }

    static void lsh32(Reg d, Reg s) {
        long umax = Integer.toUnsignedLong(s.u32max);
        long umin = Integer.toUnsignedLong(s.u32min);
        Tnum sub = d.varOff.subreg();
        lsh32Bounds(d, umin, umax);
        d.varOff = sub.lshift((int) umin).subreg();
        d.mark64Unbounded();
        d.updateBounds32();
    }

    static void lsh64(Reg d, Reg s) {
        long umax = s.umax;
        long umin = s.umin;
        // <<32 (the compilers' sign-extension idiom) moves the s32 range exactly into the top half
        if (umin == 32 && umax == 32) {
            d.smax = (long) d.s32max << 32;
            d.smin = (long) d.s32min << 32;
        } else {
            d.smax = Long.MAX_VALUE;
            d.smin = Long.MIN_VALUE;
        }
        if (Long.compareUnsigned(d.umax, 1L << (63 - umax)) > 0) {
            d.umin = 0;
            d.umax = -1L;
        } else {
            d.umin <<= umin;
            d.umax <<= umax;
        }
        lsh32Bounds(d, umin, umax);
        d.varOff = d.varOff.lshift((int) umin);
        d.updateBounds();
    }

    static void rsh32(Reg d, Reg s) {
        Tnum sub = d.varOff.subreg();
        int umax = s.u32max;
        int umin = s.u32min;
        d.s32min = Integer.MIN_VALUE;
        d.s32max = Integer.MAX_VALUE;
        d.varOff = sub.rshift(umin);
        d.u32min >>>= umax;
        d.u32max >>>= umin;
        d.mark64Unbounded();
        d.updateBounds32();
    }

    static void rsh64(Reg d, Reg s) {
        int umax = (int) s.umax;
        int umin = (int) s.umin;
        d.smin = Long.MIN_VALUE;
        d.smax = Long.MAX_VALUE;
        d.varOff = d.varOff.rshift(umin);
        d.umin >>>= umax;
        d.umax >>>= umin;
        d.mark32Unbounded();
        d.updateBounds();
    }

    static void arsh32(Reg d, Reg s) {
        int shift = s.u32min;
        d.s32min >>= shift;
        d.s32max >>= shift;
        d.varOff = d.varOff.subreg().arshift(shift, 32);
        d.u32min = 0;
        d.u32max = -1;
        d.mark64Unbounded();
        d.updateBounds32();
    }

    static void arsh64(Reg d, Reg s) {
        int shift = (int) s.umin;
        d.smin >>= shift;
        d.smax >>= shift;
        d.varOff = d.varOff.arshift(shift, 64);
        d.umin = 0;
        d.umax = -1L;
        d.mark32Unbounded();
        d.updateBounds();
    }

    /** get_reg_width: the bits a scalar's unsigned maximum needs. */
    public static int width(Reg r) {
        return 64 - Long.numberOfLeadingZeros(r.umax);
    }

    /** assign_scalar_id_before_mov: give src an id so that a copy stays linked to it. */
    public static void assignIdBeforeMov(Checker env, Reg src) {
        if (src.type != RegType.SCALAR) {
            return;
        }
        if ((src.id & ADD_CONST) != 0) {
            src.id = 0;
            src.off = 0;
        }
        if (src.id == 0 && !src.varOff.isConst()) {
            src.id = env.newId();
        }
    }
}
