package io.jxdp.asm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jxdp.asm.data.DataFile;
import io.jxdp.asm.data.DataFileException;
import io.jxdp.isa.Program;
import io.jxdp.isa.codec.Decoder;
import io.jxdp.isa.codec.Encoder;
import io.jxdp.isa.text.Dialect;
import io.jxdp.isa.text.Disassembler;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every conformance program survives text -> bytes -> text -> bytes in both dialects and every layout. */
class ConformanceRoundTripTest {

    /** The assembled asm sections of tests/ and of the negative/ files whose asm assembles. */
    static List<Program> programs() {
        List<Program> out = new ArrayList<>();
        for (String sub : new String[] {"tests", "negative"}) {
            for (Path p : ConformanceSuite.files(sub)) {
                try {
                    ConformanceSuite.read(p).assembleAsm().ifPresent(out::add);
                } catch (AssemblerException | DataFileException e) {
                    // the invalid_* cases: NegativeConformanceTest covers them
                }
            }
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> everyProgramRoundTripsInBothDialects() {
        return programs().stream()
                .map(p -> DynamicTest.dynamicTest(p.name(), () -> {
                    byte[] bytes = Encoder.encode(p);
                    for (Dialect d : Dialect.values()) {
                        for (boolean labels : new boolean[] {false, true}) {
                            for (boolean listing : new boolean[] {false, true}) {
                                Disassembler dis =
                                        Disassembler.of(d).withLabels(labels).withListing(listing);
                                String text = dis.print(p);
                                Syntax syntax = d == Dialect.UBPF ? Syntax.UBPF : Syntax.LLVM;
                                Program again = Assembler.assemble(text, p.name(), syntax);
                                String what =
                                        d + (labels ? " labels" : "") + (listing ? " listing" : "") + ":\n" + text;
                                assertArrayEquals(bytes, Encoder.encode(again), what);
                                assertArrayEquals(
                                        bytes,
                                        Encoder.encode(Assembler.assemble(text, p.name(), Syntax.AUTO)),
                                        "AUTO " + what);
                                assertEquals(text, dis.print(again), "printing is stable: " + what);
                            }
                        }
                    }
                    // decoded bytes (no labels) print and reassemble too
                    Program decoded = Program.of(Decoder.decodeInstructions(bytes));
                    for (Dialect d : Dialect.values()) {
                        String text = Disassembler.of(d).withLabels(true).print(decoded);
                        assertArrayEquals(
                                bytes, Encoder.encode(Assembler.assemble(text, "decoded", Syntax.AUTO)), text);
                    }
                }));
    }

    @Test
    void suiteIsAllThere() {
        assertEquals(313 + 2, programs().size(), "tests/ and the two negative files whose asm assembles");
    }

    @Test
    void lddwRawSectionEqualsAssembledAsm() {
        DataFile f = ConformanceSuite.read(ConformanceSuite.dir().resolve("tests/lddw.data"));
        byte[] raw = f.raw().orElseThrow();
        assertArrayEquals(raw, Encoder.encode(f.assembleAsm().orElseThrow()));
        assertEquals(24, raw.length);
        assertEquals(0x18, raw[0]);
    }

    @Test
    void labelsAreKeptInTheProgram() {
        DataFile f = ConformanceSuite.read(ConformanceSuite.dir().resolve("tests/call_local.data"));
        Program p = f.assembleAsm().orElseThrow();
        assertEquals("failed", p.labels().get(18));
        assertEquals("func1", p.labels().get(20));
        assertEquals(
                Disassembler.of(Dialect.UBPF).withLabels(true).print(p),
                Disassembler.of(Dialect.UBPF)
                        .withLabels(true)
                        .print(Assembler.assemble(
                                Disassembler.of(Dialect.LLVM).withLabels(true).print(p), "x", Syntax.LLVM)));
    }

    @Test
    void primeUsesTheImplicitExitLabel() {
        Program p = ConformanceSuite.read(ConformanceSuite.dir().resolve("tests/prime.data"))
                .assembleAsm()
                .orElseThrow();
        int exitPc = p.slotCount() - 1;
        assertEquals("exit", p.labels().get(exitPc));
        // "ja exit" at pc 4 jumps to the last instruction
        assertEquals(exitPc, p.at(4).target(4));
    }
}
