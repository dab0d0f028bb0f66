package io.jxdp.packet;

/**
 * The link types jxdp reads and how each becomes the Ethernet frame XDP expects. Captures taken
 * on Linux's "any" device (LINUX_SLL, LINUX_SLL2) and from tunnels (raw IP) are common enough to
 * be worth converting; their link header is replaced by a synthetic 14-byte Ethernet header:
 * destination all zeros (the SLL header does not keep it), source the SLL address when it is a
 * 6-byte Ethernet address (else zeros), EtherType the SLL protocol field or, for raw IP, 0x0800
 * or 0x86DD by the IP version nibble (0 when the packet is neither, so a parser treats it as
 * 802.3 and leaves it alone). SLL protocol values below 0x0600 (802.2, Novell, CAN) are kept
 * as they are and read as 802.3 lengths, as for any such Ethernet frame.
 */
final class LinkLayer {
    static final int ETHERNET = 1;
    static final int RAW = 101;
    static final int LINUX_SLL = 113;
    static final int IPV4 = 228;
    static final int IPV6 = 229;
    static final int LINUX_SLL2 = 276;

    static final int ETHERNET_HEADER = 14;
    /** The longest captured link header we replace (LINUX_SLL2). */
    static final int MAX_CAPTURED_HEADER = 20;

    private static final int ARPHRD_ETHER = 1;

    private LinkLayer() {}

    static boolean supported(int linkType) {
        return switch (linkType) {
            case ETHERNET, RAW, LINUX_SLL, IPV4, IPV6, LINUX_SLL2 -> true;
            default -> false;
        };
    }

    /** The message for a link type we refuse. */
    static String refusal(int linkType) {
        return "link type " + linkType
                + " is not supported (jxdp reads Ethernet 1, LINUX_SLL 113, LINUX_SLL2 276, raw IP 101/228/229)";
    }

    /** Bytes of captured link header that the synthetic Ethernet header replaces (0 for Ethernet and raw IP). */
    static int capturedHeaderLength(int linkType) {
        return switch (linkType) {
            case LINUX_SLL -> 16;
            case LINUX_SLL2 -> 20;
            default -> 0;
        };
    }

    static boolean synthesised(int linkType) {
        return linkType != ETHERNET;
    }

    static String name(int linkType) {
        return switch (linkType) {
            case LINUX_SLL -> "LINUX_SLL";
            case LINUX_SLL2 -> "LINUX_SLL2";
            default -> "link";
        };
    }

    /**
     * Writes the synthetic Ethernet header into {@code out[0, 14)}.
     *
     * @param header the captured link header (SLL fields are big-endian whatever the file's order)
     * @param firstPayloadByte the first byte after the link header, or -1 if the packet has none
     */
    static void writeEthernetHeader(int linkType, byte[] header, int firstPayloadByte, byte[] out) {
        java.util.Arrays.fill(out, 0, ETHERNET_HEADER, (byte) 0);
        int etherType;
        int hardwareType;
        int addressLength;
        int addressAt;
        switch (linkType) {
            case LINUX_SLL -> {
                hardwareType = be16(header, 2);
                addressLength = be16(header, 4);
                addressAt = 6;
                etherType = be16(header, 14);
            }
            case LINUX_SLL2 -> {
                etherType = be16(header, 0);
                hardwareType = be16(header, 8);
                addressLength = header[11] & 0xFF;
                addressAt = 12;
            }
            default -> {
                hardwareType = 0;
                addressLength = 0;
                addressAt = 0;
                int version = firstPayloadByte < 0 ? 0 : firstPayloadByte >>> 4;
                if (linkType == IPV4) {
                    version = 4;
                } else if (linkType == IPV6) {
                    version = 6;
                }
                etherType = version == 4 ? 0x0800 : version == 6 ? 0x86DD : 0;
            }
        }
        if (hardwareType == ARPHRD_ETHER && addressLength == 6) {
            System.arraycopy(header, addressAt, out, 6, 6);
        }
        out[12] = (byte) (etherType >>> 8);
        out[13] = (byte) etherType;
    }

    private static int be16(byte[] b, int at) {
        return (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF);
    }
}
