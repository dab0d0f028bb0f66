package io.jxdp.xdp;

import io.jxdp.packet.FlowTuple;
import io.jxdp.packet.TrafficGenerator;
import io.jxdp.vm.maps.BpfMap;
import java.util.HashMap;
import java.util.Map;

/**
 * Emulated applications bound to CPUs, each owning flows (the sockets it accepted), and the socket
 * flow table the kernel's RFS keeps for them: {@code sock_rps_record_flow_hash} writes, on the CPU
 * where the application calls recvmsg/sendmsg, {@code (hash & ~rps_cpu_mask) | cpu} at {@code hash &
 * mask} of {@code rps_sock_flow_table}. Flow {@code f} of the generator belongs to the application
 * on {@code cpus[f mod cpus.length]}: the generator's flows come in random order, so this owner
 * depends neither on the NIC's RSS hash nor on the steering programs' flow hash.
 */
public final class Applications {
    /** The map the RFS program ({@code rfs_steer.bpf}) reads. */
    public static final String TABLE = "sock_flow_table";
    /** An entry no application recorded (net/core/sysctl_net_core.c initialises every entry to it). */
    static final int RPS_NO_CPU = 0xffff;
    /** roundup_pow_of_two(nr_cpu_ids) - 1 for the programs' MAX_CPUS of 12. */
    static final int RPS_CPU_MASK = 15;

    private static final int HASH_INITVAL = 15485863;
    private static final int TCP = 6;
    private static final int UDP = 17;

    private final int[] cpus;
    private final Map<FlowKey, Integer> owner = new HashMap<>();
    /** Owned flows in accept order: the order the applications record them in the table. */
    private final int[] hashes;

    private final int[] ownerCpus;

    private Applications(int[] cpus, int flows) {
        this.cpus = cpus.clone();
        this.hashes = new int[flows];
        this.ownerCpus = new int[flows];
    }

    /** The applications on {@code cpus} owning the IPv4 flows of {@code generator} (IPv6 flows have none). */
    public static Applications of(TrafficGenerator generator, int[] cpus) {
        if (cpus.length == 0) {
            throw new IllegalArgumentException("applications need at least one CPU");
        }
        for (int cpu : cpus) {
            if (cpu < 0 || cpu > RPS_CPU_MASK) {
                throw new IllegalArgumentException("an application CPU must be 0 to " + RPS_CPU_MASK + ", got " + cpu);
            }
        }
        Applications apps = new Applications(cpus, generator.flowCount());
        for (int f = 0; f < generator.flowCount(); f++) {
            FlowTuple t = generator.flow(f);
            int cpu = cpus[f % cpus.length];
            apps.ownerCpus[f] = t.ipv6() ? -1 : cpu;
            if (!t.ipv6()) {
                apps.owner.put(FlowKey.of(t), cpu);
                apps.hashes[f] = flowHash(t);
            }
        }
        return apps;
    }

    /** The CPUs the applications run on. */
    public int[] cpus() {
        return cpus.clone();
    }

    /**
     * Writes the socket flow table as the applications' recvmsg calls would leave it: every entry
     * {@code RPS_NO_CPU}, then each owned flow's record in accept order (a later flow whose hash
     * lands on the same entry overwrites it, as in the kernel).
     *
     * @return how many flows lost their entry to a later flow (their frames fall back to spreading)
     */
    public int record(BpfMap table) {
        int entries = table.maxEntries();
        if (Integer.bitCount(entries) != 1 || table.keySize() != 4 || table.userValueSize() != 4) {
            throw new IllegalArgumentException(TABLE + " must be an array of a power of two u32 entries");
        }
        for (int i = 0; i < entries; i++) {
            table.update(le32(i), le32(RPS_NO_CPU), 0);
        }
        int[] writer = new int[entries];
        java.util.Arrays.fill(writer, -1);
        int overwritten = 0;
        for (int f = 0; f < ownerCpus.length; f++) {
            if (ownerCpus[f] >= 0) {
                int hash = hashes[f];
                int index = hash & (entries - 1);
                if (writer[index] >= 0) {
                    overwritten++;
                }
                writer[index] = f;
                table.update(le32(index), le32((hash & ~RPS_CPU_MASK) | ownerCpus[f]), 0);
            }
        }
        return overwritten;
    }

    /** The CPU of the application owning the frame's flow, or -1 when no application owns it. */
    public int ownerOf(byte[] b, int off, int len) {
        FlowKey k = FlowKey.of(b, off, len);
        if (k == null) {
            return -1;
        }
        Integer cpu = owner.get(k);
        return cpu == null ? -1 : cpu;
    }

    /**
     * The steering programs' flow hash ({@code flow_hash} in programs/c/flow.h): SuperFastHash over
     * the addresses and the ports as the program loads them, little-endian words of network-order
     * bytes. A mirror, because the kernel's applications record {@code sk_rxhash}, the hash their
     * frames arrived with, and jxdp's applications record before any frame arrives.
     */
    static int flowHash(FlowTuple t) {
        int ports = t.protocol() == TCP || t.protocol() == UDP
                ? Integer.reverseBytes(t.sourcePort() << 16 | t.destinationPort())
                : 0;
        int saddr = Integer.reverseBytes((int) t.source());
        int daddr = Integer.reverseBytes((int) t.destination());
        return hashWord(saddr ^ ports, hashWord(daddr, HASH_INITVAL + t.protocol()));
    }

    /** Paul Hsieh's SuperFastHash over one 32-bit word ({@code hash_word} in programs/c/common.h). */
    static int hashWord(int word, int seed) {
        int hash = seed + (word & 0xffff);
        int tmp = ((word >>> 16) << 11) ^ hash;
        hash = (hash << 16) ^ tmp;
        hash += hash >>> 11;
        hash ^= hash << 3;
        hash += hash >>> 5;
        hash ^= hash << 4;
        hash += hash >>> 17;
        hash ^= hash << 25;
        hash += hash >>> 6;
        return hash;
    }

    private static byte[] le32(int v) {
        return new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)};
    }

    /** An IPv4 flow as its frames show it: addresses, protocol, ports (ICMP: the echo identifier). */
    private record FlowKey(long addresses, long protocolAndPorts) {
        static FlowKey of(FlowTuple t) {
            long ports = t.protocol() == TCP || t.protocol() == UDP
                    ? (long) t.sourcePort() << 16 | t.destinationPort()
                    : t.sourcePort();
            return new FlowKey(
                    (t.source() & 0xffffffffL) << 32 | (t.destination() & 0xffffffffL),
                    (long) t.protocol() << 32 | ports);
        }

        /** The key of an Ethernet (up to two VLAN tags) IPv4 frame's flow, or null for anything else. */
        static FlowKey of(byte[] b, int off, int len) {
            int end = off + len;
            int at = off + 12;
            for (int tags = 0; tags <= 2; tags++) {
                if (at + 2 > end) {
                    return null;
                }
                int type = u16(b, at);
                if (type == 0x0800) {
                    return ipv4(b, at + 2, end);
                }
                if (type != 0x8100 && type != 0x88a8) {
                    return null;
                }
                at += 4;
            }
            return null;
        }

        private static FlowKey ipv4(byte[] b, int ip, int end) {
            if (ip + 20 > end) {
                return null;
            }
            int protocol = b[ip + 9] & 0xff;
            int l4 = ip + (b[ip] & 0x0f) * 4;
            long ports;
            if (protocol == TCP || protocol == UDP) {
                if (l4 + 4 > end) {
                    return null;
                }
                ports = (long) u16(b, l4) << 16 | u16(b, l4 + 2);
            } else {
                if (l4 + 6 > end) {
                    return null;
                }
                ports = u16(b, l4 + 4);
            }
            long addresses = (u32(b, ip + 12) & 0xffffffffL) << 32 | (u32(b, ip + 16) & 0xffffffffL);
            return new FlowKey(addresses, (long) protocol << 32 | ports);
        }

        private static int u16(byte[] b, int at) {
            return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
        }

        private static int u32(byte[] b, int at) {
            return u16(b, at) << 16 | u16(b, at + 2);
        }
    }
}
