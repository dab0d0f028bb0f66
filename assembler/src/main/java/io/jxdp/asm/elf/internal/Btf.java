package io.jxdp.asm.elf.internal;

import java.util.Arrays;

/**
 * The {@code .BTF} section: header, type section and string section (include/uapi/linux/btf.h),
 * as far as loading maps needs it. Parsing checks what libbpf's {@code btf_parse_hdr},
 * {@code btf_parse_str_sec} and {@code btf_parse_type_sec} check: the magic and version, that
 * both sections lie inside the data with the types first, that the string section starts and ends
 * with NUL, that every type record is complete and of a known kind. References between types are
 * checked when followed, and every walk is bounded, so a cycle is an error rather than a hang.
 *
 * <p>Type ids start at 1; id 0 is {@code void}. Kinds are the kernel's {@code BTF_KIND_*}.
 */
public final class Btf {
    public static final int INT = 1;
    public static final int PTR = 2;
    public static final int ARRAY = 3;
    public static final int STRUCT = 4;
    public static final int UNION = 5;
    public static final int ENUM = 6;
    public static final int FWD = 7;
    public static final int TYPEDEF = 8;
    public static final int VOLATILE = 9;
    public static final int CONST = 10;
    public static final int RESTRICT = 11;
    public static final int FUNC = 12;
    public static final int FUNC_PROTO = 13;
    public static final int VAR = 14;
    public static final int DATASEC = 15;
    public static final int FLOAT = 16;
    public static final int DECL_TAG = 17;
    public static final int TYPE_TAG = 18;
    public static final int ENUM64 = 19;

    /** {@code BTF_VAR_GLOBAL_ALLOCATED}: the only linkage a map variable may have. */
    public static final int VAR_GLOBAL_ALLOCATED = 1;

    private static final String[] KIND_NAMES = {
        "UNKN",
        "INT",
        "PTR",
        "ARRAY",
        "STRUCT",
        "UNION",
        "ENUM",
        "FWD",
        "TYPEDEF",
        "VOLATILE",
        "CONST",
        "RESTRICT",
        "FUNC",
        "FUNC_PROTO",
        "VAR",
        "DATASEC",
        "FLOAT",
        "DECL_TAG",
        "TYPE_TAG",
        "ENUM64"
    };
    private static final int HEADER_SIZE = 24;
    private static final int TYPE_SIZE = 12;
    /** libbpf's {@code MAX_RESOLVE_DEPTH}: how far size resolution and modifier skipping follow references. */
    private static final int MAX_RESOLVE_DEPTH = 32;

    private static final int POINTER_SIZE = 8;

    private final ElfInput in;
    private final String where;
    private final Window types;
    private final Window strings;
    /** Offsets of each type record in {@link #types}, by id; index 0 (void) unused. */
    private final int[] offsets;

    private Btf(ElfInput in, String where, Window types, Window strings, int[] offsets) {
        this.in = in;
        this.where = where;
        this.types = types;
        this.strings = strings;
        this.offsets = offsets;
    }

    /** Parses and checks the header, the string section and every type record. */
    public static Btf parse(Window section) {
        ElfInput in = section.input();
        String where = section.where();
        if (section.size() < HEADER_SIZE) {
            throw in.error(where, "truncated BTF header: %d bytes of %d", section.size(), HEADER_SIZE);
        }
        int magic = section.u16(0);
        if (magic != 0xeb9f) {
            throw in.error(
                    where,
                    magic == 0x9feb
                            ? "big-endian BTF (magic 0x%x) in a little-endian object"
                            : "bad BTF magic 0x%x (0xeb9f expected)",
                    magic);
        }
        if (section.u8(2) != 1) {
            throw in.error(where, "unsupported BTF version %d", section.u8(2));
        }
        long hdrLen = section.u32(4);
        if (hdrLen < HEADER_SIZE || hdrLen > section.size()) {
            throw in.error(where, "BTF header length %d outside %d..%d", hdrLen, HEADER_SIZE, section.size());
        }
        long typeOff = section.u32(8);
        long typeLen = section.u32(12);
        long strOff = section.u32(16);
        long strLen = section.u32(20);
        Window data = section.slice(hdrLen, section.size() - hdrLen, where, "BTF data");
        if (strOff + strLen > data.size()) {
            throw in.error(
                    where,
                    "BTF string section at %d + %d lies beyond the %d bytes of data",
                    strOff,
                    strLen,
                    data.size());
        }
        if (typeOff + typeLen > strOff || typeOff % 4 != 0) {
            // btf_parse_hdr: "Invalid BTF data sections layout"
            throw in.error(
                    where,
                    "invalid BTF layout: types at %d + %d, strings at %d + %d",
                    typeOff,
                    typeLen,
                    strOff,
                    strLen);
        }
        Window strings = data.slice(strOff, strLen, where, "the BTF string section");
        if (strLen == 0 || strings.u8(0) != 0 || strings.u8(strLen - 1) != 0) {
            throw in.error(where, "invalid BTF string section: it must start and end with a NUL");
        }
        Window types = data.slice(typeOff, typeLen, where, "the BTF type section");
        return new Btf(in, where, types, strings, scanTypes(in, where, types));
    }

    private static int[] scanTypes(ElfInput in, String where, Window types) {
        int[] offsets = new int[Math.min(1024, types.size() / TYPE_SIZE + 1)];
        int count = 1;
        long off = 0;
        while (off < types.size()) {
            if (off + TYPE_SIZE > types.size()) {
                throw in.error(where, "type [%d] at offset %d is truncated", count, off);
            }
            long info = types.u32(off + 4);
            int kind = (int) (info >>> 24) & 0x1f;
            int vlen = (int) info & 0xffff;
            long extra = switch (kind) {
                case INT, VAR, DECL_TAG -> 4;
                case PTR, FWD, TYPEDEF, VOLATILE, CONST, RESTRICT, FUNC, FLOAT, TYPE_TAG -> 0;
                case ARRAY -> 12;
                case STRUCT, UNION, DATASEC, ENUM64 -> 12L * vlen;
                case ENUM, FUNC_PROTO -> 8L * vlen;
                default -> throw in.error(where, "type [%d] at offset %d has unknown kind %d", count, off, kind);
            };
            if (off + TYPE_SIZE + extra > types.size()) {
                throw in.error(
                        where,
                        "type [%d] %s with %d entries at offset %d runs past the type section (%d bytes)",
                        count,
                        KIND_NAMES[kind],
                        vlen,
                        off,
                        types.size());
            }
            if (count == offsets.length) {
                offsets = Arrays.copyOf(offsets, offsets.length * 2);
            }
            offsets[count++] = (int) off;
            off += TYPE_SIZE + extra;
        }
        return Arrays.copyOf(offsets, count);
    }

    /** How errors name the section. */
    public String where() {
        return where;
    }

    /** The number of type ids, counting void: valid ids are 0 to this minus one. */
    public int count() {
        return offsets.length;
    }

    /** A string of the string section. */
    public String string(long offset, String what) {
        return strings.cString(offset, () -> what);
    }

    /** The kind name as bpftool prints it ({@code STRUCT}), for messages. */
    public static String kindName(int kind) {
        return kind >= 0 && kind < KIND_NAMES.length ? KIND_NAMES[kind] : "UNKN";
    }

    /** Checks that {@code id} names a type other than void, and returns it. */
    public int check(long id, String what) {
        if (id <= 0 || id >= offsets.length) {
            throw in.error(
                    where, "%s refers to type [%d], but type ids run from 1 to %d", what, id, offsets.length - 1);
        }
        return (int) id;
    }

    /** Checks a reference made by type {@code from}; the message is only built on failure. */
    private int checkRef(long ref, int from) {
        return ref > 0 && ref < offsets.length ? (int) ref : check(ref, "type [" + from + "]");
    }

    private int at(int id) {
        return offsets[id > 0 && id < offsets.length ? id : check(id, "a reference")];
    }

    public int kind(int id) {
        return id == 0 ? 0 : (int) (types.u32(at(id) + 4) >>> 24) & 0x1f;
    }

    public int vlen(int id) {
        return (int) types.u32(at(id) + 4) & 0xffff;
    }

    /** The type's name ({@code ""} for anonymous types). */
    public String name(int id) {
        return strings.cString(types.u32(at(id)), () -> "the name of type [" + id + "]");
    }

    /** {@code size} of INT, STRUCT, UNION, ENUM, ENUM64, DATASEC, FLOAT. */
    public long size(int id) {
        return types.u32(at(id) + 8);
    }

    /** The type referred to by a PTR, TYPEDEF, modifier, FUNC, VAR or tag; 0 for void. */
    public int referenced(int id) {
        long ref = types.u32(at(id) + 8);
        if (ref != 0) {
            checkRef(ref, id);
        }
        return (int) ref;
    }

    /** An ARRAY's element type. */
    public int arrayElementType(int id) {
        long ref = types.u32(at(id) + TYPE_SIZE);
        return ref == 0 ? 0 : checkRef(ref, id);
    }

    /** An ARRAY's element count. */
    public long arrayLength(int id) {
        return types.u32(at(id) + TYPE_SIZE + 8);
    }

    /** The name of member {@code i} of a STRUCT or UNION. */
    public String memberName(int id, int i) {
        return strings.cString(
                types.u32(at(id) + TYPE_SIZE + 12L * i), () -> "the name of member " + i + " of type [" + id + "]");
    }

    /** The type of member {@code i} of a STRUCT or UNION. */
    public int memberType(int id, int i) {
        long ref = types.u32(at(id) + TYPE_SIZE + 12L * i + 4);
        return ref == 0 ? 0 : checkRef(ref, id);
    }

    /** The bit offset of member {@code i} of a STRUCT or UNION (the low 24 bits when kind_flag packs a bitfield size). */
    public long memberBitOffset(int id, int i) {
        long off = types.u32(at(id) + TYPE_SIZE + 12L * i + 8);
        boolean kindFlag = (types.u32(at(id) + 4) >>> 31) != 0;
        return kindFlag ? off & 0xff_ffff : off;
    }

    /** A VAR's linkage: 0 static, 1 global, 2 extern. */
    public long varLinkage(int id) {
        return types.u32(at(id) + TYPE_SIZE);
    }

    /** The VAR of entry {@code i} of a DATASEC. */
    public int secinfoType(int id, int i) {
        return checkRef(types.u32(at(id) + TYPE_SIZE + 12L * i), id);
    }

    /** The offset in its section of entry {@code i} of a DATASEC. */
    public long secinfoOffset(int id, int i) {
        return types.u32(at(id) + TYPE_SIZE + 12L * i + 4);
    }

    /** The size of entry {@code i} of a DATASEC. */
    public long secinfoSize(int id, int i) {
        return types.u32(at(id) + TYPE_SIZE + 12L * i + 8);
    }

    /** The id of the DATASEC with this name, or 0. */
    public int findDatasec(String name) {
        for (int id = 1; id < offsets.length; id++) {
            if (kind(id) == DATASEC && name.equals(name(id))) {
                return id;
            }
        }
        return 0;
    }

    /** libbpf's {@code skip_mods_and_typedefs}: follows TYPEDEF, VOLATILE, CONST, RESTRICT and TYPE_TAG. */
    public int skipModsAndTypedefs(int id) {
        for (int depth = 0; depth < MAX_RESOLVE_DEPTH; depth++) {
            int kind = kind(id);
            if (kind != TYPEDEF && kind != VOLATILE && kind != CONST && kind != RESTRICT && kind != TYPE_TAG) {
                return id;
            }
            id = referenced(id);
        }
        throw in.error(
                where, "type [%d]: more than %d modifiers and typedefs in a row (a cycle?)", id, MAX_RESOLVE_DEPTH);
    }

    /**
     * libbpf's {@code btf__resolve_size}: the size in bytes of a value of this type, following
     * typedefs, modifiers, VARs and tags and multiplying out arrays.
     *
     * @throws io.jxdp.asm.elf.ElfFormatException naming {@code what} if the type has no size
     *     (void, FWD, FUNC, ...), the chain is longer than 32 or the size exceeds 32 bits
     */
    public long resolveSize(int id, String what) {
        long elements = 1;
        for (int depth = 0; depth < MAX_RESOLVE_DEPTH && id != 0; depth++) {
            int kind = kind(id);
            switch (kind) {
                case INT, STRUCT, UNION, ENUM, ENUM64, DATASEC, FLOAT, PTR -> {
                    long size = kind == PTR ? POINTER_SIZE : size(id);
                    if (size != 0 && elements > 0xffff_ffffL / size) {
                        throw in.error(where, "%s: type [%d] is larger than 4 GiB", what, id);
                    }
                    return elements * size;
                }
                case TYPEDEF, VOLATILE, CONST, RESTRICT, VAR, DECL_TAG, TYPE_TAG -> id = referenced(id);
                case ARRAY -> {
                    long length = arrayLength(id);
                    if (elements != 0 && length > 0xffff_ffffL / elements) {
                        throw in.error(where, "%s: array type [%d] has 2^32 elements or more", what, id);
                    }
                    elements *= length;
                    id = arrayElementType(id);
                }
                default -> throw in.error(where, "%s: type [%d] %s has no size", what, id, kindName(kind));
            }
        }
        throw in.error(
                where,
                "%s: cannot determine the size of type [%d] (void, or a chain of more than %d types)",
                what,
                id,
                MAX_RESOLVE_DEPTH);
    }
}
