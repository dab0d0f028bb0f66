package io.jxdp.verifier.internal;

import io.jxdp.isa.AluOp;
import io.jxdp.isa.Form;
import io.jxdp.isa.Instruction;
import io.jxdp.verifier.ErrorCode;

/**
 * ALU instructions (check_alu_op, adjust_reg_min_max_vals, adjust_ptr_min_max_vals): moves keep
 * the source's state, scalar arithmetic goes to {@link Scalars}, and pointer arithmetic is allowed
 * only as 64-bit add/sub of a bounded scalar on the pointer types that support it.
 */
public final class AluChecks {
    private AluChecks() {}

    /** bpf_alu_string, indexed by the operation code >> 4. */
    static String aluString(AluOp op) {
        return switch (op) {
            case ADD -> "+=";
            case SUB -> "-=";
            case MUL -> "*=";
            case DIV, SDIV -> "/=";
            case OR -> "|=";
            case AND -> "&=";
            case LSH -> "<<=";
            case RSH -> ">>=";
            case NEG -> "neg";
            case MOD, SMOD -> "%=";
            case XOR -> "^=";
            case MOV, MOVSX8, MOVSX16, MOVSX32 -> "=";
            case ARSH -> "s>>=";
            default -> "endian";
        };
    }

    public static void checkAlu(Checker env, Instruction insn) {
        AluOp op = insn.op().aluOp();
        boolean alu32 = insn.op().is32();
        Form form = insn.op().form();
        if (form == Form.ALU_NEG || form == Form.ALU_END) {
            Reg d = env.readReg(insn.dst());
            if (env.isPointerValue(insn.dst())) {
                throw new Rejection(
                        ErrorCode.PTR_ARITH_PROHIBITED,
                        insn.dst(),
                        "R" + insn.dst() + " pointer arithmetic prohibited");
            }
            if (form == Form.ALU_NEG && d.type == RegType.SCALAR) {
                env.writableReg(insn.dst());
                Scalars.adjust(AluOp.NEG, alu32, d, d.copy());
                clearLink(d);
                env.origin(d, "a negation");
            } else if (form == Form.ALU_END && d.type == RegType.SCALAR) {
                env.writableReg(insn.dst());
                byteSwap(d, insn);
                clearLink(d);
                env.origin(d, "a byte swap");
            } else {
                env.writeUnknown(insn.dst(), form == Form.ALU_NEG ? "a negation of a pointer" : "a byte swap");
            }
            return;
        }
        if (op == AluOp.MOV || op.isMovSx()) {
            checkMov(env, insn, op, alu32);
            return;
        }
        if (form == Form.ALU_REG) {
            env.readReg(insn.src());
        }
        env.readReg(insn.dst());
        if ((op == AluOp.MOD || op == AluOp.DIV || op == AluOp.SMOD || op == AluOp.SDIV)
                && form == Form.ALU_IMM
                && insn.imm() == 0) {
            throw new Rejection(ErrorCode.DIV_BY_ZERO, insn.dst(), "div by zero");
        }
        if (op.isShift() && form == Form.ALU_IMM) {
            int size = alu32 ? 32 : 64;
            if (insn.imm() < 0 || insn.imm() >= size) {
                throw new Rejection(ErrorCode.INVALID_SHIFT, insn.dst(), "invalid shift " + insn.imm());
            }
        }
        env.writableReg(insn.dst());
        adjustRegMinMaxVals(env, insn, op, alu32);
        env.boundsSanity(env.regs()[insn.dst()], "alu");
    }

    /**
     * scalar_byte_swap: a swap moves the known bits with the bytes (tnum_bswap*), and le/be of 16
     * or 32 bits truncate; the bounds are re-derived from the tnum. jxdp emulates a little-endian
     * machine, so {@code le} only truncates and {@code be} and {@code bswap} swap.
     */
    private static void byteSwap(Reg d, Instruction insn) {
        int width = (int) insn.imm();
        boolean swap = insn.op() != io.jxdp.isa.Opcode.LE;
        if (swap) {
            long v = io.jxdp.isa.sem.ByteSwaps.swap(d.varOff.value(), width);
            long m = io.jxdp.isa.sem.ByteSwaps.swap(d.varOff.mask(), width);
            d.varOff = new Tnum(v, m);
            d.markUnbounded();
        }
        if (width == 16 || width == 32) {
            d.coerceToSize(width / 8);
        } else {
            d.syncBounds();
        }
    }

    private static void clearLink(Reg r) {
        if (r.type == RegType.SCALAR) {
            r.id = 0;
            r.off = 0;
        }
    }

    private static void checkMov(Checker env, Instruction insn, AluOp op, boolean alu32) {
        int dstNo = insn.dst();
        if (insn.op().form() == Form.ALU_REG) {
            env.readReg(insn.src());
        }
        Reg dst = env.writableReg(dstNo);
        if (insn.op().form() == Form.ALU_IMM) {
            dst.markUnknown();
            dst.markKnown(alu32 ? insn.imm() & 0xffffffffL : insn.imm());
            env.origin(dst, "the constant " + (alu32 ? insn.imm() & 0xffffffffL : insn.imm()));
            return;
        }
        Reg src = env.regs()[insn.src()];
        if (!alu32) {
            if (op == AluOp.MOV) {
                Scalars.assignIdBeforeMov(env, src);
                dst.copyFrom(src);
                return;
            }
            int bits = op == AluOp.MOVSX8 ? 8 : op == AluOp.MOVSX16 ? 16 : 32;
            if (env.isPointerValue(insn.src())) {
                throw new Rejection(
                        ErrorCode.PTR_ARITH_PROHIBITED,
                        insn.src(),
                        "R" + insn.src() + " sign-extension part of pointer");
            }
            if (src.type == RegType.SCALAR) {
                boolean noSext = Long.compareUnsigned(src.umax, 1L << (bits - 1)) < 0;
                if (noSext) {
                    Scalars.assignIdBeforeMov(env, src);
                }
                dst.copyFrom(src);
                if (!noSext) {
                    dst.clearScalarId();
                }
                dst.coerceToSizeSx(bits / 8);
            } else {
                dst.markUnknown();
            }
            env.origin(dst, "a sign-extending move");
            return;
        }
        if (env.isPointerValue(insn.src())) {
            throw new Rejection(ErrorCode.PTR_ARITH_32BIT, insn.src(), "R" + insn.src() + " partial copy of pointer");
        }
        if (src.type == RegType.SCALAR) {
            if (op == AluOp.MOV) {
                boolean fits = Scalars.width(src) <= 32;
                if (fits) {
                    Scalars.assignIdBeforeMov(env, src);
                }
                dst.copyFrom(src);
                if (!fits) {
                    dst.clearScalarId();
                }
            } else {
                int bits = op == AluOp.MOVSX8 ? 8 : 16;
                boolean noSext = Long.compareUnsigned(src.umax, 1L << (bits - 1)) < 0;
                if (noSext) {
                    Scalars.assignIdBeforeMov(env, src);
                }
                dst.copyFrom(src);
                if (!noSext) {
                    dst.clearScalarId();
                }
                dst.coerceSubregToSizeSx(bits / 8);
            }
        } else {
            dst.markUnknown();
            env.origin(dst, "a 32-bit copy of a pointer (only the low half survives)");
        }
        dst.zext32To64();
        dst.syncBounds();
    }

    /** adjust_reg_min_max_vals. */
    private static void adjustRegMinMaxVals(Checker env, Instruction insn, AluOp op, boolean alu32) {
        Reg[] regs = env.regs();
        int dstNo = insn.dst();
        Reg dst = regs[dstNo];
        Reg src;
        if (insn.op().form() == Form.ALU_REG) {
            src = regs[insn.src()];
            if (src.type != RegType.SCALAR) {
                if (dst.type != RegType.SCALAR) {
                    if (op == AluOp.SUB && env.allowPtrLeaks()) {
                        dst.markUnknown();
                        env.origin(dst, "a difference of two pointers");
                        return;
                    }
                    throw new Rejection(
                            ErrorCode.PTR_ARITH_PROHIBITED,
                            dstNo,
                            "R" + dstNo + " pointer " + aluString(op) + " pointer prohibited");
                }
                adjustPtr(env, insn, op, alu32, src.copy(), dst.copy());
                return;
            }
            if (dst.type != RegType.SCALAR) {
                adjustPtr(env, insn, op, alu32, dst.copy(), src.copy());
                return;
            }
            src = src.copy();
        } else {
            src = new Reg();
            src.markKnown(insn.imm());
            if (dst.type != RegType.SCALAR) {
                adjustPtr(env, insn, op, alu32, dst.copy(), src);
                return;
            }
        }
        if ((op == AluOp.AND || op == AluOp.OR)
                && (alu32 ? src.varOff.subregIsConst() : src.varOff.isConst())
                && Scalars.safeToCompute(op, alu32, src)) {
            maybeForkScalars(env, insn, dst);
        }
        boolean fitsU32 = Scalars.width(dst) <= 32;
        Scalars.adjust(op, alu32, dst, src);
        linkAfterAdd(env, dst, src, op, alu32, fitsU32);
        if (dst.isConst()) {
            env.origin(dst, "arithmetic with a known result");
        } else if (op == AluOp.AND || op == AluOp.RSH || op == AluOp.MOD) {
            env.origin(dst, "a bound from '" + aluString(op) + "'");
        } else {
            env.origin(dst, "'" + aluString(op) + "' arithmetic");
        }
    }

    /**
     * maybe_fork_scalars: a scalar in [-1, 0] masked or or-ed with a constant (how compilers lower
     * a select) is walked as two states, -1 here and 0 in a branch that re-runs this instruction,
     * so that each result stays exact.
     */
    private static void maybeForkScalars(Checker env, Instruction insn, Reg dst) {
        boolean alu32;
        if (dst.smin == -1 && dst.smax == 0) {
            alu32 = false;
        } else if (dst.s32min == -1 && dst.s32max == 0) {
            alu32 = true;
        } else {
            return;
        }
        VState branch = env.pushStack(env.insnIdx, env.insnIdx);
        Reg other = branch.regs()[insn.dst()];
        if (alu32) {
            other.mark32Known(0);
            other.syncBounds();
            dst.mark32Known(-1L);
            dst.syncBounds();
        } else {
            other.setKnownBounds(0);
            dst.setKnownBounds(-1L);
        }
    }

    /** The linked-scalar bookkeeping after rX += const (BPF_ADD_CONST64/32), else the link is cut. */
    private static void linkAfterAdd(Checker env, Reg dst, Reg src, AluOp op, boolean alu32, boolean fitsU32) {
        boolean srcConst = src.type == RegType.SCALAR && (alu32 ? src.varOff.subregIsConst() : src.varOff.isConst());
        if (!(env.bpfCapable() && (op == AluOp.ADD || op == AluOp.SUB) && dst.id != 0 && srcConst)) {
            dst.clearScalarId();
            return;
        }
        long val = alu32 ? src.varOff.value() & 0xffffffffL : src.varOff.value();
        if (val < Integer.MIN_VALUE || val > Integer.MAX_VALUE) {
            dst.clearScalarId();
            return;
        }
        if (alu32 && ((dst.id & Scalars.ADD_CONST64) != 0 || !fitsU32)) {
            // a 32-bit sum stays linked only to a value that fitted in 32 bits
            dst.clearScalarId();
            return;
        }
        int off = (int) val;
        if (op == AluOp.SUB) {
            if (off == Integer.MIN_VALUE) {
                dst.clearScalarId();
                return;
            }
            off = -off;
        }
        if ((dst.id & Scalars.ADD_CONST) != 0) {
            dst.clearScalarId(); // rX += val twice: the deltas are not accumulated
        } else {
            dst.id |= alu32 ? Scalars.ADD_CONST32 : Scalars.ADD_CONST64;
            dst.off = off;
        }
    }

    /** adjust_ptr_min_max_vals: dst = ptr op off. */
    private static void adjustPtr(Checker env, Instruction insn, AluOp op, boolean alu32, Reg ptr, Reg off) {
        int dstNo = insn.dst();
        Reg dst = env.regs()[dstNo];
        boolean known = off.varOff.isConst();
        long sminVal = off.smin;
        long smaxVal = off.smax;
        long uminVal = off.umin;
        long umaxVal = off.umax;
        if ((known && (sminVal != smaxVal || uminVal != umaxVal))
                || sminVal > smaxVal
                || Long.compareUnsigned(uminVal, umaxVal) > 0) {
            dst.markUnknown();
            return;
        }
        String ptrName = ptr.type.logName(ptr.maybeNull);
        if (alu32) {
            if (op == AluOp.SUB && env.allowPtrLeaks()) {
                dst.markUnknown();
                env.origin(dst, "32-bit ALU on a pointer");
                return;
            }
            throw new Rejection(
                    ErrorCode.PTR_ARITH_32BIT, dstNo, "R" + dstNo + " 32-bit pointer arithmetic prohibited");
        }
        if (ptr.maybeNull) {
            throw new Rejection(
                    ErrorCode.PTR_ARITH_PROHIBITED,
                    dstNo,
                    "R" + dstNo + " pointer arithmetic on " + ptrName + " prohibited, null-check it first");
        }
        switch (ptr.type) {
            case PTR_TO_CTX,
                    PTR_TO_MAP_VALUE,
                    PTR_TO_STACK,
                    PTR_TO_PACKET_META,
                    PTR_TO_PACKET,
                    PTR_TO_MEM,
                    PTR_TO_FUNC -> {}
            case CONST_PTR_TO_MAP -> {
                if (!(known && sminVal == 0 && op == AluOp.ADD)) {
                    throw new Rejection(
                            ErrorCode.PTR_ARITH_PROHIBITED,
                            dstNo,
                            "R" + dstNo + " pointer arithmetic on " + ptrName + " prohibited");
                }
            }
            default ->
                throw new Rejection(
                        ErrorCode.PTR_ARITH_PROHIBITED,
                        dstNo,
                        "R" + dstNo + " pointer arithmetic on " + ptrName + " prohibited");
        }
        long sminPtr = ptr.smin;
        long smaxPtr = ptr.smax;
        long uminPtr = ptr.umin;
        long umaxPtr = ptr.umax;
        Reg res = ptr.copy();
        res.type = ptr.type;
        res.id = ptr.id;
        saneOffset(off, ptrName, dstNo);
        saneOffset(ptr, ptrName, dstNo);
        res.mark32Unbounded();
        switch (op) {
            case ADD -> {
                long sum = (long) ptr.off + sminVal;
                if (known && sum == (int) sum) {
                    res.smin = sminPtr;
                    res.smax = smaxPtr;
                    res.umin = uminPtr;
                    res.umax = umaxPtr;
                    res.varOff = ptr.varOff;
                    res.off = (int) sum;
                    break;
                }
                long smin = sminPtr + sminVal;
                long smax = smaxPtr + smaxVal;
                if (((sminPtr ^ smin) & (sminVal ^ smin)) < 0 || ((smaxPtr ^ smax) & (smaxVal ^ smax)) < 0) {
                    res.smin = Long.MIN_VALUE;
                    res.smax = Long.MAX_VALUE;
                } else {
                    res.smin = smin;
                    res.smax = smax;
                }
                long umin = uminPtr + uminVal;
                long umax = umaxPtr + umaxVal;
                if (Long.compareUnsigned(umin, uminPtr) < 0 || Long.compareUnsigned(umax, umaxPtr) < 0) {
                    res.umin = 0;
                    res.umax = -1L;
                } else {
                    res.umin = umin;
                    res.umax = umax;
                }
                res.varOff = ptr.varOff.add(off.varOff);
                res.off = ptr.off;
                if (ptr.isPktPointer()) {
                    res.id = env.newId();
                    res.range = 0;
                }
            }
            case SUB -> {
                if (dst == null
                        || (insn.op().form() == Form.ALU_REG
                                && env.regs()[insn.src()].isPointer()
                                && !env.regs()[dstNo].isPointer())) {
                    throw new Rejection(
                            ErrorCode.PTR_ARITH_PROHIBITED,
                            dstNo,
                            "R" + dstNo + " tried to subtract pointer from scalar");
                }
                if (ptr.type == RegType.PTR_TO_STACK) {
                    throw new Rejection(
                            ErrorCode.PTR_ARITH_PROHIBITED,
                            dstNo,
                            "R" + dstNo + " subtraction from stack pointer prohibited");
                }
                long diff = (long) ptr.off - sminVal;
                if (known && diff == (int) diff) {
                    res.smin = sminPtr;
                    res.smax = smaxPtr;
                    res.umin = uminPtr;
                    res.umax = umaxPtr;
                    res.varOff = ptr.varOff;
                    res.id = ptr.id;
                    res.off = (int) diff;
                    break;
                }
                long smin = sminPtr - smaxVal;
                long smax = smaxPtr - sminVal;
                if (((sminPtr ^ smaxVal) & (sminPtr ^ smin)) < 0 || ((smaxPtr ^ sminVal) & (smaxPtr ^ smax)) < 0) {
                    res.smin = Long.MIN_VALUE;
                    res.smax = Long.MAX_VALUE;
                } else {
                    res.smin = smin;
                    res.smax = smax;
                }
                if (Long.compareUnsigned(uminPtr, umaxVal) < 0) {
                    res.umin = 0;
                    res.umax = -1L;
                } else {
                    res.umin = uminPtr - umaxVal;
                    res.umax = umaxPtr - uminVal;
                }
                res.varOff = ptr.varOff.sub(off.varOff);
                res.off = ptr.off;
                if (ptr.isPktPointer()) {
                    res.id = env.newId();
                    if (sminVal < 0) {
                        res.range = 0;
                    }
                }
            }
            case AND, OR, XOR ->
                throw new Rejection(
                        ErrorCode.PTR_ARITH_BITWISE,
                        dstNo,
                        "R" + dstNo + " bitwise operator " + aluString(op) + " on pointer prohibited");
            default ->
                throw new Rejection(
                        ErrorCode.PTR_ARITH_PROHIBITED,
                        dstNo,
                        "R" + dstNo + " pointer arithmetic with " + aluString(op) + " operator prohibited");
        }
        saneOffset(res, ptrName, dstNo);
        res.syncBounds();
        if (env.specV1()) {
            sanitizeCheckBounds(env, dstNo, res);
        }
        boolean variable = !off.varOff.isConst();
        dst.copyFrom(res);
        if (variable) {
            env.origin(dst, "a variable offset added to a " + ptrName + " pointer");
        } else {
            dst.originPc = ptr.originPc;
            dst.originNote = ptr.originNote;
        }
    }

    /** check_reg_sane_offset. */
    private static void saneOffset(Reg reg, String typeName, int regno) {
        boolean known = reg.varOff.isConst();
        long val = reg.varOff.value();
        long smin = reg.smin;
        if (known && (val >= Limits.MAX_VAR_OFF || val <= -Limits.MAX_VAR_OFF)) {
            throw new Rejection(
                    ErrorCode.PTR_ARITH_UNBOUNDED,
                    regno,
                    "math between " + typeName + " pointer and " + val + " is not allowed");
        }
        // a linked scalar keeps its delta in off here; the running kernel keeps it apart from
        // reg->off (reg->delta), so a scalar's fixed offset is always 0 to this check
        int fixedOff = reg.type == RegType.SCALAR ? 0 : reg.off;
        if (fixedOff >= Limits.MAX_VAR_OFF || fixedOff <= -Limits.MAX_VAR_OFF) {
            throw new Rejection(
                    ErrorCode.PTR_ARITH_UNBOUNDED, regno, typeName + " pointer offset " + fixedOff + " is not allowed");
        }
        if (smin == Long.MIN_VALUE) {
            throw new Rejection(
                    ErrorCode.PTR_ARITH_UNBOUNDED,
                    regno,
                    "math between " + typeName + " pointer and register with unbounded min value is not allowed");
        }
        if (smin >= Limits.MAX_VAR_OFF || smin <= -Limits.MAX_VAR_OFF) {
            throw new Rejection(
                    ErrorCode.PTR_ARITH_UNBOUNDED,
                    regno,
                    "value " + smin + " makes " + typeName + " pointer be out of bounds");
        }
    }

    /** sanitize_check_bounds: unprivileged pointer arithmetic must stay inside its object. */
    private static void sanitizeCheckBounds(Checker env, int dstNo, Reg r) {
        if (r.type == RegType.PTR_TO_STACK) {
            if (!r.varOff.isConst()) {
                throw new Rejection(
                        ErrorCode.STACK_VAR_OFFSET,
                        dstNo,
                        "R" + dstNo + " variable stack access prohibited for !root, var_off=" + r.varOff + " off="
                                + r.off);
            }
            long off = r.off + r.varOff.value();
            if (off >= 0 || off < -Limits.MAX_BPF_STACK) {
                throw new Rejection(
                        ErrorCode.STACK_OUT_OF_BOUNDS,
                        dstNo,
                        "R" + dstNo + " stack pointer arithmetic goes out of range, prohibited for !root; off=" + off);
            }
        } else if (r.type == RegType.PTR_TO_MAP_VALUE) {
            int valueSize = env.maps.get(r.mapIndex).valueSize();
            long lo = r.smin + r.off;
            long hi = r.umax + r.off;
            if (r.smin < 0 || lo < 0 || hi + 1 > valueSize || Long.compareUnsigned(r.umax, Limits.MAX_VAR_OFF) >= 0) {
                throw new Rejection(
                        ErrorCode.MAP_VALUE_OUT_OF_RANGE,
                        dstNo,
                        "R" + dstNo + " pointer arithmetic of map value goes out of range, prohibited for !root");
            }
        }
    }
}
