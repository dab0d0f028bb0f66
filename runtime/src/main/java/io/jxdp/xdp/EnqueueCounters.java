package io.jxdp.xdp;

/**
 * The {@code xdp_cpumap_enqueue} tracepoint summed for one (RX queue, cpumap entry) pair:
 * frames flushed (processed, ring-full drops included, as the kernel counts them), ring-full
 * drops, and flush events (bulk-average = processed / events). Written by the RX queue's thread.
 */
public final class EnqueueCounters {
    // padding: these counters are written by one thread per frame or batch; keeping them on cache
    // lines of their own stops them from dragging the structures beside them to that thread's core
    long p00, p01, p02, p03, p04, p05, p06, p07;
    long processed;
    long drops;
    long events;

    long q00, q01, q02, q03, q04, q05, q06, q07;

    /** Made by the runtime, one per queue, entry or kthread it counts for. */
    EnqueueCounters() {}

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
