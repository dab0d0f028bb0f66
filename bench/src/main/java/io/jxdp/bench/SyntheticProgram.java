package io.jxdp.bench;

import static io.jxdp.isa.Opcode.*;

import io.jxdp.isa.Program;

/**
 * A program of a given size for measuring compile time: blocks that look like packet processing
 * (loads, byte swaps, arithmetic, stack spills, forward branches), a helper call now and then, and
 * a loop over the whole body; exactly {@code size} slots.
 */
public final class SyntheticProgram {
    private SyntheticProgram() {}

    public static Program generate(int size) {
        Asm a = new Asm();
        a.reg(MOV64_REG, 6, 1).imm(MOV64_IMM, 0, 0).imm(MOV64_IMM, 8, 2);
        a.label("top");
        int emitted = 3;
        for (int n = 0; emitted + 13 <= size - 3; n++) {
            String skip = "skip" + n;
            int word = (n * 4) % 60;
            a.op(LDXW, 2, 6, word, 0).imm(BE, 2, 32).reg(XOR64_REG, 0, 2).imm(MUL64_IMM, 0, 16_777_619);
            a.reg(MOV64_REG, 3, 0).imm(RSH64_IMM, 3, 29).reg(XOR64_REG, 0, 3);
            a.jump(JSET_IMM, 0, 1 << (n % 7), skip).imm(ADD64_IMM, 0, n);
            a.label(skip).op(STXDW, 10, 0, -8 - 8 * (n % 32), 0).op(LDXDW, 4, 10, -8 - 8 * ((n + 5) % 32), 0);
            a.reg(ADD64_REG, 0, 4).op(STXW, 6, 0, word, 0);
            emitted += 13;
            if (n % 16 == 15 && emitted + 2 <= size - 3) {
                a.imm(CALL, 0, 7).reg(XOR64_REG, 0, 0);
                emitted += 2;
            }
        }
        for (; emitted < size - 3; emitted++) {
            a.imm(ADD64_IMM, 0, emitted); // exactly size slots
        }
        a.imm(SUB64_IMM, 8, 1).jump(JNE_IMM, 8, 0, "top").imm(EXIT, 0, 0);
        return a.program("synthetic" + size);
    }
}
