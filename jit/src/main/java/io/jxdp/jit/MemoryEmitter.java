package io.jxdp.jit;

import static org.objectweb.asm.Opcodes.*;

import io.jxdp.isa.AtomicOp;
import io.jxdp.isa.Form;
import io.jxdp.isa.Instruction;
import io.jxdp.isa.Mode;
import io.jxdp.isa.Size;
import io.jxdp.isa.sem.SemanticsTable;
import io.jxdp.vm.memory.Addresses;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * Loads, stores and atomics. Each takes the route {@link AccessPlan} chose: the checked accessors
 * of {@code Memory} (with the pc as a constant, so a fault names it exactly as the interpreter's
 * does), a plain array access on the stack, packet or memory region whose bounds were proven, or
 * that array access behind an inline guard with the checked call as its fallback.
 */
final class MemoryEmitter {
    private static final String DIRECT = "io/jxdp/jit/DirectMemory";

    private MemoryEmitter() {}

    static void emit(MethodEmitter m, Instruction insn, int pc) {
        if (insn.op().form() == Form.ATOMIC) {
            atomic(m, insn, pc);
            return;
        }
        AccessPlan.Route route = m.ctx.access.route(pc);
        if (route.guarded()) {
            guarded(m, insn, pc, route.window);
            return;
        }
        boolean load = insn.op().form() == Form.LOAD;
        int base = load ? insn.src() : insn.dst();
        MethodVisitor mv = m.mv;
        if (route == AccessPlan.Route.CHECKED) {
            mv.visitVarInsn(ALOAD, m.slots.memory);
            m.loadReg(base);
            if (insn.offset() != 0) {
                m.pushLong(insn.offset());
                mv.visitInsn(LADD);
            }
            checkedCall(m, insn, pc);
        } else {
            directIndex(m, route, base, insn.offset());
            directCall(m, insn);
        }
    }

    /**
     * An access whose region is known or guessed but whose bounds are not. The guard tests the base
     * register: its region is the window's, its offset half {@code o} is not negative, and
     * {@code lo <= o + off <= hi - size} in int arithmetic. Windows lie in {@code [0, 2^31)}, so
     * passing implies {@code base + off} stays in the same region at offset {@code o + off}: the
     * very access {@code Memory}'s fast path would make. The first two tests depend on the register
     * only, so HotSpot shares them between the accesses through it. When the guard fails, the
     * checked call out of line does what the interpreter does, faults included.
     */
    private static void guarded(MethodEmitter m, Instruction insn, int pc, int w) {
        MethodVisitor mv = m.mv;
        boolean load = insn.op().form() == Form.LOAD;
        SlotLayout slots = m.slots;
        int base = load ? insn.src() : insn.dst();
        int off = insn.offset();
        Label slow = new Label();
        Label done = new Label();
        m.loadReg(base);
        mv.visitIntInsn(BIPUSH, 32);
        mv.visitInsn(LUSHR);
        mv.visitInsn(L2I); // region ids are below 2^31: the int compare is exact
        m.pushInt(w == SlotLayout.PACKET ? Addresses.PACKET : Addresses.MEMORY);
        mv.visitJumpInsn(IF_ICMPNE, slow);
        m.loadOffset(base);
        mv.visitJumpInsn(IFLT, slow);
        offsetOf(m, base, off);
        mv.visitVarInsn(ILOAD, slots.windowLo[w]);
        mv.visitJumpInsn(IF_ICMPLT, slow);
        offsetOf(m, base, off);
        mv.visitVarInsn(ILOAD, load ? slots.windowHi[w] : slots.windowStoreHi[w]);
        m.pushInt(insn.op().size().bytes());
        mv.visitInsn(ISUB);
        mv.visitJumpInsn(IF_ICMPGT, slow);
        mv.visitVarInsn(ALOAD, slots.windowBytes[w]);
        // the window's array starts at its offset 0 (Region.zeroBased); the index from the register,
        // not its loop shadow: measured, C2 makes a slower loop of the shadow here (272 vs 187 ns on sum)
        m.loadReg(base);
        mv.visitInsn(L2I);
        if (off != 0) {
            m.pushInt(off);
            mv.visitInsn(IADD);
        }
        directCall(m, insn);
        m.mark(done);
        m.stub(() -> {
            m.mark(slow);
            mv.visitVarInsn(ALOAD, slots.memory);
            m.loadReg(base); // not written yet: the instruction has not run
            if (off != 0) {
                m.pushLong(off);
                mv.visitInsn(LADD);
            }
            checkedCall(m, insn, pc);
            mv.visitJumpInsn(GOTO, done);
        });
    }

    /** Pushes {@code (int) reg + off}, the offset a guarded access reaches. */
    private static void offsetOf(MethodEmitter m, int reg, int off) {
        m.loadOffset(reg);
        if (off != 0) {
            m.pushInt(off);
            m.mv.visitInsn(IADD);
        }
    }

    /** With {@code memory, address} pushed: the value (stores), the pc, the call; loads store dst. */
    private static void checkedCall(MethodEmitter m, Instruction insn, int pc) {
        boolean load = insn.op().form() == Form.LOAD;
        if (!load) {
            value(m, insn);
        }
        m.pushInt(pc);
        m.mv.visitMethodInsn(
                INVOKEVIRTUAL,
                MethodEmitter.MEMORY,
                (load ? "load" : "store") + suffix(insn.op().size()),
                load ? "(JI)J" : "(JJI)V",
                false);
        finishLoad(m, insn);
    }

    /** With {@code bytes, index} pushed: the value (stores), the array access; loads store dst. */
    private static void directCall(MethodEmitter m, Instruction insn) {
        boolean load = insn.op().form() == Form.LOAD;
        if (!load) {
            value(m, insn);
        }
        m.mv.visitMethodInsn(
                INVOKESTATIC,
                DIRECT,
                (load ? "load" : "store") + suffix(insn.op().size()),
                load ? "([BI)J" : "([BIJ)V",
                false);
        finishLoad(m, insn);
    }

    private static void finishLoad(MethodEmitter m, Instruction insn) {
        if (insn.op().form() == Form.LOAD) {
            if (insn.op().mode() == Mode.MEMSX) {
                m.invokeShared(SemanticsTable.of(insn.op()).method(0)); // Loads.ldxsX
            }
            m.storeReg(insn.dst());
        }
    }

    /** Pushes the array and the index of a proven access: {@code bytes, base + (int) reg + off}. */
    private static void directIndex(MethodEmitter m, AccessPlan.Route route, int base, int offset) {
        MethodVisitor mv = m.mv;
        // the stack's, the packet's and the memory's arrays start at their offset 0 (Region.zeroBased)
        mv.visitVarInsn(ALOAD, route == AccessPlan.Route.STACK ? m.slots.stack : m.slots.windowBytes[route.window]);
        m.loadOffset(base); // the offset half of region << 32 | offset
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
