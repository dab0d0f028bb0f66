package io.jxdp.asm.elf.internal;

import io.jxdp.asm.elf.ElfFormatException;
import io.jxdp.asm.elf.ElfProgram;
import io.jxdp.asm.elf.SourceLine;
import io.jxdp.isa.MapDef;
import io.jxdp.isa.Program;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * The whole load, in libbpf's order ({@code bpf_object_open}, then {@code bpf_object__relocate}):
 * ELF and section roles, BTF, maps (legacy, BTF-defined, global data), functions, relocations, then
 * each program linked and checked.
 */
public final class ObjectLoader {
    /**
     * The most instruction slots all programs of one object may take together once linked: each
     * program gets its own copy of the subprograms it calls, so a small file of many programs
     * calling one large {@code .text} could otherwise claim far more memory than it holds.
     */
    static final long MAX_TOTAL_SLOTS = 2L * Linker.MAX_SLOTS;
    /** libbpf keeps this many bytes of the license, less the NUL. */
    private static final int LICENSE_MAX = 63;

    /** What the loader found; {@link io.jxdp.asm.elf.ElfLoader} turns it into an {@code ElfObject}. */
    public record Result(
            String name,
            String license,
            OptionalInt kernelVersion,
            List<MapDef> maps,
            List<ElfProgram> programs,
            List<String> notes,
            List<String> missingKsyms) {}

    private ObjectLoader() {}

    public static Result load(String fileName, byte[] bytes) {
        ElfInput in = new ElfInput(fileName, bytes);
        ElfFile elf = ElfFile.parse(in);
        List<String> notes = new ArrayList<>();
        String objectName = GlobalDataMaps.objectName(fileName);
        if (!elf.hasSymbols()) {
            throw in.error("section headers", "no symbol table (a stripped object?)");
        }
        Btf btf = readBtf(elf, notes);
        List<ObjectMap> maps = readMaps(elf, btf, objectName, notes);
        Code code = Code.read(elf, notes);
        Relocations.record(elf, code, maps, notes);
        LineInfo lines = readLineInfo(elf, btf, notes);
        List<ElfProgram> programs = new ArrayList<>();
        Map<String, Function> byName = new HashMap<>();
        long total = 0;
        java.util.TreeSet<String> missingKsyms = new java.util.TreeSet<>();
        for (Function fn : code.programs()) {
            Function clash = byName.put(fn.name(), fn);
            if (clash != null) {
                throw in.error(
                        fn.where(),
                        "a second program named '%s' (the first is in %s)",
                        fn.name(),
                        clash.section().where());
            }
            Linker.Linked linked = Linker.link(in, code, maps, fn);
            total += linked.slots();
            if (total > MAX_TOTAL_SLOTS) {
                throw in.error(
                        fn.where(),
                        "the programs of the object take more than %d instructions once linked",
                        MAX_TOTAL_SLOTS);
            }
            programs.add(program(fn, linked, maps, lines));
            missingKsyms.addAll(linked.missingKsyms());
        }
        List<MapDef> defs = new ArrayList<>(maps.size());
        maps.forEach(m -> defs.add(m.def()));
        return new Result(objectName, license(elf), version(elf), defs, programs, notes, List.copyOf(missingKsyms));
    }

    private static ElfProgram program(Function fn, Linker.Linked linked, List<ObjectMap> maps, LineInfo lines) {
        List<MapDef> programMaps = new ArrayList<>();
        linked.objectMaps().forEach(i -> programMaps.add(maps.get(i).def()));
        // not checked: as libbpf, the loader links what the object holds; the verifier (or, unverified,
        // ProgramCheck before an engine) judges the program
        Program program = Program.of(fn.name(), linked.instructions(), programMaps, linked.labels());
        NavigableMap<Integer, SourceLine> byPc = new TreeMap<>();
        for (Linker.Placement p : linked.placements()) {
            lines.addLines(p.function(), p.pc(), byPc);
        }
        return new ElfProgram(fn.section().name(), fn.name(), program, byPc);
    }

    /** {@code .BTF}, or null. As libbpf, a broken one is only an error if {@code .maps} needs it. */
    private static Btf readBtf(ElfFile elf, List<String> notes) {
        ElfSection s = elf.sectionNamed(".BTF");
        if (s == null) {
            return null;
        }
        try {
            return Btf.parse(contents(elf, s));
        } catch (ElfFormatException e) {
            if (elf.sectionNamed(".maps") != null) {
                throw e;
            }
            notes.add(".BTF ignored: " + e.getMessage());
            return null;
        }
    }

    private static List<ObjectMap> readMaps(ElfFile elf, Btf btf, String objectName, List<String> notes) {
        List<ObjectMap> maps = new ArrayList<>();
        ElfSection legacy = elf.sectionNamed("maps");
        if (legacy != null) {
            contents(elf, legacy);
            maps.addAll(LegacyMaps.read(elf, legacy));
        }
        ElfSection btfMaps = elf.sectionNamed(".maps");
        if (btfMaps != null) {
            if (btf == null) {
                throw elf.input().error(btfMaps.where(), "BTF-defined maps need a .BTF section to describe them");
            }
            maps.addAll(BtfMaps.read(elf, btf, btfMaps, notes));
        }
        maps.addAll(GlobalDataMaps.read(elf, objectName));
        Map<String, ObjectMap> byName = new HashMap<>();
        for (ObjectMap m : maps) {
            ObjectMap clash = byName.put(m.def().name(), m);
            if (clash != null) {
                throw elf.input()
                        .error(
                                "map '" + m.def().name() + "'",
                                "two maps of this name, from %s and %s",
                                elf.sections().get(clash.section()).where(),
                                elf.sections().get(m.section()).where());
            }
        }
        return maps;
    }

    private static LineInfo readLineInfo(ElfFile elf, Btf btf, List<String> notes) {
        ElfSection s = elf.sectionNamed(".BTF.ext");
        if (s == null || btf == null) {
            return LineInfo.none();
        }
        try {
            boolean[] coRe = new boolean[1];
            LineInfo lines = LineInfo.parse(contents(elf, s), btf, coRe);
            if (coRe[0]) {
                notes.add(".BTF.ext: CO-RE relocations not applied; the offsets clang compiled in stand");
            }
            return lines;
        } catch (ElfFormatException e) {
            notes.add(".BTF.ext ignored: " + e.getMessage());
            return LineInfo.none();
        }
    }

    /** A section that must have contents in the file (libbpf: {@code SHT_PROGBITS}). */
    private static Window contents(ElfFile elf, ElfSection s) {
        if (s.type() != ElfSection.SHT_PROGBITS) {
            throw elf.input().error(s.where(), "type %d, not SHT_PROGBITS", s.type());
        }
        return elf.contents(s);
    }

    private static String license(ElfFile elf) {
        ElfSection s = elf.sectionNamed("license");
        if (s == null) {
            return "";
        }
        Window w = contents(elf, s);
        int n = 0;
        while (n < Math.min(w.size(), LICENSE_MAX) && w.u8(n) != 0) {
            n++;
        }
        return new String(w.bytes(0, n), StandardCharsets.UTF_8);
    }

    private static OptionalInt version(ElfFile elf) {
        ElfSection s = elf.sectionNamed("version");
        if (s == null) {
            return OptionalInt.empty();
        }
        Window w = contents(elf, s);
        if (w.size() != 4) {
            throw elf.input().error(s.where(), "%d bytes; the kernel version takes 4", w.size());
        }
        return OptionalInt.of(w.s32(0));
    }
}
