package io.jxdp.isa.sem;

import io.jxdp.isa.Opcode;

/**
 * The byte-order operations, one method per width (the instruction's imm: 16, 32 or 64). jxdp
 * emulates a little-endian machine (as x86-64 and arm64 Linux are), so {@code le} only truncates
 * to the width, while {@code be} and {@code bswap} swap the low {@code width} bits; every result is
 * zero-extended. {@link #le} and {@link #swap} pick the method for a width.
 */
public final class ByteSwaps {
    private ByteSwaps() {}

    @Semantics(value = Opcode.LE, width = 16)
    public static long le16(long value) {
        return value & 0xffffL;
    }

    @Semantics(value = Opcode.LE, width = 32)
    public static long le32(long value) {
        return value & 0xffff_ffffL;
    }

    @Semantics(value = Opcode.LE, width = 64)
    public static long le64(long value) {
        return value;
    }

    @Semantics(
            value = {Opcode.BE, Opcode.BSWAP},
            width = 16)
    public static long swap16(long value) {
        return Character.reverseBytes((char) value);
    }

    @Semantics(
            value = {Opcode.BE, Opcode.BSWAP},
            width = 32)
    public static long swap32(long value) {
        return Integer.reverseBytes((int) value) & 0xffff_ffffL;
    }

    @Semantics(
            value = {Opcode.BE, Opcode.BSWAP},
            width = 64)
    public static long swap64(long value) {
        return Long.reverseBytes(value);
    }

    /** {@code le<width>}: the method for the width. */
    public static long le(long value, int width) {
        return switch (width) {
            case 16 -> le16(value);
            case 32 -> le32(value);
            case 64 -> le64(value);
            default -> throw new IllegalArgumentException("byte swap width " + width);
        };
    }

    /** {@code be<width>} and {@code bswap<width>}: the method for the width. */
    public static long swap(long value, int width) {
        return switch (width) {
            case 16 -> swap16(value);
            case 32 -> swap32(value);
            case 64 -> swap64(value);
            default -> throw new IllegalArgumentException("byte swap width " + width);
        };
    }
}
