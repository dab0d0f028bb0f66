package io.jxdp.asm.elf.internal;

import io.jxdp.isa.MapDef;

/**
 * A map of the object and where it came from, which is how relocations find it: a map in
 * {@code maps} or {@code .maps} by section and offset (the symbol's value), a global data map by
 * section alone (libbpf's {@code bpf_program__record_reloc}).
 *
 * @param def the definition
 * @param section the ELF section index that defines it
 * @param offset the offset of its definition in that section (0 for global data)
 * @param origin where it came from
 * @param size the size of its definition in that section (a BTF map's variable; 0 for the others)
 * @param valuesOffset for a BTF-defined prog array or map-in-map with a {@code values} member, that
 *     member's byte offset in the definition (where {@code .rel.maps} initialises slots); else -1
 */
public record ObjectMap(MapDef def, int section, long offset, Origin origin, long size, long valuesOffset) {
    public ObjectMap(MapDef def, int section, long offset, Origin origin) {
        this(def, section, offset, origin, 0, -1);
    }

    /** Where a map is defined. */
    public enum Origin {
        /** {@code struct bpf_map_def} in the {@code maps} section. */
        LEGACY,
        /** A BTF-described variable in {@code .maps}. */
        BTF,
        /** {@code .data} or {@code .data.*}. */
        DATA,
        /** {@code .rodata} or {@code .rodata.*}: read-only for programs. */
        RODATA,
        /** {@code .bss} or {@code .bss.*}: zero-initialised. */
        BSS;

        /** True for global data, whose relocations address a value rather than the map. */
        public boolean isGlobalData() {
            return this == DATA || this == RODATA || this == BSS;
        }
    }
}
