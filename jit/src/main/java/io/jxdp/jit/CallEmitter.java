package io.jxdp.jit;

import static org.objectweb.asm.Opcodes.*;

import io.jxdp.isa.Instruction;
import io.jxdp.isa.Opcode;
import io.jxdp.vm.TailCalls;
import io.jxdp.vm.helpers.HelperFunction;
import java.lang.reflect.Method;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/**
 * Helper calls, bpf-to-bpf calls and callx. A helper is an {@code invokestatic} of its static
 * method when it has a usable one, else an interface call on its {@code Helper} object from the
 * class data; either way {@code cpu.pc} names the call first, so a fault inside the helper names
 * it. A local call is a JVM call of the callee's method with r1-r5 as arguments: r6-r9 and r1-r5
 * stay in the caller's locals, so they are preserved as the interpreter preserves them; the budget
 * and the depth travel through the Cpu. callx goes through the class's {@code callx} dispatcher
 * (see {@link ClassEmitter}).
 */
final class CallEmitter {
    static final String CALLX_DESCRIPTOR = "(Lio/jxdp/vm/Cpu;JIJJJJJ)J";

    private CallEmitter() {}

    static void emit(MethodEmitter m, Instruction insn, int pc) {
        if (insn.op() == Opcode.CALL && TailCalls.FUNCTION.equals(m.ctx.linked.helper(pc))) {
            tailCall(m, pc);
            return;
        }
        if (insn.op() == Opcode.CALL) {
            helper(m, m.ctx.linked.helper(pc), pc);
        } else if (insn.op() == Opcode.CALL_LOCAL) {
            local(m, insn.target(pc), pc);
        } else {
            callx(m, insn.dst(), pc);
        }
        m.storeReg(0);
        m.reloadRegions(); // helpers may move or replace the packet
    }

    private static void pushArguments(MethodEmitter m) {
        m.mv.visitVarInsn(ALOAD, SlotLayout.CPU);
        for (int r = 1; r <= 5; r++) {
            m.loadReg(r);
        }
    }

    private static void helper(MethodEmitter m, HelperFunction f, int pc) {
        MethodVisitor mv = m.mv;
        mv.visitVarInsn(ALOAD, SlotLayout.CPU);
        m.pushInt(pc);
        mv.visitFieldInsn(PUTFIELD, MethodEmitter.CPU, "pc", "I");
        if (JitContext.callableDirectly(f)) {
            Method method = f.direct();
            pushArguments(m);
            mv.visitMethodInsn(
                    INVOKESTATIC,
                    Type.getInternalName(method.getDeclaringClass()),
                    method.getName(),
                    MethodUnit.FUNCTION_DESCRIPTOR,
                    false);
        } else {
            mv.visitLdcInsn(m.ctx.constant(f.impl(), "Lio/jxdp/vm/helpers/Helper;"));
            pushArguments(m);
            mv.visitMethodInsn(
                    INVOKEINTERFACE, "io/jxdp/vm/helpers/Helper", "call", MethodUnit.FUNCTION_DESCRIPTOR, true);
        }
    }

    /**
     * bpf_tail_call: {@link TailCalls#call} with r1-r3, the method's budget handed to the Cpu for
     * the target and taken back after. On a fall-through r0 keeps its value; when the target ran,
     * an out-of-line stub leaves this function with the target's r0, as its exit would.
     */
    private static void tailCall(MethodEmitter m, int pc) {
        MethodVisitor mv = m.mv;
        mv.visitVarInsn(ALOAD, SlotLayout.CPU);
        m.pushInt(pc);
        mv.visitFieldInsn(PUTFIELD, MethodEmitter.CPU, "pc", "I");
        m.saveBudget();
        mv.visitVarInsn(ALOAD, SlotLayout.CPU);
        for (int r = 1; r <= 3; r++) {
            m.loadReg(r);
        }
        mv.visitMethodInsn(INVOKESTATIC, "io/jxdp/vm/TailCalls", "call", "(Lio/jxdp/vm/Cpu;JJJ)Z", false);
        m.loadBudget();
        Label jumped = new Label();
        mv.visitJumpInsn(IFNE, jumped);
        m.stub(() -> {
            m.mark(jumped);
            mv.visitVarInsn(ALOAD, SlotLayout.CPU);
            mv.visitFieldInsn(GETFIELD, MethodEmitter.CPU, "tailResult", "J");
            m.storeReg(0);
            m.exit();
        });
        m.reloadRegions(); // the target may have moved the packet
    }

    private static void local(MethodEmitter m, int target, int pc) {
        MethodVisitor mv = m.mv;
        Label noBudget = new Label();
        Label paid = new Label();
        m.spendBudget();
        mv.visitJumpInsn(IFLT, noBudget);
        m.mark(paid);
        m.stub(() -> {
            m.mark(noBudget);
            m.refillBudget(pc, paid);
        });
        mv.visitVarInsn(ALOAD, SlotLayout.CPU);
        mv.visitVarInsn(ILOAD, m.slots.budget);
        m.pushInt(pc);
        mv.visitMethodInsn(INVOKESTATIC, MethodEmitter.RUNTIME, "enterCall", "(Lio/jxdp/vm/Cpu;II)V", false);
        pushArguments(m);
        mv.visitMethodInsn(
                INVOKESTATIC,
                m.ctx.className,
                MethodUnit.functionMethodName(target),
                MethodUnit.FUNCTION_DESCRIPTOR,
                false);
        mv.visitVarInsn(ALOAD, SlotLayout.CPU); // r0 stays on the stack under the budget
        mv.visitMethodInsn(INVOKESTATIC, MethodEmitter.RUNTIME, "leaveCall", "(Lio/jxdp/vm/Cpu;)I", false);
        mv.visitVarInsn(ISTORE, m.slots.budget);
    }

    private static void callx(MethodEmitter m, int dst, int pc) {
        MethodVisitor mv = m.mv;
        m.ctx.noteCallx();
        m.saveBudget();
        mv.visitVarInsn(ALOAD, SlotLayout.CPU);
        m.loadReg(dst);
        m.pushInt(pc);
        for (int r = 1; r <= 5; r++) {
            m.loadReg(r);
        }
        mv.visitMethodInsn(INVOKESTATIC, m.ctx.className, ClassEmitter.CALLX, CALLX_DESCRIPTOR, false);
        m.loadBudget(); // the callee spent some
    }
}
