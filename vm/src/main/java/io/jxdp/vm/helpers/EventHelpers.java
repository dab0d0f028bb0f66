package io.jxdp.vm.helpers;

import io.jxdp.vm.Cpu;
import io.jxdp.vm.Errno;
import io.jxdp.vm.FaultKind;
import io.jxdp.vm.VmFault;
import io.jxdp.vm.maps.BpfMap;
import io.jxdp.vm.maps.PerfEventArray;
import io.jxdp.vm.maps.PerfEventBuffer;
import io.jxdp.vm.maps.RingBufMap;
import io.jxdp.vm.memory.Addresses;
import io.jxdp.vm.memory.Memory;
import io.jxdp.vm.memory.Region;
import io.jxdp.vm.memory.XdpContext;

/**
 * The helpers that send events to user space: {@code bpf_perf_event_output} as XDP programs get it
 * (net/core/filter.c, bpf_xdp_event_output: the packet's first bytes may follow the sample) and the
 * ring buffer helpers of kernel/bpf/ringbuf.c. Calls the verifier refuses (a map of another type,
 * a sample pointer that is no reservation, a size that is no size) fault with {@link
 * FaultKind#BAD_HELPER_ARGUMENT}.
 */
public final class EventHelpers {
    private EventHelpers() {}

    /**
     * 25: {@code long bpf_perf_event_output(void *ctx, map, u64 flags, void *data, u64 size)}:
     * flags beyond the index and the packet length are -EINVAL, a packet length beyond the frame
     * -EFAULT; then the map's answer (0, -E2BIG, -ENOENT, -EOPNOTSUPP, -ENOSPC). The sample is
     * {@code data} then that many bytes of the packet from {@code data}, padded as perf pads raw data.
     */
    public static long perfEventOutput(Cpu cpu, long r1, long r2, long r3, long r4, long r5) {
        String helper = "bpf_perf_event_output";
        if (r1 != Memory.contextPointer()) {
            throw new VmFault(
                    FaultKind.BAD_HELPER_ARGUMENT,
                    cpu.pc,
                    r1,
                    helper + ": r1 = " + Addresses.format(r1) + " is not the xdp_md context");
        }
        BpfMap map = MapHelpers.map(cpu, r2, helper);
        if (!(map instanceof PerfEventArray events)) {
            throw wrongMap(cpu, map, helper, "perf_event_array");
        }
        long flags = r3;
        if ((flags & ~(PerfEventArray.F_CTXLEN_MASK | PerfEventArray.F_INDEX_MASK)) != 0) {
            return Errno.EINVAL.negative();
        }
        XdpContext xdp = cpu.memory().xdp();
        int packetBytes = (int) ((flags & PerfEventArray.F_CTXLEN_MASK) >>> 32);
        if (packetBytes > xdp.length()) {
            return Errno.EFAULT.negative();
        }
        int size = size(cpu, r5, helper);
        Region from = cpu.memory().rangeOrFault(r4, size, cpu.pc, helper + ": read of data");
        byte[] sample = new byte[PerfEventBuffer.paddedSize(size + packetBytes)];
        System.arraycopy(from.bytes(), from.base() + (int) r4, sample, 0, size);
        System.arraycopy(xdp.buffer(), xdp.data(), sample, size, packetBytes);
        return events.output(cpu.id(), flags & ~PerfEventArray.F_CTXLEN_MASK, sample);
    }

    /** 130: {@code long bpf_ringbuf_output(void *ringbuf, void *data, u64 size, u64 flags)}: 0, -EINVAL, -EAGAIN. */
    public static long ringbufOutput(Cpu cpu, long r1, long r2, long r3, long r4, long r5) {
        String helper = "bpf_ringbuf_output";
        RingBufMap ring = ring(cpu, r1, helper);
        if ((r4 & ~(RingBufMap.RB_NO_WAKEUP | RingBufMap.RB_FORCE_WAKEUP)) != 0) {
            return Errno.EINVAL.negative();
        }
        int size = size(cpu, r3, helper);
        Region from = cpu.memory().rangeOrFault(r2, size, cpu.pc, helper + ": read of data");
        return ring.output(from.bytes(), from.base() + (int) r2, size);
    }

    /** 131: {@code void *bpf_ringbuf_reserve(void *ringbuf, u64 size, u64 flags)}: the record's data, or NULL (any flag, no room). */
    public static long ringbufReserve(Cpu cpu, long r1, long r2, long r3, long r4, long r5) {
        RingBufMap ring = ring(cpu, r1, "bpf_ringbuf_reserve");
        if (r3 != 0) {
            return 0;
        }
        return ring.reserve(r2);
    }

    /** 132: {@code void bpf_ringbuf_submit(void *data, u64 flags)}: the record is committed. */
    public static long ringbufSubmit(Cpu cpu, long r1, long r2, long r3, long r4, long r5) {
        commit(cpu, r1, false, "bpf_ringbuf_submit");
        return 0;
    }

    /** 133: {@code void bpf_ringbuf_discard(void *data, u64 flags)}: the record is committed as discarded. */
    public static long ringbufDiscard(Cpu cpu, long r1, long r2, long r3, long r4, long r5) {
        commit(cpu, r1, true, "bpf_ringbuf_discard");
        return 0;
    }

    /** 134: {@code u64 bpf_ringbuf_query(void *ringbuf, u64 flags)}: available data, size, consumer or producer position, else 0. */
    public static long ringbufQuery(Cpu cpu, long r1, long r2, long r3, long r4, long r5) {
        return ring(cpu, r1, "bpf_ringbuf_query").query(r2);
    }

    private static void commit(Cpu cpu, long sample, boolean discard, String helper) {
        Object owner = cpu.memory().space().owner(Addresses.region(sample));
        if (!(owner instanceof RingBufMap ring) || !ring.commit(Addresses.offset(sample), discard)) {
            throw new VmFault(
                    FaultKind.BAD_HELPER_ARGUMENT,
                    cpu.pc,
                    sample,
                    helper + ": r1 = " + Addresses.format(sample) + " is not a ring buffer record still reserved");
        }
    }

    private static RingBufMap ring(Cpu cpu, long handle, String helper) {
        BpfMap map = MapHelpers.map(cpu, handle, helper);
        if (map instanceof RingBufMap ring) {
            return ring;
        }
        throw wrongMap(cpu, map, helper, "ringbuf");
    }

    private static int size(Cpu cpu, long size, String helper) {
        if (size < 0 || size > Integer.MAX_VALUE - 8) {
            throw new VmFault(
                    FaultKind.BAD_HELPER_ARGUMENT,
                    cpu.pc,
                    size,
                    helper + ": size " + Long.toUnsignedString(size) + " is not a size");
        }
        return (int) size;
    }

    private static VmFault wrongMap(Cpu cpu, BpfMap map, String helper, String type) {
        return new VmFault(
                FaultKind.BAD_HELPER_ARGUMENT,
                cpu.pc,
                map.handle(),
                helper + " on " + map.describe() + ": the kernel's verifier allows only " + type + " maps");
    }
}
