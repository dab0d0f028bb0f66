package io.jxdp.verifier.internal;

import io.jxdp.isa.JmpOp;

/**
 * What a comparison decides and teaches (is_branch_taken, is_scalar_branch_taken,
 * reg_set_min_max, regs_refine_cond_op): a branch the operands' bounds decide is not walked; the
 * two sides of an undecided one narrow the operands' bounds, each by its own condition.
 */
final class BranchBounds {
    private BranchBounds() {}

    /** is_reg_const: a scalar whose (sub)register is known. */
    static boolean isReg32Const(Reg r, boolean is32) {
        return r.type == RegType.SCALAR && (is32 ? r.varOff.subregIsConst() : r.varOff.isConst());
    }

    static long constValue(Reg r, boolean is32) {
        return is32 ? r.varOff.value() & 0xffffffffL : r.varOff.value();
    }

    /** reg_not_null. */
    static boolean notNull(Reg r) {
        if (r.maybeNull) {
            return false;
        }
        return r.type == RegType.PTR_TO_MAP_VALUE || r.type == RegType.PTR_TO_MEM || r.type == RegType.CONST_PTR_TO_MAP;
    }

    /** is_branch_taken: 1 taken, 0 not taken, -1 unknown. */
    static int isBranchTaken(Reg r1, Reg r2, JmpOp op, boolean is32) {
        boolean pkt1 = r1.isPktPointer() || r1.type == RegType.PTR_TO_PACKET_END;
        boolean pkt2 = r2.isPktPointer() || r2.type == RegType.PTR_TO_PACKET_END;
        if (pkt1 && pkt2 && !is32) {
            return pktPtrBranchTaken(r1, r2, op);
        }
        if (r1.isPointer() || r2.isPointer()) {
            if (!isReg32Const(r2, is32)) {
                op = op.swapOperands();
                Reg t = r1;
                r1 = r2;
                r2 = t;
            }
            if (!isReg32Const(r2, is32)) {
                return -1;
            }
            if (!notNull(r1)) {
                return -1;
            }
            if (constValue(r2, is32) != 0) {
                return -1;
            }
            return op == JmpOp.JEQ ? 0 : op == JmpOp.JNE ? 1 : -1;
        }
        return scalarBranchTaken(r1, r2, op, is32);
    }

    private static int pktPtrBranchTaken(Reg dst, Reg src, JmpOp op) {
        Reg pkt;
        if (src.type == RegType.PTR_TO_PACKET_END) {
            pkt = dst;
        } else if (dst.type == RegType.PTR_TO_PACKET_END) {
            pkt = src;
            op = op.swapOperands();
        } else {
            return -1;
        }
        if (pkt.range >= 0) {
            return -1;
        }
        switch (op) {
            case JLE, JGT -> {
                if (pkt.range == Branches.BEYOND_PKT_END) {
                    return op == JmpOp.JGT ? 1 : 0;
                }
            }
            case JLT, JGE -> {
                if (pkt.range == Branches.BEYOND_PKT_END || pkt.range == Branches.AT_PKT_END) {
                    return op == JmpOp.JGE ? 1 : 0;
                }
            }
            default -> {}
        }
        return -1;
    }

    private static int ucmp(long a, long b) {
        return Long.compareUnsigned(a, b);
    }

    /** is_scalar_branch_taken. */
    static int scalarBranchTaken(Reg r1, Reg r2, JmpOp op, boolean is32) {
        Tnum t1 = is32 ? r1.varOff.subreg() : r1.varOff;
        Tnum t2 = is32 ? r2.varOff.subreg() : r2.varOff;
        long umin1 = is32 ? Integer.toUnsignedLong(r1.u32min) : r1.umin;
        long umax1 = is32 ? Integer.toUnsignedLong(r1.u32max) : r1.umax;
        long smin1 = is32 ? r1.s32min : r1.smin;
        long smax1 = is32 ? r1.s32max : r1.smax;
        long umin2 = is32 ? Integer.toUnsignedLong(r2.u32min) : r2.umin;
        long umax2 = is32 ? Integer.toUnsignedLong(r2.u32max) : r2.umax;
        long smin2 = is32 ? r2.s32min : r2.smin;
        long smax2 = is32 ? r2.s32max : r2.smax;
        switch (op) {
            case JEQ, JNE -> {
                int eqFalse = op == JmpOp.JEQ ? 0 : 1;
                if (t1.isConst() && t2.isConst()) {
                    boolean eq = t1.value() == t2.value();
                    return (eq == (op == JmpOp.JEQ)) ? 1 : 0;
                }
                if (!t1.overlaps(t2)) {
                    return eqFalse;
                }
                if (ucmp(umin1, umax2) > 0 || ucmp(umax1, umin2) < 0 || smin1 > smax2 || smax1 < smin2) {
                    return eqFalse;
                }
                if (!is32) {
                    if (Integer.compareUnsigned(r1.u32min, r2.u32max) > 0
                            || Integer.compareUnsigned(r1.u32max, r2.u32min) < 0
                            || r1.s32min > r2.s32max
                            || r1.s32max < r2.s32min) {
                        return eqFalse;
                    }
                }
                return -1;
            }
            case JSET -> {
                if (!isReg32Const(r2, is32)) {
                    Tnum t = t1;
                    t1 = t2;
                    t2 = t;
                    Reg tr = r1;
                    r1 = r2;
                    r2 = tr;
                }
                if (!isReg32Const(r2, is32)) {
                    return -1;
                }
                if (((~t1.mask() & t1.value()) & t2.value()) != 0) {
                    return 1;
                }
                if (((t1.mask() | t1.value()) & t2.value()) == 0) {
                    return 0;
                }
                return -1;
            }
            case JGT -> {
                return ucmp(umin1, umax2) > 0 ? 1 : ucmp(umax1, umin2) <= 0 ? 0 : -1;
            }
            case JSGT -> {
                return smin1 > smax2 ? 1 : smax1 <= smin2 ? 0 : -1;
            }
            case JLT -> {
                return ucmp(umax1, umin2) < 0 ? 1 : ucmp(umin1, umax2) >= 0 ? 0 : -1;
            }
            case JSLT -> {
                return smax1 < smin2 ? 1 : smin1 >= smax2 ? 0 : -1;
            }
            case JGE -> {
                return ucmp(umin1, umax2) >= 0 ? 1 : ucmp(umax1, umin2) < 0 ? 0 : -1;
            }
            case JSGE -> {
                return smin1 >= smax2 ? 1 : smax1 < smin2 ? 0 : -1;
            }
            case JLE -> {
                return ucmp(umax1, umin2) <= 0 ? 1 : ucmp(umin1, umax2) > 0 ? 0 : -1;
            }
            case JSLE -> {
                return smax1 <= smin2 ? 1 : smin1 > smax2 ? 0 : -1;
            }
            default -> {
                return -1;
            }
        }
    }

    /** reg_set_min_max: narrow both branches' copies of the operands (scalars only). */
    /** Returns false when the operands are not both scalars (nothing learned, nothing to check). */
    static boolean regSetMinMax(Reg true1, Reg true2, Reg false1, Reg false2, JmpOp op, boolean is32) {
        if (false1.type != RegType.SCALAR || false2.type != RegType.SCALAR) {
            return false;
        }
        refine(false1, false2, op, true, is32);
        false1.syncBounds();
        false2.syncBounds();
        refine(true1, true2, op, false, is32);
        true1.syncBounds();
        true2.syncBounds();
        return true;
    }

    private static int umin32(int a, int b) {
        return Integer.compareUnsigned(a, b) <= 0 ? a : b;
    }

    private static int umax32(int a, int b) {
        return Integer.compareUnsigned(a, b) >= 0 ? a : b;
    }

    private static long umin64(long a, long b) {
        return Long.compareUnsigned(a, b) <= 0 ? a : b;
    }

    private static long umax64(long a, long b) {
        return Long.compareUnsigned(a, b) >= 0 ? a : b;
    }

    /**
     * regs_refine_cond_op for the condition op, or for its reverse (rev_opcode) when negated: the
     * fall-through side learns that the condition is false.
     */
    private static void refine(Reg r1, Reg r2, JmpOp op, boolean negated, boolean is32) {
        boolean jsetReverse = false;
        if (negated) {
            if (op == JmpOp.JSET) {
                jsetReverse = true;
            } else {
                op = op.negate();
            }
        }
        if (op == JmpOp.JGE || op == JmpOp.JGT || op == JmpOp.JSGE || op == JmpOp.JSGT) {
            op = op.swapOperands();
            Reg t = r1;
            r1 = r2;
            r2 = t;
        }
        if (jsetReverse) {
            if (!isReg32Const(r2, is32)) {
                Reg t = r1;
                r1 = r2;
                r2 = t;
            }
            if (!isReg32Const(r2, is32)) {
                return;
            }
            long val = constValue(r2, is32);
            r1.markUnbounded();
            if (is32) {
                Tnum t = r1.varOff.subreg().and(Tnum.constant(~val));
                r1.varOff = r1.varOff.withSubreg(t);
            } else {
                r1.varOff = r1.varOff.and(Tnum.constant(~val));
            }
            return;
        }
        switch (op) {
            case JEQ -> {
                if (is32) {
                    r1.u32min = umax32(r1.u32min, r2.u32min);
                    r1.u32max = umin32(r1.u32max, r2.u32max);
                    r1.s32min = Math.max(r1.s32min, r2.s32min);
                    r1.s32max = Math.min(r1.s32max, r2.s32max);
                    r2.u32min = r1.u32min;
                    r2.u32max = r1.u32max;
                    r2.s32min = r1.s32min;
                    r2.s32max = r1.s32max;
                    Tnum t = r1.varOff.subreg().intersect(r2.varOff.subreg());
                    r1.varOff = r1.varOff.withSubreg(t);
                    r2.varOff = r2.varOff.withSubreg(t);
                } else {
                    r1.umin = umax64(r1.umin, r2.umin);
                    r1.umax = umin64(r1.umax, r2.umax);
                    r1.smin = Math.max(r1.smin, r2.smin);
                    r1.smax = Math.min(r1.smax, r2.smax);
                    r2.umin = r1.umin;
                    r2.umax = r1.umax;
                    r2.smin = r1.smin;
                    r2.smax = r1.smax;
                    r1.varOff = r1.varOff.intersect(r2.varOff);
                    r2.varOff = r1.varOff;
                }
            }
            case JNE -> {
                if (!isReg32Const(r2, is32)) {
                    Reg t = r1;
                    r1 = r2;
                    r2 = t;
                }
                if (!isReg32Const(r2, is32)) {
                    return;
                }
                long val = constValue(r2, is32);
                if (is32) {
                    if (r1.u32min == (int) val) {
                        r1.u32min++;
                    }
                    if (r1.u32max == (int) val) {
                        r1.u32max--;
                    }
                    if (r1.s32min == (int) val) {
                        r1.s32min++;
                    }
                    if (r1.s32max == (int) val) {
                        r1.s32max--;
                    }
                } else {
                    if (r1.umin == val) {
                        r1.umin++;
                    }
                    if (r1.umax == val) {
                        r1.umax--;
                    }
                    if (r1.smin == val) {
                        r1.smin++;
                    }
                    if (r1.smax == val) {
                        r1.smax--;
                    }
                }
            }
            case JSET -> {
                if (!isReg32Const(r2, is32)) {
                    Reg t = r1;
                    r1 = r2;
                    r2 = t;
                }
                if (!isReg32Const(r2, is32)) {
                    return;
                }
                long val = constValue(r2, is32);
                if (val == 0 || (val & (val - 1)) != 0) {
                    return;
                }
                if (is32) {
                    Tnum t = r1.varOff.subreg().or(Tnum.constant(val));
                    r1.varOff = r1.varOff.withSubreg(t);
                } else {
                    r1.varOff = r1.varOff.or(Tnum.constant(val));
                }
            }
            case JLE -> {
                if (is32) {
                    r1.u32max = umin32(r1.u32max, r2.u32max);
                    r2.u32min = umax32(r1.u32min, r2.u32min);
                } else {
                    r1.umax = umin64(r1.umax, r2.umax);
                    r2.umin = umax64(r1.umin, r2.umin);
                }
            }
            case JLT -> {
                if (is32) {
                    r1.u32max = umin32(r1.u32max, r2.u32max - 1);
                    r2.u32min = umax32(r1.u32min + 1, r2.u32min);
                } else {
                    r1.umax = umin64(r1.umax, r2.umax - 1);
                    r2.umin = umax64(r1.umin + 1, r2.umin);
                }
            }
            case JSLE -> {
                if (is32) {
                    r1.s32max = Math.min(r1.s32max, r2.s32max);
                    r2.s32min = Math.max(r1.s32min, r2.s32min);
                } else {
                    r1.smax = Math.min(r1.smax, r2.smax);
                    r2.smin = Math.max(r1.smin, r2.smin);
                }
            }
            case JSLT -> {
                if (is32) {
                    r1.s32max = Math.min(r1.s32max, r2.s32max - 1);
                    r2.s32min = Math.max(r1.s32min + 1, r2.s32min);
                } else {
                    r1.smax = Math.min(r1.smax, r2.smax - 1);
                    r2.smin = Math.max(r1.smin + 1, r2.smin);
                }
            }
            default -> {}
        }
    }
}
