package io.jxdp.jit;

import static org.objectweb.asm.Opcodes.*;

import io.jxdp.isa.Form;
import io.jxdp.isa.Instruction;
import io.jxdp.isa.Program;
import io.jxdp.vm.memory.Addresses;
import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/**
 * Emits one {@link MethodUnit}: the prologue that fills the fixed slots, one label per eBPF
 * instruction (with its pc as the line number), the instructions, and the out-of-line stubs (budget
 * faults, leaving a chunk) after the body so the hot path stays straight. The per-instruction
 * bytecode comes from {@link AluEmitter}, {@link BranchEmitter}, {@link MemoryEmitter} and
 * {@link CallEmitter}; this class holds what they share.
 *
 * <p>Each call (helper, callx, local) is covered by an exception handler for its pc, placed after
 * everything else, that makes a fault naming the pc of whatever escaped the call
 * ({@link JitRuntime#escaped}): a helper's exception, a stack overflow. Hidden classes' frames are
 * left out of stack traces, so the pc could not be found from the exception afterwards. Nothing
 * else is covered: the rest of the code throws only the faults {@code Memory} and
 * {@link JitRuntime} build, but for a proven array access whose fact was wrong, which
 * {@link JitProgram} turns into a fault without a pc. Handlers over the rest were measured: over a
 * hot loop's code they slow what HotSpot makes of it (2x on the sum benchmark, 12% on primes),
 * where one over a call costs nothing measurable.
 */
final class MethodEmitter {
    /** Enough for the largest operand stack any emitter builds (a helper call: 1 + 1 + 5 longs). */
    private static final int MAX_STACK = 16;
    /** Line numbers are u2: pcs above this get none. */
    private static final int MAX_LINE = 0xffff;

    static final String RUNTIME = "io/jxdp/jit/JitRuntime";
    static final String CPU = SlotLayout.CPU_TYPE;
    static final String MEMORY = SlotLayout.MEMORY_TYPE;
    private static final String REGION = "io/jxdp/vm/memory/Region";
    private static final String THROWABLE = "java/lang/Throwable";
    private static final String ESCAPED = "(Ljava/lang/Throwable;I)Lio/jxdp/vm/VmFault;";

    final JitContext ctx;
    final MethodUnit unit;
    final SlotLayout slots;
    final MethodVisitor mv;
    /** Per call pc, the label of its handler (emitted last). */
    private final Map<Integer, Label> handlers = new HashMap<>();

    final Program program;
    final UnitNeeds needs;
    final LoopOffsets loops;
    private final Object[] frame;
    private final Label[] labels;
    private final boolean[] frameAt;
    private final ArrayDeque<Runnable> stubs = new ArrayDeque<>();
    private final Map<Integer, Label> leaveStubs = new HashMap<>();
    private final Map<Integer, Label> preheaders = new HashMap<>();
    private int lastFrameOffset = -1;
    /** The pc being emitted (-1 in the prologue). */
    private int pc = -1;

    MethodEmitter(JitContext ctx, MethodUnit unit, ClassVisitor cv) {
        this.ctx = ctx;
        this.unit = unit;
        this.slots = unit.isChunk() ? SlotLayout.CHUNK : SlotLayout.FUNCTION;
        this.program = ctx.program;
        this.needs = UnitNeeds.of(program, unit, ctx.access);
        this.loops = LoopOffsets.of(program, unit, ctx.access);
        needs.shadows = loops.registers();
        this.frame = slots.frameLocals(needs);
        this.mv = cv.visitMethod(
                ACC_STATIC | ACC_PRIVATE,
                unit.methodName(),
                unit.isChunk() ? MethodUnit.CHUNK_DESCRIPTOR : MethodUnit.FUNCTION_DESCRIPTOR,
                null,
                null);
        int length = unit.end() - unit.start();
        this.labels = new Label[length];
        this.frameAt = new boolean[length];
        for (int i = 0; i < length; i++) {
            labels[i] = new Label();
        }
        for (int entry : unit.entries()) {
            frameAt[entry - unit.start()] = true;
        }
        for (int pc = unit.start(); pc < unit.end(); pc += program.at(pc).width()) {
            Instruction insn = program.at(pc);
            int next = pc + insn.width();
            if (insn.endsBlock() && next < unit.end()) {
                frameAt[next - unit.start()] = true; // unreachable or a jump target: either way it needs a frame
            }
            if (insn.op().isBranch() && unit.contains(insn.target(pc))) {
                frameAt[insn.target(pc) - unit.start()] = true;
            }
        }
    }

    /**
     * Emits the method.
     *
     * @return the size of its bytecode
     */
    int emit() {
        mv.visitCode();
        prologue();
        if (unit.isChunk()) {
            entrySwitch();
        }
        for (pc = unit.start(); pc < unit.end(); pc += program.at(pc).width()) {
            Label here = labels[pc - unit.start()];
            preheader(pc);
            if (frameAt[pc - unit.start()]) {
                mark(here);
            } else {
                mv.visitLabel(here);
            }
            if (pc <= MAX_LINE) {
                mv.visitLineNumber(pc, here);
            }
            emitInstruction(program.at(pc), pc);
            cover(here, pc);
        }
        Instruction last = lastInstruction();
        if (!last.endsBlock()) {
            leaveChunk(unit.end()); // a chunk's last instruction falls through into the next chunk
        }
        while (!stubs.isEmpty()) {
            stubs.poll().run();
        }
        emitHandlers();
        Label end = new Label();
        mv.visitLabel(end);
        mv.visitMaxs(MAX_STACK, slots.maxLocals);
        mv.visitEnd();
        return end.getOffset();
    }

    // ---- handlers: whatever escapes a call becomes a fault naming its pc -----------------------

    /** True for the instructions whose code is covered by a handler: the calls. */
    private boolean covered(int at) {
        if (at < unit.start()) {
            return false; // the prologue's stubs
        }
        Form form = program.at(at).op().form();
        return form == Form.CALL_HELPER || form == Form.CALLX || form == Form.CALL_LOCAL;
    }

    /** Covers the code emitted since {@code from} (the code of the call at {@code at}, or a stub of it) with its handler. */
    private void cover(Label from, int at) {
        if (!covered(at)) {
            return;
        }
        Label to = new Label();
        mv.visitLabel(to);
        mv.visitTryCatchBlock(from, to, handlers.computeIfAbsent(at, p -> new Label()), THROWABLE);
    }

    /**
     * The handlers, after all other code so that none covers another (a handler's own failure
     * leaves the method and meets the caller's). Each hands the exception and its pc to
     * {@link JitRuntime#escaped} and throws the fault it makes.
     */
    private void emitHandlers() {
        Object[] stack = {THROWABLE};
        handlers.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            mv.visitLabel(e.getValue());
            mv.visitFrame(F_NEW, frame.length, Arrays.copyOf(frame, frame.length), 1, stack);
            lastFrameOffset = e.getValue().getOffset();
            pushInt(e.getKey());
            mv.visitMethodInsn(INVOKESTATIC, RUNTIME, "escaped", ESCAPED, false);
            mv.visitInsn(ATHROW);
        });
    }

    private Instruction lastInstruction() {
        int pc = unit.start();
        Instruction insn = program.at(pc);
        while (pc + insn.width() < unit.end()) {
            pc += insn.width();
            insn = program.at(pc);
        }
        return insn;
    }

    private void emitInstruction(Instruction insn, int pc) {
        switch (insn.op().form()) {
            case ALU_IMM, ALU_REG, ALU_NEG, ALU_END -> AluEmitter.emit(this, insn);
            case LDDW -> {
                pushLong(ctx.linked.constant(pc));
                storeReg(insn.dst());
            }
            case JA, JA32, JUMP_IMM, JUMP_REG -> BranchEmitter.emit(this, insn, pc);
            case LOAD, STORE_IMM, STORE_REG, ATOMIC -> MemoryEmitter.emit(this, insn, pc);
            case CALL_HELPER, CALL_LOCAL, CALLX -> CallEmitter.emit(this, insn, pc);
            case EXIT -> exit();
            default -> {
                mv.visitLdcInsn(insn.op().toString());
                pushInt(pc);
                mv.visitMethodInsn(
                        INVOKESTATIC, RUNTIME, "unsupported", "(Ljava/lang/String;I)Lio/jxdp/vm/VmFault;", false);
                mv.visitInsn(ATHROW);
            }
        }
    }

    // ---- prologue and epilogue ------------------------------------------------------------------

    private void prologue() {
        // every local the frame names gets a value first; the others stay TOP and cost nothing
        for (int r = 0; r <= 10; r++) {
            if ((loops.registers() & 1 << r) != 0) {
                mv.visitInsn(ICONST_0);
                mv.visitVarInsn(ISTORE, slots.shadow(r));
            }
        }
        if (unit.isChunk()) {
            for (int r = 0; r <= 10; r++) {
                if (r < 10 || needs.r10) {
                    mv.visitVarInsn(ALOAD, slots.regsArray);
                    pushInt(r);
                    mv.visitInsn(LALOAD);
                } else {
                    mv.visitInsn(LCONST_0);
                }
                storeReg(r);
            }
        } else {
            for (int r : new int[] {0, 6, 7, 8, 9}) {
                if (slots.uses(needs, r)) {
                    mv.visitInsn(LCONST_0); // a function starts with r0 and r6-r9 at 0
                    storeReg(r);
                }
            }
            if (needs.r10) {
                mv.visitVarInsn(ALOAD, SlotLayout.CPU);
                mv.visitFieldInsn(GETFIELD, CPU, "depth", "I");
                mv.visitMethodInsn(INVOKESTATIC, RUNTIME, "framePointer", "(I)J", false);
                storeReg(10);
            }
        }
        loadBudget();
        if (needs.memory || needs.stack || needs.regions()) {
            mv.visitVarInsn(ALOAD, SlotLayout.CPU);
            mv.visitMethodInsn(INVOKEVIRTUAL, CPU, "memory", "()L" + MEMORY + ";", false);
            mv.visitVarInsn(ASTORE, slots.memory);
        }
        if (needs.stack) {
            mv.visitVarInsn(ALOAD, slots.memory);
            mv.visitMethodInsn(INVOKEVIRTUAL, MEMORY, "stackBytes", "()[B", false);
            mv.visitVarInsn(ASTORE, slots.stack);
        }
        reloadRegions();
    }

    /** Re-reads the packet and memory windows the direct accesses use (after anything that may move them). */
    void reloadRegions() {
        reloadWindow(SlotLayout.PACKET, Addresses.PACKET);
        reloadWindow(SlotLayout.MEMORY, Addresses.MEMORY);
    }

    private void reloadWindow(int w, int regionId) {
        if (!needs.window[w]) {
            return;
        }
        mv.visitVarInsn(ALOAD, slots.memory);
        // a final field of Memory: one load fewer on the chain to the array than region(id)
        mv.visitMethodInsn(
                INVOKEVIRTUAL,
                MEMORY,
                regionId == Addresses.PACKET ? "packetRegion" : "memoryRegion",
                "()L" + REGION + ";",
                false);
        if (needs.bounds[w]) {
            mv.visitInsn(DUP);
            mv.visitMethodInsn(INVOKEVIRTUAL, REGION, "lo", "()I", false);
            mv.visitVarInsn(ISTORE, slots.windowLo[w]);
            mv.visitInsn(DUP);
            mv.visitMethodInsn(INVOKEVIRTUAL, REGION, "hi", "()I", false);
            mv.visitVarInsn(ISTORE, slots.windowHi[w]);
            mv.visitInsn(DUP);
            mv.visitMethodInsn(INVOKESTATIC, RUNTIME, "storeLimit", "(L" + REGION + ";)I", false);
            mv.visitVarInsn(ISTORE, slots.windowStoreHi[w]);
        }
        mv.visitMethodInsn(INVOKEVIRTUAL, REGION, "bytes", "()[B", false);
        mv.visitVarInsn(ASTORE, slots.windowBytes[w]);
    }

    private void entrySwitch() {
        int[] entries = unit.entries();
        Label[] targets = new Label[entries.length];
        for (int i = 0; i < entries.length; i++) {
            targets[i] = labels[entries[i] - unit.start()];
        }
        Label bad = new Label();
        mv.visitVarInsn(ILOAD, slots.entryPc);
        mv.visitLookupSwitchInsn(bad, entries, targets);
        stub(() -> {
            mark(bad);
            mv.visitTypeInsn(NEW, "java/lang/IllegalStateException");
            mv.visitInsn(DUP);
            mv.visitLdcInsn("no entry at this pc in " + unit.methodName());
            mv.visitMethodInsn(
                    INVOKESPECIAL, "java/lang/IllegalStateException", "<init>", "(Ljava/lang/String;)V", false);
            mv.visitInsn(ATHROW);
        });
    }

    private void exit() {
        if (unit.isChunk()) {
            mv.visitVarInsn(ALOAD, slots.regsArray);
            mv.visitInsn(ICONST_0);
            loadReg(0);
            mv.visitInsn(LASTORE);
            saveBudget();
            mv.visitInsn(ICONST_M1);
            mv.visitInsn(IRETURN);
        } else {
            saveBudget();
            loadReg(0);
            mv.visitInsn(LRETURN);
        }
    }

    /** Leaves a chunk for the chunk holding {@code pc}: spill r0-r9 and the budget, return pc. */
    void leaveChunk(int pc) {
        for (int r = 0; r <= 9; r++) {
            mv.visitVarInsn(ALOAD, slots.regsArray);
            pushInt(r);
            loadReg(r);
            mv.visitInsn(LASTORE);
        }
        saveBudget();
        pushInt(pc);
        mv.visitInsn(IRETURN);
    }

    /**
     * Before a loop header with shadows: the code that sets them, which a jump into the loop from
     * outside reaches through its own label (and falling into the loop passes through).
     */
    private void preheader(int header) {
        int regs = loops.preheader(header);
        if (regs == 0) {
            return;
        }
        mark(preheaders.computeIfAbsent(header, h -> new Label()));
        for (int r = 0; r <= 10; r++) {
            if ((regs & 1 << r) != 0) {
                loadReg(r);
                mv.visitInsn(L2I);
                mv.visitVarInsn(ISTORE, slots.shadow(r));
            }
        }
    }

    /**
     * The label that control goes to for a jump to {@code target} from the pc being emitted, whose
     * budget (if any) is already paid: the instruction's own label inside this unit (or the
     * preheader of a loop entered from outside), else a shared stub that leaves the chunk.
     */
    Label jumpLabel(int target) {
        if (loops.preheader(target) != 0 && !loops.inLoop(target, pc)) {
            return preheaders.computeIfAbsent(target, h -> new Label());
        }
        if (unit.contains(target)) {
            return labels[target - unit.start()];
        }
        return leaveStubs.computeIfAbsent(target, t -> {
            Label l = new Label();
            stub(() -> {
                mark(l);
                leaveChunk(t);
            });
            return l;
        });
    }

    // ---- shared bits ----------------------------------------------------------------------------

    /** Queues code to emit after the body; it must start with {@link #mark} and end in a jump, return or throw. */
    void stub(Runnable emitter) {
        int at = pc; // a stub is emitted later but is code of this pc (its shadows, its jumps, its handler)
        stubs.add(() -> {
            pc = at;
            Label from = new Label();
            mv.visitLabel(from);
            emitter.run();
            cover(from, at);
        });
    }

    /** Places a label that control jumps to, with the method's one frame. */
    void mark(Label label) {
        mv.visitLabel(label);
        int offset = label.getOffset();
        if (offset != lastFrameOffset) {
            mv.visitFrame(F_NEW, frame.length, Arrays.copyOf(frame, frame.length), 0, null);
            lastFrameOffset = offset;
        }
    }

    void loadReg(int r) {
        mv.visitVarInsn(LLOAD, slots.reg(r));
    }

    /** Stores the long on the stack into register r, and its low half into r's shadow where kept. */
    void storeReg(int r) {
        if (keepsShadow(r)) {
            mv.visitInsn(DUP2);
            mv.visitInsn(L2I);
            mv.visitVarInsn(ISTORE, slots.shadow(r));
        }
        mv.visitVarInsn(LSTORE, slots.reg(r));
    }

    /** Stores into register r only: the caller updated its shadow itself ({@link #stepShadow}). */
    void storeRegOnly(int r) {
        mv.visitVarInsn(LSTORE, slots.reg(r));
    }

    /** True if the pc being emitted keeps an int shadow of register r. */
    boolean keepsShadow(int r) {
        return pc >= unit.start() && loops.kept(pc, r);
    }

    /** Pushes the low half of register r as an int: its shadow where one is kept. */
    void loadOffset(int r) {
        if (keepsShadow(r)) {
            mv.visitVarInsn(ILOAD, slots.shadow(r));
        } else {
            loadReg(r);
            mv.visitInsn(L2I);
        }
    }

    /**
     * Adds to r's shadow what {@code r += x} / {@code r -= x} adds to r (before r changes, so
     * {@code r += r} reads the old value): the low half of a sum is the sum of the low halves, so the
     * shadow stays a plain int counter that HotSpot sees as the loop's induction variable.
     */
    void stepShadow(Instruction insn) {
        int r = insn.dst();
        boolean sub = insn.op().aluOp() == io.jxdp.isa.AluOp.SUB;
        if (insn.op().source() == io.jxdp.isa.Source.K) {
            int delta = sub ? -(int) insn.imm() : (int) insn.imm();
            if (delta >= Short.MIN_VALUE && delta <= Short.MAX_VALUE) {
                mv.visitIincInsn(slots.shadow(r), delta);
                return;
            }
            mv.visitVarInsn(ILOAD, slots.shadow(r));
            pushInt(delta);
            mv.visitInsn(IADD);
        } else {
            mv.visitVarInsn(ILOAD, slots.shadow(r));
            loadReg(insn.src());
            mv.visitInsn(L2I);
            mv.visitInsn(sub ? ISUB : IADD);
        }
        mv.visitVarInsn(ISTORE, slots.shadow(r));
    }

    /** Takes this method's part of the budget into its local (only in methods that spend budget). */
    void loadBudget() {
        if (!needs.budget) {
            return;
        }
        mv.visitVarInsn(ALOAD, SlotLayout.CPU);
        mv.visitMethodInsn(INVOKESTATIC, RUNTIME, "takeBudget", "(L" + CPU + ";)I", false);
        mv.visitVarInsn(ISTORE, slots.budget);
    }

    /** Hands the method's unspent budget back to the Cpu (a no-op where the Cpu's copy is the only one). */
    void saveBudget() {
        if (!needs.budget) {
            return;
        }
        mv.visitVarInsn(ALOAD, SlotLayout.CPU);
        mv.visitVarInsn(ILOAD, slots.budget);
        mv.visitMethodInsn(INVOKESTATIC, RUNTIME, "returnBudget", "(L" + CPU + ";I)V", false);
    }

    /**
     * Spends one unit of budget and pushes what is left: negative when the method's part is gone.
     * An int counter, so the never-taken branch to the refill (an uncommon trap in HotSpot) keeps
     * nothing alive but the counter itself.
     */
    void spendBudget() {
        mv.visitIincInsn(slots.budget, -1);
        mv.visitVarInsn(ILOAD, slots.budget);
    }

    /**
     * Code for when {@link #spendBudget} went negative: refill from the Cpu or throw the budget
     * fault naming pc, then continue at {@code resume}.
     */
    void refillBudget(int pc, Label resume) {
        mv.visitVarInsn(ALOAD, SlotLayout.CPU);
        pushLong(ctx.budget);
        pushInt(pc);
        mv.visitMethodInsn(INVOKESTATIC, RUNTIME, "refillBudget", "(L" + CPU + ";JI)I", false);
        mv.visitVarInsn(ISTORE, slots.budget);
        mv.visitJumpInsn(GOTO, resume);
    }

    void pushInt(int v) {
        if (v >= -1 && v <= 5) {
            mv.visitInsn(ICONST_0 + v);
        } else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) {
            mv.visitIntInsn(BIPUSH, v);
        } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
            mv.visitIntInsn(SIPUSH, v);
        } else {
            mv.visitLdcInsn(v);
        }
    }

    /** Pushes a long; small values as an int and {@code i2l}, which keeps the constant pool small. */
    void pushLong(long v) {
        if (v == 0 || v == 1) {
            mv.visitInsn(v == 0 ? LCONST_0 : LCONST_1);
        } else if (v == (int) v) {
            pushInt((int) v); // an int constant takes one constant pool slot, a long two
            mv.visitInsn(I2L);
        } else {
            mv.visitLdcInsn(v);
        }
    }

    /** Zero-extends the int on the stack to a long: the result of every 32-bit ALU operation. */
    void zeroExtend() {
        mv.visitInsn(I2L);
        mv.visitLdcInsn(0xffff_ffffL);
        mv.visitInsn(LAND);
    }

    /** {@code invokestatic} of a shared method of {@code io.jxdp.isa.sem}, its operands pushed. */
    void invokeShared(Method method) {
        mv.visitMethodInsn(
                INVOKESTATIC,
                Type.getInternalName(method.getDeclaringClass()),
                method.getName(),
                Type.getMethodDescriptor(method),
                false);
    }
}
