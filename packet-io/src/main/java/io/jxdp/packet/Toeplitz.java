package io.jxdp.packet;

/**
 * The Toeplitz hash NICs use for receive-side scaling (Microsoft RSS): for every set bit of the
 * input, counting from the most significant bit of the first byte, XOR in the 32 key bits that
 * start at the same bit position. The input for TCP/UDP is source address, destination address,
 * source port, destination port (network byte order); for other IP traffic the two addresses.
 *
 * <p>Because the hash is a XOR over input bits, it is precomputed per input position and byte
 * value: hashing 12 bytes (IPv4 with ports) is 12 table reads. Parts of an input can be hashed
 * separately at their positions and XORed together, which lets a caller hash a tuple in place.
 */
public final class Toeplitz {
    /** The default key of the Microsoft RSS specification (also the default of many drivers). */
    private static final byte[] MICROSOFT_KEY = {
        (byte) 0x6d, (byte) 0x5a, (byte) 0x56, (byte) 0xda, (byte) 0x25, (byte) 0x5b, (byte) 0x0e, (byte) 0xc2,
        (byte) 0x41, (byte) 0x67, (byte) 0x25, (byte) 0x3d, (byte) 0x43, (byte) 0xa3, (byte) 0x8f, (byte) 0xb0,
        (byte) 0xd0, (byte) 0xca, (byte) 0x2b, (byte) 0xcb, (byte) 0xae, (byte) 0x7b, (byte) 0x30, (byte) 0xb4,
        (byte) 0x77, (byte) 0xcb, (byte) 0x2d, (byte) 0xa3, (byte) 0x80, (byte) 0x30, (byte) 0xf2, (byte) 0x0c,
        (byte) 0x6a, (byte) 0x42, (byte) 0xb7, (byte) 0x3b, (byte) 0xbe, (byte) 0xac, (byte) 0x01, (byte) 0xfa,
    };

    /** A hasher with the Microsoft key: inputs up to 36 bytes (an IPv6 address pair and ports). */
    public static final Toeplitz MICROSOFT = new Toeplitz(MICROSOFT_KEY);

    private final byte[] key;
    /** table[position * 256 + value]: the hash of a single input byte at that position. */
    private final int[] table;

    private final int maxInput;

    /** @param key at least 5 bytes; the longest input hashed is {@code key.length - 4} bytes */
    public Toeplitz(byte[] key) {
        if (key.length < 5) {
            throw new IllegalArgumentException("a Toeplitz key needs at least 5 bytes, got " + key.length);
        }
        this.key = key.clone();
        this.maxInput = key.length - 4;
        this.table = new int[maxInput * 256];
        for (int position = 0; position < maxInput; position++) {
            for (int bit = 0; bit < 8; bit++) {
                int window = window(position * 8 + bit);
                int mask = 0x80 >>> bit;
                for (int value = 0; value < 256; value++) {
                    if ((value & mask) != 0) {
                        table[position * 256 + value] ^= window;
                    }
                }
            }
        }
    }

    /** The key's copy. */
    public byte[] key() {
        return key.clone();
    }

    /** The longest input this key can hash. */
    public int maxInput() {
        return maxInput;
    }

    /** Hash of {@code input[offset, offset + length)}. */
    public int hash(byte[] input, int offset, int length) {
        return hashAt(0, input, offset, length);
    }

    /**
     * The contribution of {@code length} input bytes that sit at {@code position} in the hashed
     * input. XOR the contributions of all parts to get the hash of the whole.
     */
    public int hashAt(int position, byte[] input, int offset, int length) {
        checkRange(position, length);
        int h = 0;
        int base = position * 256;
        for (int i = 0; i < length; i++) {
            h ^= table[base + (input[offset + i] & 0xFF)];
            base += 256;
        }
        return h;
    }

    /** The contribution of a 32-bit big-endian value (an IPv4 address) at {@code position}. */
    public int hashInt(int position, int value) {
        checkRange(position, 4);
        int base = position * 256;
        return table[base + (value >>> 24)]
                ^ table[base + 256 + (value >>> 16 & 0xFF)]
                ^ table[base + 512 + (value >>> 8 & 0xFF)]
                ^ table[base + 768 + (value & 0xFF)];
    }

    /** The contribution of a 16-bit big-endian value (a port) at {@code position}. */
    public int hashShort(int position, int value) {
        checkRange(position, 2);
        int base = position * 256;
        return table[base + (value >>> 8 & 0xFF)] ^ table[base + 256 + (value & 0xFF)];
    }

    /** The contribution of a 64-bit big-endian value (half an IPv6 address) at {@code position}. */
    public int hashLong(int position, long value) {
        return hashInt(position, (int) (value >>> 32)) ^ hashInt(position + 4, (int) value);
    }

    /** Hash of an IPv4 pair and, for TCP/UDP, ports (pass {@code withPorts} false for other protocols). */
    public int ipv4(int source, int destination, int sourcePort, int destinationPort, boolean withPorts) {
        int h = hashInt(0, source) ^ hashInt(4, destination);
        return withPorts ? h ^ hashShort(8, sourcePort) ^ hashShort(10, destinationPort) : h;
    }

    /** Hash of an IPv6 pair (each address as two big-endian halves) and, optionally, ports. */
    public int ipv6(
            long sourceHigh,
            long sourceLow,
            long destinationHigh,
            long destinationLow,
            int sourcePort,
            int destinationPort,
            boolean withPorts) {
        int h = hashLong(0, sourceHigh)
                ^ hashLong(8, sourceLow)
                ^ hashLong(16, destinationHigh)
                ^ hashLong(24, destinationLow);
        return withPorts ? h ^ hashShort(32, sourcePort) ^ hashShort(34, destinationPort) : h;
    }

    /**
     * The RSS hash a NIC computes for an Ethernet frame: up to two VLAN tags (0x8100, 0x88A8) are
     * skipped; IPv4 and IPv6 hash their addresses, plus the ports for TCP and UDP when the packet
     * is not a fragment and its ports are present (UDP is hashed with ports, as with ethtool's
     * {@code rx-flow-hash udp4 sdfn}; IPv6 extension headers are not walked, as many NICs do not).
     * Anything else hashes to 0, as NICs put non-IP traffic on queue 0. Use it to spread frames
     * read from a capture over RX queues the way the generator spreads its own.
     */
    public int hashFrame(byte[] frame, int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, frame.length);
        int end = offset + length;
        int at = offset + 12;
        if (at + 2 > end) {
            return 0;
        }
        int etherType = be16(frame, at);
        for (int tags = 0; tags < 2 && (etherType == 0x8100 || etherType == 0x88A8) && at + 6 <= end; tags++) {
            at += 4;
            etherType = be16(frame, at);
        }
        int ip = at + 2;
        if (etherType == 0x0800 && ip + 20 <= end && maxInput >= 12) {
            int headerLength = (frame[ip] & 0x0F) * 4;
            int protocol = frame[ip + 9] & 0xFF;
            boolean fragment = (be16(frame, ip + 6) & 0x3FFF) != 0;
            int l4 = ip + headerLength;
            int h = hashAt(0, frame, ip + 12, 8);
            boolean ports = !fragment && headerLength >= 20 && (protocol == 6 || protocol == 17) && l4 + 4 <= end;
            return ports ? h ^ hashAt(8, frame, l4, 4) : h;
        }
        if (etherType == 0x86DD && ip + 40 <= end && maxInput >= 36) {
            int next = frame[ip + 6] & 0xFF;
            int l4 = ip + 40;
            int h = hashAt(0, frame, ip + 8, 32);
            boolean ports = (next == 6 || next == 17) && l4 + 4 <= end;
            return ports ? h ^ hashAt(32, frame, l4, 4) : h;
        }
        return 0;
    }

    private static int be16(byte[] b, int at) {
        return (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF);
    }

    /** The RX queue a NIC with {@code queues} queues gives a hash: the hash modulo the queue count. */
    public static int queue(int hash, int queues) {
        return Integer.remainderUnsigned(hash, queues);
    }

    /** The 32 key bits starting at bit {@code bit} (bit 0 is the top bit of key[0]). */
    private int window(int bit) {
        long bits = 0;
        for (int i = 0; i < 5; i++) {
            int at = bit / 8 + i;
            bits = bits << 8 | (at < key.length ? key[at] & 0xFF : 0);
        }
        return (int) (bits >>> (8 - bit % 8));
    }

    private void checkRange(int position, int length) {
        if (position < 0 || length < 0 || position + length > maxInput) {
            throw new IndexOutOfBoundsException("input bytes [" + position + ", " + (position + length)
                    + ") are beyond the " + maxInput + " bytes this key hashes");
        }
    }
}
