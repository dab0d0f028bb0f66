package io.jxdp.asm.internal;

import io.jxdp.isa.Instruction;
import io.jxdp.isa.Opcode;

/**
 * One parsed instruction and, if it names a label or map, how to fill that in.
 *
 * @param insn the instruction (with a placeholder where a name goes)
 * @param fixup null if the instruction is complete
 */
record Parsed(Instruction insn, Fixup fixup) {

    /** A complete instruction; reserved fields the form does not use are filled in. */
    static Parsed of(LineScanner s, int index, Opcode op, int dst, int src, int offset, long imm) {
        return new Parsed(make(s, index, op, dst, src, offset, imm), null);
    }

    /**
     * Builds an instruction, turning a refusal of {@link Instruction} into an error at the
     * instruction. The parsers only build encodable values, so this is a safety net that keeps
     * every failure an {@link io.jxdp.asm.AssemblerException}.
     */
    static Instruction make(LineScanner s, int index, Opcode op, int dst, int src, int offset, long imm) {
        try {
            return Instruction.of(op, dst, src, offset, imm);
        } catch (IllegalArgumentException e) {
            throw s.errorAt(index, e.getMessage());
        }
    }

    Parsed withFixup(Fixup f) {
        return new Parsed(insn, f);
    }
}
