package io.jxdp.asm.elf.internal;

/**
 * A relocation resolved against the object, as libbpf's {@code struct reloc_desc}: what the
 * instruction at a slot must be rewritten to once code is laid out and maps are numbered.
 *
 * @param kind what the instruction refers to
 * @param symbolOffset for calls and function addresses, the byte offset of the symbol in
 *     {@code .text}; for global data, the symbol's offset in its section
 * @param map for map references and global data, the index in the object's map list; else -1
 * @param section the relocation section, for messages
 * @param entry the relocation itself, for messages
 * @param extern for {@link Kind#EXTERN_CALL}: the symbol's name; else null
 * @param weak for {@link Kind#EXTERN_CALL}: whether the extern is weak (may stay unresolved)
 */
public record Relocation(
        Kind kind, long symbolOffset, int map, ElfSection section, ElfRelocation entry, String extern, boolean weak) {

    public Relocation(Kind kind, long symbolOffset, int map, ElfSection section, ElfRelocation entry) {
        this(kind, symbolOffset, map, section, entry, null, false);
    }

    /** How errors name it: {@code section .relxdp: relocation 3 at offset 0x1c0}. */
    public String where() {
        return where(section, entry);
    }

    static String where(ElfSection section, ElfRelocation entry) {
        return String.format("%s: relocation %d at offset 0x%x", section.where(), entry.index(), entry.offset());
    }

    /** libbpf's {@code enum reloc_type}, the kinds jxdp supports. */
    public enum Kind {
        /** {@code RELO_CALL}: a bpf-to-bpf call into {@code .text}. */
        CALL,
        /** {@code RELO_SUBPROG_ADDR}: an {@code lddw} of a function's address (a callback). */
        SUBPROG_ADDR,
        /** {@code RELO_LD64}: an {@code lddw} of a map. */
        MAP,
        /** {@code RELO_DATA}: an {@code lddw} of the address of a global variable. */
        DATA,
        /** {@code RELO_EXTERN_CALL}: a call of a {@code __ksym} extern function, a kfunc. */
        EXTERN_CALL
    }
}
