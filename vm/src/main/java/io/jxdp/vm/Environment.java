package io.jxdp.vm;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * What a program can learn about the machine it runs on besides its maps and packet: the clocks
 * ({@code bpf_ktime_get_*_ns}, {@code bpf_jiffies64}), the network devices ({@code bpf_check_mtu}),
 * the NUMA node. Either real (the JVM's clocks) or virtual: a clock that starts at a fixed boot time
 * and moves only when read (by {@link #VIRTUAL_READ_STEP_NS}) or when its owner {@link #advance}s it,
 * so two runs of the same input read the same times. The runtime or test run that owns the Cpus
 * owns their environment; every Cpu of one run shares it.
 *
 * <p>XDP programs run in softirq context, where the kernel's {@code current} is whatever task the
 * interrupt found; on an otherwise idle machine that is the CPU's idle task, and jxdp always
 * answers as that task: pid and tgid 0, uid and gid 0, comm {@code swapper/N}. (The kernel's
 * {@code BPF_PROG_TEST_RUN} runs the program in the caller's context instead, so {@code bpftool
 * prog run} sees bpftool's pid; a jxdp answer that depended on jxdp's own pid would not be
 * reproducible.)
 */
public final class Environment {
    /** CONFIG_HZ of the reference kernel (6.18 on the project's machine): jiffies are 4 ms. */
    public static final int HZ = 250;
    /** include/linux/jiffies.h: INITIAL_JIFFIES, so that jiffies wrap 32 bits five minutes after boot. */
    public static final long INITIAL_JIFFIES = (-300L * HZ) & 0xffff_ffffL;
    /** CLOCK_TAI runs ahead of CLOCK_REALTIME by the leap seconds (37 since 2017). */
    public static final long TAI_OFFSET_NS = 37_000_000_000L;
    /** A virtual machine has been up for 1000 s when it starts. */
    public static final long VIRTUAL_BOOT_NS = 1_000_000_000_000L;
    /** CLOCK_REALTIME at virtual boot: 2026-01-01T00:00:00Z. */
    public static final long VIRTUAL_EPOCH_NS = 1_767_225_600_000_000_000L;
    /** How far a virtual clock moves at each read, so that two reads are never equal (as on hardware). */
    public static final long VIRTUAL_READ_STEP_NS = 1_000;
    /** The MTU of a device the user did not describe (an Ethernet NIC). */
    public static final int DEFAULT_MTU = 1500;
    /** Ethernet's hard_header_len: check_mtu counts the L2 header on top of the MTU. */
    public static final int ETH_HLEN = 14;
    /** The loopback device, ifindex 1, that BPF_PROG_TEST_RUN receives on unless told otherwise. */
    public static final NetDevice LOOPBACK = new NetDevice(1, "lo", 65536, 0);

    /**
     * A network device as helpers see it.
     *
     * @param ifindex its index
     * @param name its name, for messages
     * @param mtu dev->mtu
     * @param mac its hardware address, the 48 low bits in network order (00:11:.. is 0x0011..)
     */
    public record NetDevice(int ifindex, String name, int mtu, long mac) {
        public NetDevice {
            Objects.requireNonNull(name, "name");
            if (mac >>> 48 != 0) {
                throw new IllegalArgumentException("a MAC address has 48 bits");
            }
            if (mtu < 0) {
                throw new IllegalArgumentException("mtu must not be negative");
            }
        }
    }

    private final boolean virtual;
    private final AtomicLong virtualNs;
    private final LongSupplier monotonic;
    private final Map<Integer, NetDevice> devices;

    private Environment(
            boolean virtual, AtomicLong virtualNs, LongSupplier monotonic, Map<Integer, NetDevice> devices) {
        this.virtual = virtual;
        this.virtualNs = virtualNs;
        this.monotonic = monotonic;
        this.devices = Map.copyOf(devices);
    }

    /** The JVM's clocks: System.nanoTime (CLOCK_MONOTONIC on Linux) and the wall clock. */
    public static Environment real() {
        return new Environment(false, new AtomicLong(), System::nanoTime, Map.of(1, LOOPBACK));
    }

    /** A virtual clock at {@link #VIRTUAL_BOOT_NS}, reproducible from run to run. */
    public static Environment deterministic() {
        AtomicLong ns = new AtomicLong(VIRTUAL_BOOT_NS);
        return new Environment(true, ns, () -> ns.getAndAdd(VIRTUAL_READ_STEP_NS), Map.of(1, LOOPBACK));
    }

    /** A virtual environment whose monotonic clock is {@code clock} (tests that pin time). */
    public static Environment withClock(LongSupplier clock) {
        return new Environment(true, new AtomicLong(), Objects.requireNonNull(clock, "clock"), Map.of(1, LOOPBACK));
    }

    /** This environment, sharing its clock, with {@code device} added or replaced. */
    public Environment withDevice(NetDevice device) {
        Map<Integer, NetDevice> m = new TreeMap<>(devices);
        m.put(device.ifindex(), device);
        return new Environment(virtual, virtualNs, monotonic, m);
    }

    /** Whether the clocks are virtual. */
    public boolean isVirtual() {
        return virtual;
    }

    /** Moves a virtual clock forward by {@code ns} (the runtime's time passing); nothing for real clocks. */
    public void advance(long ns) {
        if (ns < 0) {
            throw new IllegalArgumentException("time does not go back");
        }
        virtualNs.addAndGet(ns);
    }

    /** CLOCK_MONOTONIC in nanoseconds: bpf_ktime_get_ns. */
    public long monotonicNs() {
        return monotonic.getAsLong();
    }

    /** CLOCK_BOOTTIME: the monotonic clock plus time suspended, which a JVM (or a virtual machine) never is. */
    public long bootNs() {
        return monotonicNs();
    }

    /** bpf_ktime_get_coarse_ns: the monotonic time of the last tick. */
    public long coarseNs() {
        long t = monotonicNs();
        return t - Math.floorMod(t, 1_000_000_000L / HZ);
    }

    /** CLOCK_TAI: the wall clock plus {@link #TAI_OFFSET_NS}. */
    public long taiNs() {
        if (virtual) {
            return VIRTUAL_EPOCH_NS + (monotonicNs() - VIRTUAL_BOOT_NS) + TAI_OFFSET_NS;
        }
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano() + TAI_OFFSET_NS;
    }

    /** bpf_jiffies64: ticks since boot counted from INITIAL_JIFFIES. */
    public long jiffies64() {
        return INITIAL_JIFFIES + Math.floorDiv(monotonicNs(), 1_000_000_000L / HZ);
    }

    /**
     * The device with this ifindex, or null. ifindex 1 is the loopback device unless replaced; any
     * other the user describes with {@link #withDevice}.
     */
    public NetDevice device(int ifindex) {
        return devices.get(ifindex);
    }

    /**
     * The device a frame arrived on: the one described, or an undescribed Ethernet NIC with the
     * {@link #DEFAULT_MTU} (the kernel's receiving device always exists).
     */
    public NetDevice ingressDevice(int ifindex) {
        NetDevice d = devices.get(ifindex);
        return d != null ? d : new NetDevice(ifindex, "if" + ifindex, DEFAULT_MTU, 0);
    }
}
