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
 */
@SuppressWarnings(
        "ArrayRecordComponent") // equals, hashCode and the accessor are written to compare and copy the contents
public record MapDef(
        String name, MapType type, int keySize, int valueSize, int maxEntries, int flags, byte[] initialValue) {

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
                && Arrays.equals(initialValue, m.initialValue);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, keySize, valueSize, maxEntries, flags) * 31 + Arrays.hashCode(initialValue);
    }

    @Override
    public String toString() {
        return ".map " + name + " type=" + type.bpftoolName() + " key=" + keySize + " value=" + valueSize
                + " max_entries=" + maxEntries + (flags != 0 ? " flags=0x" + Integer.toHexString(flags) : "");
    }
}
