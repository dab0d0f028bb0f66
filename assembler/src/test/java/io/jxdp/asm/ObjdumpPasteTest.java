package io.jxdp.asm;

import static io.jxdp.asm.Asm.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jxdp.isa.Program;
import io.jxdp.isa.PseudoSource;
import org.junit.jupiter.api.Test;

/** llvm-objdump output pasted as is (a fixed listing, so this runs without LLVM installed). */
class ObjdumpPasteTest {
    private static final String WITH_BYTES = """

            xdp.o:\tfile format elf64-bpf

            Disassembly of section xdp:

            0000000000000000 <xdp_prog>:
                   0:\t18 01 00 00 00 00 00 00 00 00 00 00 00 00 00 00\tr1 = 0 ll
            \t\t0000000000000000:  R_BPF_64_64\tcpu_map
                   2:\t15 00 01 00 00 00 00 00\tif r0 == 0 goto +1 <LBB0_2>
                   3:\t85 10 00 00 01 00 00 00\tcall 1
                   4:\tc3 1a f8 ff a1 00 00 00\t<unknown>

            0000000000000028 <LBB0_2>:
                   5:\t95 00 00 00 00 00 00 00\texit
            """;

    @Test
    void rawBytesAreTheInstructions() {
        Program p = Assembler.assemble(
                ".map cpu_map type=cpumap key=4 value=4 max_entries=8\n" + WITH_BYTES, "xdp.txt", Syntax.AUTO);
        assertEquals(PseudoSource.MAP_IDX.code(), p.at(0).src());
        assertEquals(
                "18510000000000000000000000000000" + "1500010000000000" + "8510000001000000" + "c31af8ffa1000000"
                        + "9500000000000000",
                hex(p));
        assertEquals("xdp_prog", p.labels().get(0));
        assertEquals("LBB0_2", p.labels().get(5));
    }

    @Test
    void relocationNeedsADeclaredMap() {
        AssemblerException e = org.junit.jupiter.api.Assertions.assertThrows(
                AssemblerException.class, () -> Assembler.assemble(WITH_BYTES, "xdp.txt", Syntax.AUTO));
        assertEquals(8, e.line());
        assertEquals("relocation against 'cpu_map', which is neither a declared map nor a label", e.reason());
    }

    @Test
    void textWithoutBytes() {
        String listing = """
                0000000000000000 <f>:
                       0:\tr0 = 1
                       1:\tif r0 s> 0 goto +1 <LBB0_2>
                       2:\tr0 = *(u32 *)(r1 + 4)

                0000000000000018 <LBB0_2>:
                       3:\texit
                """;
        Program p = Assembler.assemble(listing, "f.txt", Syntax.AUTO);
        assertEquals("b7000000010000006500010000000000611004000000000095" + "00000000000000", hex(p));
    }

    @Test
    void rawBytesMustHoldOneInstruction() {
        AssemblerException e = org.junit.jupiter.api.Assertions.assertThrows(
                AssemblerException.class,
                () -> Assembler.assemble("   0:\t18 01 00 00 00 00 00 00\tr1 = 0 ll", "f", Syntax.AUTO));
        assertEquals("raw bytes: lddw is missing its second slot (the program ends)", e.reason());
        assertEquals(7, e.column());
    }
}
