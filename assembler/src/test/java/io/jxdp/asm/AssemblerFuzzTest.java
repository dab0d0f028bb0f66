package io.jxdp.asm;

import io.jxdp.asm.data.DataFile;
import io.jxdp.isa.JxdpException;
import io.jxdp.isa.Program;
import io.jxdp.isa.codec.Decoder;
import io.jxdp.isa.codec.Encoder;
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
 * Mutated and random text through the assembler, and mutated bytecode of real programs through the
 * decoder: the only failure allowed is a JxdpException, and every case is quick.
 */
// A hang guard, not a speed target: every case is far under a millisecond; speed is measured by benchmarks.
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class AssemblerFuzzTest {
    private static final long SEED = Long.getLong("fuzz.seed", 0x66757a7aL);
    private static final int CASES = Integer.getInteger("fuzz.cases", 4000);
    /** Tokens that mean something to one dialect or the other, to splice into text. */
    private static final String[] TOKENS = {
        "%r",
        "r1",
        "w2",
        "r99",
        "%r16",
        "[",
        "]",
        "(",
        ")",
        "*(",
        "u32 *)",
        "+",
        "-",
        ",",
        "=",
        "+=",
        "s>>=",
        "ll",
        "0x",
        "0xffffffffffffffffff",
        "-2147483649",
        "4294967296",
        "goto",
        "if",
        "lock",
        "fetch",
        "call",
        "local",
        "pc+",
        "exit:",
        "L1",
        ":",
        ".map",
        "type=hash",
        "key=4",
        "map_value(",
        "func(",
        "map_idx(",
        "<",
        ">",
        "skb[",
        "be16",
        "le99999999999",
        "\t",
        "\n",
        "#",
        ";",
        "//",
        "9",
        "-",
        "lddw",
        "ldxw",
        "stxdw",
        "callx",
        "gotol",
        "atomic_fetch_add((",
        "xchg_64(",
        "cmpxchg32_32(",
        "0000000000000000 <f>:",
        "  12:\t",
        "b7 00 00 00 01 00 00 00\t",
        "18 00 00 00 01 00 00 00 00 00 00 00 00 00 00 00\t",
        "R_BPF_64_64",
        "Disassembly of section .text:",
        "\u00e9",
        "\u0000",
        "\r"
    };

    private static List<String> corpus() {
        List<String> texts = new ArrayList<>();
        for (java.nio.file.Path p : ConformanceSuite.files("tests")) {
            DataFile f = ConformanceSuite.read(p);
            f.asm().ifPresent(s -> texts.add(s.text()));
        }
        // the LLVM rendering and an objdump-like listing of a few of them
        int ubpfTexts = texts.size();
        for (int i = 0; i < ubpfTexts; i += 7) {
            Program p = Assembler.assemble(texts.get(i), "seed", Syntax.UBPF);
            texts.add(Disassembler.of(Dialect.LLVM).withLabels(true).print(p));
            texts.add(Disassembler.of(Dialect.LLVM)
                    .withLabels(true)
                    .withListing(true)
                    .withRawBytes(i % 2 == 0)
                    .print(p));
        }
        texts.add(".map m type=hash key=4 value=8 max_entries=16\nr1 = m ll\nr2 = map_value(m) + 8 ll\nexit\n");
        return texts;
    }

    private static String mutate(Random r, String text) {
        StringBuilder sb = new StringBuilder(text);
        int edits = 1 + r.nextInt(5);
        for (int e = 0; e < edits; e++) {
            int at = sb.length() == 0 ? 0 : r.nextInt(sb.length());
            switch (r.nextInt(5)) {
                case 0 -> {
                    if (sb.length() > 0) {
                        sb.deleteCharAt(at);
                    }
                }
                case 1 -> sb.insert(at, (char) (32 + r.nextInt(95)));
                case 2 -> {
                    if (sb.length() > 0) {
                        sb.setCharAt(at, (char) (32 + r.nextInt(95)));
                    }
                }
                case 3 -> sb.insert(at, TOKENS[r.nextInt(TOKENS.length)]);
                default -> {
                    // drop a token: up to the next blank
                    int end = at;
                    while (end < sb.length() && !Character.isWhitespace(sb.charAt(end))) {
                        end++;
                    }
                    sb.delete(at, end);
                }
            }
        }
        return sb.toString();
    }

    @Test
    void mutatedAndRandomText() {
        Random r = new Random(SEED);
        List<String> corpus = corpus();
        for (int i = 0; i < CASES; i++) {
            String text;
            if (i % 10 == 0) {
                StringBuilder sb = new StringBuilder();
                for (int t = r.nextInt(30); t > 0; t--) {
                    sb.append(TOKENS[r.nextInt(TOKENS.length)]).append(r.nextBoolean() ? " " : "");
                }
                text = sb.toString();
            } else {
                text = mutate(r, corpus.get(r.nextInt(corpus.size())));
            }
            Syntax syntax = Syntax.values()[i % 3];
            try {
                Program p = Assembler.assemble(text, "fuzz", syntax);
                // whatever assembles must print and reassemble
                for (Dialect d : Dialect.values()) {
                    Assembler.assemble(Disassembler.of(d).withLabels(true).print(p), "again", Syntax.AUTO);
                }
            } catch (JxdpException expected) {
                // refusing is fine
            } catch (RuntimeException | Error e) {
                throw new AssertionError("case " + i + " (seed " + SEED + ", " + syntax + ") text:\n" + text, e);
            }
        }
    }

    @Test
    void mutatedBytecodeOfRealPrograms() {
        Random r = new Random(SEED);
        List<byte[]> programs = new ArrayList<>();
        for (Program p : ConformanceRoundTripTest.programs()) {
            programs.add(Encoder.encode(p));
        }
        for (int i = 0; i < CASES; i++) {
            byte[] bytes = programs.get(r.nextInt(programs.size())).clone();
            for (int e = 1 + r.nextInt(3); e > 0; e--) {
                int at = r.nextInt(bytes.length);
                bytes[at] = r.nextBoolean() ? (byte) r.nextInt() : (byte) (bytes[at] ^ 1 << r.nextInt(8));
            }
            try {
                Decoder.decode(bytes);
            } catch (JxdpException expected) {
                // refusing is fine
            } catch (RuntimeException | Error e) {
                throw new AssertionError(
                        "case " + i + " (seed " + SEED + ") bytes "
                                + HexFormat.of().formatHex(bytes),
                        e);
            }
        }
    }
}
