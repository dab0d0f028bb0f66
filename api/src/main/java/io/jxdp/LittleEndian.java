package io.jxdp;

/**
 * Numbers as map keys and values hold them: little-endian, as on x86-64 and arm64, whose kernels
 * store a {@code __u32} key that way.
 */
final class LittleEndian {
    private LittleEndian() {}

    /** {@code value} in {@code size} bytes (1, 2, 4 or 8); refuses a value the size cannot hold. */
    static byte[] encode(long value, int size, String what) {
        if (size != 1 && size != 2 && size != 4 && size != 8) {
            throw new IllegalArgumentException(what + " has " + size + " bytes, not 1, 2, 4 or 8: give it as a byte[]");
        }
        if (size < 8 && value >>> (8 * size) != 0 && value >> (8 * size - 1) != -1) {
            throw new IllegalArgumentException(what + " has " + size + " bytes: " + value + " does not fit");
        }
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (value >>> (8 * i));
        }
        return b;
    }

    /** The unsigned number in {@code b[at, at + size)}. */
    static long decode(byte[] b, int at, int size, String what) {
        if (size != 1 && size != 2 && size != 4 && size != 8) {
            throw new IllegalArgumentException(what + " has " + size + " bytes, not 1, 2, 4 or 8: read it as a byte[]");
        }
        long v = 0;
        for (int i = size - 1; i >= 0; i--) {
            v = v << 8 | (b[at + i] & 0xffL);
        }
        return v;
    }
}
