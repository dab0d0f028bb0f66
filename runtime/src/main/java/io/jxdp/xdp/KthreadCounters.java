package io.jxdp.xdp;

/**
 * The {@code xdp_cpumap_kthread} tracepoint summed for one cpumap entry's consumer: frames taken
 * off the ring, what became of them (pass to the stack, drop, redirect; with or without a second
 * program), and how often it slept. Written by the consumer's thread.
 */
public final class KthreadCounters {
    // padding: these counters are written by one thread per frame or batch; keeping them on cache
    // lines of their own stops them from dragging the structures beside them to that thread's core
    long p00, p01, p02, p03, p04, p05, p06, p07;
    long consumed;
    long pass;
    long drop;
    long redirect;
    /** Redirects by the second program that failed (counted in drop too, as the kernel does). */
    long redirectError;
    /** Times the consumer went to sleep on an empty ring (the tracepoint's sched). */
    long sched;
    /** Frames the second program saw, by verdict (the xdp-in-kthread row). */
    long progPass;

    long progDrop;
    long progRedirect;
    long cpuNanos;
    /** Busy-polling: looks at an empty ring (threaded mode). */
    long idlePolls;
    /** Sleeps that ended with frames in the ring: a flush's wake-up (threaded mode). */
    long wakeups;
    /** The CPUs the consumer thread was seen on, one bit each (threaded mode; sampled). */
    long cpusSeen;

    long q00, q01, q02, q03, q04, q05, q06, q07;

    /** Made by the runtime, one per queue, entry or kthread it counts for. */
    KthreadCounters() {}

    public long consumed() {
        return consumed;
    }

    public long pass() {
        return pass;
    }

    public long drop() {
        return drop;
    }

    public long redirect() {
        return redirect;
    }

    public long redirectError() {
        return redirectError;
    }

    public long sched() {
        return sched;
    }

    public long progPass() {
        return progPass;
    }

    public long progDrop() {
        return progDrop;
    }

    public long progRedirect() {
        return progRedirect;
    }

    public long cpuNanos() {
        return cpuNanos;
    }
}
