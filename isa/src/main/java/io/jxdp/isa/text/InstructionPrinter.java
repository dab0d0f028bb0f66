package io.jxdp.isa.text;

import io.jxdp.isa.Instruction;
import io.jxdp.isa.PseudoSource;

/**
 * Formats one instruction as a line of text in one {@link Dialect}. Every instruction value can be
 * printed (reserved register numbers 11 to 15 and odd byte-swap widths included), and the
 * assembler reads the text back to the same instruction; a malformed slot prints as the {@code
 * .byte} directive of its bytes, which the assembler refuses.
 *
 * <p>The {@code lddw} operand that refers to a map or a function is shared by both dialects:
 *
 * <ul>
 *   <li>{@code NAME}: the declared map NAME ({@code BPF_PSEUDO_MAP_IDX}), or the function at label
 *       NAME ({@code BPF_PSEUDO_FUNC});
 *   <li>{@code map_value(NAME) + OFF}: the address OFF bytes into the value of map NAME
 *       ({@code BPF_PSEUDO_MAP_IDX_VALUE});
 *   <li>{@code KIND(N) [+ HIGH]} for any other combination, KIND being the {@link
 *       PseudoSource#keyword()} ({@code map_fd}, {@code map_value}, {@code btf_id}, {@code func},
 *       {@code map_idx}, {@code map_idx_value}), N the low 32 bits and HIGH the high 32 bits of the
 *       immediate when they are not zero.
 * </ul>
 */
public abstract class InstructionPrinter {

    InstructionPrinter() {}

    /**
     * The instruction as text.
     *
     * @param insn the instruction
     * @param pc its pc, to compute jump targets
     * @param symbols names for targets and maps; {@link Symbols#NONE} for plain numbers
     */
    public abstract String format(Instruction insn, int pc, Symbols symbols);

    /** The instruction as text, with numeric offsets. */
    public String format(Instruction insn) {
        return format(insn, 0, Symbols.NONE);
    }

    /** A jump offset as both dialects print it: {@code +3}, {@code -3}, {@code +0}. */
    static String signed(long offset) {
        return offset >= 0 ? "+" + offset : Long.toString(offset);
    }

    /** A jump target: the label at the target if there is one, else the signed offset. */
    static String target(int pc, long offset, Symbols symbols) {
        String label = symbols.labelAt((int) (pc + offset + 1));
        return label != null ? label : signed(offset);
    }

    /** The operand of an {@code lddw} whose src is a pseudo source other than a plain constant. */
    static String pseudoOperand(Instruction insn, int pc, Symbols symbols) {
        PseudoSource source = insn.pseudoSource();
        int low = (int) insn.imm();
        long high = insn.imm() >>> 32;
        String plus = high != 0 ? " + " + high : "";
        switch (source) {
            case MAP_IDX: {
                String name = symbols.mapName(low);
                if (name != null && high == 0) {
                    return name;
                }
                return "map_idx(" + (name != null ? name : Integer.toString(low)) + ")" + plus;
            }
            case MAP_IDX_VALUE: {
                String name = symbols.mapName(low);
                return name != null ? "map_value(" + name + ")" + plus : "map_idx_value(" + low + ")" + plus;
            }
            case FUNC: {
                String label = symbols.labelAt(pc + low + 1);
                if (label != null && high == 0) {
                    return label;
                }
                return "func(" + (label != null ? label : Integer.toString(low)) + ")" + plus;
            }
            default:
                return source.keyword() + "(" + low + ")" + plus;
        }
    }

    /**
     * A malformed slot as the data directive both llvm-mc and gas read back to the same bytes,
     * {@code .byte 0xe7, 0x00, ...}; jxdp's assembler refuses it, as it refuses the bytes.
     */
    static String malformed(Instruction insn) {
        StringBuilder sb = new StringBuilder(".byte ");
        for (int k = 0; k < 8; k++) {
            sb.append(k == 0 ? "" : ", ")
                    .append(String.format(java.util.Locale.ROOT, "0x%02x", (insn.imm() >>> (8 * k)) & 0xff));
        }
        return sb.toString();
    }

    /** The byte-swap width as the mnemonic suffix: any 32-bit pattern, printed unsigned. */
    static String width(Instruction insn) {
        return Integer.toUnsignedString(insn.imm32());
    }
}
