package io.jxdp.xdp;

/**
 * What one RX queue counted. One thread writes (the queue's), so the fields are plain; a reader
 * on another thread sees values that may lag but never tear on a 64-bit JVM, and after the RX
 * thread is joined the values are exact.
 */
public final class RxCounters {
    // padding: these counters are written by one thread per frame or batch; keeping them on cache
    // lines of their own stops them from dragging the structures beside them to that thread's core
    long p00, p01, p02, p03, p04, p05, p06, p07;
    /** Frames that entered the XDP program. */
    long received;
    /** ABORTED, an unknown verdict, or a fault: traced as xdp_exception and dropped. */
    long exception;

    long drop;
    long pass;
    long tx;
    /** XDP_REDIRECT verdicts, whatever became of them. */
    long redirect;
    /** Redirects queued towards a cpumap entry. */
    long redirectCpumap;
    /** Redirects sent to a device (devmap entry or ifindex). */
    long redirectDevice;
    /** Redirects that failed (a miss, a stale target): traced as xdp_redirect_err and dropped. */
    long redirectError;
    /** Packets not received: no free frame (the NIC's ring would be empty). */
    long noBuffer;
    /** Packets not received: longer than a frame holds. */
    long tooLong;
    /** Completed NAPI polls (also the grace-period clock for retired cpumap entries). */
    volatile long polls;
    /** CPU time of the queue's thread in nanoseconds (threaded mode). */
    long cpuNanos;
    /** Polls that found no packet (threaded mode: the thread then spun or yielded). */
    long idlePolls;
    /** The CPUs the queue's thread was seen on, one bit each (threaded mode; sampled). */
    long cpusSeen;

    long q00, q01, q02, q03, q04, q05, q06, q07;

    /** Made by the runtime, one per queue, entry or kthread it counts for. */
    RxCounters() {}

    public long received() {
        return received;
    }

    public long exception() {
        return exception;
    }

    public long drop() {
        return drop;
    }

    public long pass() {
        return pass;
    }

    public long tx() {
        return tx;
    }

    public long redirect() {
        return redirect;
    }

    public long redirectCpumap() {
        return redirectCpumap;
    }

    public long redirectDevice() {
        return redirectDevice;
    }

    public long redirectError() {
        return redirectError;
    }

    public long noBuffer() {
        return noBuffer;
    }

    public long tooLong() {
        return tooLong;
    }

    public long cpuNanos() {
        return cpuNanos;
    }
}
