package io.jxdp.jit;

import static org.objectweb.asm.Opcodes.*;

import io.jxdp.vm.memory.Addresses;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * Writes a program's class: the {@link CompiledCode#run} entry, one static method per eBPF function
 * (or, for a function too large for one method, its chunks and a dispatcher under the function's
 * name), and the {@code callx} dispatcher. Frames are written by hand (see {@link SlotLayout}), so
 * the writer computes neither frames nor maxima.
 */
final class ClassEmitter {
    static final String CALLX = "callx";

    /** A method came out larger than HotSpot compiles; the compiler retries with smaller chunks. */
    static final class TooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int function;
        final int chunkTarget;

        TooLarge(int function, int chunkTarget) {
            super(null, null, false, false);
            this.function = function;
            this.chunkTarget = chunkTarget;
        }
    }

    /**
     * A generated class.
     *
     * @param bytes the class file
     * @param methods how many methods it has for eBPF code (functions, chunks, dispatchers)
     * @param largestMethod the bytecode size of its largest method for eBPF code
     */
    @SuppressWarnings("ArrayRecordComponent") // a result, never compared
    record Generated(byte[] bytes, int methods, int largestMethod) {}

    private ClassEmitter() {}

    /**
     * @param chunkTargets per function entry, the chunk size to split it at (absent: whole if it fits)
     * @throws TooLarge if a method exceeds {@link CodeSize#HUGE_METHOD_LIMIT}
     */
    static Generated emit(JitContext ctx, Map<Integer, Integer> chunkTargets) {
        int methods = 0;
        int largest = 0;
        ClassWriter cw = new ClassWriter(0);
        cw.visit(V17, ACC_FINAL | ACC_SUPER, ctx.className, null, "java/lang/Object", new String[] {
            "io/jxdp/jit/CompiledCode"
        });
        cw.visitSource(ctx.program.name(), null);
        constructor(cw);
        run(cw, ctx);
        int[] entries = ctx.functionEntries;
        for (int f = 0; f < entries.length; f++) {
            int end = f + 1 < entries.length ? entries[f + 1] : ctx.program.slotCount();
            int target = chunkTargets.getOrDefault(entries[f], 0);
            List<MethodUnit> units = Splitter.plan(ctx.program, entries[f], end, target);
            for (MethodUnit unit : units) {
                int size = new MethodEmitter(ctx, unit, cw).emit();
                if (size >= CodeSize.HUGE_METHOD_LIMIT) {
                    throw new TooLarge(entries[f], target == 0 ? CodeSize.CHUNK_TARGET : target / 2);
                }
                methods++;
                largest = Math.max(largest, size);
            }
            if (units.get(0).isChunk()) {
                dispatcher(cw, ctx, entries[f], units);
                methods++;
            }
        }
        if (ctx.usesCallx()) {
            callx(cw, ctx);
        }
        cw.visitEnd();
        return new Generated(cw.toByteArray(), methods, largest);
    }

    private static void constructor(ClassWriter cw) {
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC, "<init>", "()V", null, null);
        mv.visitCode();
        mv.visitVarInsn(ALOAD, 0);
        mv.visitMethodInsn(INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        mv.visitInsn(RETURN);
        mv.visitMaxs(1, 1);
        mv.visitEnd();
    }

    /** {@code run(cpu, r1, r2)}: the entry function with r3-r5 zero. */
    private static void run(ClassWriter cw, JitContext ctx) {
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC, "run", "(Lio/jxdp/vm/Cpu;JJ)J", null, null);
        mv.visitCode();
        mv.visitVarInsn(ALOAD, 1);
        mv.visitVarInsn(LLOAD, 2);
        mv.visitVarInsn(LLOAD, 4);
        mv.visitInsn(LCONST_0);
        mv.visitInsn(LCONST_0);
        mv.visitInsn(LCONST_0);
        mv.visitMethodInsn(
                INVOKESTATIC, ctx.className, MethodUnit.functionMethodName(0), MethodUnit.FUNCTION_DESCRIPTOR, false);
        mv.visitInsn(LRETURN);
        mv.visitMaxs(11, 6);
        mv.visitEnd();
    }

    /**
     * The method of a split function: keeps the registers in a {@code long[]} and calls the chunk
     * holding the next pc (a binary search over the chunks' starts) until one returns -1 (exit).
     */
    private static void dispatcher(ClassWriter cw, JitContext ctx, int function, List<MethodUnit> chunks) {
        MethodVisitor mv = cw.visitMethod(
                ACC_STATIC | ACC_PRIVATE,
                MethodUnit.functionMethodName(function),
                MethodUnit.FUNCTION_DESCRIPTOR,
                null,
                null);
        final int regs = 11;
        final int pc = 12;
        Object[] frame = {SlotLayout.CPU_TYPE, LONG, LONG, LONG, LONG, LONG, "[J", INTEGER};
        mv.visitCode();
        mv.visitIntInsn(BIPUSH, 11);
        mv.visitIntInsn(NEWARRAY, T_LONG);
        mv.visitVarInsn(ASTORE, regs);
        for (int r = 1; r <= 5; r++) {
            mv.visitVarInsn(ALOAD, regs);
            mv.visitIntInsn(BIPUSH, r);
            mv.visitVarInsn(LLOAD, 1 + 2 * (r - 1));
            mv.visitInsn(LASTORE);
        }
        mv.visitVarInsn(ALOAD, regs);
        mv.visitIntInsn(BIPUSH, 10);
        mv.visitVarInsn(ALOAD, 0);
        mv.visitFieldInsn(GETFIELD, SlotLayout.CPU_TYPE, "depth", "I");
        mv.visitMethodInsn(INVOKESTATIC, MethodEmitter.RUNTIME, "framePointer", "(I)J", false);
        mv.visitInsn(LASTORE);
        mv.visitLdcInsn(function);
        mv.visitVarInsn(ISTORE, pc);
        Label loop = new Label();
        Label done = new Label();
        mv.visitLabel(loop);
        mv.visitFrame(F_NEW, frame.length, frame, 0, null);
        mv.visitVarInsn(ILOAD, pc);
        mv.visitJumpInsn(IFLT, done);
        search(mv, ctx.className, chunks, 0, chunks.size() - 1, loop, frame);
        mv.visitLabel(done);
        mv.visitFrame(F_NEW, frame.length, frame, 0, null);
        mv.visitVarInsn(ALOAD, regs);
        mv.visitInsn(ICONST_0);
        mv.visitInsn(LALOAD);
        mv.visitInsn(LRETURN);
        mv.visitMaxs(6, 13);
        mv.visitEnd();
    }

    private static void search(
            MethodVisitor mv, String owner, List<MethodUnit> chunks, int lo, int hi, Label loop, Object[] frame) {
        if (lo == hi) {
            MethodUnit chunk = chunks.get(lo);
            mv.visitVarInsn(ALOAD, 0);
            mv.visitVarInsn(ALOAD, 11);
            mv.visitVarInsn(ILOAD, 12);
            mv.visitMethodInsn(INVOKESTATIC, owner, chunk.methodName(), MethodUnit.CHUNK_DESCRIPTOR, false);
            mv.visitVarInsn(ISTORE, 12);
            mv.visitJumpInsn(GOTO, loop);
            return;
        }
        int mid = (lo + hi + 1) >>> 1;
        Label right = new Label();
        mv.visitVarInsn(ILOAD, 12);
        mv.visitLdcInsn(chunks.get(mid).start());
        mv.visitJumpInsn(IF_ICMPGE, right);
        search(mv, owner, chunks, lo, mid - 1, loop, frame);
        mv.visitLabel(right);
        mv.visitFrame(F_NEW, frame.length, frame, 0, null);
        search(mv, owner, chunks, mid, hi, loop, frame);
    }

    /**
     * {@code callx(cpu, value, pc, r1..r5)}: a function pointer ({@code 6 << 32 | pc}) calls that
     * function, charging budget and depth as a local call does; any other value is a helper id.
     */
    private static void callx(ClassWriter cw, JitContext ctx) {
        MethodVisitor mv = cw.visitMethod(ACC_STATIC | ACC_PRIVATE, CALLX, CallEmitter.CALLX_DESCRIPTOR, null, null);
        Object[] frame = {SlotLayout.CPU_TYPE, LONG, INTEGER, LONG, LONG, LONG, LONG, LONG};
        mv.visitCode();
        Label function = new Label();
        mv.visitVarInsn(LLOAD, 1);
        mv.visitIntInsn(BIPUSH, 32);
        mv.visitInsn(LUSHR);
        mv.visitLdcInsn((long) Addresses.FUNCTION);
        mv.visitInsn(LCMP);
        mv.visitJumpInsn(IFEQ, function);
        mv.visitLdcInsn(ctx.helperTable());
        mv.visitVarInsn(LLOAD, 1);
        mv.visitVarInsn(ILOAD, 3);
        mv.visitMethodInsn(
                INVOKESTATIC,
                MethodEmitter.RUNTIME,
                "callxHelper",
                "(Lio/jxdp/vm/helpers/HelperTable;JI)Lio/jxdp/vm/helpers/Helper;",
                false);
        mv.visitVarInsn(ALOAD, 0);
        mv.visitVarInsn(ILOAD, 3);
        mv.visitFieldInsn(PUTFIELD, SlotLayout.CPU_TYPE, "pc", "I");
        pushCallArguments(mv);
        mv.visitMethodInsn(INVOKEINTERFACE, "io/jxdp/vm/helpers/Helper", "call", MethodUnit.FUNCTION_DESCRIPTOR, true);
        mv.visitInsn(LRETURN);

        mv.visitLabel(function);
        mv.visitFrame(F_NEW, frame.length, frame, 0, null);
        int[] entries = ctx.functionEntries;
        Label[] cases = new Label[entries.length];
        for (int i = 0; i < entries.length; i++) {
            cases[i] = new Label();
        }
        Label bad = new Label();
        mv.visitVarInsn(LLOAD, 1);
        mv.visitInsn(L2I);
        mv.visitLookupSwitchInsn(bad, entries, cases);
        for (int i = 0; i < entries.length; i++) {
            mv.visitLabel(cases[i]);
            mv.visitFrame(F_NEW, frame.length, frame, 0, null);
            mv.visitVarInsn(ALOAD, 0);
            mv.visitLdcInsn(ctx.budget);
            mv.visitVarInsn(ILOAD, 3);
            mv.visitMethodInsn(INVOKESTATIC, MethodEmitter.RUNTIME, "enterCallx", "(Lio/jxdp/vm/Cpu;JI)V", false);
            mv.visitVarInsn(ALOAD, 0);
            for (int r = 0; r < 5; r++) {
                mv.visitVarInsn(LLOAD, 4 + 2 * r);
            }
            mv.visitMethodInsn(
                    INVOKESTATIC,
                    ctx.className,
                    MethodUnit.functionMethodName(entries[i]),
                    MethodUnit.FUNCTION_DESCRIPTOR,
                    false);
            mv.visitVarInsn(ALOAD, 0);
            mv.visitMethodInsn(INVOKESTATIC, MethodEmitter.RUNTIME, "leaveCallx", "(Lio/jxdp/vm/Cpu;)V", false);
            mv.visitInsn(LRETURN);
        }
        mv.visitLabel(bad);
        mv.visitFrame(F_NEW, frame.length, frame, 0, null);
        mv.visitVarInsn(LLOAD, 1);
        mv.visitVarInsn(ILOAD, 3);
        mv.visitMethodInsn(INVOKESTATIC, MethodEmitter.RUNTIME, "notAFunction", "(JI)Lio/jxdp/vm/VmFault;", false);
        mv.visitInsn(ATHROW);
        mv.visitMaxs(14, 14);
        mv.visitEnd();
    }

    private static void pushCallArguments(MethodVisitor mv) {
        mv.visitVarInsn(ALOAD, 0);
        for (int r = 0; r < 5; r++) {
            mv.visitVarInsn(LLOAD, 4 + 2 * r);
        }
    }
}
