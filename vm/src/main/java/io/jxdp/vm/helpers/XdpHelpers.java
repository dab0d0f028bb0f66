package io.jxdp.vm.helpers;

import io.jxdp.vm.Cpu;
import io.jxdp.vm.FaultKind;
import io.jxdp.vm.VmFault;
import io.jxdp.vm.maps.BpfMap;
import io.jxdp.vm.maps.CpuMap;
import io.jxdp.vm.maps.DeviceMap;
import io.jxdp.vm.maps.MapFlags;
import io.jxdp.vm.memory.Addresses;
import io.jxdp.vm.memory.Memory;

/**
 * The XDP helpers of net/core/filter.c: the redirects, which only record a target in the Cpu's
 * {@link io.jxdp.vm.RedirectInfo}, and the packet adjustments, which move the bounds of the
 * Cpu's {@link io.jxdp.vm.memory.XdpContext} (and so of the packet region). The redirect helpers
 * allocate nothing.
 */
public final class XdpHelpers {
    static final long XDP_ABORTED = 0;
    static final long XDP_REDIRECT = 4;
    /** XDP_ABORTED | XDP_DROP | XDP_PASS | XDP_TX: a redirect_map miss returns these bits of the flags. */
    static final long ACTION_MASK = 3;

    private XdpHelpers() {}

    /** 23: {@code long bpf_redirect(u32 ifindex, u64 flags)} (bpf_xdp_redirect): any flag aborts. */
    public static long redirect(Cpu cpu, long r1, long r2, long r3, long r4, long r5) {
        if (r2 != 0) {
            return XDP_ABORTED;
        }
        cpu.redirect().setIfindex((int) r1);
        return XDP_REDIRECT;
    }

    /**
     * 51: {@code long bpf_redirect_map(map, u64 key, u64 flags)} (__bpf_xdp_redirect_map): flags
     * beyond the action bits and the map type's own (none for a cpumap; BPF_F_BROADCAST and
     * BPF_F_EXCLUDE_INGRESS for devmaps) abort; a hit records the entry and returns XDP_REDIRECT; a
     * miss clears the map from the state and returns {@code flags & 3}. The key is a u32.
     */
    public static long redirectMap(Cpu cpu, long r1, long r2, long r3, long r4, long r5) {
        BpfMap map = MapHelpers.map(cpu, r1, "bpf_redirect_map");
        int key = (int) r2;
        long flags = r3;
        Object entry;
        if (map instanceof CpuMap cpumap) {
            if ((flags & ~ACTION_MASK) != 0) {
                return XDP_ABORTED; // cpumap's flag_mask is 0
            }
            entry = cpumap.entry(key);
        } else if (map instanceof DeviceMap devmap) {
            if ((flags & ~(ACTION_MASK | MapFlags.F_BROADCAST | MapFlags.F_EXCLUDE_INGRESS)) != 0) {
                return XDP_ABORTED;
            }
            entry = devmap.entry(key);
        } else {
            throw new VmFault(
                    FaultKind.BAD_HELPER_ARGUMENT,
                    cpu.pc,
                    r1,
                    "bpf_redirect_map on " + map.describe()
                            + ": only cpumap, devmap and devmap_hash maps are redirect targets in jxdp");
        }
        boolean broadcast = (flags & MapFlags.F_BROADCAST) != 0;
        if (entry == null && !broadcast) {
            cpu.redirect().setMapMiss();
            return flags & ACTION_MASK;
        }
        cpu.redirect().setMapTarget(map, key, entry, broadcast ? flags : 0);
        return XDP_REDIRECT;
    }

    /** 44: {@code long bpf_xdp_adjust_head(struct xdp_md *ctx, int delta)}. */
    public static long xdpAdjustHead(Cpu cpu, long r1, long r2, long r3, long r4, long r5) {
        checkContext(cpu, r1, "bpf_xdp_adjust_head");
        return cpu.memory().xdp().adjustHead((int) r2);
    }

    /** 54: {@code long bpf_xdp_adjust_meta(struct xdp_md *ctx, int delta)}. */
    public static long xdpAdjustMeta(Cpu cpu, long r1, long r2, long r3, long r4, long r5) {
        checkContext(cpu, r1, "bpf_xdp_adjust_meta");
        return cpu.memory().xdp().adjustMeta((int) r2);
    }

    /** 65: {@code long bpf_xdp_adjust_tail(struct xdp_md *ctx, int delta)}. */
    public static long xdpAdjustTail(Cpu cpu, long r1, long r2, long r3, long r4, long r5) {
        checkContext(cpu, r1, "bpf_xdp_adjust_tail");
        return cpu.memory().xdp().adjustTail((int) r2);
    }

    private static void checkContext(Cpu cpu, long r1, String helper) {
        if (r1 != Memory.contextPointer()) {
            throw new VmFault(
                    FaultKind.BAD_HELPER_ARGUMENT,
                    cpu.pc,
                    r1,
                    helper + ": r1 = " + Addresses.format(r1) + " is not the xdp_md context");
        }
    }
}
