package io.jxdp.asm.elf.internal;

/**
 * One {@code Elf64_Rel} of a {@code SHT_REL} section.
 *
 * @param index its position in the relocation section
 * @param offset {@code r_offset}: the byte offset of the instruction in the target section
 * @param symbol the symbol index ({@code ELF64_R_SYM})
 * @param type the relocation type ({@code ELF64_R_TYPE})
 */
public record ElfRelocation(int index, long offset, long symbol, long type) {
    /** {@code R_BPF_64_64}: an {@code lddw} of a map, a global variable or a function address. */
    public static final long R_BPF_64_64 = 1;
    /** {@code R_BPF_64_32}: a bpf-to-bpf {@code call}. */
    public static final long R_BPF_64_32 = 10;

    /** The LLVM name of a relocation type, for messages. */
    public static String typeName(long type) {
        return switch ((int) Math.min(type, 64)) {
            case 0 -> "R_BPF_NONE";
            case 1 -> "R_BPF_64_64";
            case 2 -> "R_BPF_64_ABS64";
            case 3 -> "R_BPF_64_ABS32";
            case 4 -> "R_BPF_64_NODYLD32";
            case 10 -> "R_BPF_64_32";
            default -> "type " + type;
        };
    }
}
