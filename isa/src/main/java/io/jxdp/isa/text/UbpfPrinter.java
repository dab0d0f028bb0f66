package io.jxdp.isa.text;

import io.jxdp.isa.AluOp;
import io.jxdp.isa.AtomicOp;
import io.jxdp.isa.InsnClass;
import io.jxdp.isa.Instruction;
import io.jxdp.isa.Mode;
import io.jxdp.isa.Opcode;
import io.jxdp.isa.Size;
import java.util.Locale;

/**
 * The uBPF dialect, as the conformance suite's {@code -- asm} sections write it: {@code mov %r0, 1},
 * {@code mov32 %r0, 1}, {@code ldxw %r2, [%r1+4]}, {@code stxdw [%r10-8], %r1}, {@code stw [%r1+2],
 * 5}, {@code jne %r3, 129, +4}, {@code ja +2}, {@code ja32 +2}, {@code lock fetch add [%r10-8],
 * %r1}, {@code lock cmpxchg32 [%r10-8], %r1}, {@code call 5}, {@code call local +3}, {@code call
 * %r2} (callx), {@code lddw %r0, 0x123456789abcdef0}, {@code be16 %r0}, {@code le32 %r0}, {@code
 * bswap64 %r0}, {@code neg %r0}, {@code sdiv32 %r0, 3}, {@code smod %r0, %r1}, {@code movsx832 %r0,
 * %r1} ... {@code movsx3264}, {@code ldxsb %r0, [%r10-1]}.
 *
 * <p>Beyond the conformance suite: kernel-function calls are {@code call runtime N} (the mode name
 * bpf_conformance uses for src 2), the legacy packet loads are {@code ldabsw 5} and {@code ldindw
 * %r1, 5}, and {@code lddw} of a pseudo source uses the operand described in {@link
 * InstructionPrinter}, for example {@code lddw %r1, cpu_map}. Immediates print in signed decimal,
 * {@code lddw} constants in hex.
 */
public final class UbpfPrinter extends InstructionPrinter {
    /** The one instance; the printer has no state. */
    public static final UbpfPrinter INSTANCE = new UbpfPrinter();

    private UbpfPrinter() {}

    @Override
    public String format(Instruction insn, int pc, Symbols symbols) {
        Opcode op = insn.op();
        String dst = reg(insn.dst());
        String src = reg(insn.src());
        return switch (op.form()) {
            case MALFORMED -> malformed(insn);
            case ALU_IMM -> aluName(op) + " " + dst + ", " + insn.imm32();
            case ALU_REG -> aluName(op) + " " + dst + ", " + src;
            case ALU_NEG -> aluName(op) + " " + dst;
            case ALU_END -> LlvmPrinter.swapName(op.aluOp()) + width(insn) + " " + dst;
            case JA -> "ja " + target(pc, insn.offset(), symbols);
            case JA32 -> "ja32 " + target(pc, insn.imm(), symbols);
            case JUMP_IMM -> jumpName(op) + " " + dst + ", " + insn.imm32() + ", " + target(pc, insn.offset(), symbols);
            case JUMP_REG -> jumpName(op) + " " + dst + ", " + src + ", " + target(pc, insn.offset(), symbols);
            case CALL_HELPER -> "call " + insn.imm32();
            case CALL_LOCAL -> "call local " + target(pc, insn.imm(), symbols);
            case CALL_KFUNC -> "call runtime " + insn.imm32() + (insn.offset() != 0 ? ", " + insn.offset() : "");
            case CALLX -> "call " + dst;
            case EXIT -> "exit";
            case LOAD ->
                "ldx" + (op.mode() == Mode.MEMSX ? "s" : "") + op.size().suffix() + " " + dst + ", "
                        + mem(insn.src(), insn.offset());
            case STORE_IMM -> "st" + op.size().suffix() + " " + mem(insn.dst(), insn.offset()) + ", " + insn.imm32();
            case STORE_REG -> "stx" + op.size().suffix() + " " + mem(insn.dst(), insn.offset()) + ", " + src;
            case ATOMIC -> atomic(insn);
            case LDDW ->
                "lddw " + dst + ", "
                        + (insn.src() == 0 ? "0x" + Long.toHexString(insn.imm()) : pseudoOperand(insn, pc, symbols));
            case LD_ABS -> "ldabs" + op.size().suffix() + " " + insn.imm32();
            case LD_IND -> "ldind" + op.size().suffix() + " " + src + ", " + insn.imm32();
        };
    }

    private static String atomic(Instruction insn) {
        Opcode op = insn.op();
        AtomicOp a = op.atomicOp();
        String suffix = op.size() == Size.W ? "32" : "";
        // xchg and cmpxchg always fetch; the conformance suite writes them without "fetch"
        String fetch = a.fetches() && a != AtomicOp.XCHG && a != AtomicOp.CMPXCHG ? "fetch " : "";
        return "lock " + fetch + a.mnemonic() + suffix + " " + mem(insn.dst(), insn.offset()) + ", " + reg(insn.src());
    }

    /** {@code add}, {@code add32}, {@code sdiv}, {@code movsx832}, {@code movsx3264}, {@code neg32}. */
    static String aluName(Opcode op) {
        AluOp a = op.aluOp();
        String suffix = op.insnClass() == InsnClass.ALU ? "32" : "";
        if (a.isMovSx()) {
            return "movsx" + a.offset() + (op.insnClass() == InsnClass.ALU ? "32" : "64");
        }
        return a.name().toLowerCase(Locale.ROOT) + suffix;
    }

    /** {@code jeq}, {@code jsgt32}. */
    static String jumpName(Opcode op) {
        return op.jmpOp().mnemonic() + (op.insnClass() == InsnClass.JMP32 ? "32" : "");
    }

    /** {@code [%r1+4]}, {@code [%r10-8]}, {@code [%r1]}. */
    static String mem(int reg, int offset) {
        return "[" + reg(reg) + (offset > 0 ? "+" + offset : offset < 0 ? Integer.toString(offset) : "") + "]";
    }

    static String reg(int n) {
        return "%r" + n;
    }
}
