package io.jxdp.verifier.internal;

/**
 * One frame of the abstract state (struct bpf_func_state): registers and a 512-byte stack whose
 * bytes are invalid, spilled register, misc data or zero, with the spilled register per 8-byte slot.
 */
public final class FuncState {
    public static final int MAX_BPF_STACK = 512;
    public static final int SLOTS = MAX_BPF_STACK / 8;
    public static final byte STACK_INVALID = 0;
    public static final byte STACK_SPILL = 1;
    public static final byte STACK_MISC = 2;
    public static final byte STACK_ZERO = 3;

    public final Reg[] regs = new Reg[11];
    /** slotType[i] is the byte at fp - 512 + i; spilled[k] is the register of fp-(k+1)*8. */
    public final byte[] slotType = new byte[MAX_BPF_STACK];

    public final Reg[] spilled = new Reg[SLOTS];
    public int frameno;
    /** The call instruction's pc that created this frame (-1 for the main frame). */
    public int callsite = -1;
    /** The pc at which this function starts. */
    public int subprogStart;
    /** Bytes of stack in use, rounded up to 8 (allocated_stack). */
    public int allocatedStack;

    public FuncState() {
        for (int i = 0; i < regs.length; i++) {
            regs[i] = new Reg();
        }
    }

    public FuncState copy() {
        FuncState f = new FuncState();
        for (int i = 0; i < regs.length; i++) {
            f.regs[i].copyFrom(regs[i]);
        }
        System.arraycopy(slotType, 0, f.slotType, 0, slotType.length);
        for (int k = 0; k < SLOTS; k++) {
            f.spilled[k] = spilled[k] == null ? null : spilled[k].copy();
        }
        f.frameno = frameno;
        f.callsite = callsite;
        f.subprogStart = subprogStart;
        f.allocatedStack = allocatedStack;
        return f;
    }

    /** The byte index of stack offset off (negative, from the frame pointer). */
    public static int byteIndex(int off) {
        return MAX_BPF_STACK + off;
    }

    /** The spill slot holding stack offset off. */
    public static int slotOf(int off) {
        return (-off - 1) / 8;
    }

    public byte typeAt(int off) {
        return slotType[byteIndex(off)];
    }

    /** The kernel's stack[k].slot_type[j]: j = 0 is the highest address of slot k, 7 the lowest. */
    public byte kslot(int k, int j) {
        return slotType[MAX_BPF_STACK - 8 * k - 1 - j];
    }

    public void setKslot(int k, int j, byte type) {
        slotType[MAX_BPF_STACK - 8 * k - 1 - j] = type;
    }

    /** is_spilled_reg: the lowest byte of slot k holds a spill. */
    public boolean isSpill(int k) {
        return kslot(k, 7) == STACK_SPILL;
    }

    public void growStack(int size) {
        int rounded = (size + 7) / 8 * 8;
        if (rounded > allocatedStack) {
            allocatedStack = rounded;
        }
    }
}
