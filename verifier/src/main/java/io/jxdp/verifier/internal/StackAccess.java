package io.jxdp.verifier.internal;

import io.jxdp.verifier.ErrorCode;

/**
 * The stack (check_stack_access_within_bounds, check_stack_write/read_fixed_off and _var_off,
 * check_stack_range_initialized): each byte is invalid, spilled register, misc data or zero; an
 * 8-byte aligned spill keeps the whole register state, narrower fills of a spilled scalar keep
 * what they can, and other reads give unknown scalars (or zero when every byte is zero).
 */
public final class StackAccess {
    /** Who accesses the stack: an instruction or a helper (for the messages and the clobbering). */
    public enum Kind {
        READ,
        WRITE,
        HELPER_READ,
        HELPER_WRITE,
        /** A helper writing memory it never reads (MEM_UNINIT, meta->raw_mode): no slot need be initialized. */
        HELPER_RAW_WRITE
    }

    private StackAccess() {}

    static boolean isWrite(Kind k) {
        return k == Kind.WRITE || k == Kind.HELPER_WRITE || k == Kind.HELPER_RAW_WRITE;
    }

    /** The frame a stack pointer points into. */
    static FuncState frameOf(Checker env, Reg reg) {
        return env.cur.frames[reg.frameno];
    }

    /** check_stack_access_within_bounds; grows the frame's allocated stack. */
    public static void checkWithinBounds(Checker env, int regno, int off, int size, Kind kind) {
        Reg reg = env.regs()[regno];
        FuncState state = frameOf(env, reg);
        String extra = isWrite(kind) ? " write to" : " read from";
        long minOff;
        long maxOff;
        if (reg.varOff.isConst()) {
            minOff = reg.varOff.value() + off;
            maxOff = minOff + size;
        } else {
            if (reg.smax >= Limits.MAX_VAR_OFF || reg.smin <= -Limits.MAX_VAR_OFF) {
                throw new Rejection(
                        ErrorCode.STACK_VAR_OFFSET,
                        regno,
                        "invalid unbounded variable-offset" + extra + " stack R" + regno);
            }
            minOff = reg.smin + off;
            maxOff = reg.smax + off + size;
        }
        long minValid = isWrite(kind) || env.allowUninitStack() ? -Limits.MAX_BPF_STACK : -state.allocatedStack;
        boolean bad = minOff < minValid || minOff > -1 || maxOff > 0 || size < 0;
        if (bad) {
            if (reg.varOff.isConst()) {
                throw new Rejection(
                        ErrorCode.STACK_OUT_OF_BOUNDS,
                        regno,
                        "invalid" + extra + " stack R" + regno + " off=" + off + " size=" + size);
            }
            throw new Rejection(
                    ErrorCode.STACK_VAR_OFFSET,
                    regno,
                    "invalid variable-offset" + extra + " stack R" + regno + " var_off=" + reg.varOff + " off=" + off
                            + " size=" + size);
        }
        int need = (int) -minOff;
        state.growStack(need);
        env.updateStackDepth(state, state.allocatedStack);
    }

    /** check_stack_write. */
    static void write(Checker env, int ptrRegno, int off, int size, int valueRegno) {
        Reg reg = env.regs()[ptrRegno];
        FuncState state = frameOf(env, reg);
        if (reg.varOff.isConst()) {
            writeFixedOff(env, state, (int) (off + reg.varOff.value()), size, valueRegno);
        } else {
            writeVarOff(env, state, reg, off, size, valueRegno);
        }
    }

    private static boolean isSpilledScalar(FuncState f, int spi) {
        return f.isSpill(spi) && f.spilled[spi] != null && f.spilled[spi].type == RegType.SCALAR;
    }

    /** check_stack_write_fixed_off. */
    static void writeFixedOff(Checker env, FuncState state, int off, int size, int valueRegno) {
        int slot = -off - 1;
        int spi = slot / 8;
        if (!env.allowPtrLeaks() && state.isSpill(spi) && !isSpilledScalar(state, spi) && size != 8) {
            throw new Rejection(ErrorCode.POINTER_LEAK, "attempt to corrupt spilled pointer on stack");
        }
        FuncState cur = env.cur.cur();
        Reg reg = valueRegno >= 0 ? cur.regs[valueRegno] : null;
        env.markSlotScratched(spi);
        boolean stImm = valueRegno < 0 && env.insn(env.insnIdx).op().form() == io.jxdp.isa.Form.STORE_IMM;
        long imm = stImm ? env.insn(env.insnIdx).imm() : 0;
        if (reg != null && off % 8 == 0 && reg.type == RegType.SCALAR && env.bpfCapable()) {
            boolean fits = Scalars.width(reg) <= 8 * size;
            if (fits) {
                Scalars.assignIdBeforeMov(env, reg);
            }
            saveRegisterState(env, state, spi, reg, size);
            if (!fits) {
                state.spilled[spi].clearScalarId();
            }
        } else if (stImm && off % 8 == 0 && env.bpfCapable()) {
            Reg tmp = new Reg();
            tmp.markKnown(imm);
            tmp.originPc = env.insnIdx;
            tmp.originNote = "the constant " + imm + " stored on the stack";
            saveRegisterState(env, state, spi, tmp, size);
        } else if (reg != null && reg.isPointer()) {
            if (size != 8) {
                throw new Rejection(ErrorCode.INVALID_MEM_ACCESS, valueRegno, "invalid size of register spill");
            }
            if (state != cur && reg.type == RegType.PTR_TO_STACK) {
                throw new Rejection(
                        ErrorCode.INVALID_MEM_ACCESS, "cannot spill pointers to stack into stack frame of the caller");
            }
            saveRegisterState(env, state, spi, reg, size);
        } else {
            byte type = FuncState.STACK_MISC;
            state.spilled[spi] = null;
            if (state.isSpill(spi)) {
                for (int i = 0; i < 8; i++) {
                    if (state.kslot(spi, i) == FuncState.STACK_SPILL) {
                        state.setKslot(spi, i, FuncState.STACK_MISC);
                    }
                }
            }
            if ((reg != null && reg.isConstValue(0)) || (stImm && imm == 0)) {
                type = FuncState.STACK_ZERO;
            }
            for (int i = 0; i < size; i++) {
                state.setKslot(spi, (slot - i) % 8, type);
            }
        }
    }

    /** save_register_state: the top size bytes of the slot hold the spill, the rest become misc. */
    private static void saveRegisterState(Checker env, FuncState state, int spi, Reg reg, int size) {
        state.spilled[spi] = reg.copy();
        int i;
        for (i = 8; i > 8 - size; i--) {
            state.setKslot(spi, i - 1, FuncState.STACK_SPILL);
        }
        for (; i > 0; i--) {
            byte t = state.kslot(spi, i - 1);
            if (t == FuncState.STACK_ZERO || (t == FuncState.STACK_INVALID && env.allowUninitStack())) {
                continue;
            }
            state.setKslot(spi, i - 1, FuncState.STACK_MISC);
        }
    }

    /** check_stack_write_var_off: every byte the write may touch becomes misc (zero if all stay zero). */
    static void writeVarOff(Checker env, FuncState state, Reg ptr, int off, int size, int valueRegno) {
        int minOff = (int) (ptr.smin + off);
        int maxOff = (int) (ptr.smax + off + size);
        Reg value = valueRegno >= 0 ? env.regs()[valueRegno] : null;
        boolean zero =
                value != null ? value.isConstValue(0) : env.insn(env.insnIdx).imm() == 0;
        for (int i = minOff; i < maxOff; i++) {
            int slot = -i - 1;
            int spi = slot / 8;
            byte t = state.kslot(spi, slot % 8);
            if (!env.allowPtrLeaks() && t != FuncState.STACK_MISC && t != FuncState.STACK_ZERO) {
                if (t == FuncState.STACK_INVALID) {
                    throw new Rejection(
                            ErrorCode.STACK_VAR_OFFSET,
                            "uninit stack in range of var-offset write prohibited for !root; insn " + env.insnIdx
                                    + ", off: " + i);
                }
                throw new Rejection(
                        ErrorCode.POINTER_LEAK,
                        "spilled ptr in range of var-offset stack write; insn " + env.insnIdx + ", ptr off: " + i);
            }
            state.spilled[spi] = null;
            byte newType = zero && t == FuncState.STACK_ZERO ? FuncState.STACK_ZERO : FuncState.STACK_MISC;
            if (state.isSpill(spi)) {
                for (int j = 0; j < 8; j++) {
                    if (state.kslot(spi, j) == FuncState.STACK_SPILL) {
                        state.setKslot(spi, j, FuncState.STACK_MISC);
                    }
                }
            }
            state.setKslot(spi, slot % 8, newType);
            env.markSlotScratched(spi);
        }
    }

    /** check_stack_read. */
    static void read(Checker env, int ptrRegno, int off, int size, int dstRegno) {
        Reg reg = env.regs()[ptrRegno];
        FuncState state = frameOf(env, reg);
        if (dstRegno < 0 && !reg.varOff.isConst()) {
            throw new Rejection(
                    ErrorCode.STACK_VAR_OFFSET,
                    ptrRegno,
                    "variable offset stack pointer cannot be passed into helper function; var_off=" + reg.varOff
                            + " off=" + off + " size=" + size);
        }
        if (reg.varOff.isConst()) {
            readFixedOff(env, state, (int) (off + reg.varOff.value()), size, dstRegno);
        } else {
            rangeInitialized(env, ptrRegno, off, size, false, Kind.READ);
            int minOff = (int) (reg.smin + off);
            int maxOff = (int) (reg.smax + off);
            markStackRead(env, state, minOff, maxOff + size, dstRegno);
        }
    }

    /** check_stack_read_fixed_off. */
    static void readFixedOff(Checker env, FuncState state, int off, int size, int dstRegno) {
        int slot = -off - 1;
        int spi = slot / 8;
        env.markSlotScratched(spi);
        Reg[] regs = env.regs();
        if (state.isSpill(spi) && state.spilled[spi] != null) {
            Reg spilled = state.spilled[spi];
            int spillSize = 1;
            for (int i = 7; i > 0 && state.kslot(spi, i - 1) == FuncState.STACK_SPILL; i--) {
                spillSize++;
            }
            if (size != 8 || spillSize != 8) {
                if (spilled.type != RegType.SCALAR) {
                    throw new Rejection(ErrorCode.INVALID_MEM_ACCESS, "invalid size of register fill");
                }
                if (dstRegno < 0) {
                    return;
                }
                if (size <= spillSize && off % 8 == 0) {
                    if (env.bpfCapable() && size == 4 && spillSize == 4 && Scalars.width(spilled) <= 32) {
                        Scalars.assignIdBeforeMov(env, spilled);
                    }
                    regs[dstRegno].copyFrom(spilled);
                    if (Scalars.width(spilled) > size * 8) {
                        regs[dstRegno].clearScalarId();
                    }
                } else {
                    int spillCnt = 0;
                    int zeroCnt = 0;
                    for (int i = 0; i < size; i++) {
                        byte t = state.kslot(spi, (slot - i) % 8);
                        if (t == FuncState.STACK_SPILL) {
                            spillCnt++;
                        } else if (t == FuncState.STACK_ZERO) {
                            zeroCnt++;
                        } else if (t != FuncState.STACK_MISC
                                && !(t == FuncState.STACK_INVALID && env.allowUninitStack())) {
                            throw new Rejection(
                                    ErrorCode.STACK_UNINIT_READ,
                                    "invalid read from stack off " + off + "+" + i + " size " + size);
                        }
                    }
                    if ((spillCnt == size && spilled.isConstValue(0)) || zeroCnt == size) {
                        regs[dstRegno].markKnown(0);
                    } else {
                        regs[dstRegno].markUnknown();
                    }
                    env.origin(regs[dstRegno], "a partial fill from the stack at fp" + off);
                }
            } else if (dstRegno >= 0) {
                if (env.bpfCapable()) {
                    Scalars.assignIdBeforeMov(env, spilled);
                }
                regs[dstRegno].copyFrom(spilled);
            } else if (!env.allowPtrLeaks() && spilled.isPointer()) {
                throw new Rejection(ErrorCode.POINTER_LEAK, "leaking pointer from stack off " + off);
            }
            return;
        }
        for (int i = 0; i < size; i++) {
            byte t = state.kslot(spi, (slot - i) % 8);
            if (t == FuncState.STACK_MISC
                    || t == FuncState.STACK_ZERO
                    || (t == FuncState.STACK_INVALID && env.allowUninitStack())) {
                continue;
            }
            throw new Rejection(
                    ErrorCode.STACK_UNINIT_READ, "invalid read from stack off " + off + "+" + i + " size " + size);
        }
        if (dstRegno >= 0) {
            markStackRead(env, state, off, off + size, dstRegno);
        }
    }

    /** mark_reg_stack_read: zero if every byte is known zero, else an unknown scalar. */
    private static void markStackRead(Checker env, FuncState state, int minOff, int maxOff, int dstRegno) {
        int zeros = 0;
        for (int i = minOff; i < maxOff; i++) {
            int slot = -i - 1;
            if (state.kslot(slot / 8, slot % 8) == FuncState.STACK_ZERO) {
                zeros++;
            }
        }
        Reg d = env.regs()[dstRegno];
        if (zeros == maxOff - minOff) {
            d.markKnown(0);
            env.origin(d, "zeroed stack bytes");
        } else {
            d.markUnknown();
            env.origin(d, "a load of stack bytes that hold no register");
        }
    }

    /** check_stack_range_initialized: a helper reads (or writes) [off, off + size) of the stack. */
    public static void rangeInitialized(Checker env, int regno, int off, int size, boolean zeroSizeAllowed, Kind kind) {
        Reg reg = env.regs()[regno];
        FuncState state = frameOf(env, reg);
        boolean clobber = isWrite(kind);
        if (size == 0 && !zeroSizeAllowed) {
            throw new Rejection(ErrorCode.INVALID_SIZE_ARG, regno, "invalid zero-sized read");
        }
        checkWithinBounds(env, regno, off, size, kind);
        long minOff;
        long maxOff;
        if (reg.varOff.isConst()) {
            minOff = reg.varOff.value() + off;
            maxOff = minOff;
        } else {
            if (env.specV1()) {
                throw new Rejection(
                        ErrorCode.STACK_VAR_OFFSET,
                        regno,
                        "R" + regno + " variable offset stack access prohibited for !root, var_off=" + reg.varOff);
            }
            minOff = reg.smin + off;
            maxOff = reg.smax + off;
        }
        String extra = kind == Kind.READ ? "" : " indirect";
        for (long i = minOff; i < maxOff + size; i++) {
            int slot = (int) (-i - 1);
            int spi = slot / 8;
            int j = slot % 8;
            byte t = state.kslot(spi, j);
            if (t == FuncState.STACK_MISC) {
                continue;
            }
            if (t == FuncState.STACK_ZERO
                    || (t == FuncState.STACK_INVALID && (env.allowUninitStack() || kind == Kind.HELPER_RAW_WRITE))
                    || (kind == Kind.HELPER_RAW_WRITE && !state.isSpill(spi))) {
                if (clobber) {
                    state.setKslot(spi, j, FuncState.STACK_MISC);
                }
                continue;
            }
            if (state.isSpill(spi)
                    && state.spilled[spi] != null
                    && (state.spilled[spi].type == RegType.SCALAR || env.allowPtrLeaks())) {
                if (clobber) {
                    state.spilled[spi].markUnknown();
                    for (int k = 0; k < 8; k++) {
                        if (state.kslot(spi, k) == FuncState.STACK_SPILL) {
                            state.setKslot(spi, k, FuncState.STACK_MISC);
                        }
                    }
                }
                continue;
            }
            if (reg.varOff.isConst()) {
                throw new Rejection(
                        ErrorCode.STACK_UNINIT_READ,
                        regno,
                        "invalid" + extra + " read from stack R" + regno + " off " + minOff + "+" + (i - minOff)
                                + " size " + size);
            }
            throw new Rejection(
                    ErrorCode.STACK_UNINIT_READ,
                    regno,
                    "invalid" + extra + " read from stack R" + regno + " var_off " + reg.varOff + "+" + (i - minOff)
                            + " size " + size);
        }
    }
}
