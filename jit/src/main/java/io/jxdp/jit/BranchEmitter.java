package io.jxdp.jit;

import static org.objectweb.asm.Opcodes.*;

import io.jxdp.isa.Instruction;
import io.jxdp.isa.JmpOp;
import io.jxdp.isa.Opcode;
import io.jxdp.isa.Source;
import io.jxdp.isa.sem.SemanticsTable;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * Jumps. A condition is a JVM compare and branch ({@link SemanticsTable} says why it is an intrinsic,
 * and the edge-value test proves each equal to its {@code Jumps} method). A taken jump is one JVM branch; a backward one (target at or before its own pc, as the
 * interpreter counts) branches to an out-of-line stub that charges the budget and then jumps, so a
 * loop's hot path is the compare and the branch. Unsigned compares call {@code Long.compareUnsigned}
 * (and {@code Integer}'s): HotSpot folds its sign flip into neighbouring adds, where an explicit
 * {@code xor} stays an instruction of its own.
 */
final class BranchEmitter {
    private BranchEmitter() {}

    static void emit(MethodEmitter m, Instruction insn, int pc) {
        int target = insn.target(pc);
        // a backward jump pays budget, unless the verifier proved every loop ends
        Label dest = target <= pc && !m.ctx.access.terminates ? budgetStub(m, target, pc) : m.jumpLabel(target);
        Opcode op = insn.op();
        if (op == Opcode.JA || op == Opcode.JA32) {
            m.mv.visitJumpInsn(GOTO, dest);
        } else if (SemanticsTable.of(op).jit() == SemanticsTable.Jit.SHARED) {
            // the table may send a condition to its shared method: a boolean, tested
            m.loadReg(insn.dst());
            operand64(m, insn, insn.op().source() == Source.K);
            m.invokeShared(SemanticsTable.of(op).method(0));
            m.mv.visitJumpInsn(IFNE, dest);
        } else if (m.ctx.access.sameRegionCompare(pc)) {
            m.mv.visitJumpInsn(compareOffsets(m, insn), dest);
        } else if (op.is32()) {
            m.mv.visitJumpInsn(compare32(m, insn), dest);
        } else {
            m.mv.visitJumpInsn(compare64(m, insn), dest);
        }
    }

    /** A stub that spends one unit of budget (faulting at pc when none is left), then jumps. */
    private static Label budgetStub(MethodEmitter m, int target, int pc) {
        Label stub = new Label();
        Label dest = m.jumpLabel(target); // now: where it goes depends on the pc jumping
        m.stub(() -> {
            MethodVisitor mv = m.mv;
            m.mark(stub);
            m.spendBudget();
            mv.visitJumpInsn(IFGE, dest);
            m.refillBudget(pc, dest);
        });
        return stub;
    }

    /**
     * A jump on two pointers into one region near its base (a verifier fact): their high halves are
     * equal and their low halves are the offsets as signed ints, so every 64-bit condition, signed or
     * not, is the signed int compare of the low halves (read from their loop shadows, if kept).
     */
    private static int compareOffsets(MethodEmitter m, Instruction insn) {
        m.loadOffset(insn.dst());
        m.loadOffset(insn.src());
        return switch (insn.op().jmpOp()) {
            case JEQ -> IF_ICMPEQ;
            case JNE -> IF_ICMPNE;
            case JGT, JSGT -> IF_ICMPGT;
            case JGE, JSGE -> IF_ICMPGE;
            case JLT, JSLT -> IF_ICMPLT;
            case JLE, JSLE -> IF_ICMPLE;
            default -> throw new IllegalStateException(insn.op() + " on two pointers has no offset form");
        };
    }

    /** Pushes the operands of a 64-bit condition; returns the JVM jump taken when it holds. */
    private static int compare64(MethodEmitter m, Instruction insn) {
        MethodVisitor mv = m.mv;
        JmpOp op = insn.op().jmpOp();
        boolean imm = insn.op().source() == Source.K;
        m.loadReg(insn.dst());
        switch (op) {
            case JGT, JGE, JLT, JLE -> {
                operand64(m, insn, imm);
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "compareUnsigned", "(JJ)I", false);
                return switch (op) {
                    case JGT -> IFGT;
                    case JGE -> IFGE;
                    case JLT -> IFLT;
                    default -> IFLE;
                };
            }
            case JSET -> {
                operand64(m, insn, imm);
                mv.visitInsn(LAND);
                mv.visitInsn(LCONST_0);
            }
            default -> operand64(m, insn, imm);
        }
        mv.visitInsn(LCMP);
        return switch (op) {
            case JEQ -> IFEQ;
            case JNE, JSET -> IFNE;
            case JGT, JSGT -> IFGT;
            case JGE, JSGE -> IFGE;
            case JLT, JSLT -> IFLT;
            case JLE, JSLE -> IFLE;
            default -> throw new IllegalStateException(insn.op() + " is not a condition");
        };
    }

    private static void operand64(MethodEmitter m, Instruction insn, boolean imm) {
        if (imm) {
            m.pushLong(insn.imm());
        } else {
            m.loadReg(insn.src());
        }
    }

    /** Pushes the operands of a 32-bit condition; returns the JVM jump taken when it holds. */
    private static int compare32(MethodEmitter m, Instruction insn) {
        MethodVisitor mv = m.mv;
        JmpOp op = insn.op().jmpOp();
        boolean imm = insn.op().source() == Source.K;
        m.loadReg(insn.dst());
        mv.visitInsn(L2I);
        switch (op) {
            case JGT, JGE, JLT, JLE -> {
                operand32(m, insn, imm);
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", "compareUnsigned", "(II)I", false);
                return switch (op) {
                    case JGT -> IFGT;
                    case JGE -> IFGE;
                    case JLT -> IFLT;
                    default -> IFLE;
                };
            }
            case JSET -> {
                operand32(m, insn, imm);
                mv.visitInsn(IAND);
                return IFNE;
            }
            default -> {
                if (imm && insn.imm() == 0) {
                    // compare with zero: the one-operand JVM branches
                    return switch (op) {
                        case JEQ -> IFEQ;
                        case JNE -> IFNE;
                        case JSGT -> IFGT;
                        case JSGE -> IFGE;
                        case JSLT -> IFLT;
                        case JSLE -> IFLE;
                        default -> throw new IllegalStateException(insn.op() + " is not a condition");
                    };
                }
                operand32(m, insn, imm);
            }
        }
        return switch (op) {
            case JEQ -> IF_ICMPEQ;
            case JNE -> IF_ICMPNE;
            case JGT, JSGT -> IF_ICMPGT;
            case JGE, JSGE -> IF_ICMPGE;
            case JLT, JSLT -> IF_ICMPLT;
            case JLE, JSLE -> IF_ICMPLE;
            default -> throw new IllegalStateException(insn.op() + " is not a condition");
        };
    }

    private static void operand32(MethodEmitter m, Instruction insn, boolean imm) {
        if (imm) {
            m.pushInt((int) insn.imm());
        } else {
            m.loadReg(insn.src());
            m.mv.visitInsn(L2I);
        }
    }
}
