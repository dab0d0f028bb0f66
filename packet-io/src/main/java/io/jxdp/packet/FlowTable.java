package io.jxdp.packet;

/**
 * The legitimate flows of a {@link TrafficProfile}, made once from its seed: addresses, ports,
 * protocol, RSS hash and RX queue of each. IPv4 clients are in 198.18.0.0/16 and servers in
 * 198.19.0.0/24 (the benchmarking range of RFC 2544); IPv6 clients in 2001:db8:0:1::/64 and
 * servers in 2001:db8:0:2::/120 (the documentation range). Client ports are 1024-65535; TCP
 * servers listen on 80 or 443, UDP servers on 1024-65535 (never 9, the attack's port).
 * Collisions between random flows are possible and harmless.
 */
final class FlowTable {
    static final int ICMP = 1;
    static final int TCP = 6;
    static final int UDP = 17;
    static final int ICMPV6 = 58;

    static final int CLIENT4 = 0xC612_0000;
    static final int SERVER4 = 0xC613_0000;
    static final long CLIENT6_HIGH = 0x2001_0DB8_0000_0001L;
    static final long SERVER6_HIGH = 0x2001_0DB8_0000_0002L;

    final int count;
    final byte[] protocol;
    final boolean[] ipv6;
    /** IPv4: the address; IPv6: the low 64 bits under the client or server prefix. */
    final long[] source;

    final long[] destination;
    /** For ICMP, the source port holds the echo identifier. */
    final char[] sourcePort;

    final char[] destinationPort;
    final int[] hash;
    final int[] queue;
    final int[] flowsPerQueue;
    final int pinned;

    FlowTable(TrafficProfile profile, Toeplitz toeplitz) {
        count = profile.flows();
        protocol = new byte[count];
        ipv6 = new boolean[count];
        source = new long[count];
        destination = new long[count];
        sourcePort = new char[count];
        destinationPort = new char[count];
        hash = new int[count];
        queue = new int[count];
        flowsPerQueue = new int[profile.rxQueues()];
        SplitMix random = new SplitMix(profile.seed() ^ 0x466C_6F77_5461_626CL);

        int[] kinds = apportion(count, profile.tcpWeight(), profile.udpWeight(), profile.icmpWeight());
        int[] families = apportion(count, 1 - profile.ipv6Fraction(), profile.ipv6Fraction());
        int[] kindOf = spread(kinds, random);
        int[] familyOf = spread(families, random);
        pinned = (int) Math.round(profile.skew() * count);
        for (int f = 0; f < count; f++) {
            boolean v6 = familyOf[f] == 1;
            int proto = kindOf[f] == 0 ? TCP : kindOf[f] == 1 ? UDP : v6 ? ICMPV6 : ICMP;
            ipv6[f] = v6;
            protocol[f] = (byte) proto;
            long r = random.next();
            if (v6) {
                source[f] = random.next();
                destination[f] = 1 + (r & 0xFF) % 254;
            } else {
                source[f] = CLIENT4 | (r & 0xFFFF);
                destination[f] = SERVER4 | (1 + (r >>> 16 & 0xFF) % 254);
            }
            sourcePort[f] = (char) (1024 + (r >>> 24 & 0xFFFF) % (65536 - 1024));
            destinationPort[f] = (char)
                    (proto == TCP ? ((r >>> 40 & 1) == 0 ? 80 : 443) : 1024 + (r >>> 41 & 0xFFFF) % (65536 - 1024));
            boolean ports = proto == TCP || proto == UDP;
            hash[f] = v6
                    ? toeplitz.ipv6(
                            CLIENT6_HIGH,
                            source[f],
                            SERVER6_HIGH,
                            destination[f],
                            sourcePort[f],
                            destinationPort[f],
                            ports)
                    : toeplitz.ipv4((int) source[f], (int) destination[f], sourcePort[f], destinationPort[f], ports);
            // The first `pinned` flows are a random subset: their kinds were shuffled above.
            queue[f] = f < pinned ? 0 : Toeplitz.queue(hash[f], profile.rxQueues());
            flowsPerQueue[queue[f]]++;
        }
    }

    /** Splits {@code total} by the weights: floor shares, then the largest remainders get one more. */
    static int[] apportion(int total, double... weights) {
        double sum = 0;
        for (double w : weights) {
            sum += w;
        }
        int[] counts = new int[weights.length];
        double[] remainders = new double[weights.length];
        int given = 0;
        for (int i = 0; i < weights.length; i++) {
            double exact = total * weights[i] / sum;
            counts[i] = (int) Math.floor(exact);
            remainders[i] = exact - counts[i];
            given += counts[i];
        }
        for (; given < total; given++) {
            int best = 0;
            for (int i = 1; i < weights.length; i++) {
                if (remainders[i] > remainders[best]) {
                    best = i;
                }
            }
            counts[best]++;
            remainders[best] = -1;
        }
        return counts;
    }

    /** An array with counts[k] entries of k, shuffled (Fisher-Yates). */
    private static int[] spread(int[] counts, SplitMix random) {
        int total = 0;
        for (int c : counts) {
            total += c;
        }
        int[] out = new int[total];
        int at = 0;
        for (int k = 0; k < counts.length; k++) {
            for (int c = 0; c < counts[k]; c++) {
                out[at++] = k;
            }
        }
        for (int i = total - 1; i > 0; i--) {
            int j = random.below(i + 1);
            int t = out[i];
            out[i] = out[j];
            out[j] = t;
        }
        return out;
    }
}
