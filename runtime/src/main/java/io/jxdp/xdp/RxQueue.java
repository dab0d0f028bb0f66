package io.jxdp.xdp;

import io.jxdp.vm.Cpu;
import io.jxdp.vm.LoadedProgram;
import io.jxdp.vm.VmFault;
import io.jxdp.vm.XdpAction;

/**
 * One RX queue and the CPU serving it: a NAPI poll takes up to {@code budget} packets from the
 * feed into frames, runs the XDP program on each and acts on the verdict, then flushes every bulk
 * queue it filled ({@code xdp_do_flush}) and wakes their consumers.
 */
final class RxQueue {
    /** The NAPI weight drivers use. */
    static final int NAPI_BUDGET = 64;

    final int index;
    final RxCounters counters = new RxCounters();
    private final Cpu cpu;
    private final LoadedProgram program;
    private final PacketFeed feed;
    private final FramePool pool;
    private final XdpRuntime runtime;
    private final int ifindex;
    private final FrameSinks sinks;
    private CpumapEntry[] flushList = new CpumapEntry[8];
    private int flushCount;
    private boolean exhausted;
    private volatile boolean stopped;
    private long limit = Long.MAX_VALUE;

    RxQueue(
            int index,
            Cpu cpu,
            LoadedProgram program,
            PacketFeed feed,
            FramePool pool,
            XdpRuntime runtime,
            int ifindex,
            FrameSinks sinks) {
        this.index = index;
        this.cpu = cpu;
        this.program = program;
        this.feed = feed;
        this.pool = pool;
        this.runtime = runtime;
        this.ifindex = ifindex;
        this.sinks = sinks;
    }

    /** Stop after {@code packets} received packets in total. */
    void limit(long packets) {
        this.limit = packets;
    }

    /** True when the feed is exhausted or the limit reached. */
    boolean isDone() {
        return exhausted || counters.received >= limit;
    }

    boolean isStopped() {
        return stopped;
    }

    void markStopped() {
        stopped = true;
    }

    /**
     * One NAPI poll.
     *
     * @return packets received
     */
    // polls has one writer, this queue's thread; readers need a recent value, not an atomic increment
    @SuppressWarnings("NonAtomicVolatileUpdate")
    int poll(int budget) {
        int n = 0;
        RxCounters c = counters;
        while (n < budget && c.received < limit) {
            Frame f = pool.take();
            if (f == null) {
                c.noBuffer++;
                break;
            }
            int len = feed.next(index, f.buffer, Frame.HEADROOM, Frame.MAX_PACKET);
            if (len < 0) {
                f.recycle();
                if (len == PacketFeed.END) {
                    exhausted = true;
                    break;
                }
                c.tooLong++;
                continue;
            }
            f.reset(len, ifindex, index, feed.timestampNanos(index));
            n++;
            c.received++;
            try {
                receive(f);
            } catch (RuntimeException | Error e) {
                // a sink that cannot write: the verdict was counted before the sink, so the frame is
                // accounted for; the runtime stops receiving and reports the error after the totals
                sinks.fail(e);
            }
        }
        flushAll();
        c.polls++;
        return n;
    }

    private void receive(Frame f) {
        RxCounters c = counters;
        long r0;
        try {
            r0 = f.runProgram(program, cpu, index);
        } catch (VmFault e) {
            sinks.warn("XDP program on rx queue " + index + " faulted: " + e.getMessage());
            c.exception++;
            sinks.drop(f);
            return;
        }
        XdpAction action = XdpAction.of(r0);
        if (action == null) {
            sinks.warn("XDP program on rx queue " + index + " returned the invalid action " + r0 + ": dropped");
            c.exception++;
            sinks.drop(f);
            return;
        }
        switch (action) {
            case ABORTED -> {
                c.exception++;
                sinks.drop(f);
            }
            case DROP -> {
                c.drop++;
                sinks.drop(f);
            }
            case PASS -> {
                c.pass++;
                sinks.stack(f);
            }
            case TX -> {
                c.tx++;
                sinks.tx(f);
            }
            case REDIRECT -> {
                c.redirect++;
                redirect(f);
            }
        }
    }

    private void redirect(Frame f) {
        RxCounters c = counters;
        CpumapEntry entry = runtime.cpumapTarget(cpu);
        if (entry != null) {
            c.redirectCpumap++;
            if (entry.enqueue(index, f)) {
                addToFlushList(entry);
            }
            return;
        }
        if (runtime.deviceRedirect(cpu, f)) {
            c.redirectDevice++;
            return;
        }
        // xdp_do_redirect failed: xdp_redirect_err, and the driver drops the frame
        c.redirectError++;
        sinks.drop(f);
    }

    private void addToFlushList(CpumapEntry entry) {
        if (flushCount == flushList.length) {
            flushList = java.util.Arrays.copyOf(flushList, flushCount * 2);
        }
        flushList[flushCount++] = entry;
    }

    /** {@code xdp_do_flush}: every bulk queue this poll filled goes to its ring, and its consumer is woken. */
    void flushAll() {
        for (int i = 0; i < flushCount; i++) {
            CpumapEntry e = flushList[i];
            flushList[i] = null;
            e.flush(index);
            e.wake();
        }
        flushCount = 0;
    }
}
