package io.jxdp.vm.helpers;

import io.jxdp.vm.Cpu;

/**
 * The helpers that need nothing but the Cpu. Each is a public static method so the JIT can call
 * it directly; ids and names are the kernel's (include/uapi/linux/bpf.h).
 */
public final class BaseHelpers {
    private BaseHelpers() {}

    /** 5: {@code u64 bpf_ktime_get_ns(void)}, CLOCK_MONOTONIC. */
    public static long ktimeGetNs(Cpu cpu, long r1, long r2, long r3, long r4, long r5) {
        return cpu.clock().getAsLong();
    }

    /** 6: {@code long bpf_trace_printk(const char *fmt, u32 fmt_size, ...)}. */
    public static long tracePrintk(Cpu cpu, long r1, long r2, long r3, long r4, long r5) {
        return TracePrintk.format(cpu, r1, r2 & 0xffff_ffffL, r3, r4, r5);
    }

    /** 7: {@code u32 bpf_get_prandom_u32(void)}. */
    public static long getPrandomU32(Cpu cpu, long r1, long r2, long r3, long r4, long r5) {
        return cpu.nextRandom() >>> 32;
    }

    /** 8: {@code u32 bpf_get_smp_processor_id(void)}. */
    public static long getSmpProcessorId(Cpu cpu, long r1, long r2, long r3, long r4, long r5) {
        return cpu.id();
    }
}
