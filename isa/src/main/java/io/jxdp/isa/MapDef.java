package io.jxdp.isa;

import java.util.Arrays;
import java.util.Objects;

/**
 * A map a program declares: in text with the {@code .map} directive, in an ELF object in its
 * {@code .maps} section (BTF-defined) or {@code maps} section (legacy), or from global data
 * ({@code .data}, {@code .rodata}, {@code .bss}: one-entry arrays with initial contents).
 *
 * @param name the symbol programs refer to it by
 * @param type the map type
 * @param keySize key size in bytes
 * @param valueSize value size in bytes
 * @param maxEntries the capacity
 * @param flags the kernel's {@code map_flags} ({@code BPF_F_NO_PREALLOC}, {@code BPF_F_RDONLY_PROG}, ...)
 * @param initialValue the contents of entry 0 at creation (global data), or null
 * @param mapExtra the kernel's {@code map_extra}: for a bloom filter, the number of hash functions
 *     in its low 4 bits (0 means 5)
 * @param innerMap for {@code ARRAY_OF_MAPS} and {@code HASH_OF_MAPS}, the template every inner map
 *     must match (the kernel's {@code inner_map_fd}); null for other types
 */
@SuppressWarnings(
        "ArrayRecordComponent") // equals, hashCode and the accessor are written to compare and copy the contents
public record MapDef(
        String name,
        MapType type,
        int keySize,
        int valueSize,
        int maxEntries,
        int flags,
        byte[] initialValue,
        long mapExtra,
        MapDef innerMap) {

    /** {@code BPF_F_RDONLY_PROG}: programs may read the map's values but not write them. */
    public static final int F_RDONLY_PROG = 1 << 7;

    public MapDef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        initialValue = initialValue == null ? null : initialValue.clone();
    }

    public MapDef(String name, MapType type, int keySize, int valueSize, int maxEntries) {
        this(name, type, keySize, valueSize, maxEntries, 0, null);
    }

    public MapDef(
            String name, MapType type, int keySize, int valueSize, int maxEntries, int flags, byte[] initialValue) {
        this(name, type, keySize, valueSize, maxEntries, flags, initialValue, 0, null);
    }

    /** This definition with another capacity, as {@code bpf_map__set_max_entries} before loading. */
    public MapDef withMaxEntries(int newMaxEntries) {
        return new MapDef(name, type, keySize, valueSize, newMaxEntries, flags, initialValue, mapExtra, innerMap);
    }

    @Override
    public byte[] initialValue() {
        return initialValue == null ? null : initialValue.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MapDef m
                && name.equals(m.name)
                && type == m.type
                && keySize == m.keySize
                && valueSize == m.valueSize
                && maxEntries == m.maxEntries
                && flags == m.flags
                && Arrays.equals(initialValue, m.initialValue)
                && mapExtra == m.mapExtra
                && Objects.equals(innerMap, m.innerMap);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, keySize, valueSize, maxEntries, flags, mapExtra, innerMap) * 31
                + Arrays.hashCode(initialValue);
    }

    @Override
    public String toString() {
        return ".map " + name + " type=" + type.bpftoolName() + " key=" + keySize + " value=" + valueSize
                + " max_entries=" + maxEntries + (flags != 0 ? " flags=0x" + Integer.toHexString(flags) : "")
                + (mapExtra != 0 ? " extra=" + mapExtra : "")
                + (innerMap != null ? " inner=" + innerMap.name() : "");
    }
}
