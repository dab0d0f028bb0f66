package io.jxdp.isa.codec;

import io.jxdp.isa.Instruction;
import io.jxdp.isa.JxdpException;
import io.jxdp.isa.Opcode;
import io.jxdp.isa.Program;
import io.jxdp.isa.text.Dialect;
import io.jxdp.isa.text.Disassembler;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Random and mutated bytecode: decoding fails only with a JxdpException, quickly, and whatever
 * decodes can be printed in both dialects.
 */
// A hang guard, not a speed target: every case is far under a millisecond; speed is measured by benchmarks.
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class DecoderFuzzTest {
    private static final long SEED = Long.getLong("fuzz.seed", 0x6a786470L);
    private static final int CASES = Integer.getInteger("fuzz.cases", 5000);

    /** A random instruction the model can hold (any opcode, any field values the form allows). */
    static Instruction randomInstruction(Random r) {
        Opcode op = Opcode.values()[r.nextInt(Opcode.values().length)];
        long imm = op.isWide() ? r.nextLong() : r.nextInt(4) == 0 ? r.nextInt(8) : r.nextInt();
        int src = op.isWide() ? r.nextInt(7) : r.nextInt(16);
        return Instruction.of(op, r.nextInt(16), src, (short) r.nextInt(), imm);
    }

    static byte[] randomProgram(Random r) {
        List<Instruction> insns = new ArrayList<>();
        int n = 1 + r.nextInt(12);
        for (int i = 0; i < n; i++) {
            insns.add(randomInstruction(r));
        }
        return Encoder.encode(insns);
    }

    static byte[] mutate(Random r, byte[] in) {
        byte[] out = in.clone();
        int edits = 1 + r.nextInt(4);
        for (int e = 0; e < edits && out.length > 0; e++) {
            switch (r.nextInt(4)) {
                case 0 -> out[r.nextInt(out.length)] ^= (byte) (1 << r.nextInt(8));
                case 1 -> out[r.nextInt(out.length)] = (byte) r.nextInt();
                case 2 -> out = java.util.Arrays.copyOf(out, Math.max(0, out.length - 1 - r.nextInt(8)));
                default -> {
                    byte[] longer = java.util.Arrays.copyOf(out, out.length + 1 + r.nextInt(9));
                    for (int i = out.length; i < longer.length; i++) {
                        longer[i] = (byte) r.nextInt();
                    }
                    out = longer;
                }
            }
        }
        return out;
    }

    @Test
    void randomAndMutatedBytes() {
        Random r = new Random(SEED);
        for (int i = 0; i < CASES; i++) {
            byte[] bytes;
            switch (i % 3) {
                case 0 -> {
                    bytes = new byte[r.nextInt(10) * 8 + (r.nextInt(5) == 0 ? r.nextInt(8) : 0)];
                    r.nextBytes(bytes);
                }
                case 1 -> bytes = randomProgram(r);
                default -> bytes = mutate(r, randomProgram(r));
            }
            check(i, bytes);
        }
    }

    private static void check(int i, byte[] bytes) {
        try {
            Decoder.decode(bytes);
        } catch (JxdpException expected) {
            // refusing is fine
        } catch (RuntimeException | Error e) {
            throw new AssertionError(
                    "case " + i + " (seed " + SEED + ") bytes " + HexFormat.of().formatHex(bytes), e);
        }
        try {
            List<Instruction> insns = Decoder.decodeInstructions(bytes);
            Program p = Program.of(insns);
            for (Dialect d : Dialect.values()) {
                Disassembler.of(d).withLabels(true).print(p);
                Disassembler.of(d)
                        .withListing(true)
                        .withRawBytes(true)
                        .withLabels(true)
                        .print(p);
            }
        } catch (JxdpException expected) {
            // refusing is fine
        } catch (RuntimeException | Error e) {
            throw new AssertionError(
                    "print, case " + i + " (seed " + SEED + ") bytes "
                            + HexFormat.of().formatHex(bytes),
                    e);
        }
    }
}
