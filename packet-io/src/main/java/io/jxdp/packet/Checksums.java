package io.jxdp.packet;

/** The Internet checksum (RFC 1071): the ones' complement of the ones' complement sum of 16-bit words. */
final class Checksums {
    private Checksums() {}

    /** Adds {@code length} bytes as big-endian 16-bit words (an odd last byte padded with zero) to {@code sum}. */
    static int add(int sum, byte[] bytes, int offset, int length) {
        int end = offset + (length & ~1);
        for (int i = offset; i < end; i += 2) {
            sum += (bytes[i] & 0xFF) << 8 | (bytes[i + 1] & 0xFF);
        }
        if ((length & 1) != 0) {
            sum += (bytes[offset + length - 1] & 0xFF) << 8;
        }
        // Fold now and then so that any frame jxdp makes (at most 9216 bytes) cannot overflow.
        return (sum & 0xFFFF) + (sum >>> 16);
    }

    /** Adds a 32-bit value as two 16-bit words. */
    static int add(int sum, int value) {
        return sum + (value >>> 16) + (value & 0xFFFF);
    }

    /** Adds a 64-bit value as four 16-bit words. */
    static int add(int sum, long value) {
        return add(add(sum, (int) (value >>> 32)), (int) value);
    }

    /** The checksum field for a sum: folded to 16 bits, complemented. */
    static int finish(int sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return ~sum & 0xFFFF;
    }
}
