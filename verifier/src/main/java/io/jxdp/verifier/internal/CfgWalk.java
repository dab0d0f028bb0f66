package io.jxdp.verifier.internal;

import io.jxdp.isa.RawSlot;
import io.jxdp.verifier.ErrorCode;

/**
 * check_cfg over the raw slots: the kernel's depth-first walk (visit_insn, push_insn) from pc 0,
 * then the sweep in pc order for slots it never reached and for jumps into the second half of an
 * {@code lddw}. A slot's edges follow from its class and operation, as in the kernel: a jump into
 * an {@code lddw} walks its second half as an instruction of its own, and reserved fields do not
 * matter here (the walk of do_check judges them).
 */
final class CfgWalk {
    private static final int DISCOVERED = 0x10;
    private static final int EXPLORED = 0x20;
    private static final int FALLTHROUGH = 1;
    private static final int BRANCH = 2;
    private static final int DONE = 0;
    private static final int KEEP = 1;

    private final RawSlot[] slots;
    private final boolean privileged;
    private final boolean[] prunePoint;
    private final int[] state;
    private final int[] stack;
    private int top;

    private CfgWalk(RawSlot[] slots, boolean privileged, boolean[] prunePoint) {
        this.slots = slots;
        this.privileged = privileged;
        this.prunePoint = prunePoint;
        this.state = new int[slots.length];
        this.stack = new int[slots.length];
    }

    /**
     * Walks the graph, marking in {@code prunePoint} (one more entry than slots) the pcs where
     * the kernel's walk may store or compare states: conditional jumps, their targets and the
     * targets of gotos, the instruction after a call, a local call and its callee.
     */
    static void check(RawSlot[] slots, boolean privileged, boolean[] prunePoint) {
        new CfgWalk(slots, privileged, prunePoint).walk();
    }

    private void walk() {
        state[0] = DISCOVERED;
        stack[top++] = 0;
        while (top > 0) {
            int t = stack[top - 1];
            if (visit(t) == DONE) {
                state[t] = EXPLORED;
                top--;
            }
        }
        for (int i = 0; i < slots.length; i++) {
            if (state[i] != EXPLORED) {
                throw Rejection.at(i, ErrorCode.UNREACHABLE_INSN, "unreachable insn " + i);
            }
            if (slots[i].isLdImm64()) {
                if (state[i + 1] != 0) {
                    throw Rejection.at(i, ErrorCode.JUMP_OUT_OF_RANGE, "jump into the middle of ldimm64 insn " + i);
                }
                i++;
            }
        }
    }

    /** visit_insn. */
    private int visit(int t) {
        RawSlot s = slots[t];
        int size = s.isLdImm64() ? 2 : 1;
        if (s.isLdImm64() && s.src() == 4) { // a function pointer: the callee is walked as a call's
            return call(t, size, true);
        }
        int cls = s.insnClass();
        if (cls != 0x05 && cls != 0x06) {
            return push(t, t + size, FALLTHROUGH);
        }
        switch (s.op()) {
            case 0x90: // exit
                return DONE;
            case 0x80: // call
                return call(t, 1, s.src() == 1);
            case 0x00: { // ja, gotol
                long target = (long) t + (cls == 0x05 ? s.off() : s.imm()) + 1;
                int r = push(t, target, FALLTHROUGH);
                prunePoint[(int) target] = true;
                return r;
            }
            default: { // conditional: fall-through first, then the branch
                prunePoint[t] = true;
                int r = push(t, t + 1, FALLTHROUGH);
                return r != DONE ? r : push(t, (long) t + s.off() + 1, BRANCH);
            }
        }
    }

    /** visit_func_call_insn. */
    private int call(int t, int size, boolean visitCallee) {
        int r = push(t, t + size, FALLTHROUGH);
        prunePoint[t + size] = true;
        if (r != DONE || !visitCallee) {
            return r;
        }
        prunePoint[t] = true;
        return push(t, (long) t + slots[t].imm() + 1, BRANCH);
    }

    /** push_insn: DONE, KEEP, or throws. */
    private int push(int t, long w, int edge) {
        if (state[t] >= (DISCOVERED | edge)) {
            return DONE;
        }
        if (w < 0 || w >= slots.length) {
            throw Rejection.at(t, ErrorCode.JUMP_OUT_OF_RANGE, "jump out of range from insn " + t + " to " + w);
        }
        int to = (int) w;
        if (edge == BRANCH) {
            prunePoint[to] = true;
        }
        if (state[to] == 0) {
            state[t] = DISCOVERED | edge;
            state[to] = DISCOVERED;
            stack[top++] = to;
            return KEEP;
        }
        if ((state[to] & 0xf0) == DISCOVERED) {
            if (privileged) {
                return DONE;
            }
            throw Rejection.at(t, ErrorCode.BACK_EDGE, "back-edge from insn " + t + " to " + to);
        }
        state[t] = DISCOVERED | edge;
        return DONE;
    }
}
