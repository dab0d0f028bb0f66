package io.jxdp.vm.jit;

import static org.objectweb.asm.Opcodes.*;

import io.jxdp.isa.AtomicOp;
import io.jxdp.isa.Form;
import io.jxdp.isa.Instruction;
import io.jxdp.isa.Mode;
import io.jxdp.isa.Size;
import org.objectweb.asm.MethodVisitor;

/**
 * Loads, stores and atomics. Each takes the route {@link AccessPlan} chose: the checked accessors
 * of {@code Memory} (with the pc as a constant, so a fault names it exactly as the interpreter's
 * does), or a plain array access on the stack, packet or memory region whose bounds were proven.
 */
final class MemoryEmitter {
    private static final String DIRECT = "io/jxdp/vm/jit/DirectMemory";

    private MemoryEmitter() {
    }

    static void emit(MethodEmitter m, Instruction insn, int pc) {
        if (insn.op().form() == Form.ATOMIC) {
            atomic(m, insn, pc);
            return;
        }
        boolean load = insn.op().form() == Form.LOAD;
        int base = load ? insn.src() : insn.dst();
        String suffix = suffix(insn.op().size());
        AccessPlan.Route route = m.ctx.access.route(pc);
        MethodVisitor mv = m.mv;
        if (route == AccessPlan.Route.CHECKED) {
            mv.visitVarInsn(ALOAD, m.slots.memory);
            m.loadReg(base);
            if (insn.offset() != 0) {
                m.pushLong(insn.offset());
                mv.visitInsn(LADD);
            }
        } else {
            directIndex(m, route, base, insn.offset());
        }
        if (!load) {
            value(m, insn);
        }
        if (route == AccessPlan.Route.CHECKED) {
            m.pushInt(pc);
            mv.visitMethodInsn(INVOKEVIRTUAL, MethodEmitter.MEMORY, (load ? "load" : "store") + suffix,
                    load ? "(JI)J" : "(JJI)V", false);
        } else {
            mv.visitMethodInsn(INVOKESTATIC, DIRECT, (load ? "load" : "store") + suffix, load ? "([BI)J" : "([BIJ)V",
                    false);
        }
        if (load) {
            if (insn.op().mode() == Mode.MEMSX) {
                signExtend(mv, insn.op().size());
            }
            m.storeReg(insn.dst());
        }
    }

    /** Pushes the array and the index of a proven access: {@code bytes, base + (int) reg + off}. */
    private static void directIndex(MethodEmitter m, AccessPlan.Route route, int base, int offset) {
        MethodVisitor mv = m.mv;
        switch (route) {
            case STACK -> mv.visitVarInsn(ALOAD, m.slots.stack); // the stack region's base is 0
            case PACKET -> {
                mv.visitVarInsn(ALOAD, m.slots.packetBytes);
                mv.visitVarInsn(ILOAD, m.slots.packetBase);
            }
            default -> {
                mv.visitVarInsn(ALOAD, m.slots.memoryBytes);
                mv.visitVarInsn(ILOAD, m.slots.memoryBase);
            }
        }
        m.loadReg(base);
        mv.visitInsn(L2I); // the offset half of region << 32 | offset
        if (route != AccessPlan.Route.STACK) {
            mv.visitInsn(IADD);
        }
        if (offset != 0) {
            m.pushInt(offset);
            mv.visitInsn(IADD);
        }
    }

    /** The value a store writes: the sign-extended immediate or the source register. */
    private static void value(MethodEmitter m, Instruction insn) {
        if (insn.op().form() == Form.STORE_IMM) {
            m.pushLong(insn.imm());
        } else {
            m.loadReg(insn.src());
        }
    }

    private static void signExtend(MethodVisitor mv, Size size) {
        mv.visitInsn(L2I);
        if (size == Size.B) {
            mv.visitInsn(I2B);
        } else if (size == Size.H) {
            mv.visitInsn(I2S);
        }
        mv.visitInsn(I2L);
    }

    private static String suffix(Size size) {
        return switch (size) {
            case B -> "B";
            case H -> "H";
            case W -> "W";
            case DW -> "DW";
        };
    }

    /** {@code Memory.atomic}: the old value goes to src when fetched, to r0 for cmpxchg. */
    private static void atomic(MethodEmitter m, Instruction insn, int pc) {
        MethodVisitor mv = m.mv;
        AtomicOp op = insn.op().atomicOp();
        mv.visitVarInsn(ALOAD, m.slots.memory);
        mv.visitFieldInsn(GETSTATIC, "io/jxdp/isa/AtomicOp", op.name(), "Lio/jxdp/isa/AtomicOp;");
        m.loadReg(insn.dst());
        if (insn.offset() != 0) {
            m.pushLong(insn.offset());
            mv.visitInsn(LADD);
        }
        m.pushInt(insn.op().size().bytes());
        m.loadReg(insn.src());
        if (op == AtomicOp.CMPXCHG) {
            m.loadReg(0);
        } else {
            mv.visitInsn(LCONST_0);
        }
        m.pushInt(pc);
        mv.visitMethodInsn(INVOKEVIRTUAL, MethodEmitter.MEMORY, "atomic", "(Lio/jxdp/isa/AtomicOp;JIJJI)J", false);
        if (op == AtomicOp.CMPXCHG) {
            m.storeReg(0);
        } else if (op.fetches()) {
            m.storeReg(insn.src());
        } else {
            mv.visitInsn(POP2);
        }
    }
}
