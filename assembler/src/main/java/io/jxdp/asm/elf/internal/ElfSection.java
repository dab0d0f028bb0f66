package io.jxdp.asm.elf.internal;

/**
 * One section header, checked: a section that is not {@code SHT_NOBITS} lies inside the file.
 *
 * @param index the section index
 * @param name the name from the section-name string table
 * @param type {@code sh_type}
 * @param flags {@code sh_flags}
 * @param offset {@code sh_offset} (meaningless for {@code SHT_NOBITS})
 * @param size {@code sh_size}; for {@code SHT_NOBITS} not backed by the file
 * @param link {@code sh_link}
 * @param info {@code sh_info}
 * @param entsize {@code sh_entsize}
 */
public record ElfSection(
        int index, String name, int type, long flags, long offset, long size, long link, long info, long entsize) {
    public static final int SHT_NULL = 0;
    public static final int SHT_PROGBITS = 1;
    public static final int SHT_SYMTAB = 2;
    public static final int SHT_STRTAB = 3;
    public static final int SHT_RELA = 4;
    public static final int SHT_NOBITS = 8;
    public static final int SHT_REL = 9;
    public static final long SHF_EXECINSTR = 0x4;

    /** True for code: {@code SHT_PROGBITS} with {@code SHF_EXECINSTR}. */
    public boolean isCode() {
        return type == SHT_PROGBITS && (flags & SHF_EXECINSTR) != 0;
    }

    /** How errors name it. */
    public String where() {
        return "section " + (name.isEmpty() ? "#" + index : name);
    }
}
