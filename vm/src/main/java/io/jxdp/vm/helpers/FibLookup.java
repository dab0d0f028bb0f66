package io.jxdp.vm.helpers;

import io.jxdp.vm.Cpu;
import io.jxdp.vm.Environment;
import io.jxdp.vm.Environment.NetDevice;
import io.jxdp.vm.Errno;
import io.jxdp.vm.memory.XdpContext;
import io.jxdp.vm.net.Fib;
import io.jxdp.vm.net.IpAddress;
import io.jxdp.vm.net.Neighbour;
import io.jxdp.vm.net.Route;
import java.util.Optional;

/**
 * 69: {@code long bpf_fib_lookup(void *ctx, struct bpf_fib_lookup *params, int plen, u32 flags)} as
 * bpf_xdp_fib_lookup with bpf_ipv4_fib_lookup and bpf_ipv6_fib_lookup of net/core/filter.c (Linux
 * 6.18), against the environment's {@link Fib}. The struct is read whole, changed field by field in
 * the kernel's order (so a failed lookup leaves exactly the fields the kernel leaves changed) and
 * written back.
 */
public final class FibLookup {
    /** sizeof(struct bpf_fib_lookup). */
    public static final int SIZE = 64;

    // struct bpf_fib_lookup, include/uapi/linux/bpf.h
    static final int FAMILY = 0;
    static final int TOT_LEN = 6; // union with mtu_result
    static final int IFINDEX = 8;
    static final int RT_METRIC = 12; // union with tos, flowinfo
    static final int SRC = 16;
    static final int DST = 32;
    static final int TBID = 48; // union with h_vlan_proto, h_vlan_TCI
    static final int SMAC = 52; // union with mark
    static final int DMAC = 58;

    public static final int LOOKUP_DIRECT = 1;
    public static final int LOOKUP_OUTPUT = 1 << 1;
    public static final int LOOKUP_SKIP_NEIGH = 1 << 2;
    public static final int LOOKUP_TBID = 1 << 3;
    public static final int LOOKUP_SRC = 1 << 4;
    /** Policy routing by mark: accepted; jxdp has no rules, so a mark selects nothing. */
    public static final int LOOKUP_MARK = 1 << 5;

    static final int LOOKUP_MASK =
            LOOKUP_DIRECT | LOOKUP_OUTPUT | LOOKUP_SKIP_NEIGH | LOOKUP_TBID | LOOKUP_SRC | LOOKUP_MARK;

    public static final int RET_SUCCESS = 0;
    public static final int RET_BLACKHOLE = 1;
    public static final int RET_UNREACHABLE = 2;
    public static final int RET_PROHIBIT = 3;
    public static final int RET_NOT_FWDED = 4;
    public static final int RET_FWD_DISABLED = 5;
    public static final int RET_NO_NEIGH = 7;
    public static final int RET_FRAG_NEEDED = 8;
    public static final int RET_NO_SRC_ADDR = 9;

    /** IP_MAX_MTU and IPV6_MIN_MTU, IP6_MAX_MTU. */
    static final int IP_MAX_MTU = 0xffff;

    static final int IPV6_MIN_MTU = 1280;
    static final int IP6_MAX_MTU = 0xffff + 40;

    private FibLookup() {}

    /** The helper: r2 params, r3 plen, r4 flags. */
    public static long fibLookup(Cpu cpu, long r1, long r2, long r3, long r4, long r5) {
        XdpHelpers.checkContext(cpu, r1, "bpf_fib_lookup");
        // plen is an int compared with a size_t: a negative one is a huge size
        long plen = (int) r3;
        if (Long.compareUnsigned(plen, SIZE) < 0) {
            return Errno.EINVAL.negative();
        }
        if (((r4 & 0xffff_ffffL) & ~LOOKUP_MASK) != 0) {
            return Errno.EINVAL.negative();
        }
        int flags = (int) r4;
        byte[] p = cpu.memory().read(r2, SIZE, cpu.pc);
        long ret;
        switch (p[FAMILY]) {
            case IpAddress.AF_INET -> ret = lookup(cpu, p, flags, IpAddress.AF_INET);
            case IpAddress.AF_INET6 -> ret = lookup(cpu, p, flags, IpAddress.AF_INET6);
            default -> {
                return Errno.EAFNOSUPPORT.negative();
            }
        }
        cpu.memory().write(r2, p, 0, SIZE, cpu.pc, "bpf_fib_lookup: write of params");
        return ret;
    }

    private static long lookup(Cpu cpu, byte[] p, int flags, int family) {
        Environment env = cpu.environment();
        Fib fib = env.fib();
        boolean v6 = family == IpAddress.AF_INET6;
        IpAddress src = IpAddress.read(p, SRC, family);
        IpAddress dst = IpAddress.read(p, DST, family);
        // link-local addresses are never forwarded (rt6_need_strict), checked before the device
        if (v6 && (dst.needsStrictV6() || src.needsStrictV6())) {
            return RET_NOT_FWDED;
        }
        int ifindex = le32(p, IFINDEX);
        XdpContext xdp = cpu.memory().xdp();
        NetDevice in = ifindex == xdp.ingressIfindex() ? env.ingressDevice(ifindex) : env.device(ifindex);
        if (in == null) {
            return Errno.ENODEV.negative();
        }
        if (!fib.forwarding(ifindex)) {
            return RET_FWD_DISABLED;
        }
        int oif = (flags & LOOKUP_OUTPUT) != 0 ? ifindex : 0;
        Optional<Route> found;
        if ((flags & LOOKUP_DIRECT) != 0) {
            int tbid = Fib.RT_TABLE_MAIN;
            if ((flags & LOOKUP_TBID) != 0) {
                tbid = le32(p, TBID);
                putLe32(p, TBID, 0); // zeroed for the VLAN output that shares it
            }
            if (!fib.hasTable(tbid, family)) {
                return RET_NOT_FWDED;
            }
            found = fib.lookup(tbid, dst, oif);
        } else {
            found = fib.lookupByRules(dst, oif);
        }
        if (found.isEmpty()) {
            return RET_NOT_FWDED;
        }
        Route route = found.get();
        switch (route.type()) {
            case BLACKHOLE -> {
                return RET_BLACKHOLE;
            }
            case UNREACHABLE -> {
                return RET_UNREACHABLE;
            }
            case PROHIBIT -> {
                return RET_PROHIBIT;
            }
            case LOCAL -> {
                return RET_NOT_FWDED;
            }
            case UNICAST -> {
                // forwarded: below
            }
        }
        NetDevice out = env.device(route.ifindex());
        if (out == null) {
            out = env.ingressDevice(route.ifindex());
        }
        int mtu = mtu(route, out, v6);
        if (le16(p, TOT_LEN) > mtu) {
            putLe16(p, TOT_LEN, mtu); // mtu_result
            return RET_FRAG_NEEDED;
        }
        IpAddress nextHop = route.gateway() != null ? route.gateway() : dst;
        if (v6 && route.gateway() != null) {
            nextHop.write(p, DST);
        }
        putLe32(p, RT_METRIC, route.metric());
        putLe32(p, IFINDEX, out.ifindex());
        if ((flags & LOOKUP_SRC) != 0) {
            IpAddress source = fib.source(route, nextHop, dst);
            if (source == null) {
                return RET_NO_SRC_ADDR;
            }
            source.write(p, SRC);
        }
        if (!v6 && route.gateway() != null) {
            nextHop.write(p, DST);
        }
        if ((flags & LOOKUP_SKIP_NEIGH) == 0) {
            Neighbour n = fib.neighbour(out.ifindex(), nextHop);
            if (n == null || !n.state().valid()) {
                return RET_NO_NEIGH;
            }
            putMac(p, DMAC, n.mac());
            putMac(p, SMAC, out.mac());
        }
        // bpf_fib_set_fwd_params
        putLe32(p, TBID, 0); // h_vlan_proto, h_vlan_TCI
        if (mtu != 0) {
            putLe16(p, TOT_LEN, mtu);
        }
        return RET_SUCCESS;
    }

    /**
     * ip_mtu_from_fib_result / ip6_mtu_from_fib6: a locked route MTU, else the device's (IPv4 at most
     * IP_MAX_MTU; IPv6 at least IPV6_MIN_MTU and at most IP6_MAX_MTU). jxdp keeps no PMTU exceptions.
     */
    static int mtu(Route route, NetDevice out, boolean v6) {
        if (route.lockedMtu() != 0) {
            return route.lockedMtu();
        }
        if (v6) {
            return Math.min(Math.max(IPV6_MIN_MTU, out.mtu()), IP6_MAX_MTU);
        }
        return Math.min(out.mtu(), IP_MAX_MTU);
    }

    private static int le32(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16 | (b[off + 3] & 0xff) << 24;
    }

    private static int le16(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8;
    }

    private static void putLe32(byte[] b, int off, int v) {
        for (int i = 0; i < 4; i++) {
            b[off + i] = (byte) (v >>> (8 * i));
        }
    }

    private static void putLe16(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
    }

    private static void putMac(byte[] b, int off, long mac) {
        for (int i = 0; i < 6; i++) {
            b[off + i] = (byte) (mac >>> (8 * (5 - i)));
        }
    }
}
