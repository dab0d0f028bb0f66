package io.jxdp.packet;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A test's own parse of a generated frame, with the checksums verified by a separate
 * computation: summing a header or segment with its checksum in place must give 0xFFFF.
 */
record ParsedFrame(
        List<Integer> vlanTpids,
        List<Integer> vlanIds,
        int etherType,
        int ipVersion,
        int protocol,
        String source,
        String destination,
        int sourcePort,
        int destinationPort,
        int ipChecksumSum,
        int l4ChecksumSum,
        int l4ChecksumField,
        int payloadOffset,
        int length) {

    /** The flow's identity, for "same flow, same queue" checks. */
    String flowKey() {
        return protocol + " " + source + ":" + sourcePort + " > " + destination + ":" + destinationPort;
    }

    static ParsedFrame parse(byte[] bytes, int offset, int length) {
        ByteBuffer b = ByteBuffer.wrap(bytes, offset, length).slice();
        b.position(12);
        List<Integer> tpids = new ArrayList<>();
        List<Integer> ids = new ArrayList<>();
        int etherType = b.getShort() & 0xFFFF;
        while (etherType == 0x8100 || etherType == 0x88A8) {
            tpids.add(etherType);
            ids.add(b.getShort() & 0x0FFF);
            etherType = b.getShort() & 0xFFFF;
        }
        int ip = b.position();
        int version = (b.get(ip) & 0xFF) >>> 4;
        int protocol;
        int l4;
        int l4Length;
        long pseudo;
        String source;
        String destination;
        int ipSum = 0xFFFF;
        if (version == 4) {
            int ihl = (b.get(ip) & 0x0F) * 4;
            int total = b.getShort(ip + 2) & 0xFFFF;
            if (ip + total != length) {
                throw new AssertionError("IPv4 total length " + total + " does not fill the " + length + "-byte frame");
            }
            protocol = b.get(ip + 9) & 0xFF;
            ipSum = onesComplementSum(b, ip, ihl, 0);
            source = ipv4(b, ip + 12);
            destination = ipv4(b, ip + 16);
            l4 = ip + ihl;
            l4Length = total - ihl;
            pseudo = protocol == 1 ? 0 : words(b, ip + 12, 8) + protocol + l4Length;
        } else if (version == 6) {
            l4Length = b.getShort(ip + 4) & 0xFFFF;
            if (ip + 40 + l4Length != length) {
                throw new AssertionError(
                        "IPv6 payload length " + l4Length + " does not fill the " + length + "-byte frame");
            }
            protocol = b.get(ip + 6) & 0xFF;
            source = ipv6(b, ip + 8);
            destination = ipv6(b, ip + 24);
            l4 = ip + 40;
            pseudo = words(b, ip + 8, 32) + l4Length + protocol;
        } else {
            throw new AssertionError("not IP: version " + version);
        }
        int sourcePort = 0;
        int destinationPort = 0;
        int checksumField;
        int header;
        if (protocol == 6 || protocol == 17) {
            sourcePort = b.getShort(l4) & 0xFFFF;
            destinationPort = b.getShort(l4 + 2) & 0xFFFF;
            header = protocol == 6 ? (b.get(l4 + 12) & 0xFF) >>> 4 << 2 : 8;
            checksumField = b.getShort(l4 + (protocol == 6 ? 16 : 6)) & 0xFFFF;
            if (protocol == 17 && (b.getShort(l4 + 4) & 0xFFFF) != l4Length) {
                throw new AssertionError("UDP length does not match the IP length");
            }
        } else {
            sourcePort = b.getShort(l4 + 4) & 0xFFFF; // echo identifier
            header = 8;
            checksumField = b.getShort(l4 + 2) & 0xFFFF;
        }
        int l4Sum = onesComplementSum(b, l4, l4Length, pseudo);
        return new ParsedFrame(
                tpids,
                ids,
                etherType,
                version,
                protocol,
                source,
                destination,
                sourcePort,
                destinationPort,
                ipSum,
                l4Sum,
                checksumField,
                l4 + header,
                length);
    }

    /** The folded ones' complement sum of a byte range plus {@code extra}, computed with a long accumulator. */
    static int onesComplementSum(ByteBuffer b, int at, int length, long extra) {
        long sum = extra + words(b, at, length);
        while (sum > 0xFFFF) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) sum;
    }

    private static long words(ByteBuffer b, int at, int length) {
        long sum = 0;
        for (int i = 0; i < length; i += 2) {
            int hi = b.get(at + i) & 0xFF;
            int lo = i + 1 < length ? b.get(at + i + 1) & 0xFF : 0;
            sum += hi << 8 | lo;
        }
        return sum;
    }

    private static String ipv4(ByteBuffer b, int at) {
        return (b.get(at) & 0xFF) + "." + (b.get(at + 1) & 0xFF) + "." + (b.get(at + 2) & 0xFF) + "."
                + (b.get(at + 3) & 0xFF);
    }

    private static String ipv6(ByteBuffer b, int at) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 16; i += 2) {
            s.append(i == 0 ? "" : ":").append(Integer.toHexString(b.getShort(at + i) & 0xFFFF));
        }
        return s.toString();
    }
}
