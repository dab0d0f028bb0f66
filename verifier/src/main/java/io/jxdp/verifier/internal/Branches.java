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

    private Branches() {}

    public static void checkCondJmp(Checker env, Instruction insn) {
        JmpOp op = insn.op().jmpOp();
        boolean is32 = insn.op().is32();
        boolean regSrc = insn.op().form() == Form.JUMP_REG;
        Reg[] regs = env.regs();
        Reg dst = env.readReg(insn.dst());
        Reg src;
        if (regSrc) {
            src = env.readReg(insn.src());
            if (!is32) {
                env.accesses.recordCompare(env.insnIdx, AccessRecorder.sameRegion(dst, src));
            }
            if (!(dst.isPktPointer() || dst.type == RegType.PTR_TO_PACKET_END)
                    || !(src.isPktPointer() || src.type == RegType.PTR_TO_PACKET_END)) {
                if (env.isPointerValue(insn.src())) {
                    throw new Rejection(
                            ErrorCode.POINTER_COMPARISON,
                            insn.src(),
                            "R" + insn.src() + " pointer comparison prohibited");
                }
            }
        } else {
            src = new Reg();
            src.markKnown(insn.imm());
        }
        int target = env.insnIdx + insn.offset() + 1;
        int pred = BranchBounds.isBranchTaken(dst, src, op, is32);
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
        Reg true1 = otherRegs[insn.dst()];
        Reg true2 = regSrc ? otherRegs[insn.src()] : src;
        Reg false2 = regSrc ? src : src.copy();
        if (BranchBounds.regSetMinMax(true1, true2, dst, false2, op, is32)) {
            env.boundsSanity(true1, "true_reg1");
            env.boundsSanity(true2, "true_reg2");
            env.boundsSanity(dst, "false_reg1");
            env.boundsSanity(false2, "false_reg2");
        }
        if (regSrc && src.type == RegType.SCALAR && src.id != 0) {
            BranchMarks.syncLinkedRegs(env.cur, src);
            BranchMarks.syncLinkedRegs(other, otherRegs[insn.src()]);
        }
        if (dst.type == RegType.SCALAR && dst.id != 0) {
            BranchMarks.syncLinkedRegs(env.cur, dst);
            BranchMarks.syncLinkedRegs(other, otherRegs[insn.dst()]);
        }
        if (!is32 && regSrc && src.isPointer() && dst.isPointer() && src.maybeNull != dst.maybeNull) {
            Reg[] eq = op == JmpOp.JEQ ? otherRegs : op == JmpOp.JNE ? regs : null;
            if (eq != null) {
                BranchMarks.markPtrNotNull(src.maybeNull ? eq[insn.src()] : eq[insn.dst()]);
            }
        }
        if (!is32 && !regSrc && insn.imm() == 0 && (op == JmpOp.JEQ || op == JmpOp.JNE) && dst.maybeNull) {
            int id = dst.id;
            BranchMarks.markPtrOrNullRegs(env.cur, id, op == JmpOp.JNE, env.insnIdx);
            BranchMarks.markPtrOrNullRegs(other, id, op == JmpOp.JEQ, env.insnIdx);
        } else if (!BranchMarks.tryMatchPktPointers(env, insn, op, is32, regSrc, dst, regs[insn.src()], env.cur, other)
                && env.isPointerValue(insn.dst())) {
            throw new Rejection(
                    ErrorCode.POINTER_COMPARISON, insn.dst(), "R" + insn.dst() + " pointer comparison prohibited");
        }
        env.printInsnState();
        env.insnIdx++;
    }
}
