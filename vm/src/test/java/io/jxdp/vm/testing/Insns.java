package io.jxdp.vm.testing;

import io.jxdp.isa.Instruction;
import io.jxdp.isa.Opcode;

/** A tiny instruction builder for tests that must not depend on the assembler. */
public final class Insns {
    private Insns() {}

    public static Instruction i(Opcode op, int dst, int src, int off, long imm) {
        return Instruction.of(op, dst, src, off, imm);
    }

    public static Instruction mov(int dst, long imm) {
        return i(Opcode.MOV64_IMM, dst, 0, 0, imm);
    }

    public static Instruction movr(int dst, int src) {
        return i(Opcode.MOV64_REG, dst, src, 0, 0);
    }

    public static Instruction exit() {
        return i(Opcode.EXIT, 0, 0, 0, 0);
    }
}
