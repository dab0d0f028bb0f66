package io.jxdp.asm.elf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxdp.isa.Instruction;
import io.jxdp.isa.JxdpException;
import io.jxdp.isa.MapDef;
import io.jxdp.isa.MapType;
import io.jxdp.isa.Opcode;
import io.jxdp.isa.PseudoSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The committed fixtures load to exactly what libbpf would hand the kernel: the instructions are
 * those {@code llvm-objdump -d -r} shows (resources elf/expected/*.objdump), with the relocated ones
 * rewritten as libbpf's {@code bpf_object__relocate} rewrites them.
 */
class ElfLoaderTest {

    private static Instruction mapIdx(int dst, int index) {
        return new Instruction(Opcode.LDDW, dst, PseudoSource.MAP_IDX.code(), 0, index);
    }

    private static Instruction mapValue(int dst, int index, int offset) {
        return new Instruction(Opcode.LDDW, dst, PseudoSource.MAP_IDX_VALUE.code(), 0, (long) offset << 32 | index);
    }

    private static Instruction call(int imm) {
        return new Instruction(Opcode.CALL_LOCAL, 0, 1, 0, imm);
    }

    /** Asserts the program is the named objdump listing with the instructions at these pcs replaced. */
    private static void assertCode(ElfProgram p, String objdump, Map<Integer, Instruction> relocated) {
        List<Instruction> expected = new ArrayList<>();
        TreeMap<Integer, Instruction> left = new TreeMap<>(relocated);
        int pc = 0;
        for (Instruction insn : Fixtures.objdump(objdump)) {
            Instruction r = left.remove(pc);
            expected.add(r != null ? r : insn);
            pc += insn.width();
        }
        assertEquals(Map.of(), left, "relocations at pcs that start no instruction");
        assertEquals(expected, p.program().instructions(), p.functionName());
    }

    @Test
    void btfMapsOfEveryEmulatedKind() {
        ElfObject o = Fixtures.load("maps_btf.o");
        // .maps holds them in this order (llvm-readelf -s: offsets 0x0, 0x20, 0x40, 0x68, 0x90)
        assertEquals(
                List.of(
                        new MapDef("rx_count", MapType.PERCPU_ARRAY, 4, 8, 4),
                        new MapDef("stats", MapType.ARRAY, 4, 32, 16),
                        new MapDef("flows", MapType.HASH, 16, 8, 1024, 1, null),
                        new MapDef("tx_port", MapType.DEVMAP, 4, 4, 8),
                        new MapDef("cpu_map", MapType.CPUMAP, 4, 8, 64)),
                o.maps());
        assertEquals("GPL", o.license());
        assertEquals(OptionalInt.empty(), o.kernelVersion());
        assertEquals(List.of("map 'tx_port': pinning ignored (maps live in the VM, not in bpffs)"), o.notes());
        ElfProgram p = o.select("xdp");
        assertEquals("xdp_maps", p.functionName());
        assertEquals("xdp_maps", p.program().name());
        assertEquals(ElfProgram.Attach.XDP, p.attach());
        assertEquals(o.maps(), p.program().maps());
        assertCode(
                p,
                "maps_btf.xdp_maps",
                Map.of(
                        8,
                        mapIdx(1, 0),
                        17,
                        mapIdx(1, 1),
                        28,
                        mapIdx(1, 2),
                        38,
                        mapIdx(1, 2),
                        44,
                        mapIdx(1, 3),
                        49,
                        mapIdx(1, 4)));
        assertEquals(
                Map.of(0, "xdp_maps", 15, "LBB0_2", 24, "LBB0_4", 42, "LBB0_6", 49, "LBB0_8", 52, "LBB0_9"),
                p.program().labels());
    }

    @Test
    void keyAndValueSizesResolveThroughEveryKindOfType() {
        ElfObject o = Fixtures.load("btf_kinds.o");
        assertEquals(
                List.of(
                        // enum key; union of a u64 and 12 bytes, aligned to 16
                        new MapDef("by_colour", MapType.HASH, 4, 16, 3),
                        // const volatile typedef of a struct with bitfields (12); [2][3] of a 32-byte struct
                        // of a pointer, a float, a double and a type-tagged pointer
                        new MapDef("nested", MapType.LRU_HASH, 12, 192, 10),
                        // no key or value, as ring buffers have
                        new MapDef("events", MapType.RINGBUF, 0, 0, 4096),
                        // a string literal: the section is named for its merge properties, and named so
                        new MapDef(
                                ".rodata.str1.1",
                                MapType.ARRAY,
                                4,
                                10,
                                1,
                                MapDef.F_RDONLY_PROG,
                                "no colour\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
                        // bpf_printk's format
                        new MapDef(
                                "btf_kind.rodata",
                                MapType.ARRAY,
                                4,
                                12,
                                1,
                                MapDef.F_RDONLY_PROG,
                                "rx queue %d\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII))),
                o.maps());
        assertEquals(
                List.of("by_colour", "nested", ".rodata.str1.1", "btf_kind.rodata"),
                o.select("xdp").program().maps().stream().map(MapDef::name).toList());
    }

    @Test
    void subprogramsAreAppendedDepthFirstForEachProgram() {
        ElfObject o = Fixtures.load("subprog.o");
        assertEquals(List.of(new MapDef("hits", MapType.ARRAY, 4, 8, 2)), o.maps());
        assertEquals("Dual BSD/GPL", o.license());
        assertEquals(
                List.of("xdp_main", "xdp_other"),
                o.programs().stream().map(ElfProgram::functionName).toList());

        // xdp_main calls count (static: relocation against .text, imm 13 = slot 14 - 1), then
        // classify (global: relocation against the symbol, imm -1); classify calls count without a
        // relocation, which is already placed.
        ElfProgram main = o.program("xdp_main").orElseThrow();
        assertCode(main, "subprog.xdp_main", Map.of(2, call(3), 4, call(15), 9, mapIdx(1, 0), 27, call(-22)));
        assertEquals(
                Map.of(0, "xdp_main", 6, "count", 18, "LBB1_2", 20, "classify", 32, "LBB0_3"),
                main.program().labels());

        // xdp_other calls twice, then classify, which brings count in behind it.
        ElfProgram other = o.program("xdp_other").orElseThrow();
        assertEquals("xdp.frags", other.sectionName());
        assertTrue(other.frags());
        assertCode(other, "subprog.xdp_other", Map.of(2, call(9), 10, call(4), 22, call(6), 32, mapIdx(1, 0)));
        assertEquals(
                Map.of(
                        0,
                        "xdp_other",
                        11,
                        "LBB3_2",
                        12,
                        "twice",
                        15,
                        "classify",
                        27,
                        "LBB0_3",
                        29,
                        "count",
                        41,
                        "LBB1_2"),
                other.program().labels());
        assertEquals(List.of(0, 12, 15, 29), toList(other.program().functionEntries()));
    }

    @Test
    void lineInfoFollowsTheAppendedCode() {
        ElfProgram main = Fixtures.load("subprog.o").program("xdp_main").orElseThrow();
        assertEquals(
                new SourceLine("./subprog.c", 41, 2, "\tcount(0);"),
                main.lines().get(1));
        // count's lookup, now at pc 9 of xdp_main
        SourceLine lookup = main.lineAt(10).orElseThrow();
        assertEquals("./subprog.c:15:13", lookup.toString());
        assertEquals("\t__u64 *v = bpf_map_lookup_elem(&hits, &idx);", lookup.text());
        assertEquals(23, main.lineAt(20).orElseThrow().line());
    }

    @Test
    void globalDataBecomesOneEntryArrays() {
        ElfObject o = Fixtures.load("global_data.o");
        assertEquals(
                List.of(
                        new MapDef("global_d.data", MapType.ARRAY, 4, 8, 1, 0, bytes(7, 0, 0, 0, 5, 0, 0, 0)),
                        new MapDef(
                                "global_d.rodata",
                                MapType.ARRAY,
                                4,
                                32,
                                1,
                                MapDef.F_RDONLY_PROG,
                                bytes(
                                        100, 0, 0, 0, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0, 0, 0, 20, 0, 0, 0, 0, 0, 0, 0, 30,
                                        0, 0, 0, 0, 0, 0, 0)),
                        new MapDef(".data.tuning", MapType.ARRAY, 4, 4, 1, 0, bytes(0x34, 0x12, 0, 0)),
                        new MapDef("global_d.bss", MapType.ARRAY, 4, 24, 1, 0, new byte[24])),
                o.maps());
        assertEquals(OptionalInt.of(0x050f00), o.kernelVersion());
        ElfProgram p = o.program("xdp_globals").orElseThrow();
        assertEquals(o.maps(), p.program().maps());
        // tuned, counter, packets, .data+4 (static seen), limit, table (value 8), drops (value 8)
        assertCode(
                p,
                "global_data.xdp_globals",
                Map.of(
                        0,
                        mapValue(2, 2, 0),
                        3,
                        mapValue(3, 0, 0),
                        9,
                        mapValue(2, 3, 0),
                        14,
                        mapValue(4, 0, 4),
                        19,
                        mapValue(4, 1, 0),
                        22,
                        mapValue(5, 1, 8),
                        29,
                        mapValue(2, 3, 8)));
    }

    @Test
    void globalDataMapsAreNamedAsLibbpfNamesThem() {
        byte[] bytes = Fixtures.bytes("global_data.o");
        assertEquals(List.of("g.data", "g.rodata", ".data.tuning", "g.bss"), names(ElfLoader.load("/tmp/g.o", bytes)));
        assertEquals(
                List.of("my_objec.data", "my_objec.rodata", ".data.tuning", "my_objec.bss"),
                names(ElfLoader.load("build/my_object_name.bpf.o", bytes)));
        assertEquals(
                List.of("a_b.data", "a_b.rodata", ".data.tuning", "a_b.bss"), names(ElfLoader.load("a-b.o", bytes)));
    }

    @Test
    void programsOfTwoSectionsShareTheirMapsByName() {
        ElfObject o = Fixtures.load("two_sections.o");
        MapDef cpus = new MapDef("cpus", MapType.CPUMAP, 4, 8, 4);
        MapDef counters = new MapDef("counters", MapType.PERCPU_ARRAY, 4, 8, 2);
        assertEquals(List.of(cpus, counters), o.maps());
        assertEquals(
                List.of("xdp/xdp_rx", "xdp/xdp_pass", "xdp/cpumap/xdp_on_cpu"),
                o.programs().stream()
                        .map(p -> p.sectionName() + "/" + p.functionName())
                        .toList());

        ElfProgram rx = o.program("xdp_rx").orElseThrow();
        ElfProgram onCpu = o.select("xdp/cpumap");
        assertEquals(ElfProgram.Attach.CPUMAP, onCpu.attach());
        assertEquals(List.of(cpus, counters), rx.program().maps());
        assertEquals(List.of(counters), onCpu.program().maps());
        assertEquals(List.of(), o.program("xdp_pass").orElseThrow().program().maps());
        assertCode(rx, "two_sections.xdp_rx", Map.of(5, mapIdx(1, 1), 14, mapIdx(1, 0)));
        assertCode(onCpu, "two_sections.xdp_on_cpu", Map.of(4, mapIdx(1, 0)));

        Map<String, Object> instances = Map.of("cpus", new Object(), "counters", new Object());
        assertSame(o.bind(rx, instances).get(1), o.bind(onCpu, instances).get(0));

        JxdpException twoInXdp = assertThrows(JxdpException.class, () -> o.select("xdp"));
        assertEquals(
                "two_sections.o: section 'xdp' holds 2 programs, name one: xdp_rx, xdp_pass", twoInXdp.getMessage());
        JxdpException none = assertThrows(JxdpException.class, () -> o.select("tc"));
        assertEquals(
                "two_sections.o: no program or section named 'tc'; programs: xdp_rx (xdp), xdp_pass (xdp),"
                        + " xdp_on_cpu (xdp/cpumap)",
                none.getMessage());
    }

    @Test
    void legacyMapsSection() {
        ElfObject o = Fixtures.load("legacy_maps.o");
        assertEquals(
                List.of(
                        new MapDef("xdp_stats_map", MapType.PERCPU_ARRAY, 4, 8, 5),
                        new MapDef("tx_port", MapType.DEVMAP, 4, 4, 64)),
                o.maps());
        ElfProgram p = o.select("xdp_stats");
        assertEquals(ElfProgram.Attach.UNKNOWN, p.attach());
        assertCode(p, "legacy_maps.xdp_stats_prog", Map.of(4, mapIdx(1, 0), 12, mapIdx(1, 1)));
    }

    @Test
    void aCallbackAddressBecomesAPseudoFuncLddw() {
        ElfObject o = Fixtures.load("callback.o");
        ElfProgram p = o.select("xdp_loop");
        // r2 = add_index: lddw src 0 against .text, which libbpf marks BPF_PSEUDO_FUNC and points
        // at the appended callback (pc 14 = 5 + 8 + 1)
        Instruction callback = new Instruction(Opcode.LDDW, 2, PseudoSource.FUNC.code(), 0, 8);
        assertEquals(callback, p.program().at(5));
        assertEquals(14, callback.target(5));
        assertEquals("add_index", p.program().labels().get(14));
        assertEquals(List.of(0, 14), toList(p.program().functionEntries()));
        assertEquals(21, p.program().slotCount());
        assertEquals(List.of(), p.program().maps());
    }

    @Test
    void redirectCpuSampleLoadsWithItsMaps() {
        ElfObject o = Fixtures.load("xdp_redirect_cpu.o");
        MapDef count = new MapDef("cpus_count", MapType.ARRAY, 4, 4, 1);
        MapDef iterator = new MapDef("cpus_iterator", MapType.PERCPU_ARRAY, 4, 4, 1);
        MapDef cpuMap = new MapDef("cpu_map", MapType.CPUMAP, 4, 8, 64);
        MapDef available = new MapDef("cpus_available", MapType.ARRAY, 4, 4, 64);
        MapDef rxCnt = new MapDef("rx_cnt", MapType.PERCPU_ARRAY, 4, 48, 1);
        MapDef rodata = new MapDef(
                "xdp_redi.rodata", MapType.ARRAY, 4, 4, 1, MapDef.F_RDONLY_PROG, bytes(0xdf, 0x59, 0x37, 0x5f));
        assertEquals(List.of(count, iterator, cpuMap, available, rxCnt, rodata), o.maps());
        assertEquals("xdp_redirect_cp", o.name());
        assertEquals(
                List.of(
                        "xdp_prognum0_no_touch",
                        "xdp_prognum2_round_robin",
                        "xdp_prognum5_lb_hash_ip_pairs",
                        "xdp_redirect_cpu_pass",
                        "xdp_redirect_cpu_drop"),
                o.programs().stream().map(ElfProgram::functionName).toList());
        assertEquals(
                List.of(
                        ElfProgram.Attach.XDP,
                        ElfProgram.Attach.XDP,
                        ElfProgram.Attach.XDP,
                        ElfProgram.Attach.CPUMAP,
                        ElfProgram.Attach.CPUMAP),
                o.programs().stream().map(ElfProgram::attach).toList());
        assertEquals(
                List.of(cpuMap, available, rxCnt),
                o.select("xdp_prognum0_no_touch").program().maps());
        assertEquals(
                List.of(count, iterator, cpuMap, available, rxCnt),
                o.select("xdp_prognum2_round_robin").program().maps());
        assertEquals(List.of(rxCnt), o.select("xdp_redirect_cpu_drop").program().maps());

        ElfProgram hash = o.select("xdp_prognum5_lb_hash_ip_pairs");
        assertEquals(
                List.of(count, cpuMap, available, rxCnt, rodata), hash.program().maps());
        // 592 bytes of program (74 slots), then hash_ip_pair, whose first lddw reads hash_seed
        assertEquals("hash_ip_pair", hash.program().labels().get(74));
        assertEquals(call(32), hash.program().at(41));
        assertEquals(mapValue(1, 4, 0), hash.program().at(75));
        assertEquals(74 + 19, hash.program().slotCount());
    }

    private static List<Integer> toList(int[] values) {
        List<Integer> out = new ArrayList<>();
        for (int v : values) {
            out.add(v);
        }
        return out;
    }

    private static List<String> names(ElfObject o) {
        return o.maps().stream().map(MapDef::name).toList();
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }
}
