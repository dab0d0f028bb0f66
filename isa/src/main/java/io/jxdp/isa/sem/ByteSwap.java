package io.jxdp.isa.sem;

/**
 * The byte-order operations. jxdp emulates a little-endian machine (as x86-64 and arm64 Linux
 * are), so {@code le} only truncates to the width and {@code be} and {@code bswap} swap the low
 * {@code width} bits; both zero-extend the result.
 */
public final class ByteSwap {
    private ByteSwap() {}

    /** {@code le16}, {@code le32}, {@code le64}: keep the low {@code width} bits. */
    public static long toLe(long value, int width) {
        return switch (width) {
            case 16 -> value & 0xffffL;
            case 32 -> value & 0xffff_ffffL;
            case 64 -> value;
            default -> throw new IllegalArgumentException("byte swap width " + width);
        };
    }

    /** {@code be16/32/64} and {@code bswap16/32/64}: swap the low {@code width} bits. */
    public static long swap(long value, int width) {
        return switch (width) {
            case 16 -> swap16(value);
            case 32 -> swap32(value);
            case 64 -> Long.reverseBytes(value);
            default -> throw new IllegalArgumentException("byte swap width " + width);
        };
    }

    public static long swap16(long value) {
        return Character.reverseBytes((char) value);
    }

    public static long swap32(long value) {
        return Integer.reverseBytes((int) value) & 0xffff_ffffL;
    }
}
