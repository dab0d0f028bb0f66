package io.jxdp.asm.elf.internal;

import java.util.Arrays;
import java.util.function.Supplier;

/**
 * A bounds-checked little-endian view of a range of the file: a header, a section, a table. Reads
 * outside the range fail with an {@link io.jxdp.asm.elf.ElfFormatException} naming the window
 * ({@code section .BTF}) and the offset, so no caller needs its own check to stay safe.
 */
public final class Window {
    private final ElfInput in;
    private final int start;
    private final int size;
    private final String where;

    Window(ElfInput in, int start, int size, String where) {
        this.in = in;
        this.start = start;
        this.size = size;
        this.where = where;
    }

    /** The file offset of byte 0 of this window. */
    public int start() {
        return start;
    }

    public int size() {
        return size;
    }

    /** How errors name this window: {@code section xdp}; empty for the whole file (errors name the offset). */
    public String where() {
        return where;
    }

    public ElfInput input() {
        return in;
    }

    /**
     * A sub-window of {@code length} bytes at {@code offset}, or an error saying {@code what} does
     * not fit. Offsets and lengths are taken as unsigned 64-bit values.
     */
    public Window slice(long offset, long length, String subWhere, String what) {
        if (!fits(offset, length)) {
            throw in.error(
                    place(offset),
                    "%s: 0x%x + 0x%x is outside the %d bytes of %s",
                    what,
                    offset,
                    length,
                    size,
                    isFile() ? "the file" : where);
        }
        return new Window(in, start + (int) offset, (int) length, subWhere);
    }

    /** True if {@code length} bytes at {@code offset} lie inside the window (both unsigned). */
    public boolean fits(long offset, long length) {
        return offset >= 0 && length >= 0 && offset <= size && length <= size - offset;
    }

    private boolean isFile() {
        return where.isEmpty();
    }

    /** How an error at this offset names its place: the offset itself for the file, else the window. */
    public String place(long offset) {
        return isFile() ? "offset 0x" + Long.toHexString(offset) : where;
    }

    private void check(long offset, int width) {
        if (!fits(offset, width)) {
            throw in.error(
                    place(offset),
                    "a %d-byte field at 0x%x lies beyond the end of %s (%d bytes)",
                    width,
                    offset,
                    isFile() ? "the file" : where,
                    size);
        }
    }

    public int u8(long offset) {
        check(offset, 1);
        return in.bytes()[start + (int) offset] & 0xff;
    }

    public int u16(long offset) {
        check(offset, 2);
        byte[] b = in.bytes();
        int i = start + (int) offset;
        return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8;
    }

    /** A 32-bit field, as the signed Java int of the same bits. */
    public int s32(long offset) {
        check(offset, 4);
        byte[] b = in.bytes();
        int i = start + (int) offset;
        return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8 | (b[i + 2] & 0xff) << 16 | (b[i + 3] & 0xff) << 24;
    }

    /** A 32-bit field, unsigned. */
    public long u32(long offset) {
        return s32(offset) & 0xffff_ffffL;
    }

    /** A 64-bit field; values above {@code Long.MAX_VALUE} come out negative, callers treat them as huge. */
    public long u64(long offset) {
        return u32(offset) | (long) s32(offset + 4) << 32;
    }

    /** A copy of {@code length} bytes at {@code offset}. */
    public byte[] bytes(long offset, int length) {
        check(offset, length);
        int from = start + (int) offset;
        return Arrays.copyOfRange(in.bytes(), from, from + length);
    }

    /** A NUL-terminated name at {@code offset} of this string table. */
    public String cString(long offset, Supplier<String> what) {
        return in.cString(this, offset, what);
    }

    /** True if the name at {@code offset} of this string table is {@code name}. */
    public String cString(long offset, String what) {
        return in.cString(this, offset, () -> what);
    }

    /** True if the name at {@code offset} of this string table is {@code name}. */
    public boolean cStringEquals(long offset, byte[] name) {
        return in.cStringEquals(this, offset, name);
    }
}
