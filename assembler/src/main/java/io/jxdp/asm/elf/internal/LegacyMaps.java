package io.jxdp.asm.elf.internal;

import io.jxdp.isa.MapDef;
import io.jxdp.isa.MapType;
import java.util.ArrayList;
import java.util.List;

/**
 * Pre-BTF map definitions: {@code struct bpf_map_def} (type, key_size, value_size, max_entries,
 * map_flags: 20 bytes) in the {@code maps} section, one per symbol, as libbpf read them before 1.0
 * ({@code bpf_object__init_user_maps}). Each definition is as long as its symbol says, or, for
 * symbols without a size, the section size divided by the number of maps. Bytes past the five
 * known fields must be zero.
 */
final class LegacyMaps {
    private static final int KNOWN_SIZE = 20;
    private static final int MIN_SIZE = 16;

    private LegacyMaps() {}

    static List<ObjectMap> read(ElfFile elf, ElfSection section) {
        ElfInput in = elf.input();
        List<ElfSymbol> symbols = new ArrayList<>();
        for (ElfSymbol sym : elf.symbols()) {
            if (sym.shndx() == section.index() && sym.type() != ElfSymbol.STT_SECTION) {
                symbols.add(sym);
            }
        }
        if (symbols.isEmpty()) {
            throw in.error(section.where(), "no symbol names a map definition");
        }
        Window data = elf.contents(section);
        List<ObjectMap> maps = new ArrayList<>(symbols.size());
        for (ElfSymbol sym : symbols) {
            String name = elf.symbolName(sym);
            String where = "map '" + name + "'";
            long size = sym.size();
            if (size == 0) {
                if (section.size() % symbols.size() != 0) {
                    throw in.error(
                            section.where(),
                            "unable to determine the size of legacy map definitions: %d bytes" + " for %d maps",
                            section.size(),
                            symbols.size());
                }
                size = section.size() / symbols.size();
            }
            if (size < MIN_SIZE) {
                throw in.error(where, "a legacy definition of %d bytes; struct bpf_map_def takes %d", size, KNOWN_SIZE);
            }
            if (sym.bind() == ElfSymbol.STB_LOCAL) {
                throw in.error(where, "static maps are not supported");
            }
            Window def = data.slice(sym.value(), size, section.where(), "the definition of " + where);
            for (int i = KNOWN_SIZE; i < size; i++) {
                if (def.u8(i) != 0) {
                    throw in.error(
                            where, "unrecognized, non-zero options at byte %d of its %d-byte definition", i, size);
                }
            }
            long type = def.u32(0);
            MapType mapType = MapType.ofId((int) Math.min(type, Integer.MAX_VALUE));
            if (mapType == null || mapType == MapType.UNSPEC) {
                throw in.error(where, "unknown map type %d", type);
            }
            if (mapType == MapType.ARRAY_OF_MAPS || mapType == MapType.HASH_OF_MAPS) {
                throw in.error(where, "map-in-map (%s) is not supported", mapType.bpftoolName());
            }
            int flags = size >= KNOWN_SIZE ? def.s32(16) : 0;
            MapDef map = new MapDef(
                    name,
                    mapType,
                    field(in, where, "key_size", def.u32(4)),
                    field(in, where, "value_size", def.u32(8)),
                    field(in, where, "max_entries", def.u32(12)),
                    flags,
                    null);
            maps.add(new ObjectMap(map, section.index(), sym.value(), ObjectMap.Origin.LEGACY));
        }
        return maps;
    }

    private static int field(ElfInput in, String where, String what, long value) {
        if (value > Integer.MAX_VALUE) {
            throw in.error(where, "%s %d is out of range", what, value);
        }
        return (int) value;
    }
}
