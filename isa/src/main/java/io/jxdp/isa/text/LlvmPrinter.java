package io.jxdp.isa.text;

import io.jxdp.isa.AluOp;
import io.jxdp.isa.AtomicOp;
import io.jxdp.isa.Instruction;
import io.jxdp.isa.Mode;
import io.jxdp.isa.Opcode;
import io.jxdp.isa.Size;

/**
 * The LLVM / kernel dialect, spelled as {@code llvm-objdump -d --no-show-raw-insn} prints it.
 *
 * <p>For v1 to v3 code the text is what LLVM 14 prints, with two choices where LLVM 14 cannot be
 * followed: 32-bit atomics print their value register as {@code wN} (what objdump prints with
 * {@code --mattr=+alu32} and newer LLVM always prints; without it LLVM 14 prints {@code lock *(u32
 * *)(r1 + 0) += r2} for add and nothing for the rest), and {@code callx} names the register in the
 * dst field, as LLVM 17+ encodes it. The v4 instructions, {@code jset}, {@code %=} and stores of an
 * immediate, which LLVM 14 cannot print, are spelled as LLVM 17+ prints them ({@code r0 s/= r1},
 * {@code r0 = (s8)r1}, {@code r0 = *(s16 *)(r1 + 2)}, {@code r0 = bswap32 r0}, {@code gotol +3},
 * {@code if r1 & r2 goto +3}, {@code *(u32 *)(r10 - 8) = 5}).
 *
 * <p>Forms LLVM prints ambiguously get a spelling of their own: a local call is {@code call pc+N}
 * (the kernel's spelling; objdump prints {@code call N} as for a helper) or {@code call NAME}, a
 * kernel-function call {@code call kfunc N}, and {@code lddw} of a pseudo source uses the operand
 * described in {@link InstructionPrinter}, for example {@code r1 = cpu_map ll}.
 */
public final class LlvmPrinter extends InstructionPrinter {
    /** The one instance; the printer has no state. */
    public static final LlvmPrinter INSTANCE = new LlvmPrinter();

    private LlvmPrinter() {}

    @Override
    public String format(Instruction insn, int pc, Symbols symbols) {
        Opcode op = insn.op();
        boolean w = op.is32();
        String dst = reg(insn.dst(), w);
        String src = reg(insn.src(), w);
        return switch (op.form()) {
            case MALFORMED -> malformed(insn);
            case ALU_IMM -> dst + " " + op.aluOp().compoundOperator() + " " + insn.imm32();
            case ALU_REG ->
                op.aluOp().isMovSx()
                        ? dst + " = (s" + movSxWidth(op.aluOp()) + ")" + src
                        : dst + " " + op.aluOp().compoundOperator() + " " + src;
            case ALU_NEG -> dst + " = -" + dst;
            case ALU_END -> "r" + insn.dst() + " = " + swapName(op.aluOp()) + width(insn) + " r" + insn.dst();
            case JA -> "goto " + target(pc, insn.offset(), symbols);
            case JA32 -> "gotol " + target(pc, insn.imm(), symbols);
            case JUMP_IMM ->
                "if " + dst + " " + op.jmpOp().operator() + " " + insn.imm32() + " goto "
                        + target(pc, insn.offset(), symbols);
            case JUMP_REG ->
                "if " + dst + " " + op.jmpOp().operator() + " " + src + " goto " + target(pc, insn.offset(), symbols);
            case CALL_HELPER -> "call " + insn.imm32();
            case CALL_LOCAL -> localCall(insn, pc, symbols);
            case CALL_KFUNC -> "call kfunc " + insn.imm32() + (insn.offset() != 0 ? ", " + insn.offset() : "");
            case CALLX -> "callx r" + insn.dst();
            case EXIT -> "exit";
            case LOAD -> "r" + insn.dst() + " = *(" + cType(op) + " *)(" + mem(insn.src(), insn.offset()) + ")";
            case STORE_IMM -> "*(" + cType(op) + " *)(" + mem(insn.dst(), insn.offset()) + ") = " + insn.imm32();
            case STORE_REG -> "*(" + cType(op) + " *)(" + mem(insn.dst(), insn.offset()) + ") = r" + insn.src();
            case ATOMIC -> atomic(insn);
            case LDDW ->
                "r" + insn.dst() + " = "
                        + (insn.src() == 0 ? Long.toString(insn.imm()) : pseudoOperand(insn, pc, symbols)) + " ll";
            case LD_ABS -> "r0 = *(" + cType(op) + " *)skb[" + insn.imm32() + "]";
            case LD_IND -> "r0 = *(" + cType(op) + " *)skb[r" + insn.src() + skbOffset(insn.imm32()) + "]";
        };
    }

    private static String localCall(Instruction insn, int pc, Symbols symbols) {
        String label = symbols.labelAt(pc + insn.imm32() + 1);
        return label != null ? "call " + label : "call pc" + signed(insn.imm32());
    }

    private static String atomic(Instruction insn) {
        Opcode op = insn.op();
        boolean w = op.size() == Size.W;
        String type = w ? "u32" : "u64";
        String addr = mem(insn.dst(), insn.offset());
        String val = reg(insn.src(), w);
        AtomicOp a = op.atomicOp();
        return switch (a) {
            case ADD, OR, AND, XOR -> "lock *(" + type + " *)(" + addr + ") " + a.operator() + " " + val;
            case FETCH_ADD, FETCH_OR, FETCH_AND, FETCH_XOR ->
                val + " = atomic_fetch_" + a.mnemonic() + "((" + type + " *)(" + addr + "), " + val + ")";
            case XCHG -> val + " = " + (w ? "xchg32_32(" : "xchg_64(") + addr + ", " + val + ")";
            case CMPXCHG ->
                w
                        ? "w0 = cmpxchg32_32(" + addr + ", w0, " + val + ")"
                        : "r0 = cmpxchg_64(" + addr + ", r0, " + val + ")";
        };
    }

    /** {@code r1 + 4}, {@code r10 - 8}, {@code r1 + 0}: LLVM's memory operand. */
    static String mem(int reg, int offset) {
        return "r" + reg + (offset >= 0 ? " + " + offset : " - " + -(long) offset);
    }

    private static String skbOffset(int imm) {
        return imm == 0 ? "" : imm > 0 ? " + " + imm : " - " + -(long) imm;
    }

    private static String reg(int n, boolean w) {
        return (w ? "w" : "r") + n;
    }

    /** u8/u16/u32/u64, or s8/s16/s32 for the sign-extending loads. */
    private static String cType(Opcode op) {
        String unsigned = op.size().cType();
        return op.mode() == Mode.MEMSX ? "s" + unsigned.substring(1) : unsigned;
    }

    static int movSxWidth(AluOp op) {
        return op.offset();
    }

    static String swapName(AluOp op) {
        return switch (op) {
            case TO_LE -> "le";
            case TO_BE -> "be";
            default -> "bswap";
        };
    }
}
