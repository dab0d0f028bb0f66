package io.jxdp.vm.helpers;

import io.jxdp.vm.Cpu;
import io.jxdp.vm.Environment;
import io.jxdp.vm.Errno;
import io.jxdp.vm.FaultKind;
import io.jxdp.vm.VmFault;
import io.jxdp.vm.maps.BpfMap;
import io.jxdp.vm.maps.CpuMap;
import io.jxdp.vm.maps.DeviceMap;
import io.jxdp.vm.maps.MapFlags;
import io.jxdp.vm.memory.Addresses;
import io.jxdp.vm.memory.Memory;
import io.jxdp.vm.memory.XdpContext;

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

    /** 188: {@code long bpf_xdp_get_buff_len(struct xdp_md *ctx)}: the frame's length (jxdp frames have no fragments). */
    public static long xdpGetBuffLen(Cpu cpu, long r1, long r2, long r3, long r4, long r5) {
        checkContext(cpu, r1, "bpf_xdp_get_buff_len");
        return cpu.memory().xdp().length();
    }

    /**
     * 189: {@code long bpf_xdp_load_bytes(struct xdp_md *ctx, u32 offset, void *buf, u32 len)}:
     * copies from the frame at {@code offset} from {@code data}; -EFAULT for an offset or length
     * above 0xffff, -EINVAL past the end (bpf_xdp_pointer).
     */
    public static long xdpLoadBytes(Cpu cpu, long r1, long r2, long r3, long r4, long r5) {
        checkContext(cpu, r1, "bpf_xdp_load_bytes");
        XdpContext xdp = cpu.memory().xdp();
        long err = frameRange(xdp, r2 & 0xffff_ffffL, r4 & 0xffff_ffffL);
        if (err != 0) {
            return err;
        }
        cpu.memory()
                .write(r3, xdp.buffer(), xdp.data() + (int) r2, (int) r4, cpu.pc, "bpf_xdp_load_bytes: write of buf");
        return 0;
    }

    /** 190: {@code long bpf_xdp_store_bytes(struct xdp_md *ctx, u32 offset, void *buf, u32 len)}: as load, the other way. */
    public static long xdpStoreBytes(Cpu cpu, long r1, long r2, long r3, long r4, long r5) {
        checkContext(cpu, r1, "bpf_xdp_store_bytes");
        XdpContext xdp = cpu.memory().xdp();
        long err = frameRange(xdp, r2 & 0xffff_ffffL, r4 & 0xffff_ffffL);
        if (err != 0) {
            return err;
        }
        byte[] src = cpu.memory().read(r3, (int) r4, cpu.pc);
        System.arraycopy(src, 0, xdp.buffer(), xdp.data() + (int) r2, src.length);
        return 0;
    }

    private static long frameRange(XdpContext xdp, long offset, long len) {
        if (offset > 0xffff || len > 0xffff) {
            return Errno.EFAULT.negative();
        }
        return offset + len > xdp.length() ? Errno.EINVAL.negative() : 0;
    }

    /** BPF_MTU_CHK_RET_SUCCESS and BPF_MTU_CHK_RET_FRAG_NEEDED (enum bpf_check_mtu_ret). */
    static final long MTU_CHK_RET_SUCCESS = 0;

    static final long MTU_CHK_RET_FRAG_NEEDED = 1;

    /**
     * 163: {@code long bpf_check_mtu(void *ctx, u32 ifindex, u32 *mtu_len, s32 len_diff, u64 flags)}
     * as bpf_xdp_check_mtu: ifindex 0 is the receiving device; the length checked is the frame's
     * (or {@code *mtu_len} plus the device's 14-byte header when {@code *mtu_len} is not 0) plus
     * {@code len_diff}, against MTU + 14; {@code *mtu_len} gets the MTU. Any flag is -EINVAL (the
     * XDP variant has no BPF_MTU_CHK_SEGS), an unknown device -ENODEV.
     */
    public static long checkMtu(Cpu cpu, long r1, long r2, long r3, long r4, long r5) {
        checkContext(cpu, r1, "bpf_check_mtu");
        if (r5 != 0) {
            return Errno.EINVAL.negative();
        }
        XdpContext xdp = cpu.memory().xdp();
        int ifindex = (int) r2;
        Environment env = cpu.environment();
        Environment.NetDevice dev = ifindex == 0 || ifindex == xdp.ingressIfindex()
                ? env.ingressDevice(xdp.ingressIfindex())
                : env.device(ifindex);
        if (dev == null) {
            return Errno.ENODEV.negative();
        }
        int mtuLen = (int) cpu.memory().loadW(r3, cpu.pc);
        int devLen = dev.mtu() + Environment.ETH_HLEN;
        int len = mtuLen != 0 ? mtuLen + Environment.ETH_HLEN : xdp.length();
        len += (int) r4;
        cpu.memory().storeW(r3, dev.mtu(), cpu.pc);
        return len > devLen ? MTU_CHK_RET_FRAG_NEEDED : MTU_CHK_RET_SUCCESS;
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
