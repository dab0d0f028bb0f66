package io.jxdp.asm.elf.internal;

import io.jxdp.isa.MapDef;
import io.jxdp.isa.MapType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * BTF-defined maps: the variables of the {@code .maps} DATASEC, each a struct whose members encode
 * the definition in their types ({@code bpf_helpers.h}'s {@code __uint} and {@code __type}). This
 * follows libbpf's {@code bpf_object__init_user_btf_maps}, {@code btf_fixup_datasec} and
 * {@code parse_btf_map_def} in strict mode: an unknown member is an error.
 */
final class BtfMaps {
    private final ElfFile elf;
    private final Btf btf;
    private final ElfSection section;
    private final List<String> notes;
    /** Per map name, the byte offset of its {@code values} member. */
    private final java.util.Map<String, Long> valuesOffsets = new java.util.HashMap<>();

    private BtfMaps(ElfFile elf, Btf btf, ElfSection section, List<String> notes) {
        this.elf = elf;
        this.btf = btf;
        this.section = section;
        this.notes = notes;
    }

    /** The maps of {@code .maps}, in the order of their offsets in the section. */
    static List<ObjectMap> read(ElfFile elf, Btf btf, ElfSection section, List<String> notes) {
        return new BtfMaps(elf, btf, section, notes).read();
    }

    private record Entry(int var, long offset, long size) {}

    private List<ObjectMap> read() {
        ElfInput in = elf.input();
        int datasec = btf.findDatasec(section.name());
        if (datasec == 0) {
            throw in.error(section.where(), "no DATASEC '%s' in .BTF describes its maps", section.name());
        }
        // btf_fixup_datasec: clang leaves the DATASEC size and the offsets of global variables 0;
        // the offsets are the values of the ELF symbols of the same names.
        boolean fixup = btf.size(datasec) == 0;
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < btf.vlen(datasec); i++) {
            int var = btf.secinfoType(datasec, i);
            if (btf.kind(var) != Btf.VAR) {
                throw in.error(
                        section.where(), "DATASEC entry %d is %s [%d], not a VAR", i, Btf.kindName(btf.kind(var)), var);
            }
            long offset = btf.secinfoOffset(datasec, i);
            if (fixup && btf.varLinkage(var) == Btf.VAR_GLOBAL_ALLOCATED) {
                offset = symbolValue(btf.name(var));
            }
            entries.add(new Entry(var, offset, btf.secinfoSize(datasec, i)));
        }
        entries.sort(Comparator.comparingLong(Entry::offset));
        List<ObjectMap> maps = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            MapDef def = mapOf(e);
            maps.add(new ObjectMap(
                    def,
                    section.index(),
                    e.offset(),
                    ObjectMap.Origin.BTF,
                    e.size(),
                    valuesOffsets.getOrDefault(def.name(), -1L)));
        }
        return maps;
    }

    /** libbpf's {@code find_elf_var_sym}: a global or weak STT_OBJECT symbol of this name. */
    private long symbolValue(String name) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        for (ElfSymbol sym : elf.symbols()) {
            boolean visible = sym.bind() == ElfSymbol.STB_GLOBAL || sym.bind() == ElfSymbol.STB_WEAK;
            if (sym.type() == ElfSymbol.STT_OBJECT && visible && elf.symbolNamed(sym, bytes)) {
                return sym.value();
            }
        }
        throw elf.input().error(section.where(), "map '%s': no ELF symbol gives the offset of its BTF variable", name);
    }

    private MapDef mapOf(Entry e) {
        ElfInput in = elf.input();
        String name = btf.name(e.var());
        if (name.isEmpty()) {
            throw in.error(section.where(), "a map variable at offset %d has no name", e.offset());
        }
        String where = "map '" + name + "'";
        if (e.offset() < 0 || e.offset() + e.size() > section.size()) {
            throw in.error(
                    where,
                    "its definition at %d + %d lies outside %s (%d bytes)",
                    e.offset(),
                    e.size(),
                    section.where(),
                    section.size());
        }
        long linkage = btf.varLinkage(e.var());
        if (linkage != Btf.VAR_GLOBAL_ALLOCATED) {
            throw in.error(
                    where,
                    "unsupported map linkage %s (maps must be global variables)",
                    linkage == 0 ? "static" : linkage == 2 ? "extern" : String.valueOf(linkage));
        }
        int def = btf.skipModsAndTypedefs(btf.referenced(e.var()));
        if (btf.kind(def) != Btf.STRUCT) {
            throw in.error(where, "its definition is %s [%d], not a struct", Btf.kindName(btf.kind(def)), def);
        }
        if (btf.size(def) > e.size()) {
            throw in.error(
                    where, "its struct of %d bytes is larger than its variable (%d bytes)", btf.size(def), e.size());
        }
        return parseDef(name, where, def, false);
    }

    /**
     * {@code parse_btf_map_def}, strict: every member must be one libbpf knows.
     *
     * @param inner true for the inner map template of a map-in-map (which has no values of its own)
     */
    private MapDef parseDef(String name, String where, int def, boolean inner) {
        ElfInput in = elf.input();
        long type = 0;
        long keySize = -1;
        long valueSize = -1;
        long maxEntries = 0;
        long flags = 0;
        MapDef innerMap = null;
        for (int i = 0; i < btf.vlen(def); i++) {
            String field = btf.memberName(def, i);
            int member = btf.memberType(def, i);
            switch (field) {
                case "type" -> type = intField(where, field, member);
                case "max_entries" -> maxEntries = intField(where, field, member);
                case "map_flags" -> flags = intField(where, field, member);
                case "key_size" -> keySize = agree(where, "key", keySize, intField(where, field, member));
                case "value_size" -> valueSize = agree(where, "value", valueSize, intField(where, field, member));
                case "key" -> keySize = agree(where, "key", keySize, typeField(where, field, member));
                case "value" -> valueSize = agree(where, "value", valueSize, typeField(where, field, member));
                case "numa_node" -> {
                    intField(where, field, member);
                    notes.add(where + ": numa_node ignored (jxdp has no NUMA placement)");
                }
                case "pinning" -> {
                    long pinning = intField(where, field, member);
                    if (pinning > 1) {
                        throw in.error(
                                where, "invalid pinning value %d (LIBBPF_PIN_NONE or LIBBPF_PIN_BY_NAME)", pinning);
                    }
                    if (pinning == 1) {
                        notes.add(where + ": pinning ignored (maps live in the VM, not in bpffs)");
                    }
                }
                case "map_extra" -> {
                    if (intField(where, field, member) != 0) {
                        throw in.error(where, "map_extra (bloom filter hashes, arena addresses) is not supported");
                    }
                }
                case "values" -> {
                    innerMap = values(name, where, def, i, type, valueSize, inner);
                    valueSize = 4;
                }
                default -> throw in.error(where, "unknown field '%s' in the map definition", field);
            }
        }
        MapType mapType = MapType.ofId((int) Math.min(type, Integer.MAX_VALUE));
        if (type == 0) {
            throw in.error(where, "map type isn't specified");
        }
        if (mapType == null) {
            throw in.error(where, "unknown map type %d", type);
        }
        return new MapDef(
                name,
                mapType,
                size(where, "key size", Math.max(keySize, 0)),
                size(where, "value size", Math.max(valueSize, 0)),
                size(where, "max_entries", maxEntries),
                (int) flags,
                null,
                0,
                innerMap);
    }

    /**
     * The {@code values} member ({@code __array(values, ...)}), with libbpf's checks and words: the
     * last member, of a prog array (a zero-sized array of pointers to functions) or a map-in-map (of
     * pointers to the inner map's definition, parsed as the map {@code NAME.inner}); the value size
     * becomes 4. Records where the member lies, for the relocations that fill the slots.
     *
     * @return the inner map template of a map-in-map, null for a prog array
     */
    private MapDef values(String name, String where, int def, int i, long type, long valueSize, boolean inner) {
        ElfInput in = elf.input();
        if (inner) {
            throw in.error(where, "multi-level inner maps not supported");
        }
        if (i != btf.vlen(def) - 1) {
            throw in.error(where, "'values' member should be last");
        }
        boolean mapInMap = type == MapType.ARRAY_OF_MAPS.id() || type == MapType.HASH_OF_MAPS.id();
        boolean progArray = type == MapType.PROG_ARRAY.id();
        if (!mapInMap && !progArray) {
            throw in.error(where, "should be map-in-map or prog-array");
        }
        if (valueSize > 0 && valueSize != 4) {
            throw in.error(where, "conflicting value size %d != 4", valueSize);
        }
        String desc = mapInMap ? "map-in-map inner" : "prog-array value";
        int array = btf.memberType(def, i);
        if (btf.kind(array) != Btf.ARRAY || btf.arrayLength(array) != 0) {
            throw in.error(where, "%s type should be an zero-sized array", desc);
        }
        int ptr = btf.skipModsAndTypedefs(btf.arrayElementType(array));
        if (btf.kind(ptr) != Btf.PTR) {
            throw in.error(where, "%s def is of unexpected kind %s", desc, Btf.kindName(btf.kind(ptr)));
        }
        int target = btf.skipModsAndTypedefs(btf.referenced(ptr));
        valuesOffsets.put(name, btf.memberBitOffset(def, i) / 8);
        if (progArray) {
            if (btf.kind(target) != Btf.FUNC_PROTO) {
                throw in.error(where, "prog-array value def is of unexpected kind %s", Btf.kindName(btf.kind(target)));
            }
            return null;
        }
        if (btf.kind(target) != Btf.STRUCT) {
            throw in.error(where, "map-in-map inner def is of unexpected kind %s", Btf.kindName(btf.kind(target)));
        }
        String innerName = name + ".inner";
        return parseDef(innerName, "map '" + innerName + "'", target, true);
    }

    /** {@code get_map_field_int}: {@code __uint(name, N)} is {@code int (*name)[N]}. */
    private long intField(String where, String field, int member) {
        ElfInput in = elf.input();
        int ptr = btf.skipModsAndTypedefs(member);
        if (btf.kind(ptr) != Btf.PTR) {
            throw in.error(where, "attribute '%s': expected PTR, got %s", field, Btf.kindName(btf.kind(ptr)));
        }
        int array = btf.referenced(ptr);
        if (btf.kind(array) != Btf.ARRAY) {
            throw in.error(where, "attribute '%s': expected ARRAY, got %s", field, Btf.kindName(btf.kind(array)));
        }
        return btf.arrayLength(array);
    }

    /** {@code __type(name, T)} is {@code T *name}: the size of T. */
    private long typeField(String where, String field, int member) {
        if (btf.kind(member) != Btf.PTR) {
            throw elf.input().error(where, "%s spec is not PTR: %s", field, Btf.kindName(btf.kind(member)));
        }
        return btf.resolveSize(btf.referenced(member), where + " " + field);
    }

    private long agree(String where, String what, long known, long size) {
        if (known >= 0 && known != size) {
            throw elf.input().error(where, "conflicting %s size %d != %d", what, known, size);
        }
        return size;
    }

    private int size(String where, String what, long value) {
        if (value > Integer.MAX_VALUE) {
            throw elf.input().error(where, "%s %d is out of range", what, value);
        }
        return (int) value;
    }
}
