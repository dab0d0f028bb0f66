package io.jxdp.vm.xdp;

/**
 * The {@code xdp_cpumap_enqueue} tracepoint summed for one (RX queue, cpumap entry) pair:
 * frames flushed (processed, ring-full drops included, as the kernel counts them), ring-full
 * drops, and flush events (bulk-average = processed / events). Written by the RX queue's thread.
 */
public final class EnqueueCounters {
    long processed;
    long drops;
    long events;

    public long processed() {
        return processed;
    }

    public long drops() {
        return drops;
    }

    public long events() {
        return events;
    }
}
