package io.jxdp.jit;

import static org.objectweb.asm.Opcodes.*;

import io.jxdp.isa.AluOp;
import io.jxdp.isa.Form;
import io.jxdp.isa.Instruction;
import io.jxdp.isa.Opcode;
import io.jxdp.isa.Source;
import io.jxdp.isa.sem.SemanticsTable;
import java.lang.reflect.Method;
import org.objectweb.asm.MethodVisitor;

/**
 * ALU and ALU64 instructions, as {@link SemanticsTable} says: an {@code invokestatic} of the
 * shared method (HotSpot inlines it), or, where the table says intrinsic, the JVM's own operation
 * with the eBPF meaning: the JVM masks shift counts exactly as eBPF does ({@code lshl} by 63,
 * {@code ishl} by 31), {@code ldiv}/{@code idiv} by a non-zero constant give MIN / -1 = MIN and
 * {@code lrem}/{@code irem} MIN % -1 = 0, and a 32-bit result is an int zero-extended. The
 * intrinsics' edge-value test checks each against its shared method on both engines.
 */
final class AluEmitter {
    private AluEmitter() {}

    static void emit(MethodEmitter m, Instruction insn) {
        Opcode op = insn.op();
        // a pointer stepped in a loop: its int shadow steps alike (see LoopOffsets)
        boolean step = m.keepsShadow(insn.dst())
                && (op == Opcode.ADD64_IMM
                        || op == Opcode.SUB64_IMM
                        || op == Opcode.ADD64_REG
                        || op == Opcode.SUB64_REG);
        if (step) {
            m.stepShadow(insn);
        }
        boolean zeroDivisor = isImm(insn) && insn.imm() == 0; // the intrinsic divisions need one
        if (SemanticsTable.of(op).jit() == SemanticsTable.Jit.SHARED
                || (zeroDivisor && (op.aluOp() == AluOp.SDIV || op.aluOp() == AluOp.SMOD))) {
            shared(m, insn);
        } else if (op.is32()) {
            alu32(m, insn);
        } else {
            alu64(m, insn);
        }
        if (step) {
            m.storeRegOnly(insn.dst());
        } else {
            m.storeReg(insn.dst());
        }
    }

    /** Pushes the operands the shared method takes and calls it: (dst, src), (dst) or (src). */
    private static void shared(MethodEmitter m, Instruction insn) {
        Opcode op = insn.op();
        boolean swap = op.form() == Form.ALU_END;
        Method method = SemanticsTable.of(op).method(swap ? (int) insn.imm() : 0);
        if (method.getParameterCount() == 2) {
            m.loadReg(insn.dst());
            operand64(m, insn);
        } else if (swap || op.form() == Form.ALU_NEG) {
            m.loadReg(insn.dst());
        } else {
            operand64(m, insn);
        }
        m.invokeShared(method);
    }

    private static boolean isImm(Instruction insn) {
        return insn.op().source() == Source.K;
    }

    /** The second operand as a long: the source register or the sign-extended immediate. */
    private static void operand64(MethodEmitter m, Instruction insn) {
        if (isImm(insn)) {
            m.pushLong(insn.imm());
        } else {
            m.loadReg(insn.src());
        }
    }

    /** The second operand's low 32 bits as an int. */
    private static void operand32(MethodEmitter m, Instruction insn) {
        if (isImm(insn)) {
            m.pushInt((int) insn.imm());
        } else {
            m.loadReg(insn.src());
            m.mv.visitInsn(L2I);
        }
    }

    private static void alu64(MethodEmitter m, Instruction insn) {
        MethodVisitor mv = m.mv;
        AluOp op = insn.op().aluOp();
        int d = insn.dst();
        switch (op) {
            case MOV -> operand64(m, insn);
            case NEG -> {
                m.loadReg(d);
                mv.visitInsn(LNEG);
            }
            case LSH, RSH, ARSH -> {
                m.loadReg(d);
                operand32(m, insn); // lshl and friends use the low 6 bits, as eBPF does
                mv.visitInsn(op == AluOp.LSH ? LSHL : op == AluOp.RSH ? LUSHR : LSHR);
            }
            default -> {
                m.loadReg(d);
                operand64(m, insn);
                mv.visitInsn(
                        switch (op) {
                            case ADD -> LADD;
                            case SUB -> LSUB;
                            case MUL -> LMUL;
                            case OR -> LOR;
                            case AND -> LAND;
                            case XOR -> LXOR;
                            case SDIV -> LDIV; // the immediate is not 0
                            case SMOD -> LREM;
                            default -> throw new IllegalStateException(insn.op() + " has no ALU64 intrinsic");
                        });
            }
        }
    }

    private static void alu32(MethodEmitter m, Instruction insn) {
        MethodVisitor mv = m.mv;
        AluOp op = insn.op().aluOp();
        int d = insn.dst();
        switch (op) {
            case MOV -> {
                if (isImm(insn)) {
                    m.pushLong(insn.imm() & 0xffff_ffffL);
                    return;
                }
                operand32(m, insn);
            }
            case NEG -> {
                m.loadReg(d);
                mv.visitInsn(L2I);
                mv.visitInsn(INEG);
            }
            default -> {
                m.loadReg(d);
                mv.visitInsn(L2I);
                operand32(m, insn); // ishl and friends use the low 5 bits, as eBPF does
                mv.visitInsn(
                        switch (op) {
                            case ADD -> IADD;
                            case SUB -> ISUB;
                            case MUL -> IMUL;
                            case OR -> IOR;
                            case AND -> IAND;
                            case XOR -> IXOR;
                            case LSH -> ISHL;
                            case RSH -> IUSHR;
                            case ARSH -> ISHR;
                            case SDIV -> IDIV; // the immediate is not 0
                            case SMOD -> IREM;
                            default -> throw new IllegalStateException(insn.op() + " has no ALU intrinsic");
                        });
            }
        }
        m.zeroExtend();
    }
}
