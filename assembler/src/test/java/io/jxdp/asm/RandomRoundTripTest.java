package io.jxdp.asm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.jxdp.isa.Instruction;
import io.jxdp.isa.MapDef;
import io.jxdp.isa.MapType;
import io.jxdp.isa.Opcode;
import io.jxdp.isa.Program;
import io.jxdp.isa.codec.Encoder;
import io.jxdp.isa.text.Dialect;
import io.jxdp.isa.text.Disassembler;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Any instruction the model holds (reserved registers, odd byte-swap widths, every pseudo source,
 * jumps anywhere) prints in both dialects and in every layout to text that assembles back to the
 * same bytes; except that LLVM-dialect text naming r11-r15 is refused as an invalid register (only
 * the uBPF dialect assembles those, for the negative conformance tests).
 */
class RandomRoundTripTest {
    private static final long SEED = Long.getLong("fuzz.seed", 0x726f756e64L);
    private static final int CASES = Integer.getInteger("fuzz.cases", 3000);

    static Instruction randomInstruction(Random r, int pc, int slots) {
        Opcode op = Opcode.values()[r.nextInt(Opcode.values().length)];
        if (op == Opcode.MALFORMED) {
            op = Opcode.EXIT; // no instruction: its text is a directive the assembler refuses
        }
        long imm = op.isWide()
                ? (r.nextBoolean() ? r.nextLong() : r.nextInt(4) | (long) r.nextInt(3) << 32)
                : r.nextInt(3) == 0 ? r.nextInt(9) - 4 : r.nextInt();
        int src = op.isWide() ? r.nextInt(7) : r.nextInt(16);
        int off = r.nextInt(3) == 0 ? (short) r.nextInt() : r.nextInt(9) - 4;
        Instruction insn = Instruction.of(op, r.nextInt(16), src, off, imm);
        // aim some targets inside the program so that labels get printed
        if (insn.target(pc) != -1 && r.nextBoolean()) {
            insn = insn.withTarget(pc, r.nextInt(slots + 1));
        }
        return insn;
    }

    static Program randomProgram(Random r) {
        int n = 1 + r.nextInt(10);
        List<Instruction> insns = new ArrayList<>();
        int pc = 0;
        for (int i = 0; i < n; i++) {
            Instruction insn = randomInstruction(r, pc, n + 2);
            insns.add(insn);
            pc += insn.width();
        }
        List<MapDef> maps = new ArrayList<>();
        for (int i = r.nextInt(3); i > 0; i--) {
            maps.add(new MapDef(
                    "m" + i,
                    MapType.values()[r.nextInt(MapType.values().length)],
                    4,
                    8,
                    1 + r.nextInt(100),
                    r.nextInt(3) == 0 ? r.nextInt() : 0,
                    null));
        }
        Map<Integer, String> labels = new HashMap<>();
        if (r.nextBoolean()) {
            labels.put(0, "entry");
        }
        return Program.of("random", insns, maps, labels);
    }

    private static boolean usesHighRegister(Program p) {
        return p.instructions().stream().anyMatch(insn -> insn.dst() > 10 || insn.src() > 10);
    }

    @Test
    void everyInstructionRoundTrips() {
        Random r = new Random(SEED);
        for (int i = 0; i < CASES; i++) {
            Program p = randomProgram(r);
            byte[] bytes = Encoder.encode(p);
            for (Dialect d : Dialect.values()) {
                for (int layout = 0; layout < 4; layout++) {
                    Disassembler dis = Disassembler.of(d)
                            .withLabels(layout % 2 == 1)
                            .withListing(layout >= 2)
                            .withRawBytes(false);
                    String text = dis.print(p);
                    Program again;
                    try {
                        again = Assembler.assemble(text, "random", d == Dialect.UBPF ? Syntax.UBPF : Syntax.LLVM);
                    } catch (AssemblerException e) {
                        if (d == Dialect.LLVM
                                && usesHighRegister(p)
                                && e.getMessage().contains("invalid register '")
                                && e.getMessage().endsWith("(registers are r0 to r10)")) {
                            continue;
                        }
                        throw new AssertionError(
                                "case " + i + " seed " + SEED + " " + d + " layout " + layout + ": " + e.getMessage()
                                        + "\n" + text,
                                e);
                    }
                    assertArrayEquals(bytes, Encoder.encode(again), "case " + i + " seed " + SEED + "\n" + text);
                    assertArrayEquals(
                            bytes,
                            Encoder.encode(Assembler.assemble(text, "random", Syntax.AUTO)),
                            "AUTO, case " + i + "\n" + text);
                }
            }
        }
    }
}
