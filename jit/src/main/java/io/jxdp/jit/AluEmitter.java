package io.jxdp.jit;

import static org.objectweb.asm.Opcodes.*;

import io.jxdp.isa.AluOp;
import io.jxdp.isa.Instruction;
import io.jxdp.isa.Opcode;
import io.jxdp.isa.Source;
import org.objectweb.asm.MethodVisitor;

/**
 * ALU and ALU64 instructions. Where the JVM's own operation has the eBPF semantics it is emitted
 * inline: the JVM masks shift counts exactly as eBPF does ({@code lshl} by 63, {@code ishl} by
 * 31), {@code ldiv}/{@code idiv} give MIN / -1 = MIN and {@code lrem}/{@code irem} MIN % -1 = 0, and
 * a 32-bit result is an int zero-extended. Division by a register (which may be 0) and the byte
 * swaps call {@code io.jxdp.isa.sem}, or {@link JitRuntime#div64} where JDK 17's unsigned division
 * is slow. The differential fuzzer checks every case against the interpreter.
 */
final class AluEmitter {
    private static final String ALU = "io/jxdp/isa/sem/Alu";
    private static final String SWAP = "io/jxdp/isa/sem/ByteSwap";

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
        if (op.aluOp().isByteSwap()) {
            byteSwap(m, insn);
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
        boolean nonZeroImm = isImm(insn) && insn.imm() != 0;
        switch (op) {
            case MOV -> operand64(m, insn);
            case MOVSX8, MOVSX16, MOVSX32 -> {
                m.loadReg(insn.src());
                mv.visitInsn(L2I);
                if (op != AluOp.MOVSX32) {
                    mv.visitInsn(op == AluOp.MOVSX8 ? I2B : I2S);
                }
                mv.visitInsn(I2L);
            }
            case NEG -> {
                m.loadReg(d);
                mv.visitInsn(LNEG);
            }
            case LSH, RSH, ARSH -> {
                m.loadReg(d);
                operand32(m, insn); // lshl and friends use the low 6 bits, as eBPF does
                mv.visitInsn(op == AluOp.LSH ? LSHL : op == AluOp.RSH ? LUSHR : LSHR);
            }
            case SDIV, SMOD -> {
                m.loadReg(d);
                operand64(m, insn);
                if (nonZeroImm) {
                    mv.visitInsn(op == AluOp.SDIV ? LDIV : LREM);
                } else {
                    mv.visitMethodInsn(INVOKESTATIC, ALU, op == AluOp.SDIV ? "sdiv64" : "smod64", "(JJ)J", false);
                }
            }
            case DIV, MOD -> {
                m.loadReg(d);
                operand64(m, insn);
                mv.visitMethodInsn(
                        INVOKESTATIC, MethodEmitter.RUNTIME, op == AluOp.DIV ? "div64" : "mod64", "(JJ)J", false);
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
                            default -> throw new IllegalStateException(insn.op() + " has no ALU64 form");
                        });
            }
        }
    }

    private static void alu32(MethodEmitter m, Instruction insn) {
        MethodVisitor mv = m.mv;
        AluOp op = insn.op().aluOp();
        int d = insn.dst();
        boolean nonZeroImm = isImm(insn) && insn.imm() != 0;
        switch (op) {
            case MOV -> {
                if (isImm(insn)) {
                    m.pushLong(insn.imm() & 0xffff_ffffL);
                    return;
                }
                operand32(m, insn);
            }
            case MOVSX8, MOVSX16 -> {
                operand32(m, insn);
                mv.visitInsn(op == AluOp.MOVSX8 ? I2B : I2S);
            }
            case NEG -> {
                m.loadReg(d);
                mv.visitInsn(L2I);
                mv.visitInsn(INEG);
            }
            case DIV, MOD -> {
                m.loadReg(d);
                operand64(m, insn);
                mv.visitMethodInsn(INVOKESTATIC, ALU, op == AluOp.DIV ? "div32" : "mod32", "(JJ)J", false);
                return; // Alu zero-extends
            }
            case SDIV, SMOD -> {
                if (!nonZeroImm) {
                    m.loadReg(d);
                    operand64(m, insn);
                    mv.visitMethodInsn(INVOKESTATIC, ALU, op == AluOp.SDIV ? "sdiv32" : "smod32", "(JJ)J", false);
                    return;
                }
                m.loadReg(d);
                mv.visitInsn(L2I);
                operand32(m, insn);
                mv.visitInsn(op == AluOp.SDIV ? IDIV : IREM);
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
                            default -> throw new IllegalStateException(insn.op() + " has no ALU form");
                        });
            }
        }
        m.zeroExtend();
    }

    /** {@code le}, {@code be} and {@code bswap}: a little-endian machine, so {@code le} only truncates. */
    private static void byteSwap(MethodEmitter m, Instruction insn) {
        MethodVisitor mv = m.mv;
        int width = (int) insn.imm();
        m.loadReg(insn.dst());
        if (insn.op() == Opcode.LE) {
            if (width == 16) {
                m.pushLong(0xffffL);
                mv.visitInsn(LAND);
            } else if (width == 32) {
                mv.visitLdcInsn(0xffff_ffffL);
                mv.visitInsn(LAND);
            }
            return;
        }
        switch (width) {
            case 16 -> mv.visitMethodInsn(INVOKESTATIC, SWAP, "swap16", "(J)J", false);
            case 32 -> mv.visitMethodInsn(INVOKESTATIC, SWAP, "swap32", "(J)J", false);
            default -> mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "reverseBytes", "(J)J", false);
        }
    }
}
