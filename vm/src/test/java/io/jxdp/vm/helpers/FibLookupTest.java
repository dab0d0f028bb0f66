package io.jxdp.vm.helpers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jxdp.vm.Cpu;
import io.jxdp.vm.Environment;
import io.jxdp.vm.memory.AddressSpace;
import io.jxdp.vm.memory.Memory;
import io.jxdp.vm.memory.XdpContext;
import io.jxdp.vm.net.FibFile;
import io.jxdp.vm.net.IpAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** bpf_fib_lookup against a routing table, every return code and every field the kernel writes. */
class FibLookupTest {
    static final String TABLES = """
            # a router with three NICs
            dev eth0 ifindex 2 mac 02:00:00:00:00:02
            dev eth1 ifindex 3 mac 02:00:00:00:00:03 mtu 1400
            dev eth2 ifindex 4 mac 02:00:00:00:00:04 noforward
            addr 10.1.0.1/16 dev eth0
            addr 192.168.1.2/24 dev eth1
            addr 2001:db8:1::2/64 dev eth1
            route 10.0.0.0/8 via 192.168.1.1
            route 172.16.0.0/12 via 192.168.1.254 dev eth1 metric 5
            route 172.16.5.0/24 via 192.168.1.1 dev eth1 mtu lock 576
            route blackhole 198.51.100.0/24
            route unreachable 203.0.113.0/24
            route prohibit 192.0.2.0/24
            route 100.64.0.0/10 via 192.168.1.1 table 100
            route 2001:db8:2::/48 via 2001:db8:1::1 dev eth1
            neigh 192.168.1.1 lladdr aa:bb:cc:dd:ee:01 dev eth1
            neigh 192.168.1.254 dev eth1 nud failed
            neigh 2001:db8:1::1 lladdr aa:bb:cc:dd:ee:06 dev eth1
            """;

    private final Cpu cpu = new Cpu(0, new AddressSpace());
    private final long ctx = Memory.contextPointer();
    private final byte[] mem = new byte[FibLookup.SIZE];
    private final long params = cpu.memory().attachMemory(mem);
    private final ByteBuffer p = ByteBuffer.wrap(mem).order(ByteOrder.LITTLE_ENDIAN);

    FibLookupTest() {
        cpu.environment(Environment.deterministic().withFib(FibFile.parse(TABLES, "fib.txt")));
        XdpContext x = cpu.memory().xdp();
        x.attach(
                new byte[XdpContext.PAGE_SIZE],
                XdpContext.HEADROOM,
                XdpContext.HEADROOM + 64,
                XdpContext.PAGE_SIZE - XdpContext.TAILROOM,
                2,
                0);
    }

    /** Fills params as xdp_fwd does: family, tot_len, ifindex, addresses. */
    private void request(int family, int totLen, int ifindex, String src, String dst) {
        Arrays.fill(mem, (byte) 0);
        mem[0] = (byte) family;
        p.putShort(6, (short) totLen);
        p.putInt(8, ifindex);
        IpAddress.parse(src).write(mem, 16);
        IpAddress.parse(dst).write(mem, 32);
    }

    private long lookup(int flags) {
        return FibLookup.fibLookup(cpu, ctx, params, FibLookup.SIZE, flags, 0);
    }

    private String dst(int family) {
        return IpAddress.read(mem, 32, family).toString();
    }

    private String src(int family) {
        return IpAddress.read(mem, 16, family).toString();
    }

    private String macs() {
        return HexFormat.of().formatHex(mem, 52, 64);
    }

    @Test
    void forwardsThroughTheGatewayWithItsMacs() {
        request(2, 100, 2, "10.1.0.9", "10.2.3.4");
        assertEquals(0, lookup(0));
        assertEquals(3, p.getInt(8)); // ifindex: eth1, where the gateway is
        assertEquals("192.168.1.1", dst(2));
        assertEquals("020000000003" + "aabbccddee01", macs()); // smac, dmac
        assertEquals(1400, p.getShort(6)); // mtu_result
        assertEquals(0, p.getInt(12)); // rt_metric
        assertEquals(0, p.getInt(48)); // h_vlan_proto, h_vlan_TCI
        assertEquals("10.1.0.9", src(2)); // untouched without BPF_FIB_LOOKUP_SRC
    }

    @Test
    void tooLongForTheMtuIsFragNeeded() {
        request(2, 1401, 2, "10.1.0.9", "10.2.3.4");
        assertEquals(8, lookup(0));
        assertEquals(1400, p.getShort(6));
        assertEquals(2, p.getInt(8)); // the kernel returns before it writes the output device
        assertEquals("10.2.3.4", dst(2));
        request(2, 600, 2, "10.1.0.9", "172.16.5.5");
        assertEquals(8, lookup(0)); // mtu lock 576 on the route
        assertEquals(576, p.getShort(6));
        request(2, 1400, 2, "10.1.0.9", "10.2.3.4");
        assertEquals(0, lookup(0)); // exactly the MTU fits
    }

    @Test
    void aNeighbourThatFailedIsNoNeighUnlessSkipped() {
        request(2, 0, 2, "0.0.0.0", "172.16.9.9");
        assertEquals(7, lookup(0));
        assertEquals(3, p.getInt(8));
        assertEquals(5, p.getInt(12)); // metric 5
        assertEquals("192.168.1.254", dst(2));
        assertEquals("000000000000000000000000", macs());
        request(2, 0, 2, "0.0.0.0", "172.16.9.9");
        assertEquals(0, lookup(FibLookup.LOOKUP_SKIP_NEIGH));
        assertEquals("000000000000000000000000", macs());
        assertEquals(1400, p.getShort(6));
    }

    @Test
    void routeTypesAndMisses() {
        String[][] cases = {
            {"198.51.100.7", "1"}, // blackhole
            {"203.0.113.7", "2"}, // unreachable
            {"192.0.2.7", "3"}, // prohibit
            {"8.8.8.8", "4"}, // no route (no default)
            {"192.168.1.2", "4"}, // a local address: RTN_LOCAL is not forwarded
            {"192.168.1.77", "7"}, // connected, but no neighbour entry
        };
        for (String[] c : cases) {
            request(2, 0, 2, "10.1.0.9", c[0]);
            assertEquals(Long.parseLong(c[1]), lookup(0), c[0]);
        }
    }

    @Test
    void inputErrors() {
        request(2, 0, 4, "10.1.0.9", "10.2.3.4");
        assertEquals(5, lookup(0)); // eth2 does not forward
        request(2, 0, 9, "10.1.0.9", "10.2.3.4");
        assertEquals(-19, lookup(0)); // no device 9
        request(2, 0, 2, "10.1.0.9", "10.2.3.4");
        assertEquals(-22, FibLookup.fibLookup(cpu, ctx, params, 63, 0, 0)); // plen too small
        assertEquals(-22, lookup(64)); // an unknown flag
        mem[0] = 3;
        byte[] before = mem.clone();
        assertEquals(-97, lookup(0)); // -EAFNOSUPPORT
        assertArrayEquals(before, mem); // and params as they were
    }

    @Test
    void directLookupsInATable() {
        request(2, 0, 2, "10.1.0.9", "100.64.1.1");
        assertEquals(4, lookup(0)); // not in local or main
        request(2, 0, 2, "10.1.0.9", "100.64.1.1");
        p.putInt(48, 100);
        assertEquals(0, lookup(FibLookup.LOOKUP_DIRECT | FibLookup.LOOKUP_TBID));
        assertEquals("192.168.1.1", dst(2));
        assertEquals(0, p.getInt(48)); // tbid zeroed
        request(2, 0, 2, "10.1.0.9", "100.64.1.1");
        p.putInt(48, 7);
        assertEquals(4, lookup(FibLookup.LOOKUP_DIRECT | FibLookup.LOOKUP_TBID)); // no table 7
        assertEquals(0, p.getInt(48));
        request(2, 0, 2, "10.1.0.9", "192.168.1.2");
        assertEquals(4, lookup(FibLookup.LOOKUP_DIRECT)); // IPv4's main table holds the local routes too
        request(10, 0, 2, "2001:db8:9::1", "2001:db8:1::2");
        assertEquals(7, lookup(FibLookup.LOOKUP_DIRECT)); // IPv6's does not: the connected /64, no neighbour
    }

    @Test
    void sourceAndOutputFlags() {
        request(2, 0, 2, "0.0.0.0", "10.2.3.4");
        assertEquals(0, lookup(FibLookup.LOOKUP_SRC));
        assertEquals("192.168.1.2", src(2)); // eth1's address on the gateway's network
        request(2, 0, 2, "0.0.0.0", "10.2.3.4");
        assertEquals(4, lookup(FibLookup.LOOKUP_OUTPUT)); // 10/8 leaves on eth1, not eth0
        request(2, 0, 3, "0.0.0.0", "10.2.3.4");
        assertEquals(0, lookup(FibLookup.LOOKUP_OUTPUT));
    }

    @Test
    void ipv6() {
        request(10, 1280, 2, "2001:db8:9::1", "2001:db8:2::5");
        assertEquals(0, lookup(FibLookup.LOOKUP_SRC));
        assertEquals(3, p.getInt(8));
        assertEquals(1024, p.getInt(12)); // ip -6 route's default metric
        assertEquals(IpAddress.parse("2001:db8:1::1").toString(), dst(10));
        assertEquals(IpAddress.parse("2001:db8:1::2").toString(), src(10));
        assertEquals("020000000003" + "aabbccddee06", macs());
        assertEquals(1400, p.getShort(6));
        request(10, 0, 2, "2001:db8:9::1", "fe80::1");
        assertEquals(4, lookup(0)); // link-local: never forwarded
        request(10, 0, 9, "ff02::1", "2001:db8:2::5");
        assertEquals(4, lookup(0)); // checked before the device
        request(10, 0, 2, "2001:db8:9::1", "2001:db8:1::2");
        assertEquals(4, lookup(0)); // local
        request(10, 0, 2, "2001:db8:9::1", "2001:db8:1::99");
        assertEquals(7, lookup(0)); // connected, metric 256, no neighbour
        assertEquals(256, p.getInt(12));
    }

    @Test
    void withoutTablesForwardingIsOff() {
        cpu.environment(Environment.deterministic());
        request(2, 0, 2, "10.1.0.9", "10.2.3.4");
        assertEquals(5, lookup(0)); // the receiving device exists; ip_forward is 0
        request(2, 0, 3, "10.1.0.9", "10.2.3.4");
        assertEquals(-19, lookup(0));
    }
}
