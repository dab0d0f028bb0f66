package io.jxdp.isa.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jxdp.isa.Instruction;
import io.jxdp.isa.MapDef;
import io.jxdp.isa.MapType;
import io.jxdp.isa.Opcode;
import io.jxdp.isa.Program;
import io.jxdp.isa.PseudoSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DisassemblerTest {
    /** r1 = cpu_map; r0 = 1; if r0 == 0 goto +2; call local +1; exit; (fn) r0 = 2; exit. */
    private static Program sample() {
        List<Instruction> insns = List.of(
                Instruction.of(Opcode.LDDW, 1, PseudoSource.MAP_IDX.code(), 0, 0),
                Instruction.of(Opcode.MOV64_IMM, 0, 0, 0, 1),
                Instruction.of(Opcode.JEQ_IMM, 0, 0, 2, 0),
                Instruction.of(Opcode.CALL_LOCAL, 0, 0, 0, 1),
                Instruction.of(Opcode.EXIT, 0, 0, 0, 0),
                Instruction.of(Opcode.MOV64_IMM, 0, 0, 0, 2),
                Instruction.of(Opcode.EXIT, 0, 0, 0, 0));
        MapDef cpuMap = new MapDef("cpu_map", MapType.CPUMAP, 4, 4, 8);
        return Program.of("sample", insns, List.of(cpuMap), Map.of(0, "xdp_prog"));
    }

    @Test
    void plainLlvm() {
        assertEquals(
                ".map cpu_map type=cpumap key=4 value=4 max_entries=8\n\n"
                        + "r1 = cpu_map ll\nr0 = 1\nif r0 == 0 goto +2\ncall pc+1\nexit\nr0 = 2\nexit\n",
                Disassembler.of(Dialect.LLVM).print(sample()));
    }

    @Test
    void labelledLlvm() {
        assertEquals(
                ".map cpu_map type=cpumap key=4 value=4 max_entries=8\n\n"
                        + "xdp_prog:\nr1 = cpu_map ll\nr0 = 1\nif r0 == 0 goto L6\ncall L6\nexit\n"
                        + "L6:\nr0 = 2\nexit\n",
                Disassembler.of(Dialect.LLVM).withLabels(true).print(sample()));
    }

    @Test
    void labelledUbpf() {
        assertEquals(
                ".map cpu_map type=cpumap key=4 value=4 max_entries=8\n\n"
                        + "xdp_prog:\nlddw %r1, cpu_map\nmov %r0, 1\njeq %r0, 0, L6\ncall local L6\nexit\n"
                        + "L6:\nmov %r0, 2\nexit\n",
                Disassembler.of(Dialect.UBPF).withLabels(true).print(sample()));
    }

    @Test
    void listingLikeObjdump() {
        assertEquals(
                ".map cpu_map type=cpumap key=4 value=4 max_entries=8\n\n"
                        + "0000000000000000 <xdp_prog>:\n"
                        + "       0:\t18 51 00 00 00 00 00 00 00 00 00 00 00 00 00 00\tr1 = cpu_map ll\n"
                        + "       2:\tb7 00 00 00 01 00 00 00\tr0 = 1\n"
                        + "       3:\t15 00 02 00 00 00 00 00\tif r0 == 0 goto +2 <L6>\n"
                        + "       4:\t85 10 00 00 01 00 00 00\tcall pc+1 <L6>\n"
                        + "       5:\t95 00 00 00 00 00 00 00\texit\n"
                        + "\n0000000000000030 <L6>:\n"
                        + "       6:\tb7 00 00 00 02 00 00 00\tr0 = 2\n"
                        + "       7:\t95 00 00 00 00 00 00 00\texit\n",
                Disassembler.of(Dialect.LLVM)
                        .withLabels(true)
                        .withListing(true)
                        .withRawBytes(true)
                        .print(sample()));
    }

    @Test
    void listingWithoutLabels() {
        assertEquals(
                "       2:\tmov %r0, 1\n",
                Disassembler.of(Dialect.UBPF)
                                .withListing(true)
                                .print(sample())
                                .lines()
                                .filter(l -> l.contains("   2:"))
                                .findFirst()
                                .orElseThrow()
                        + "\n");
    }

    @Test
    void oneInstruction() {
        assertEquals(
                "if r0 == 0 goto L6",
                Disassembler.of(Dialect.LLVM).withLabels(true).format(sample(), 3));
        assertEquals("jeq %r0, 0, +2", Disassembler.of(Dialect.UBPF).format(sample(), 3));
    }

    @Test
    void namesAreMadeValidAndUnique() {
        List<Instruction> insns = List.of(
                Instruction.of(Opcode.LDDW, 1, PseudoSource.MAP_IDX.code(), 0, 1),
                Instruction.of(Opcode.JA, 0, 0, 0, 0),
                Instruction.of(Opcode.EXIT, 0, 0, 0, 0));
        List<MapDef> maps =
                List.of(new MapDef("a-b", MapType.HASH, 4, 8, 16), new MapDef("a_b", MapType.ARRAY, 4, 8, 1));
        Program p = Program.of("p", insns, maps, Map.of(0, "r1", 3, "a_b"));
        assertEquals(
                ".map a_b type=hash key=4 value=8 max_entries=16\n"
                        + ".map a_b_2 type=array key=4 value=8 max_entries=1\n\n"
                        + "_r1:\nr1 = a_b_2 ll\ngoto a_b_3\na_b_3:\nexit\n",
                Disassembler.of(Dialect.LLVM).withLabels(true).print(p));
    }

    @Test
    void mapContentsAreNotSilentlyDropped() {
        MapDef data = new MapDef(".rodata", MapType.ARRAY, 4, 16, 1, MapDef.F_RDONLY_PROG, new byte[16]);
        Program p = Program.of("p", List.of(Instruction.of(Opcode.EXIT, 0, 0, 0, 0)), List.of(data), Map.of());
        assertEquals(
                ".map .rodata type=array key=4 value=16 max_entries=1 flags=0x80 # initial value of 16 bytes not shown\n\nexit\n",
                Disassembler.of(Dialect.UBPF).print(p));
    }
}
