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
 * @param op the operation
 * @param dst the destination register field (0-15)
 * @param src the source register field, or for {@code lddw} the {@link PseudoSource} code
 * @param offset the signed 16-bit offset field
 * @param imm the immediate: 32 bits sign-extended, or 64 bits for {@code lddw}
 */
public record Instruction(Opcode op, int dst, int src, int offset, long imm) {

    public Instruction {
        Objects.requireNonNull(op, "op");
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
        return new Instruction(op,
                form.usesDst() ? dst : 0,
                form.usesSrcReg() || form == Form.LDDW ? src : op.encodedSrc(),
                form.usesOffset() ? offset : op.encodedOffset(),
                form.usesImm() ? imm : op.encodedImm());
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
            case LDDW -> new Instruction(op, dst, src, offset, rel & 0xffffffffL | (imm & 0xffffffff00000000L));
            default -> throw new IllegalStateException(op + " has no target");
        };
    }
}
