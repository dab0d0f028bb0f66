package io.jxdp.asm.elf;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxdp.asm.elf.internal.ElfFile;
import io.jxdp.asm.elf.internal.ElfInput;
import io.jxdp.asm.elf.internal.ElfSection;
import io.jxdp.asm.elf.internal.ElfSymbol;
import io.jxdp.isa.JxdpException;
import io.jxdp.isa.MapDef;
import io.jxdp.isa.MapType;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each refusal, with its exact one-line message: file, place, reason. */
class ElfErrorsTest {

    /** A fixture to patch, with the section and symbol tables found by the loader's own reader. */
    private static final class Patch {
        final byte[] b;
        final ElfFile elf;

        Patch(String fixture) {
            b = Fixtures.bytes(fixture);
            elf = ElfFile.parse(new ElfInput(fixture, b));
        }

        ElfSection section(String name) {
            return elf.sectionNamed(name);
        }

        int sectionHeader(String name) {
            return (int) get(0x28, 8) + 64 * section(name).index();
        }

        int symbolIndex(String name) {
            for (ElfSymbol s : elf.symbols()) {
                if (elf.symbolName(s).equals(name)) {
                    return s.index();
                }
            }
            throw new IllegalArgumentException(name);
        }

        int symbol(String name) {
            ElfSection symtab = elf.sections().stream()
                    .filter(s -> s.type() == ElfSection.SHT_SYMTAB)
                    .findFirst()
                    .orElseThrow();
            for (ElfSymbol s : elf.symbols()) {
                if (elf.symbolName(s).equals(name)) {
                    return (int) symtab.offset() + 24 * s.index();
                }
            }
            throw new IllegalArgumentException(name);
        }

        long get(int off, int width) {
            long v = 0;
            for (int i = width - 1; i >= 0; i--) {
                v = v << 8 | (b[off + i] & 0xff);
            }
            return v;
        }

        Patch put(int off, int width, long v) {
            for (int i = 0; i < width; i++) {
                b[off + i] = (byte) (v >>> (8 * i));
            }
            return this;
        }

        String error() {
            return assertThrows(ElfFormatException.class, () -> ElfLoader.load("x.o", b))
                    .getMessage();
        }
    }

    private static String error(byte[] bytes) {
        return assertThrows(ElfFormatException.class, () -> ElfLoader.load("x.o", bytes))
                .getMessage();
    }

    @Test
    void notAnElfFile() {
        assertEquals("x.o: offset 0x0: not an ELF file (no \\x7fELF magic)", error(new byte[0]));
        assertEquals("x.o: offset 0x0: not an ELF file (no \\x7fELF magic)", error("int main;".getBytes(UTF_8)));
        assertEquals(
                "x.o: offset 0x4: truncated ELF identification: 4 bytes of 16",
                error(new byte[] {0x7f, 'E', 'L', 'F'}));
    }

    @Test
    void notA64BitLittleEndianBpfRelocatable() {
        assertEquals(
                "x.o: offset 0x4: not a 64-bit ELF file (EI_CLASS 1); BPF objects are ELF64",
                new Patch("callback.o").put(4, 1, 1).error());
        assertEquals(
                "x.o: offset 0x5: not a little-endian ELF file (EI_DATA 2); objects for -target bpfeb are not"
                        + " supported",
                new Patch("callback.o").put(5, 1, 2).error());
        assertEquals(
                "x.o: offset 0x12: e_machine 62 is not EM_BPF (247)",
                new Patch("callback.o").put(0x12, 2, 62).error());
        assertEquals(
                "x.o: offset 0x10: e_type 2 is not ET_REL (1): only relocatable objects (clang -c) load",
                new Patch("callback.o").put(0x10, 2, 2).error());
        assertEquals(
                "x.o: offset 0x28: truncated ELF header: 40 bytes of 64",
                error(Arrays.copyOf(Fixtures.bytes("callback.o"), 40)));
    }

    @Test
    void headersThatPointOutsideTheFile() {
        byte[] b = Fixtures.bytes("callback.o");
        long shoff = new Patch("callback.o").get(0x28, 8);
        assertEquals(
                String.format(
                        "x.o: offset 0x%x: 27 section headers: 0x%x + 0x6c0 is outside the %d bytes of" + " the file",
                        shoff, shoff, b.length - 1),
                error(Arrays.copyOf(b, b.length - 1)));
        assertEquals(
                "x.o: offset 0x3c: 65535 section headers cannot fit in a 6312-byte file",
                new Patch("callback.o").put(0x3c, 2, 0xffff).error());
        Patch p = new Patch("callback.o");
        p.put(p.sectionHeader("xdp") + 24, 8, b.length);
        assertEquals(
                "x.o: offset 0x18a8: the contents of section xdp: 0x18a8 + 0x70 is outside the 6312 bytes of"
                        + " the file",
                p.error());
        p = new Patch("callback.o");
        p.put(p.sectionHeader("xdp"), 4, 0x7fff_ffff);
        assertEquals(
                "x.o: section #1: the name of section #3 at string offset 2147483647 lies outside the"
                        + " 274-byte string table",
                p.error());
    }

    @Test
    void relocationsThatCannotBeResolved() {
        Patch p = new Patch("maps_btf.o");
        int rel = (int) p.section(".relxdp").offset();
        p.put(rel + 3 * 16 + 12, 4, 40);
        assertEquals("x.o: section .relxdp: relocation 3 at offset 0x130 refers to symbol 40 of 23", p.error());

        p = new Patch("maps_btf.o");
        p.put(rel + 8, 4, 2);
        assertEquals(
                "x.o: section .relxdp: relocation 0 at offset 0x40: unsupported relocation type R_BPF_64_ABS64 for"
                        + " an lddw (R_BPF_64_64 expected)",
                p.error());

        p = new Patch("maps_btf.o");
        p.put(rel, 8, 0x8);
        assertEquals(
                "x.o: section .relxdp: relocation 0 at offset 0x8: expects an lddw or a call against 'rx_count',"
                        + " finds opcode 0x7b",
                p.error());

        p = new Patch("maps_btf.o");
        p.put(rel, 8, 0x48);
        assertEquals(
                "x.o: section .relxdp: relocation 0 at offset 0x48: points at the second half of an lddw", p.error());

        p = new Patch("maps_btf.o");
        p.put(rel, 8, 0x1b0);
        assertEquals(
                "x.o: section .relxdp: relocation 0 at offset 0x1b0: not an instruction of section xdp (432"
                        + " bytes)",
                p.error());

        // the lddw now loads the license string's address
        p = new Patch("maps_btf.o");
        p.put(rel + 12, 4, 22);
        assertEquals(
                "x.o: section .relxdp: relocation 0 at offset 0x40: lddw of '_license' in section license, which"
                        + " defines no map or global data there",
                p.error());
    }

    @Test
    void externsAreRefused() {
        assertEquals(
                "refused_kconfig.o: section .relxdp: relocation 0 at offset 0x0: lddw of undefined symbol"
                        + " 'LINUX_KERNEL_VERSION' (__kconfig and __ksym externs are not supported)",
                assertThrows(ElfFormatException.class, () -> Fixtures.load("refused_kconfig.o"))
                        .getMessage());
    }

    /** libbpf's bpf_object__collect_map_relos and parse_btf_map_def, in its words. */
    @Test
    void valuesInitialisersWrongAsLibbpfSays() {
        Patch p = new Patch("prog_array.o");
        ElfSection rel = p.section(".rel.maps");
        p.put((int) rel.offset(), 8, 0x1000); // r_offset outside every map
        assertEquals("x.o: .maps relo #0: cannot find map 'xdp_b' at rel->r_offset 4096", p.error());
        p = new Patch("prog_array.o");
        p.put((int) rel.offset() + 12, 4, p.symbolIndex("progs")); // r_info's symbol: a map, not a program
        assertEquals("x.o: .maps relo #0: 'progs' isn't a valid program reference", p.error());
        p = new Patch("map_in_map.o");
        p.put((int) p.section(".rel.maps").offset() + 12, 4, p.symbolIndex("xdp_outer"));
        assertEquals("x.o: .maps relo #0: 'xdp_outer' isn't a BTF-defined map", p.error());
    }

    @Test
    void unsupportedMapKinds() {
        Patch p = new Patch("legacy_maps.o");
        p.put((int) p.section("maps").offset(), 4, 99);
        assertEquals("x.o: map 'xdp_stats_map': unknown map type 99", p.error());
        p = new Patch("legacy_maps.o");
        p.put((int) p.section("maps").offset(), 4, MapType.HASH_OF_MAPS.id());
        assertEquals("x.o: map 'xdp_stats_map': map-in-map (hash_of_maps) is not supported", p.error());
    }

    @Test
    void legacyDefinitionsLongerThanBpfMapDefMustEndInZeros() {
        // two 28-byte definitions (samples/bpf's bpf_load_map_def: inner_map_idx, numa_node), written here
        Patch p = new Patch("legacy_maps.o");
        ElfSection maps = p.section("maps");
        assertEquals(40, maps.size());
        p.put(p.symbol("xdp_stats_map") + 16, 8, 28);
        p.put(p.symbol("tx_port") + 8, 8, 28);
        p.put(p.symbol("tx_port") + 16, 8, 12);
        // tx_port's definition moves to offset 28; its relocation names the symbol, not the offset
        byte[] defs = new byte[40];
        System.arraycopy(p.b, (int) maps.offset() + 20, defs, 28, 12);
        System.arraycopy(p.b, (int) maps.offset(), defs, 0, 20);
        System.arraycopy(defs, 0, p.b, (int) maps.offset(), 40);
        assertEquals("x.o: map 'tx_port': a legacy definition of 12 bytes; struct bpf_map_def takes 20", p.error());
        p.put(p.symbol("tx_port") + 16, 8, 0);
        assertEquals(
                "x.o: section maps: the definition of map 'tx_port': 0x1c + 0x14 is outside the 40 bytes of"
                        + " section maps",
                p.error());
        p.put(p.symbol("xdp_stats_map") + 16, 8, 0);
        p.put(p.sectionHeader("maps") + 32, 8, 41);
        assertEquals(
                "x.o: section maps: unable to determine the size of legacy map definitions: 41 bytes for 2 maps",
                p.error());

        Patch q = new Patch("legacy_maps.o");
        q.put(q.symbol("xdp_stats_map") + 16, 8, 24);
        q.put(q.symbol("tx_port") + 16, 8, 16);
        q.put(q.symbol("tx_port") + 8, 8, 24);
        System.arraycopy(Fixtures.bytes("legacy_maps.o"), (int) maps.offset() + 20, q.b, (int) maps.offset() + 24, 16);
        q.put((int) maps.offset() + 20, 4, 0);
        ElfObject o = ElfLoader.load("x.o", q.b);
        assertEquals(
                List.of(
                        new MapDef("xdp_stats_map", MapType.PERCPU_ARRAY, 4, 8, 5),
                        new MapDef("tx_port", MapType.DEVMAP, 4, 4, 64)),
                o.maps());
        q.put((int) maps.offset() + 22, 1, 1);
        assertEquals(
                "x.o: map 'xdp_stats_map': unrecognized, non-zero options at byte 22 of its 24-byte definition",
                q.error());
    }

    @Test
    void programsMustBeGlobalFunctions() {
        Patch p = new Patch("maps_btf.o");
        p.put(p.symbol("xdp_maps") + 4, 1, 0x02); // STB_LOCAL, STT_FUNC
        assertEquals("x.o: section xdp: program 'xdp_maps' is static and not supported", p.error());
        p = new Patch("maps_btf.o");
        p.put(p.symbol("xdp_maps") + 16, 8, 436);
        assertEquals(
                "x.o: section xdp: function 'xdp_maps' at offset 0x0 of 436 bytes is not a whole number of"
                        + " instructions",
                p.error());
        p = new Patch("maps_btf.o");
        p.put(p.symbol("xdp_maps") + 16, 8, 440);
        assertEquals(
                "x.o: section xdp: function 'xdp_maps' at offset 0x0 of 440 bytes crosses the section end (432"
                        + " bytes)",
                p.error());
    }

    @Test
    void badInstructionsAreKeptForTheVerifierAsLibbpfKeepsThem() {
        Patch p = new Patch("callback.o");
        p.put((int) p.section("xdp").offset() + 8 * 9, 1, 0xff);
        io.jxdp.isa.Program program =
                ElfLoader.load("x.o", p.b).select("xdp_loop").program();
        assertTrue(program.at(9).isMalformed());
        assertEquals(0xff, program.at(9).raw().code());
        assertEquals(
                "pc 9: unknown opcode 0xff",
                assertThrows(io.jxdp.isa.InvalidProgramException.class, () -> io.jxdp.isa.ProgramCheck.check(program))
                        .getMessage());
    }

    @Test
    void btfThatLies() {
        Patch p = new Patch("maps_btf.o");
        int btf = (int) p.section(".BTF").offset();
        p.put(btf, 2, 0x1234);
        assertEquals("x.o: section .BTF: bad BTF magic 0x1234 (0xeb9f expected)", p.error());
        p = new Patch("maps_btf.o");
        p.put(btf + 12, 4, p.get(btf + 12, 4) + 4);
        assertTrue(p.error().startsWith("x.o: section .BTF: invalid BTF layout: types at 0 + "), p.error());
        p = new Patch("maps_btf.o");
        p.put(btf + 20, 4, p.get(btf + 20, 4) + 100);
        assertTrue(
                p.error()
                        .matches("x.o: section .BTF: BTF string section at \\d+ \\+ \\d+ lies beyond the \\d+"
                                + " bytes of data"),
                p.error());
        // the .maps DATASEC is the last type: claim more entries than it holds
        p = new Patch("maps_btf.o");
        int typesEnd = btf + 24 + (int) p.get(btf + 12, 4);
        int datasec = typesEnd - 12 - 12 * 1 - 12 - 12 * 5;
        assertEquals(0x0f000005, p.get(datasec + 4, 4));
        p.put(datasec + 4, 4, 0x0f000105);
        assertTrue(
                p.error()
                        .matches("x.o: section .BTF: type \\[55\\] DATASEC with 261 entries at offset \\d+ runs"
                                + " past the type section \\(\\d+ bytes\\)"),
                p.error());
        // a map variable that points at an int instead of a struct
        p = new Patch("maps_btf.o");
        p.put(datasec + 12, 4, 2);
        assertEquals("x.o: section .maps: DATASEC entry 0 is INT [2], not a VAR", p.error());

        // without .maps, broken BTF costs only the line info, as under libbpf
        Patch c = new Patch("callback.o");
        c.put((int) c.section(".BTF").offset(), 2, 0x1234);
        ElfObject o = ElfLoader.load("x.o", c.b);
        assertEquals(
                List.of("x.o: .BTF ignored: x.o: section .BTF: bad BTF magic 0x1234 (0xeb9f expected)"),
                o.notes().stream().map(n -> "x.o: " + n).toList());
        assertEquals(
                Fixtures.load("callback.o").programs().get(0).program(),
                o.programs().get(0).program());
        assertTrue(o.programs().get(0).lines().isEmpty());
    }

    @Test
    void bssLargerThanAKernelArrayValue() {
        Patch p = new Patch("global_data.o");
        p.put(p.sectionHeader(".bss") + 32, 8, 5L << 20);
        assertEquals(
                "x.o: section .bss: 5242880 bytes of zero-initialised data exceed the 4194304 jxdp allows"
                        + " (a kernel array value is at most KMALLOC_MAX_SIZE)",
                p.error());
    }

    @Test
    void noSymbolTable() {
        Patch p = new Patch("callback.o");
        ElfSection symtab = p.elf.sections().stream()
                .filter(s -> s.type() == ElfSection.SHT_SYMTAB)
                .findFirst()
                .orElseThrow();
        p.put((int) p.get(0x28, 8) + 64 * symtab.index() + 4, 4, ElfSection.SHT_PROGBITS);
        assertEquals("x.o: section headers: no symbol table (a stripped object?)", p.error());
    }

    @Test
    void unreadableFiles(@TempDir Path dir) {
        JxdpException e = assertThrows(JxdpException.class, () -> ElfLoader.load(dir.resolve("missing.o")));
        assertTrue(e.getMessage().startsWith(dir.resolve("missing.o") + ": cannot read: "), e.getMessage());
    }
}
