package io.jxdp.asm.elf.internal;

import io.jxdp.isa.MapDef;
import io.jxdp.isa.MapType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Global variables: each non-empty {@code .data}, {@code .data.*}, {@code .rodata}, {@code .rodata.*},
 * {@code .bss} and {@code .bss.*} section becomes a one-entry array whose value is the section, as
 * libbpf's {@code bpf_object__init_global_data_maps} does, named as its {@code internal_map_name}
 * names them.
 */
final class GlobalDataMaps {
    /** The kernel's {@code BPF_OBJ_NAME_LEN}, counting the NUL. */
    static final int BPF_OBJ_NAME_LEN = 16;
    /**
     * The largest {@code .bss} accepted. Its size is not backed by the file, so it is capped; the
     * kernel's array maps take no value larger than {@code KMALLOC_MAX_SIZE} (4 MiB on x86-64) either.
     */
    static final long MAX_BSS = 4L << 20;

    private GlobalDataMaps() {}

    /** The origin of a section's data, or null if the section holds no global data. */
    static ObjectMap.Origin originOf(ElfSection s) {
        if (s.size() == 0 || s.isCode()) {
            return null;
        }
        String n = s.name();
        if (s.type() == ElfSection.SHT_PROGBITS) {
            if (n.equals(".data") || n.startsWith(".data.")) {
                return ObjectMap.Origin.DATA;
            }
            if (n.equals(".rodata") || n.startsWith(".rodata.")) {
                return ObjectMap.Origin.RODATA;
            }
        }
        if (s.type() == ElfSection.SHT_NOBITS && (n.equals(".bss") || n.startsWith(".bss."))) {
            return ObjectMap.Origin.BSS;
        }
        return null;
    }

    /** One map per global data section, in section order. */
    static List<ObjectMap> read(ElfFile elf, String objectName) {
        List<ObjectMap> maps = new ArrayList<>();
        for (ElfSection s : elf.sections()) {
            ObjectMap.Origin origin = originOf(s);
            if (origin == null) {
                continue;
            }
            byte[] contents;
            if (origin == ObjectMap.Origin.BSS) {
                if (s.size() < 0 || s.size() > MAX_BSS) {
                    throw elf.input()
                            .error(
                                    s.where(),
                                    "%s bytes of zero-initialised data exceed the %d jxdp allows"
                                            + " (a kernel array value is at most KMALLOC_MAX_SIZE)",
                                    Long.toUnsignedString(s.size()),
                                    MAX_BSS);
                }
                contents = new byte[(int) s.size()];
            } else {
                contents = elf.contents(s).bytes(0, (int) s.size());
            }
            int flags = origin == ObjectMap.Origin.RODATA ? MapDef.F_RDONLY_PROG : 0;
            MapDef def = new MapDef(
                    internalMapName(objectName, s.name()), MapType.ARRAY, 4, contents.length, 1, flags, contents);
            maps.add(new ObjectMap(def, s.index(), 0, origin));
        }
        return maps;
    }

    /**
     * libbpf's {@code internal_map_name}: as much of the object name as fits in 15 bytes beside the
     * section name (for which at least 7 are kept), e.g. {@code global_d.rodata} for
     * {@code .rodata} of {@code global_data.o}; a custom section ({@code .data.tuning}, two dots)
     * gets no prefix. Bytes other than letters, digits, {@code _} and {@code .} become {@code _}.
     */
    static String internalMapName(String objectName, String sectionName) {
        byte[] obj = objectName.getBytes(StandardCharsets.UTF_8);
        byte[] sec = sectionName.getBytes(StandardCharsets.UTF_8);
        int sfxLen = Math.min(Math.max(7, sec.length), BPF_OBJ_NAME_LEN - 1);
        boolean custom = sectionName.indexOf('.', 1) >= 0;
        int pfxLen = custom ? 0 : Math.min(BPF_OBJ_NAME_LEN - sfxLen - 1, obj.length);
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < pfxLen; i++) {
            name.append(sanitize(obj[i]));
        }
        for (int i = 0; i < Math.min(sfxLen, sec.length); i++) {
            name.append(sanitize(sec[i]));
        }
        return name.toString();
    }

    private static char sanitize(byte b) {
        char c = (char) (b & 0xff);
        boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
        return ok ? c : '_';
    }

    /**
     * libbpf's object name: the file's base name cut to 15 bytes, then at its first dot
     * ({@code bpf_object_new}).
     */
    static String objectName(String fileName) {
        String base = fileName;
        int slash = Math.max(base.lastIndexOf('/'), base.lastIndexOf('\\'));
        base = base.substring(slash + 1);
        byte[] bytes = base.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > BPF_OBJ_NAME_LEN - 1) {
            base = new String(bytes, 0, BPF_OBJ_NAME_LEN - 1, StandardCharsets.UTF_8);
        }
        int dot = base.indexOf('.');
        return dot >= 0 ? base.substring(0, dot) : base;
    }
}
