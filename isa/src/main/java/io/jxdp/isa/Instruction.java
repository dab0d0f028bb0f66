package io.jxdp.isa;

import java.util.Objects;

/**
 * One eBPF instruction, decoded. An {@code lddw} is one instruction of two slots whose {@link
 * #imm()} holds all 64 bits; every other instruction's {@code imm} is its 32-bit immediate,
 * sign-extended. A value of this type is always encodable: fields the opcode does not use are zero
 * (the constructor refuses anything else), so engines and printers never meet a reserved field.
 *
 * <p>Register numbers are 4-bit fields and may be 11 to 15 here, so that a decoder or verifier can
 * report "R15 is invalid" for them; {@link ProgramCheck} refuses them before anything runs.
 *
 * <p>One kind is not an operation: {@link Opcode#MALFORMED}, a slot the lenient decoder could not
 * read (an unknown opcode, a reserved field set, a broken {@code lddw} pair), made by {@link
 * #malformed(long)}. It is one slot wide, keeps the slot's eight bytes in {@code imm} (the other
 * fields are zero) and encodes back to them; printers print those bytes, {@link ProgramCheck} refuses
 * it, and the verifier rejects it with the kernel's text where the kernel does.
 *
 * @param op the operation
 * @param dst the destination register field (0-15)
 * @param src the source register field, or for {@code lddw} the {@link PseudoSource} code
 * @param offset the signed 16-bit offset field
 * @param imm the immediate: 32 bits sign-extended, or 64 bits for {@code lddw}
 */
public record Instruction(Opcode op, int dst, int src, int offset, long imm) {

    public Instruction {
        Objects.requireNonNull(op, "op");
        if (op == Opcode.MALFORMED) {
            if (dst != 0 || src != 0 || offset != 0) {
                throw new IllegalArgumentException(
                        "a malformed slot keeps its bytes in imm; dst, src and offset are 0");
            }
        } else {
            checkFields(op, dst, src, offset, imm);
        }
    }

    private static void checkFields(Opcode op, int dst, int src, int offset, long imm) {
        if (dst < 0 || dst > 15 || src < 0 || src > 15) {
            throw new IllegalArgumentException("register field out of 0..15 in " + op);
        }
        if (offset < Short.MIN_VALUE || offset > Short.MAX_VALUE) {
            throw new IllegalArgumentException("offset " + offset + " does not fit 16 bits in " + op);
        }
        if (!op.isWide() && imm != (int) imm) {
            throw new IllegalArgumentException("immediate " + imm + " does not fit 32 bits in " + op);
        }
        Form form = op.form();
        if (!form.usesDst() && dst != 0) {
            throw new IllegalArgumentException(op + " does not use dst");
        }
        if (!form.usesSrcReg() && form != Form.LDDW && src != op.encodedSrc()) {
            throw new IllegalArgumentException(op + " needs src " + op.encodedSrc());
        }
        if (form == Form.LDDW && PseudoSource.of(src) == null) {
            throw new IllegalArgumentException("lddw src " + src + " is not a pseudo source");
        }
        if (!form.usesOffset() && offset != op.encodedOffset()) {
            throw new IllegalArgumentException(op + " needs offset " + op.encodedOffset());
        }
        if (!form.usesImm() && imm != op.encodedImm()) {
            throw new IllegalArgumentException(op + " needs imm " + op.encodedImm());
        }
    }

    /** An instruction that has only the fields its form uses; the selectors are filled in. */
    public static Instruction of(Opcode op, int dst, int src, int offset, long imm) {
        Form form = op.form();
        return new Instruction(
                op,
                form.usesDst() ? dst : 0,
                form.usesSrcReg() || form == Form.LDDW ? src : op.encodedSrc(),
                form.usesOffset() ? offset : op.encodedOffset(),
                form.usesImm() ? imm : op.encodedImm());
    }

    /**
     * A slot that is no instruction, kept as its eight bytes.
     *
     * @param slot the slot's bytes as one little-endian long ({@link RawSlot#bits()})
     */
    public static Instruction malformed(long slot) {
        return new Instruction(Opcode.MALFORMED, 0, 0, 0, slot);
    }

    /** True for a {@link Opcode#MALFORMED} slot. */
    public boolean isMalformed() {
        return op == Opcode.MALFORMED;
    }

    /**
     * The first slot's fields as encoded: for a malformed slot its bytes, for any other instruction
     * the fields this value holds (the low 32 bits of an {@code lddw} immediate).
     */
    public RawSlot raw() {
        return op == Opcode.MALFORMED ? RawSlot.of(imm) : new RawSlot(op.opcodeByte(), dst, src, offset, (int) imm);
    }

    /** The immediate as the 32-bit field holds it (the low half of an {@code lddw}). */
    public int imm32() {
        return (int) imm;
    }

    /** The number of 8-byte slots: 2 for {@code lddw}, else 1. */
    public int width() {
        return op.isWide() ? 2 : 1;
    }

    /** What an {@code lddw} loads; {@link PseudoSource#IMM64} for other instructions. */
    public PseudoSource pseudoSource() {
        return op.isWide() ? PseudoSource.of(src) : PseudoSource.IMM64;
    }

    /** For an {@code lddw} of a map: the map's index (or fd) in the low half of the immediate. */
    public int mapIndex() {
        return (int) imm;
    }

    /** For an {@code lddw} of a map value: the offset into the value, from the high half. */
    public int mapValueOffset() {
        return (int) (imm >>> 32);
    }

    /** True for the instructions {@link #target} gives a pc for: jumps, local calls, function pointers. */
    public boolean hasTarget() {
        return switch (op.form()) {
            case JA, JUMP_IMM, JUMP_REG, JA32, CALL_LOCAL -> true;
            case LDDW -> pseudoSource() == PseudoSource.FUNC;
            default -> false;
        };
    }

    /**
     * The pc control may move to besides pc + width, given this instruction's pc: the target of a
     * jump, or the entry of a local function for a local call or a {@link PseudoSource#FUNC}
     * {@code lddw}; -1 for any other instruction. A broken program can also jump to -1 itself, so
     * ask {@link #hasTarget} whether there is a target at all.
     */
    public int target(int pc) {
        return switch (op.form()) {
            case JA, JUMP_IMM, JUMP_REG -> pc + offset + 1;
            case JA32, CALL_LOCAL -> pc + (int) imm + 1;
            case LDDW -> pseudoSource() == PseudoSource.FUNC ? pc + (int) imm + 1 : -1;
            default -> -1;
        };
    }

    /** True if control never falls through to the next instruction. */
    public boolean endsBlock() {
        return op == Opcode.JA || op == Opcode.JA32 || op == Opcode.EXIT;
    }

    /** The same instruction with another jump offset (or, for {@code gotol} and local calls, imm). */
    public Instruction withTarget(int pc, int targetPc) {
        int rel = targetPc - pc - 1;
        return switch (op.form()) {
            case JA, JUMP_IMM, JUMP_REG -> new Instruction(op, dst, src, rel, imm);
            case JA32, CALL_LOCAL -> new Instruction(op, dst, src, offset, rel);
            case LDDW -> new Instruction(op, dst, src, offset, (rel & 0xffffffffL) | (imm & 0xffffffff00000000L));
            default -> throw new IllegalStateException(op + " has no target");
        };
    }
}
