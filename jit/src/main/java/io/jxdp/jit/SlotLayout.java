package io.jxdp.jit;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Opcodes;

/**
 * Where a generated method keeps each eBPF register and its cached per-run state, in fixed JVM
 * local slots. Every local a method uses is initialised in its prologue and never changes type, so
 * one stack map frame (those locals, TOP for the rest, an empty operand stack) is valid at every
 * label: the emitters write frames themselves instead of letting ASM compute them (faster
 * compiles, deterministic output).
 *
 * <p>Two shapes share the same order of locals after their parameters:
 *
 * <ul>
 *   <li>a function method {@code (Cpu, r1, r2, r3, r4, r5) -> r0}: r1-r5 are the parameters;
 *   <li>a chunk of a split function {@code (Cpu, long[] regs, int entryPc) -> nextPc}: all
 *       registers are loaded from and spilled to {@code regs} at the chunk's borders.
 * </ul>
 */
final class SlotLayout {
    static final int CPU = 0;
    /** Index of the packet in the window arrays. */
    static final int PACKET = 0;
    /** Index of the conformance memory in the window arrays. */
    static final int MEMORY = 1;

    static final String CPU_TYPE = "io/jxdp/vm/Cpu";
    static final String MEMORY_TYPE = "io/jxdp/vm/memory/Memory";

    private final int[] reg = new int[11];
    /** The spilled registers of a split function, or -1 in a function method. */
    final int regsArray;
    /** The pc a chunk is entered at, or -1 in a function method. */
    final int entryPc;
    /**
     * The part of the run's budget this method holds, an int (see {@link JitRuntime#takeBudget});
     * handed back to {@code cpu.budget} around calls and at exits.
     */
    final int budget;

    final int memory;
    /** {@code cpu.memory().stackBytes()}: base 0, never re-pointed, so loaded once. */
    final int stack;
    /**
     * The windows of the packet ({@link #PACKET}) and the conformance memory ({@link #MEMORY}):
     * bytes, lo, hi and the store limit, reloaded at entry and after every call (helpers move
     * packets). Proven accesses index bytes by the offset (the array starts at offset 0); guarded ones check lo and hi first.
     */
    final int[] windowBytes = new int[2];

    final int[] windowLo = new int[2];
    final int[] windowHi = new int[2];
    final int[] windowStoreHi = new int[2];
    /** Per register: the int shadow of its low half in loops ({@link LoopOffsets}). */
    private final int[] shadow = new int[11];

    final int maxLocals;

    private SlotLayout(boolean chunk) {
        int next;
        if (chunk) {
            regsArray = 1;
            entryPc = 2;
            next = 3;
            for (int r = 0; r <= 10; r++) {
                reg[r] = next;
                next += 2;
            }
        } else {
            regsArray = -1;
            entryPc = -1;
            for (int r = 1; r <= 5; r++) {
                reg[r] = 1 + 2 * (r - 1);
            }
            next = 11;
            for (int r : new int[] {0, 6, 7, 8, 9, 10}) {
                reg[r] = next;
                next += 2;
            }
        }
        budget = next;
        memory = next + 1;
        stack = memory + 1;
        next = stack + 1;
        for (int w = 0; w < 2; w++) {
            windowBytes[w] = next++;
            windowLo[w] = next++;
            windowHi[w] = next++;
            windowStoreHi[w] = next++;
        }
        for (int r = 0; r <= 10; r++) {
            shadow[r] = next++;
        }
        maxLocals = next;
    }

    static final SlotLayout FUNCTION = new SlotLayout(false);
    static final SlotLayout CHUNK = new SlotLayout(true);

    int reg(int r) {
        return reg[r];
    }

    int shadow(int r) {
        return shadow[r];
    }

    boolean isChunk() {
        return regsArray >= 0;
    }

    /**
     * The locals of the one frame every label of a method has (longs count once): the types of the
     * locals its code uses, TOP for the others, which it then need not initialise. A chunk uses all
     * registers (it spills them when it leaves).
     */
    Object[] frameLocals(UnitNeeds needs) {
        Object[] bySlot = new Object[maxLocals];
        bySlot[CPU] = CPU_TYPE;
        if (isChunk()) {
            bySlot[regsArray] = "[J";
            bySlot[entryPc] = Opcodes.INTEGER;
        }
        for (int r = 0; r <= 10; r++) {
            if (uses(needs, r)) {
                bySlot[reg[r]] = Opcodes.LONG;
            }
        }
        if (needs.budget) {
            bySlot[budget] = Opcodes.INTEGER;
        }
        if (needs.memory || needs.stack || needs.regions()) {
            bySlot[memory] = MEMORY_TYPE;
        }
        if (needs.stack) {
            bySlot[stack] = "[B";
        }
        for (int w = 0; w < 2; w++) {
            if (needs.window[w]) {
                bySlot[windowBytes[w]] = "[B";
            }
            if (needs.bounds[w]) {
                bySlot[windowLo[w]] = Opcodes.INTEGER;
                bySlot[windowHi[w]] = Opcodes.INTEGER;
                bySlot[windowStoreHi[w]] = Opcodes.INTEGER;
            }
        }
        for (int r = 0; r <= 10; r++) {
            if ((needs.shadows & 1 << r) != 0) {
                bySlot[shadow[r]] = Opcodes.INTEGER;
            }
        }
        List<Object> locals = new ArrayList<>();
        for (int slot = 0; slot < maxLocals; slot++) {
            Object type = bySlot[slot];
            locals.add(type == null ? Opcodes.TOP : type);
            if (type == Opcodes.LONG) {
                slot++; // a long takes two slots and one frame entry
            }
        }
        while (locals.get(locals.size() - 1) == Opcodes.TOP) {
            locals.remove(locals.size() - 1);
        }
        return locals.toArray();
    }

    /** True if a method with these needs keeps register r in its slot (parameters always do). */
    boolean uses(UnitNeeds needs, int r) {
        return isChunk() || (r >= 1 && r <= 5) || (needs.registers & 1 << r) != 0 || (r == 10 && needs.r10);
    }
}
