package io.jxdp.asm.elf.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * An ELF64 little-endian relocatable object for {@code EM_BPF}: the header, the section headers
 * with their names, the symbol table. Everything is checked as it is read (libbpf's
 * {@code bpf_object__elf_init} and {@code bpf_object__elf_collect} leave that to libelf): a
 * section's contents lie inside the file, names lie inside their string table, the symbol table
 * is the only one and has 24-byte entries.
 */
public final class ElfFile {
    public static final int EM_BPF = 247;
    private static final int ET_REL = 1;
    private static final int EHDR_SIZE = 64;
    private static final int SHDR_SIZE = 64;
    private static final int SYM_SIZE = 24;
    private static final int REL_SIZE = 16;
    private static final int SHN_XINDEX = 0xffff;

    private final ElfInput in;
    private final List<ElfSection> sections;
    private final ElfSection symtab;
    private final List<ElfSymbol> symbols;
    private final Window strtab;
    private final String[] symbolNames;

    private ElfFile(ElfInput in, List<ElfSection> sections, ElfSection symtab, List<ElfSymbol> symbols, Window strtab) {
        this.in = in;
        this.sections = sections;
        this.symtab = symtab;
        this.symbols = symbols;
        this.strtab = strtab;
        this.symbolNames = new String[symbols.size()];
    }

    /** Reads and checks the header, the section headers and the symbol table. */
    public static ElfFile parse(ElfInput in) {
        Window file = in.whole();
        checkIdentification(in, file);
        long shoff = file.u64(0x28);
        int shentsize = file.u16(0x3a);
        long shnum = file.u16(0x3c);
        long shstrndx = file.u16(0x3e);
        if (shoff == 0) {
            throw in.error("offset 0x28", "no section header table (e_shoff is 0)");
        }
        if (shentsize != SHDR_SIZE) {
            throw in.error("offset 0x3a", "e_shentsize %d is not %d, the size of an Elf64_Shdr", shentsize, SHDR_SIZE);
        }
        Window first = file.slice(shoff, SHDR_SIZE, "section header 0", "section header 0");
        if (shnum == 0) {
            shnum = first.u64(32); // extended numbering: the count lives in section 0's sh_size
        }
        if (shstrndx == SHN_XINDEX) {
            shstrndx = first.u32(40); // and the name table's index in its sh_link
        }
        if (shnum > in.length() / SHDR_SIZE || shnum < 0) {
            throw in.error(
                    "offset 0x3c",
                    "%s section headers cannot fit in a %d-byte file",
                    Long.toUnsignedString(shnum),
                    in.length());
        }
        Window table = file.slice(shoff, shnum * SHDR_SIZE, "section header table", shnum + " section headers");
        if (shstrndx >= shnum) {
            throw in.error("offset 0x3e", "e_shstrndx %d is not a section (there are %d)", shstrndx, shnum);
        }
        List<long[]> raw = new ArrayList<>((int) shnum);
        for (int i = 0; i < shnum; i++) {
            long base = (long) i * SHDR_SIZE;
            raw.add(new long[] {
                table.u32(base),
                table.u32(base + 4),
                table.u64(base + 8),
                table.u64(base + 24),
                table.u64(base + 32),
                table.u32(base + 40),
                table.u32(base + 44),
                table.u64(base + 56)
            });
        }
        long[] names = raw.get((int) shstrndx);
        if (names[1] != ElfSection.SHT_STRTAB) {
            throw in.error("section #" + shstrndx, "the section name table has type %d, not SHT_STRTAB", names[1]);
        }
        Window nameTable = file.slice(names[3], names[4], "section #" + shstrndx, "the section name table");
        List<ElfSection> sections = new ArrayList<>((int) shnum);
        for (int i = 0; i < shnum; i++) {
            long[] h = raw.get(i);
            int index = i;
            String name = i == 0 ? "" : nameTable.cString(h[0], () -> "the name of section #" + index);
            ElfSection s = new ElfSection(i, name, (int) h[1], h[2], h[3], h[4], h[5], h[6], h[7]);
            if (s.type() != ElfSection.SHT_NOBITS && s.type() != ElfSection.SHT_NULL) {
                file.slice(s.offset(), s.size(), s.where(), "the contents of " + s.where());
            }
            sections.add(s);
        }
        return readSymbols(in, file, sections);
    }

    private static void checkIdentification(ElfInput in, Window file) {
        if (in.length() < 4 || file.u8(0) != 0x7f || file.u8(1) != 'E' || file.u8(2) != 'L' || file.u8(3) != 'F') {
            throw in.error("offset 0x0", "not an ELF file (no \\x7fELF magic)");
        }
        if (in.length() < 16) {
            throw in.error(
                    "offset 0x" + Integer.toHexString(in.length()),
                    "truncated ELF identification: %d bytes of 16",
                    in.length());
        }
        if (file.u8(4) != 2) {
            throw in.error("offset 0x4", "not a 64-bit ELF file (EI_CLASS %d); BPF objects are ELF64", file.u8(4));
        }
        if (file.u8(5) != 1) {
            throw in.error(
                    "offset 0x5",
                    "not a little-endian ELF file (EI_DATA %d); objects for -target bpfeb are not supported",
                    file.u8(5));
        }
        if (in.length() < EHDR_SIZE) {
            throw in.error(
                    "offset 0x" + Integer.toHexString(in.length()),
                    "truncated ELF header: %d bytes of %d",
                    in.length(),
                    EHDR_SIZE);
        }
        if (file.u16(0x10) != ET_REL) {
            throw in.error(
                    "offset 0x10",
                    "e_type %d is not ET_REL (1): only relocatable objects (clang -c) load",
                    file.u16(0x10));
        }
        if (file.u16(0x12) != EM_BPF) {
            throw in.error("offset 0x12", "e_machine %d is not EM_BPF (247)", file.u16(0x12));
        }
    }

    private static ElfFile readSymbols(ElfInput in, Window file, List<ElfSection> sections) {
        ElfSection symtab = null;
        for (ElfSection s : sections) {
            if (s.type() == ElfSection.SHT_SYMTAB) {
                if (symtab != null) {
                    // as bpf_object__elf_collect: "multiple symbol tables"
                    throw in.error(s.where(), "a second symbol table (the first is %s)", symtab.where());
                }
                symtab = s;
            }
        }
        if (symtab == null) {
            return new ElfFile(in, sections, null, List.of(), null);
        }
        if (symtab.entsize() != SYM_SIZE || symtab.size() % SYM_SIZE != 0) {
            throw in.error(
                    symtab.where(),
                    "symbol table of %d bytes with entries of %d; Elf64_Sym takes %d",
                    symtab.size(),
                    symtab.entsize(),
                    SYM_SIZE);
        }
        if (symtab.link() <= 0
                || symtab.link() >= sections.size()
                || sections.get((int) symtab.link()).type() != ElfSection.SHT_STRTAB) {
            throw in.error(symtab.where(), "sh_link %d is not a string table", symtab.link());
        }
        ElfSection strings = sections.get((int) symtab.link());
        Window strtab = file.slice(strings.offset(), strings.size(), strings.where(), "the symbol names");
        Window table = file.slice(symtab.offset(), symtab.size(), symtab.where(), "the symbol table");
        int count = (int) (symtab.size() / SYM_SIZE);
        List<ElfSymbol> symbols = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long b = (long) i * SYM_SIZE;
            symbols.add(new ElfSymbol(
                    i,
                    table.u32(b),
                    table.u8(b + 4),
                    table.u8(b + 5),
                    table.u16(b + 6),
                    table.u64(b + 8),
                    table.u64(b + 16)));
        }
        return new ElfFile(in, sections, symtab, symbols, strtab);
    }

    public ElfInput input() {
        return in;
    }

    public List<ElfSection> sections() {
        return sections;
    }

    /** The section with this index, or an error naming {@code where} and {@code what} refers to it. */
    public ElfSection section(long index, String where, String what) {
        if (index < 0 || index >= sections.size()) {
            throw in.error(where, "%s refers to section %d of %d", what, index, sections.size());
        }
        return sections.get((int) index);
    }

    /** The first section with this name, or null. */
    public ElfSection sectionNamed(String name) {
        for (ElfSection s : sections) {
            if (s.name().equals(name) && s.index() != 0) {
                return s;
            }
        }
        return null;
    }

    /** The contents of a section that has them (not {@code SHT_NOBITS}); checked at parse. */
    public Window contents(ElfSection s) {
        return in.whole().slice(s.offset(), s.size(), s.where(), "the contents of " + s.where());
    }

    /** True if the object has a symbol table. */
    public boolean hasSymbols() {
        return symtab != null;
    }

    public List<ElfSymbol> symbols() {
        return symbols;
    }

    /** The symbol with this index, or an error naming where the reference was made. */
    public ElfSymbol symbol(long index, String where, String what) {
        if (index < 0 || index >= symbols.size()) {
            throw in.error(where, "%s refers to symbol %d of %d", what, index, symbols.size());
        }
        return symbols.get((int) index);
    }

    /**
     * The symbol's name; for an unnamed section symbol, the section's name (as libbpf names
     * relocations against static functions and variables).
     */
    public String symbolName(ElfSymbol sym) {
        String name = symbolNames[sym.index()];
        if (name == null) {
            if (sym.type() == ElfSymbol.STT_SECTION && sym.nameOffset() == 0 && sym.shndx() < sections.size()) {
                name = sections.get(sym.shndx()).name();
            } else {
                name = strtab.cString(sym.nameOffset(), () -> "the name of symbol " + sym.index());
            }
            symbolNames[sym.index()] = name;
        }
        return name;
    }

    /** True if the symbol's name is {@code name}, without decoding it. */
    public boolean symbolNamed(ElfSymbol sym, byte[] name) {
        return strtab.cStringEquals(sym.nameOffset(), name);
    }

    /** The entries of a {@code SHT_REL} section. */
    public List<ElfRelocation> relocations(ElfSection rel) {
        if (rel.entsize() != REL_SIZE || rel.size() % REL_SIZE != 0) {
            throw in.error(
                    rel.where(),
                    "relocation section of %d bytes with entries of %d; Elf64_Rel takes %d",
                    rel.size(),
                    rel.entsize(),
                    REL_SIZE);
        }
        Window w = contents(rel);
        int count = (int) (rel.size() / REL_SIZE);
        List<ElfRelocation> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long info = w.u64((long) i * REL_SIZE + 8);
            out.add(new ElfRelocation(i, w.u64((long) i * REL_SIZE), info >>> 32, info & 0xffff_ffffL));
        }
        return out;
    }
}
