package io.jxdp.vm.helpers;

import io.jxdp.vm.Cpu;
import java.nio.charset.StandardCharsets;

/**
 * The helpers of bpf_base_func_proto that need nothing but the Cpu and its {@link
 * io.jxdp.vm.Environment}. Each is a public static method so the JIT can call it directly; ids and
 * names are the kernel's (include/uapi/linux/bpf.h).
 */
public final class BaseHelpers {
    /** TASK_COMM_LEN. */
    static final int TASK_COMM_LEN = 16;

    private BaseHelpers() {}

    /** 5: {@code u64 bpf_ktime_get_ns(void)}, CLOCK_MONOTONIC. */
    public static long ktimeGetNs(Cpu cpu, long r1, long r2, long r3, long r4, long r5) {
        return cpu.environment().monotonicNs();
    }

    /** 6: {@code long bpf_trace_printk(const char *fmt, u32 fmt_size, ...)}: up to three arguments. */
    public static long tracePrintk(Cpu cpu, long r1, long r2, long r3, long r4, long r5) {
        return BpfPrintf.tracePrintk(cpu, r1, r2 & 0xffff_ffffL, new long[] {r3, r4, r5});
    }

    /** 7: {@code u32 bpf_get_prandom_u32(void)}. */
    public static long getPrandomU32(Cpu cpu, long r1, long r2, long r3, long r4, long r5) {
        return cpu.nextRandom() >>> 32;
    }

    /** 8: {@code u32 bpf_get_smp_processor_id(void)}. */
    public static long getSmpProcessorId(Cpu cpu, long r1, long r2, long r3, long r4, long r5) {
        return cpu.id();
    }

    /** 14: {@code u64 bpf_get_current_pid_tgid(void)}: tgid << 32 | pid, 0 for the idle task. */
    public static long getCurrentPidTgid(Cpu cpu, long r1, long r2, long r3, long r4, long r5) {
        return 0;
    }

    /** 15: {@code u64 bpf_get_current_uid_gid(void)}: gid << 32 | uid, root's for the idle task. */
    public static long getCurrentUidGid(Cpu cpu, long r1, long r2, long r3, long r4, long r5) {
        return 0;
    }

    /**
     * 16: {@code long bpf_get_current_comm(void *buf, u32 size_of_buf)}: the idle task's name,
     * {@code swapper/N}, truncated to the buffer and always NUL-terminated (strscpy_pad: the rest
     * is zeroed). A zero size is refused by the verifier; here it writes nothing and returns 0.
     */
    public static long getCurrentComm(Cpu cpu, long r1, long r2, long r3, long r4, long r5) {
        int size = (int) r2;
        if (size <= 0) {
            return 0;
        }
        byte[] comm = idleComm(cpu.id());
        byte[] out = new byte[size];
        System.arraycopy(comm, 0, out, 0, Math.min(comm.length, size - 1));
        cpu.memory().write(r1, out, 0, size, cpu.pc, "bpf_get_current_comm: write of the name");
        return 0;
    }

    /** The idle task's comm: {@code swapper/N}, at most TASK_COMM_LEN - 1 characters. */
    static byte[] idleComm(int cpuId) {
        byte[] name = ("swapper/" + cpuId).getBytes(StandardCharsets.US_ASCII);
        return name.length < TASK_COMM_LEN ? name : java.util.Arrays.copyOf(name, TASK_COMM_LEN - 1);
    }

    /** 42: {@code long bpf_get_numa_node_id(void)}: jxdp's CPUs are all on node 0. */
    public static long getNumaNodeId(Cpu cpu, long r1, long r2, long r3, long r4, long r5) {
        return 0;
    }

    /** 118: {@code u64 bpf_jiffies64(void)}. */
    public static long jiffies64(Cpu cpu, long r1, long r2, long r3, long r4, long r5) {
        return cpu.environment().jiffies64();
    }

    /** 125: {@code u64 bpf_ktime_get_boot_ns(void)}, CLOCK_BOOTTIME. */
    public static long ktimeGetBootNs(Cpu cpu, long r1, long r2, long r3, long r4, long r5) {
        return cpu.environment().bootNs();
    }

    /** 160: {@code u64 bpf_ktime_get_coarse_ns(void)}, CLOCK_MONOTONIC_COARSE. */
    public static long ktimeGetCoarseNs(Cpu cpu, long r1, long r2, long r3, long r4, long r5) {
        return cpu.environment().coarseNs();
    }

    /** 177: {@code long bpf_trace_vprintk(const char *fmt, u32 fmt_size, const void *data, u32 data_len)}. */
    public static long traceVprintk(Cpu cpu, long r1, long r2, long r3, long r4, long r5) {
        long[] args = BpfPrintf.arguments(cpu, r3, r4 & 0xffff_ffffL, "bpf_trace_vprintk");
        return args == null ? BpfPrintf.EINVAL : BpfPrintf.tracePrintk(cpu, r1, r2 & 0xffff_ffffL, args);
    }

    /** 208: {@code u64 bpf_ktime_get_tai_ns(void)}, CLOCK_TAI. */
    public static long ktimeGetTaiNs(Cpu cpu, long r1, long r2, long r3, long r4, long r5) {
        return cpu.environment().taiNs();
    }
}
