package io.jxdp.asm.elf.internal;

/**
 * One {@code Elf64_Sym}. The name is resolved on demand through {@link ElfFile#symbolName}.
 *
 * @param index the symbol index
 * @param nameOffset {@code st_name}
 * @param info {@code st_info}: binding in the high nibble, type in the low
 * @param other {@code st_other}: visibility in the low two bits
 * @param shndx {@code st_shndx}
 * @param value {@code st_value}: for relocatable objects, the offset in its section
 * @param size {@code st_size}
 */
public record ElfSymbol(int index, long nameOffset, int info, int other, int shndx, long value, long size) {
    public static final int STB_LOCAL = 0;
    public static final int STB_GLOBAL = 1;
    public static final int STB_WEAK = 2;
    public static final int STT_NOTYPE = 0;
    public static final int STT_OBJECT = 1;
    public static final int STT_FUNC = 2;
    public static final int STT_SECTION = 3;
    public static final int SHN_UNDEF = 0;
    public static final int SHN_LORESERVE = 0xff00;

    public int bind() {
        return info >>> 4;
    }

    public int type() {
        return info & 0xf;
    }

    /** Defined in no section: an extern (a kfunc, a {@code __kconfig} or {@code __ksym} variable). */
    public boolean isUndefined() {
        return shndx == SHN_UNDEF;
    }

    /** In a special section ({@code SHN_ABS}, {@code SHN_COMMON}, ...) rather than a real one. */
    public boolean isSpecial() {
        return shndx >= SHN_LORESERVE;
    }
}
