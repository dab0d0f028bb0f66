package io.jxdp.vm.jit;

import org.objectweb.asm.Opcodes;

/**
 * Where a generated method keeps each eBPF register and its cached per-run state, in fixed JVM
 * local slots. Every local is initialised in the prologue and never changes type, so one stack map
 * frame (the same locals, an empty operand stack) is valid at every label: the emitters write
 * frames themselves instead of letting ASM compute them (faster compiles, deterministic output).
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
    /** The packet region's bytes and base, reloaded at entry and after every call (helpers move packets). */
    final int packetBytes;
    final int packetBase;
    /** The conformance memory region's bytes and base, reloaded like the packet's. */
    final int memoryBytes;
    final int memoryBase;
    final int maxLocals;
    private final Object[] frameLocals;

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
        packetBytes = stack + 1;
        packetBase = packetBytes + 1;
        memoryBytes = packetBase + 1;
        memoryBase = memoryBytes + 1;
        maxLocals = memoryBase + 1;
        frameLocals = buildFrame(chunk);
    }

    static final SlotLayout FUNCTION = new SlotLayout(false);
    static final SlotLayout CHUNK = new SlotLayout(true);

    int reg(int r) {
        return reg[r];
    }

    boolean isChunk() {
        return regsArray >= 0;
    }

    /** The locals of the one frame every label of a method of this shape has (longs count once). */
    Object[] frameLocals() {
        return frameLocals;
    }

    private Object[] buildFrame(boolean chunk) {
        java.util.List<Object> locals = new java.util.ArrayList<>();
        locals.add(CPU_TYPE);
        if (chunk) {
            locals.add("[J");
            locals.add(Opcodes.INTEGER);
        }
        for (int i = 0; i < 11; i++) {
            locals.add(Opcodes.LONG); // the registers, in slot order
        }
        locals.add(Opcodes.INTEGER); // budget
        locals.add(MEMORY_TYPE);
        locals.add("[B"); // stack
        locals.add("[B"); // packet bytes
        locals.add(Opcodes.INTEGER); // packet base
        locals.add("[B"); // memory bytes
        locals.add(Opcodes.INTEGER); // memory base
        return locals.toArray();
    }
}
