package io.jxdp.verifier.testing;

import io.jxdp.isa.AluOp;
import io.jxdp.isa.InsnClass;
import io.jxdp.isa.Instruction;
import io.jxdp.isa.JmpOp;
import io.jxdp.isa.MapDef;
import io.jxdp.isa.MapType;
import io.jxdp.isa.Mode;
import io.jxdp.isa.Opcode;
import io.jxdp.isa.Program;
import io.jxdp.isa.PseudoSource;
import io.jxdp.isa.Size;
import io.jxdp.isa.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random XDP programs that stress the scalar bounds logic: two unknown scalars go through random
 * ALU operations and forward branches, then index a map value, the packet or the stack. Used by
 * the property test and, against the kernel, by the differential test.
 */
public final class RandomPrograms {
    private static final long[] IMMS = {
        0,
        1,
        2,
        3,
        4,
        7,
        8,
        15,
        16,
        31,
        32,
        63,
        64,
        0xff,
        0x100,
        0xffff,
        -1,
        -2,
        -8,
        -16,
        0x7fffffff,
        Integer.MIN_VALUE,
        0x1000,
        5,
        9,
        12,
        24,
        40,
        48,
        56
    };
    private static final AluOp[] OPS = {
        AluOp.ADD,
        AluOp.SUB,
        AluOp.MUL,
        AluOp.OR,
        AluOp.AND,
        AluOp.XOR,
        AluOp.LSH,
        AluOp.RSH,
        AluOp.ARSH,
        AluOp.MOV,
        AluOp.DIV,
        AluOp.MOD,
        AluOp.AND,
        AluOp.AND,
        AluOp.ADD
    };
    private static final JmpOp[] JMPS = {
        JmpOp.JEQ,
        JmpOp.JNE,
        JmpOp.JGT,
        JmpOp.JGE,
        JmpOp.JLT,
        JmpOp.JLE,
        JmpOp.JSGT,
        JmpOp.JSGE,
        JmpOp.JSLT,
        JmpOp.JSLE,
        JmpOp.JSET
    };

    private RandomPrograms() {}

    private static Instruction i(Opcode op, int dst, int src, int off, long imm) {
        return Instruction.of(op, dst, src, off, imm);
    }

    /** One random program from this seed. */
    public static Program generate(long seed) {
        Random rnd = new Random(seed);
        int valueSize = new int[] {8, 16, 32, 64}[rnd.nextInt(4)];
        List<Instruction> p = new ArrayList<>();
        p.add(i(Opcode.MOV64_REG, 6, 1, 0, 0));
        p.add(i(Opcode.STW, 10, 0, -4, 0));
        p.add(i(Opcode.MOV64_REG, 2, 10, 0, 0));
        p.add(i(Opcode.ADD64_IMM, 2, 0, 0, -4));
        p.add(i(Opcode.LDDW, 1, PseudoSource.MAP_FD.code(), 0, 0));
        p.add(i(Opcode.CALL, 0, 0, 0, 1));
        int nullCheck = p.size();
        p.add(null); // if r0 == 0 goto exit
        p.add(i(Opcode.MOV64_REG, 7, 0, 0, 0));
        p.add(i(Opcode.CALL, 0, 0, 0, 7));
        p.add(i(Opcode.MOV64_REG, 8, 0, 0, 0));
        if (rnd.nextBoolean()) {
            p.add(i(Opcode.CALL, 0, 0, 0, 7));
            p.add(i(Opcode.MOV64_REG, 9, 0, 0, 0));
        } else {
            p.add(i(Opcode.LDXB, 9, 6, 0, 12));
            p.set(p.size() - 1, i(Opcode.LDXW, 9, 6, 12, 0));
        }
        boolean loop = rnd.nextInt(3) == 0;
        if (loop) {
            p.add(i(Opcode.MOV64_IMM, 5, 0, 0, 0));
        }
        int bodyStart = p.size();
        int n = 3 + rnd.nextInt(10);
        List<int[]> jumps = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            int dst = rnd.nextBoolean() ? 8 : 9;
            int kind = rnd.nextInt(10);
            if (kind < 6) {
                AluOp op = OPS[rnd.nextInt(OPS.length)];
                boolean is64 = rnd.nextInt(4) != 0;
                if (rnd.nextInt(4) == 0 && op != AluOp.DIV && op != AluOp.MOD) {
                    p.add(i(Opcode.alu(op, Source.X, is64), dst, dst == 8 ? 9 : 8, 0, 0));
                } else {
                    long imm = IMMS[rnd.nextInt(IMMS.length)];
                    if (op.isShift()) {
                        imm = rnd.nextInt(is64 ? 64 : 32);
                    }
                    if ((op == AluOp.DIV || op == AluOp.MOD) && imm == 0) {
                        imm = 3;
                    }
                    p.add(i(Opcode.alu(op, Source.K, is64), dst, 0, 0, imm));
                }
            } else if (kind == 5 && rnd.nextBoolean()) {
                Size sz = new Size[] {Size.B, Size.H, Size.W, Size.DW}[rnd.nextInt(4)];
                int slot = -8 * (3 + rnd.nextInt(2));
                p.add(i(Opcode.memory(InsnClass.STX, Mode.MEM, sz), 10, dst, slot, 0));
                Size ld = rnd.nextBoolean() ? sz : new Size[] {Size.B, Size.H, Size.W, Size.DW}[rnd.nextInt(4)];
                p.add(i(
                        Opcode.memory(InsnClass.LDX, rnd.nextInt(5) == 0 ? Mode.MEMSX : Mode.MEM, ld),
                        dst,
                        10,
                        slot,
                        0));
                if (p.get(p.size() - 1).op() == null) {
                    p.remove(p.size() - 1);
                }
            } else if (kind == 5 && rnd.nextInt(3) == 0) {
                switch (rnd.nextInt(5)) {
                    case 0 -> {
                        p.add(i(Opcode.MOV64_REG, 7, 10, 0, 0));
                        p.add(i(Opcode.ADD64_IMM, 7, 0, 0, -16));
                    }
                    case 1 -> p.add(i(Opcode.MOV64_IMM, 7, 0, 0, 0));
                    case 2 -> p.add(i(Opcode.ADD64_IMM, 7, 0, 0, 8));
                    case 3 -> {
                        p.add(i(Opcode.STXDW, 10, 7, -24, 0));
                        p.add(i(Opcode.LDXDW, 7, 10, -24, 0));
                    }
                    default -> p.add(i(Opcode.MOV64_REG, 7, 6, 0, 0));
                }
            } else if (kind == 6) {
                AluOp op = new AluOp[] {AluOp.MOVSX8, AluOp.MOVSX16, AluOp.MOVSX32, AluOp.NEG}[rnd.nextInt(4)];
                if (op == AluOp.NEG) {
                    p.add(i(rnd.nextBoolean() ? Opcode.NEG64 : Opcode.NEG32, dst, 0, 0, 0));
                } else {
                    p.add(i(Opcode.alu(op, Source.X, true), dst, dst, 0, 0));
                }
            } else {
                JmpOp op = JMPS[rnd.nextInt(JMPS.length)];
                boolean is32 = rnd.nextInt(3) == 0;
                int skip = 1 + rnd.nextInt(3);
                if (rnd.nextInt(3) == 0) {
                    p.add(i(Opcode.jump(op, Source.X, is32), dst, dst == 8 ? 9 : 8, skip, 0));
                } else {
                    p.add(i(Opcode.jump(op, Source.K, is32), dst, 0, skip, IMMS[rnd.nextInt(IMMS.length)]));
                }
                jumps.add(new int[] {p.size() - 1, skip});
            }
        }
        if (loop) {
            // a bounded loop over the body: a counter in r5 (or, now and then, a bound that never ends it)
            p.add(i(Opcode.ADD64_IMM, 5, 0, 0, rnd.nextInt(8) == 0 ? 0 : 1));
            p.add(i(Opcode.JLT_IMM, 5, 0, bodyStart - p.size() - 1, 2 + rnd.nextInt(30)));
        }
        int useStart = p.size();
        int use = rnd.nextInt(5);
        int off = rnd.nextInt(9) - 1;
        Size size = new Size[] {Size.B, Size.H, Size.W, Size.DW}[rnd.nextInt(4)];
        if (use == 0) {
            p.add(i(Opcode.ADD64_REG, 7, 8, 0, 0));
            p.add(i(Opcode.memory(InsnClass.LDX, Mode.MEM, size), 0, 7, off, 0));
        } else if (use == 1) {
            p.add(i(Opcode.LDXW, 2, 6, 0, 0));
            p.add(i(Opcode.LDXW, 3, 6, 4, 0));
            p.add(i(Opcode.ADD64_REG, 2, 8, 0, 0));
            p.add(i(Opcode.MOV64_REG, 1, 2, 0, 0));
            p.add(i(Opcode.ADD64_IMM, 1, 0, 0, 1 + rnd.nextInt(16)));
            p.add(i(Opcode.JGT_REG, 1, 3, 1, 0));
            p.add(i(Opcode.memory(InsnClass.LDX, Mode.MEM, size), 0, 2, off, 0));
        } else if (use == 3) {
            JmpOp op = new JmpOp[] {JmpOp.JGT, JmpOp.JGE, JmpOp.JLT, JmpOp.JLE}[rnd.nextInt(4)];
            boolean reversed = rnd.nextBoolean();
            boolean meta = rnd.nextInt(4) == 0;
            p.add(i(Opcode.LDXW, 2, 6, meta ? 8 : 0, 0));
            p.add(i(Opcode.LDXW, 3, 6, meta ? 0 : 4, 0));
            if (rnd.nextBoolean()) {
                p.add(i(Opcode.ADD64_REG, 2, 8, 0, 0));
            }
            p.add(i(Opcode.MOV64_REG, 1, 2, 0, 0));
            p.add(i(Opcode.ADD64_IMM, 1, 0, 0, rnd.nextInt(20)));
            p.add(i(Opcode.jump(op, Source.X, false), reversed ? 3 : 1, reversed ? 1 : 3, 1, 0));
            p.add(i(Opcode.memory(InsnClass.LDX, Mode.MEM, size), 0, 2, off, 0));
            if (rnd.nextBoolean()) {
                p.add(i(Opcode.memory(InsnClass.LDX, Mode.MEM, size), 0, 2, off, 0));
            }
        } else if (use == 4) {
            p.add(i(Opcode.STDW, 10, 0, -8, 0));
            p.add(i(Opcode.STDW, 10, 0, -16, 0));
            p.add(i(Opcode.MOV64_IMM, 1, 0, 0, 0));
            p.add(i(Opcode.MOV64_IMM, 2, 0, 0, 0));
            p.add(i(Opcode.MOV64_REG, 3, 10, 0, 0));
            p.add(i(Opcode.ADD64_IMM, 3, 0, 0, -16));
            p.add(i(Opcode.MOV64_REG, 4, 8, 0, 0));
            p.add(i(Opcode.MOV64_IMM, 5, 0, 0, 0));
            p.add(i(Opcode.CALL, 0, 0, 0, 28));
        } else {
            p.add(i(Opcode.STDW, 10, 0, -8, 0));
            p.add(i(Opcode.STDW, 10, 0, -16, 0));
            p.add(i(Opcode.MOV64_REG, 1, 10, 0, 0));
            p.add(i(Opcode.ADD64_IMM, 1, 0, 0, -16));
            p.add(i(Opcode.ADD64_REG, 1, 8, 0, 0));
            p.add(i(Opcode.LDXB, 0, 1, 0, 0));
        }
        int exit = p.size();
        p.add(i(Opcode.MOV64_IMM, 0, 0, 0, 0));
        p.add(i(Opcode.EXIT, 0, 0, 0, 0));
        // slot positions: the lddw takes two slots, everything after it shifts by one
        p.set(nullCheck, i(Opcode.JEQ_IMM, 0, 0, (exit + 1) - (nullCheck + 1) - 1, 0));
        for (int[] j : jumps) {
            int target = Math.min(j[0] + 1 + j[1], useStart);
            Instruction old = p.get(j[0]);
            p.set(j[0], new Instruction(old.op(), old.dst(), old.src(), target - j[0] - 1, old.imm()));
        }
        return Program.of("random-" + seed, p, List.of(new MapDef("m", MapType.ARRAY, 4, valueSize, 4)), Map.of());
    }
}
