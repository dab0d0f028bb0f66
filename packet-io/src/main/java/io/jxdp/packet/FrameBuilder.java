package io.jxdp.packet;

import java.util.Arrays;

/**
 * Writes one generated frame into a caller's buffer, every byte of it (buffers are recycled, so
 * nothing may be left from the previous packet), with correct IPv4 header, TCP, UDP (never 0:
 * computed for IPv4 too), ICMP and ICMPv6 checksums.
 *
 * <p>Layout: destination MAC 02:00:00:00:00:02 (the device under test), source MAC
 * 02:00:00:00:00:01, the VLAN tags, then IP. The IP packet fills the frame: there is never
 * Ethernet padding, so a 60-byte IPv4/TCP frame carries 6 payload bytes. IPv4: TTL 64, the
 * identification is the packet's sequence number, DF for TCP. IPv6: hop limit 64, no flow label.
 * TCP: PSH|ACK, window 65535, the sequence number advancing with the packet sequence. ICMP:
 * echo requests (id from the flow, sequence from the packet). The payload is zeros, starting
 * with the magic "jxdp" and the 64-bit packet sequence number when there are 12 bytes for them,
 * so a frame seen anywhere in the pipeline can be traced back to its place in the stream.
 */
final class FrameBuilder {
    static final int PAYLOAD_MAGIC = 0x6A78_6470; // "jxdp"
    private static final long DESTINATION_MAC = 0x0200_0000_0002L;
    private static final long SOURCE_MAC = 0x0200_0000_0001L;

    private final int frameSize;
    private final int[] vlanIds;
    private final int l2;

    FrameBuilder(TrafficProfile profile) {
        this.frameSize = profile.frameSize();
        this.vlanIds = profile.vlanIds();
        this.l2 = 14 + 4 * vlanIds.length;
    }

    /** The frame's length: the profile's frame size, or more when the headers need it. */
    int frameLength(boolean ipv6, int protocol) {
        int headers = l2 + (ipv6 ? 40 : 20) + (protocol == FlowTable.TCP ? 20 : 8);
        return Math.max(frameSize, headers);
    }

    /** The longest frame any flow of this profile gets. */
    int maxFrameLength() {
        return frameLength(true, FlowTable.TCP);
    }

    int writeIpv4(
            byte[] b,
            int offset,
            int protocol,
            int source,
            int destination,
            int sourcePort,
            int destinationPort,
            int flowSalt,
            long sequence) {
        int length = frameLength(false, protocol);
        java.util.Objects.checkFromIndexSize(offset, length, b.length);
        int ip = ethernet(b, offset, 0x0800);
        int total = length - (ip - offset);
        b[ip] = 0x45;
        b[ip + 1] = 0;
        put16(b, ip + 2, total);
        put16(b, ip + 4, (int) sequence);
        put16(b, ip + 6, protocol == FlowTable.TCP ? 0x4000 : 0);
        b[ip + 8] = 64;
        b[ip + 9] = (byte) protocol;
        put16(b, ip + 10, 0);
        put32(b, ip + 12, source);
        put32(b, ip + 16, destination);
        put16(b, ip + 10, Checksums.finish(Checksums.add(0, b, ip, 20)));
        int l4 = ip + 20;
        int l4Length = total - 20;
        int pseudo = protocol == FlowTable.ICMP
                ? 0
                : Checksums.add(Checksums.add(Checksums.add(0, source), destination), protocol + l4Length);
        transport(b, l4, l4Length, protocol, sourcePort, destinationPort, flowSalt, sequence, pseudo);
        return length;
    }

    int writeIpv6(
            byte[] b,
            int offset,
            int protocol,
            long sourceHigh,
            long sourceLow,
            long destinationHigh,
            long destinationLow,
            int sourcePort,
            int destinationPort,
            int flowSalt,
            long sequence) {
        int length = frameLength(true, protocol);
        java.util.Objects.checkFromIndexSize(offset, length, b.length);
        int ip = ethernet(b, offset, 0x86DD);
        int l4Length = length - (ip - offset) - 40;
        put32(b, ip, 0x6000_0000);
        put16(b, ip + 4, l4Length);
        b[ip + 6] = (byte) protocol;
        b[ip + 7] = 64;
        put64(b, ip + 8, sourceHigh);
        put64(b, ip + 16, sourceLow);
        put64(b, ip + 24, destinationHigh);
        put64(b, ip + 32, destinationLow);
        // ICMPv6, unlike ICMP, covers the pseudo-header too (RFC 4443).
        int pseudo = Checksums.add(
                Checksums.add(Checksums.add(Checksums.add(0, sourceHigh), sourceLow), destinationHigh), destinationLow);
        pseudo = Checksums.add(pseudo, l4Length);
        pseudo = Checksums.add(pseudo, protocol);
        transport(b, ip + 40, l4Length, protocol, sourcePort, destinationPort, flowSalt, sequence, pseudo);
        return length;
    }

    /** Writes MACs, tags and the EtherType; returns where the IP header starts. */
    private int ethernet(byte[] b, int offset, int etherType) {
        put16(b, offset, (int) (DESTINATION_MAC >>> 32));
        put32(b, offset + 2, (int) DESTINATION_MAC);
        put16(b, offset + 6, (int) (SOURCE_MAC >>> 32));
        put32(b, offset + 8, (int) SOURCE_MAC);
        int at = offset + 12;
        for (int i = 0; i < vlanIds.length; i++) {
            // Two tags: an 802.1ad service tag outside an 802.1Q customer tag.
            put16(b, at, vlanIds.length == 2 && i == 0 ? 0x88A8 : 0x8100);
            put16(b, at + 2, vlanIds[i]);
            at += 4;
        }
        put16(b, at, etherType);
        return at + 2;
    }

    private void transport(
            byte[] b,
            int l4,
            int l4Length,
            int protocol,
            int sourcePort,
            int destinationPort,
            int flowSalt,
            long sequence,
            int pseudo) {
        int header;
        int checksumAt;
        switch (protocol) {
            case FlowTable.TCP -> {
                header = 20;
                put16(b, l4, sourcePort);
                put16(b, l4 + 2, destinationPort);
                put32(b, l4 + 4, flowSalt + (int) sequence * (l4Length - header));
                put32(b, l4 + 8, Integer.rotateLeft(flowSalt, 16));
                b[l4 + 12] = 5 << 4;
                b[l4 + 13] = 0x18; // PSH|ACK
                put16(b, l4 + 14, 0xFFFF);
                put16(b, l4 + 18, 0);
                checksumAt = l4 + 16;
            }
            case FlowTable.UDP -> {
                header = 8;
                put16(b, l4, sourcePort);
                put16(b, l4 + 2, destinationPort);
                put16(b, l4 + 4, l4Length);
                checksumAt = l4 + 6;
            }
            default -> { // ICMP or ICMPv6 echo request
                header = 8;
                b[l4] = (byte) (protocol == FlowTable.ICMPV6 ? 128 : 8);
                b[l4 + 1] = 0;
                put16(b, l4 + 4, sourcePort);
                put16(b, l4 + 6, (int) sequence);
                checksumAt = l4 + 2;
            }
        }
        put16(b, checksumAt, 0);
        int payload = l4 + header;
        int payloadLength = l4Length - header;
        Arrays.fill(b, payload, payload + payloadLength, (byte) 0);
        if (payloadLength >= 12) {
            put32(b, payload, PAYLOAD_MAGIC);
            put64(b, payload + 4, sequence);
        }
        int checksum = Checksums.finish(Checksums.add(pseudo, b, l4, l4Length));
        if (checksum == 0 && protocol == FlowTable.UDP) {
            checksum = 0xFFFF; // 0 means "no checksum" in UDP (and is forbidden over IPv6)
        }
        put16(b, checksumAt, checksum);
    }

    private static void put16(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 8);
        b[at + 1] = (byte) v;
    }

    private static void put32(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    private static void put64(byte[] b, int at, long v) {
        put32(b, at, (int) (v >>> 32));
        put32(b, at + 4, (int) v);
    }
}
