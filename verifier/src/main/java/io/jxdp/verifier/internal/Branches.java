package io.jxdp.verifier.internal;

import io.jxdp.isa.Form;
import io.jxdp.isa.Instruction;
import io.jxdp.isa.JmpOp;
import io.jxdp.verifier.ErrorCode;

/**
 * Conditional jumps (check_cond_jmp_op): decide the branch when the operands' states allow it
 * (is_branch_taken), otherwise fork and narrow both sides (reg_set_min_max), mark packet ranges
 * from comparisons with pkt_end (try_match_pkt_pointers) and resolve null checks
 * (mark_ptr_or_null_regs).
 */
public final class Branches {
    /** reg->range of a packet pointer known to be beyond, or at, pkt_end. */
    public static final int BEYOND_PKT_END = -2;
    public static final int AT_PKT_END = -1;

    private Branches() {
    }

    public static void checkCondJmp(Checker env, Instruction insn) {
        JmpOp op = insn.op().jmpOp();
        boolean is32 = insn.op().is32();
        boolean regSrc = insn.op().form() == Form.JUMP_REG;
        Reg[] regs = env.regs();
        Reg dst = env.readReg(insn.dst());
        Reg src;
        if (regSrc) {
            src = env.readReg(insn.src());
            if (!(dst.isPktPointer() || dst.type == RegType.PTR_TO_PACKET_END)
                    || !(src.isPktPointer() || src.type == RegType.PTR_TO_PACKET_END)) {
                if (env.isPointerValue(insn.src())) {
                    throw new VerifyError(ErrorCode.POINTER_COMPARISON, insn.src(), "R" + insn.src() + " pointer comparison prohibited");
                }
            }
        } else {
            src = new Reg();
            src.markKnown(insn.imm());
        }
        int target = env.insnIdx + insn.offset() + 1;
        int pred = isBranchTaken(dst, src, op, is32);
        if (pred == 1) {
            env.cur.path = new VState.PathStep(env.insnIdx, target, true, env.cur.path);
            env.printInsnState();
            env.insnIdx = target;
            return;
        }
        if (pred == 0) {
            env.cur.path = new VState.PathStep(env.insnIdx, env.insnIdx + 1, false, env.cur.path);
            env.printInsnState();
            env.insnIdx++;
            return;
        }
        VState.PathStep before = env.cur.path;
        VState other = env.pushStack(target, env.insnIdx);
        other.path = new VState.PathStep(env.insnIdx, target, true, before);
        env.cur.path = new VState.PathStep(env.insnIdx, env.insnIdx + 1, false, before);
        Reg[] otherRegs = other.regs();
        if (regSrc) {
            regSetMinMax(otherRegs[insn.dst()], otherRegs[insn.src()], dst, src, op, is32);
        } else {
            Reg fake0 = src;
            Reg fake1 = src.copy();
            regSetMinMax(otherRegs[insn.dst()], fake0, dst, fake1, op, is32);
        }
        if (regSrc && src.type == RegType.SCALAR && src.id != 0) {
            syncLinkedRegs(env.cur, src);
            syncLinkedRegs(other, otherRegs[insn.src()]);
        }
        if (dst.type == RegType.SCALAR && dst.id != 0) {
            syncLinkedRegs(env.cur, dst);
            syncLinkedRegs(other, otherRegs[insn.dst()]);
        }
        if (!is32 && regSrc && src.isPointer() && dst.isPointer() && src.maybeNull != dst.maybeNull) {
            Reg[] eq = op == JmpOp.JEQ ? otherRegs : op == JmpOp.JNE ? regs : null;
            if (eq != null) {
                markPtrNotNull(src.maybeNull ? eq[insn.src()] : eq[insn.dst()]);
            }
        }
        if (!is32 && !regSrc && insn.imm() == 0 && (op == JmpOp.JEQ || op == JmpOp.JNE) && dst.maybeNull) {
            int id = dst.id;
            markPtrOrNullRegs(env.cur, id, op == JmpOp.JNE, env.insnIdx);
            markPtrOrNullRegs(other, id, op == JmpOp.JEQ, env.insnIdx);
        } else if (!tryMatchPktPointers(env, insn, op, is32, regSrc, dst, regs[insn.src()], env.cur, other)
                && env.isPointerValue(insn.dst())) {
            throw new VerifyError(ErrorCode.POINTER_COMPARISON, insn.dst(), "R" + insn.dst() + " pointer comparison prohibited");
        }
        env.printInsnState();
        env.insnIdx++;
    }

    /** is_reg_const: a scalar whose (sub)register is known. */
    private static boolean isReg32Const(Reg r, boolean is32) {
        return r.type == RegType.SCALAR && (is32 ? r.varOff.subregIsConst() : r.varOff.isConst());
    }

    private static long constValue(Reg r, boolean is32) {
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
                if (pkt.range == BEYOND_PKT_END) {
                    return op == JmpOp.JGT ? 1 : 0;
                }
            }
            case JLT, JGE -> {
                if (pkt.range == BEYOND_PKT_END || pkt.range == AT_PKT_END) {
                    return op == JmpOp.JGE ? 1 : 0;
                }
            }
            default -> {
            }
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
                    if (Integer.compareUnsigned(r1.u32min, r2.u32max) > 0 || Integer.compareUnsigned(r1.u32max, r2.u32min) < 0
                            || r1.s32min > r2.s32max || r1.s32max < r2.s32min) {
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
    static void regSetMinMax(Reg true1, Reg true2, Reg false1, Reg false2, JmpOp op, boolean is32) {
        if (false1.type != RegType.SCALAR || false2.type != RegType.SCALAR) {
            return;
        }
        refine(false1, false2, op, true, is32);
        false1.syncBounds();
        false2.syncBounds();
        refine(true1, true2, op, false, is32);
        true1.syncBounds();
        true2.syncBounds();
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
            default -> {
            }
        }
    }

    /** sync_linked_regs: every scalar sharing known's id gets its narrowed bounds (plus its delta). */
    static void syncLinkedRegs(VState st, Reg known) {
        int base = known.id & ~Scalars.ADD_CONST;
        for (int f = 0; f <= st.curFrame; f++) {
            FuncState fs = st.frames[f];
            for (Reg reg : fs.regs) {
                syncOne(reg, known, base);
            }
            for (int k = 0; k < FuncState.SLOTS; k++) {
                if (fs.spilled[k] != null && fs.isSpill(k)) {
                    syncOne(fs.spilled[k], known, base);
                }
            }
        }
    }

    private static void syncOne(Reg reg, Reg known, int base) {
        if (reg == known || reg.type != RegType.SCALAR || (reg.id & ~Scalars.ADD_CONST) != base) {
            return;
        }
        boolean regConst = (reg.id & Scalars.ADD_CONST) != 0;
        boolean knownConst = (known.id & Scalars.ADD_CONST) != 0;
        int originPc = reg.originPc;
        String note = reg.originNote;
        if ((!regConst && !knownConst) || reg.off == known.off) {
            reg.copyFrom(known);
        } else {
            int savedOff = reg.off;
            int savedId = reg.id;
            Reg delta = new Reg();
            delta.markKnown((long) savedOff - known.off);
            reg.copyFrom(known);
            reg.off = savedOff;
            reg.id = savedId;
            Scalars.add32(reg, delta);
            Scalars.add64(reg, delta);
            reg.varOff = reg.varOff.add(delta.varOff);
        }
        reg.originPc = originPc;
        reg.originNote = note;
    }

    /** mark_ptr_not_null_reg. */
    static void markPtrNotNull(Reg r) {
        r.maybeNull = false;
    }

    /** mark_ptr_or_null_regs: after {@code if rX == 0}, every register of rX's id is NULL or valid. */
    static void markPtrOrNullRegs(VState st, int id, boolean isNull, int pc) {
        for (int f = 0; f <= st.curFrame; f++) {
            FuncState fs = st.frames[f];
            for (Reg reg : fs.regs) {
                markPtrOrNull(reg, id, isNull, pc);
            }
            for (int k = 0; k < FuncState.SLOTS; k++) {
                if (fs.spilled[k] != null && fs.isSpill(k)) {
                    markPtrOrNull(fs.spilled[k], id, isNull, pc);
                }
            }
        }
    }

    private static void markPtrOrNull(Reg reg, int id, boolean isNull, int pc) {
        if (!reg.maybeNull || reg.id != id) {
            return;
        }
        if (isNull) {
            reg.type = RegType.SCALAR;
            reg.maybeNull = false;
            reg.id = 0;
            reg.mapIndex = -1;
            reg.memSize = 0;
            reg.originPc = pc;
            reg.originNote = "the null branch of the check at insn " + pc;
            return;
        }
        reg.maybeNull = false;
        reg.id = 0;
        reg.rangePc = pc;
    }

    /** try_match_pkt_pointers: a comparison of pkt (or pkt_meta) with pkt_end (or pkt) proves a range. */
    private static boolean tryMatchPktPointers(Checker env, Instruction insn, JmpOp op, boolean is32, boolean regSrc,
            Reg dst, Reg src, VState thisBranch, VState otherBranch) {
        if (!regSrc || is32) {
            return false;
        }
        int d = insn.dst();
        int s = insn.src();
        boolean dstLeft = dst.type == RegType.PTR_TO_PACKET && src.type == RegType.PTR_TO_PACKET_END
                || dst.type == RegType.PTR_TO_PACKET_META && isInitPktPointer(src, RegType.PTR_TO_PACKET);
        boolean srcLeft = dst.type == RegType.PTR_TO_PACKET_END && src.type == RegType.PTR_TO_PACKET
                || isInitPktPointer(dst, RegType.PTR_TO_PACKET) && src.type == RegType.PTR_TO_PACKET_META;
        int pc = env.insnIdx;
        switch (op) {
            case JGT -> {
                if (dstLeft) {
                    findGoodPktPointers(thisBranch, thisBranch.regs()[d], false, pc);
                    markPktEnd(otherBranch, d, true);
                } else if (srcLeft) {
                    findGoodPktPointers(otherBranch, otherBranch.regs()[s], true, pc);
                    markPktEnd(thisBranch, s, false);
                } else {
                    return false;
                }
            }
            case JLT -> {
                if (dstLeft) {
                    findGoodPktPointers(otherBranch, otherBranch.regs()[d], true, pc);
                    markPktEnd(thisBranch, d, false);
                } else if (srcLeft) {
                    findGoodPktPointers(thisBranch, thisBranch.regs()[s], false, pc);
                    markPktEnd(otherBranch, s, true);
                } else {
                    return false;
                }
            }
            case JGE -> {
                if (dstLeft) {
                    findGoodPktPointers(thisBranch, thisBranch.regs()[d], true, pc);
                    markPktEnd(otherBranch, d, false);
                } else if (srcLeft) {
                    findGoodPktPointers(otherBranch, otherBranch.regs()[s], false, pc);
                    markPktEnd(thisBranch, s, true);
                } else {
                    return false;
                }
            }
            case JLE -> {
                if (dstLeft) {
                    findGoodPktPointers(otherBranch, otherBranch.regs()[d], false, pc);
                    markPktEnd(thisBranch, d, true);
                } else if (srcLeft) {
                    findGoodPktPointers(thisBranch, thisBranch.regs()[s], true, pc);
                    markPktEnd(otherBranch, s, false);
                } else {
                    return false;
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** reg_is_init_pkt_pointer: a packet pointer with no offset at all. */
    private static boolean isInitPktPointer(Reg r, RegType t) {
        return r.type == t && r.off == 0 && r.varOff.isConst() && r.varOff.value() == 0;
    }

    /** find_good_pkt_pointers: every register of this pointer's id may access [0, off) (or off + 1). */
    static void findGoodPktPointers(VState st, Reg dstReg, boolean rangeRightOpen, int pc) {
        if (dstReg.off < 0 || (dstReg.off == 0 && rangeRightOpen)) {
            return;
        }
        if (Long.compareUnsigned(dstReg.umax, Limits.MAX_PACKET_OFF) > 0 || dstReg.umax + dstReg.off > Limits.MAX_PACKET_OFF) {
            return;
        }
        int newRange = dstReg.off + (rangeRightOpen ? 1 : 0);
        RegType type = dstReg.type;
        int id = dstReg.id;
        for (int f = 0; f <= st.curFrame; f++) {
            FuncState fs = st.frames[f];
            for (Reg reg : fs.regs) {
                widen(reg, type, id, newRange, pc);
            }
            for (int k = 0; k < FuncState.SLOTS; k++) {
                if (fs.spilled[k] != null && fs.isSpill(k)) {
                    widen(fs.spilled[k], type, id, newRange, pc);
                }
            }
        }
    }

    private static void widen(Reg reg, RegType type, int id, int newRange, int pc) {
        if (reg.type == type && reg.id == id && newRange > reg.range) {
            reg.range = newRange;
            reg.rangePc = pc;
        }
    }

    /** mark_pkt_end: this branch knows the pointer is at or beyond pkt_end. */
    private static void markPktEnd(VState st, int regno, boolean rangeOpen) {
        Reg reg = st.regs()[regno];
        if (reg.type != RegType.PTR_TO_PACKET) {
            return;
        }
        reg.range = rangeOpen ? BEYOND_PKT_END : AT_PKT_END;
    }
}
