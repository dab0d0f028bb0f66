package io.jxdp.verifier.internal;

import io.jxdp.isa.Instruction;
import io.jxdp.isa.JmpOp;

/**
 * What a comparison marks on registers other than its operands: linked scalars take the narrowed
 * bounds (sync_linked_regs), a null check resolves every copy of a lookup result
 * (mark_ptr_or_null_regs), and a packet pointer compared with pkt_end gives every pointer of its id
 * a range (try_match_pkt_pointers, find_good_pkt_pointers, mark_pkt_end).
 */
final class BranchMarks {
    private BranchMarks() {}

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
        if ((known.id & Scalars.ADD_CONST32) != 0 && (reg.id & Scalars.ADD_CONST32) == 0) {
            return; // a 32-bit sum wraps: it tells nothing exact about the 64-bit registers it is linked to
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
            if (((savedId | known.id) & Scalars.ADD_CONST32) != 0) {
                reg.zext32To64();
            }
            reg.syncBounds();
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
    static boolean tryMatchPktPointers(
            Checker env,
            Instruction insn,
            JmpOp op,
            boolean is32,
            boolean regSrc,
            Reg dst,
            Reg src,
            VState thisBranch,
            VState otherBranch) {
        if (!regSrc || is32) {
            return false;
        }
        int d = insn.dst();
        int s = insn.src();
        boolean dstLeft = (dst.type == RegType.PTR_TO_PACKET && src.type == RegType.PTR_TO_PACKET_END)
                || (dst.type == RegType.PTR_TO_PACKET_META && isInitPktPointer(src, RegType.PTR_TO_PACKET));
        boolean srcLeft = (dst.type == RegType.PTR_TO_PACKET_END && src.type == RegType.PTR_TO_PACKET)
                || (isInitPktPointer(dst, RegType.PTR_TO_PACKET) && src.type == RegType.PTR_TO_PACKET_META);
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
        if (Long.compareUnsigned(dstReg.umax, Limits.MAX_PACKET_OFF) > 0
                || dstReg.umax + dstReg.off > Limits.MAX_PACKET_OFF) {
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
        reg.range = rangeOpen ? Branches.BEYOND_PKT_END : Branches.AT_PKT_END;
    }
}
