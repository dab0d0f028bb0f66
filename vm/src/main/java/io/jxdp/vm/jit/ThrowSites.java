package io.jxdp.vm.jit;

import static org.objectweb.asm.Opcodes.*;

import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;

/**
 * Passes a method's bytecode on and notes whether any of it can throw: a call (anything may come
 * out of a callee, a stack overflow at the least), an array access, a division, an allocation, a
 * cast, a dynamic constant or an {@code athrow}. {@link MethodEmitter} covers exactly the code of
 * each pc that can with an exception handler naming that pc, so straight-line arithmetic and jumps
 * cost no handler.
 */
final class ThrowSites extends MethodVisitor {
    private boolean seen;

    ThrowSites(MethodVisitor next) {
        super(ASM9, next);
    }

    /** True if code that can throw passed since the last call; starts over. */
    boolean take() {
        boolean s = seen;
        seen = false;
        return s;
    }

    @Override
    public void visitInsn(int opcode) {
        seen |= opcode >= IALOAD && opcode <= SALOAD || opcode >= IASTORE && opcode <= SASTORE
                || opcode == IDIV || opcode == LDIV || opcode == IREM || opcode == LREM
                || opcode == ARRAYLENGTH || opcode == ATHROW;
        super.visitInsn(opcode);
    }

    @Override
    public void visitIntInsn(int opcode, int operand) {
        seen |= opcode == NEWARRAY;
        super.visitIntInsn(opcode, operand);
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
        seen |= opcode != INSTANCEOF;
        super.visitTypeInsn(opcode, type);
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
        seen |= opcode == GETFIELD || opcode == PUTFIELD; // on a null object
        super.visitFieldInsn(opcode, owner, name, descriptor);
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
        seen = true;
        super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
    }

    @Override
    public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
        seen = true;
        super.visitInvokeDynamicInsn(name, descriptor, bootstrap, arguments);
    }

    @Override
    public void visitLdcInsn(Object value) {
        seen |= value instanceof ConstantDynamic; // resolved by a bootstrap method the first time
        super.visitLdcInsn(value);
    }

    @Override
    public void visitMultiANewArrayInsn(String descriptor, int dimensions) {
        seen = true;
        super.visitMultiANewArrayInsn(descriptor, dimensions);
    }
}
