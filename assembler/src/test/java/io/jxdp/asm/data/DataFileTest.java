package io.jxdp.asm.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxdp.asm.AssemblerException;
import io.jxdp.asm.ConformanceSuite;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DataFileTest {
    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    @Test
    void allSections() {
        DataFile f = DataFile.parse("""
                # Copyright line
                -- asm
                mov %r0, 1 # one
                exit
                -- mem
                aa bb # comment
                11 22
                -- result
                0x8877665544332211
                -- error
                Invalid # not this
                -- no register offset
                call instruction
                -- c
                #include <stdint.h>
                int x;
                """, "all.data");
        assertEquals(
                List.of("asm", "mem", "result", "error", "no register offset", "c"),
                f.sections().stream().map(Section::name).toList());
        assertEquals(3, f.asm().orElseThrow().firstLine());
        assertEquals("mov %r0, 1 # one\nexit\n", f.asm().orElseThrow().text());
        assertArrayEquals(hex("aabb1122"), f.mem().orElseThrow());
        assertEquals(0x8877665544332211L, f.result().getAsLong());
        assertEquals(Optional.of("Invalid"), f.error());
        assertEquals(Optional.of("call instruction"), f.noRegisterOffset());
        assertEquals("#include <stdint.h>\nint x;\n\n", f.c().orElseThrow());
        assertTrue(f.hasProgram());
        assertEquals(2, f.assembleAsm().orElseThrow().size());
    }

    @Test
    void rawInBothForms() {
        DataFile bytes =
                DataFile.parse("-- raw\n07 00 01 00 01 00 00 00\n95 00 00 00 00 00 00 00\n-- error\n", "b.data");
        assertArrayEquals(hex("0700010001000000 9500000000000000"), bytes.raw().orElseThrow());
        assertEquals(Optional.of(""), bytes.error());
        DataFile words =
                DataFile.parse("-- raw\n0x5566778800000018\n0x1122334400000000\n0x0000000000000095\n", "w.data");
        assertArrayEquals(
                hex("1800000088776655 0000000044332211 9500000000000000"),
                words.raw().orElseThrow());
    }

    @Test
    void emptyFilesParse() {
        DataFile f = DataFile.parse("# nothing\n", "e.data");
        assertTrue(f.sections().isEmpty());
        assertFalse(f.hasProgram());
        assertTrue(f.result().isEmpty());
        assertEquals(0L, DataFile.parse("-- result\n0\n", "z.data").result().getAsLong());
    }

    @Test
    void errorsNameTheLine() {
        expect("-- asm\nexit\n-- Unknown directive\n", 3, "unknown section '-- Unknown directive'");
        expect("-- asm\n-- asm\n", 2, "section '-- asm' appears twice (first at line 1)");
        expect("stray\n-- asm\n", 1, "text before the first section");
        expect("-- mem\n0a zz\n", 2, "expected hex bytes like '0a ff', found 'zz'");
        expect("-- raw\n0x123456789abcdef01\n", 2, "expected one 64-bit hex word");
        expect("-- result\n0x1 0x2\n", 2, "expected one hex value such as 0x1f, found '0x1 0x2'");
        expect("-- result\n\n", 1, "the result section has no value");
    }

    private static void expect(String text, int line, String reason) {
        DataFileException e = assertThrows(DataFileException.class, () -> DataFile.parse(text, "x.data"));
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.reason().startsWith(reason), e.getMessage());
        assertTrue(e.getMessage().startsWith("x.data:" + line + ": "), e.getMessage());
    }

    @Test
    void asmErrorsNameTheFileLine() {
        DataFile f = DataFile.parse("# header\n-- asm\nmov %r0, 1\nbogus %r0\n", "f.data");
        AssemblerException e = assertThrows(AssemblerException.class, f::assembleAsm);
        assertEquals("f.data:4:1: unknown mnemonic 'bogus'", e.getMessage());
    }

    @Test
    void theWholeSuiteParses() {
        int withResult = 0;
        for (Path p : ConformanceSuite.files("tests")) {
            DataFile f = ConformanceSuite.read(p);
            assertTrue(f.hasProgram(), p.toString());
            withResult += f.result().isPresent() ? 1 : 0;
        }
        assertEquals(313, withResult);
        DataFile lddw = ConformanceSuite.read(ConformanceSuite.dir().resolve("tests/lddw.data"));
        assertEquals(0x1122334455667788L, lddw.result().getAsLong());
        DataFile mem =
                ConformanceSuite.read(ConformanceSuite.dir().resolve("negative/incorrect_return_value_high_bits.data"));
        assertArrayEquals(hex("aabb11223344556677 88ccdd"), mem.mem().orElseThrow());
    }
}
