package io.jxdp.asm.elf.internal;

import io.jxdp.isa.MapType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The {@code values} initialisers of BTF-defined maps: each relocation of {@code .rel.maps} puts a
 * program (in a prog array) or a map (in a map-in-map) in one slot of the map whose definition
 * holds the relocated pointer. libbpf's {@code bpf_object__collect_map_relos}, with its checks and
 * its messages; the slots are filled after the maps are made, as {@code bpf_object__init_prog_arrays}
 * and {@code init_map_in_map_slots} do.
 */
final class MapSlots {
    private static final int POINTER_SIZE = 8;

    private MapSlots() {}

    /** Per map name (in object order), its initialised slots: index to program or map name. */
    static Map<String, SortedMap<Integer, String>> read(ElfFile elf, Code code, List<ObjectMap> maps) {
        Map<String, SortedMap<Integer, String>> slots = new LinkedHashMap<>();
        ElfSection mapsSection = elf.sectionNamed(".maps");
        if (mapsSection == null) {
            return slots;
        }
        for (ElfSection s : elf.sections()) {
            if (s.type() == ElfSection.SHT_REL && s.info() == mapsSection.index()) {
                for (ElfRelocation rel : elf.relocations(s)) {
                    one(elf, code, maps, mapsSection, rel, slots);
                }
            }
        }
        return slots;
    }

    private static void one(
            ElfFile elf,
            Code code,
            List<ObjectMap> maps,
            ElfSection mapsSection,
            ElfRelocation rel,
            Map<String, SortedMap<Integer, String>> slots) {
        ElfInput in = elf.input();
        String where = ".maps relo #" + rel.index();
        if (rel.symbol() >= elf.symbols().size()) {
            throw in.error(where, "symbol %x not found", rel.symbol());
        }
        ElfSymbol sym = elf.symbols().get((int) rel.symbol());
        String name = elf.symbolName(sym);
        ObjectMap map = null;
        for (ObjectMap m : maps) {
            if (m.section() == mapsSection.index()
                    && m.offset() <= rel.offset()
                    && rel.offset() + POINTER_SIZE <= m.offset() + m.size()) {
                map = m;
                break;
            }
        }
        if (map == null) {
            throw in.error(where, "cannot find map '%s' at rel->r_offset %d", name, rel.offset());
        }
        MapType type = map.def().type();
        boolean mapInMap = type == MapType.ARRAY_OF_MAPS || type == MapType.HASH_OF_MAPS;
        if (mapInMap) {
            if (sym.shndx() != mapsSection.index()) {
                throw in.error(where, "'%s' isn't a BTF-defined map", name);
            }
            if (type == MapType.HASH_OF_MAPS && map.def().keySize() != 4) {
                throw in.error(
                        where,
                        "hash-of-maps '%s' should have key size 4.",
                        map.def().name());
            }
            if (maps.stream().noneMatch(m -> m.def().name().equals(name))) {
                throw in.error(where, "'%s' isn't a valid map reference", name);
            }
        } else if (type == MapType.PROG_ARRAY) {
            Function target = code.programs().stream()
                    .filter(f -> f.name().equals(name))
                    .findFirst()
                    .orElseThrow(() -> in.error(where, "'%s' isn't a valid program reference", name));
            if (target.section().index() != sym.shndx() || (long) target.firstSlot() * 8 != sym.value()) {
                throw in.error(where, "'%s' isn't an entry-point program", name);
            }
        } else {
            throw in.error(
                    where,
                    "map '%s' (%s) takes no 'values' initialisers",
                    map.def().name(),
                    type.bpftoolName());
        }
        if (map.valuesOffset() < 0) {
            throw in.error(
                    where,
                    "map '%s' has no 'values' member as its last",
                    map.def().name());
        }
        long off = rel.offset() - map.offset() - map.valuesOffset();
        if (off < 0 || off % POINTER_SIZE != 0) {
            throw in.error(
                    where,
                    "offset %d is no slot of the 'values' of map '%s'",
                    rel.offset(),
                    map.def().name());
        }
        slots.computeIfAbsent(map.def().name(), n -> new TreeMap<>()).put((int) (off / POINTER_SIZE), name);
    }
}
