package io.jxdp.asm.internal;

import io.jxdp.isa.Instruction;

/**
 * Fills in an operand that names a label or a map, once the whole file has been read and every
 * name is known.
 */
@FunctionalInterface
interface Fixup {
    /**
     *Returns the instruction with the operand filled in.
     * @param insn the instruction as parsed, with a placeholder operand
     * @param pc the instruction's pc
     * @param names the labels and maps of the file
     *
     */
    Instruction resolve(Instruction insn, int pc, Resolver names);
}
