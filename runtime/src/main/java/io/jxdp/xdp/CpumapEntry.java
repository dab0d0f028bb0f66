package io.jxdp.xdp;

import io.jxdp.vm.Cpu;
import io.jxdp.vm.LoadedProgram;
import io.jxdp.vm.VmFault;
import io.jxdp.vm.XdpAction;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * One cpumap entry, as {@code struct bpf_cpu_map_entry}: its ring of {@code qsize} slots, the bulk
 * queue every RX queue keeps towards it, and its consumer (the "cpumap/&lt;cpu&gt;" kthread) with
 * an optional second program. An entry is never changed: an update makes a new one and retires
 * this one, which still takes what its bulk queues flush until every RX queue has completed a
 * poll (the grace period), and whose consumer drains the ring before it stops.
 */
final class CpumapEntry {
    /** {@code CPU_MAP_BULK_SIZE}: one cache line of frame pointers. */
    static final int BULK_SIZE = 8;
    /** {@code CPUMAP_BATCH}: frames the consumer takes per round. */
    static final int BATCH = 8;

    final int cpu;
    final int qsize;
    final int progId;
    final PtrRing ring;
    final KthreadCounters counters = new KthreadCounters();
    final EnqueueCounters[] enqueue;
    private final Frame[][] bulk;
    private final int[] bulkCount;
    private final LoadedProgram program;
    private final Cpu programCpu;
    private final FrameSinks sinks;
    private final Frame[] batch = Padding.frames(BATCH);

    private volatile boolean retired;
    private long[] pollsAtRetirement;
    private volatile boolean sleeping;
    private volatile Thread thread;
    private boolean asleep;

    CpumapEntry(int cpu, int qsize, int progId, LoadedProgram program, Cpu programCpu, int rxQueues, FrameSinks sinks) {
        this.cpu = cpu;
        this.qsize = qsize;
        this.progId = progId;
        this.ring = new PtrRing(qsize);
        this.program = program;
        this.programCpu = programCpu;
        this.sinks = sinks;
        this.bulk = new Frame[rxQueues][];
        for (int i = 0; i < rxQueues; i++) {
            bulk[i] = Padding.frames(BULK_SIZE); // each RX queue writes its own, a line away from the rest
        }
        this.bulkCount = new int[(rxQueues + 2) * Padding.INTS];
        this.enqueue = new EnqueueCounters[rxQueues];
        for (int i = 0; i < rxQueues; i++) {
            enqueue[i] = new EnqueueCounters();
        }
    }

    // ---- RX side (each RX queue touches only its own bulk queue) ------------------------------

    /**
     * {@code bq_enqueue}: queue a frame in RX queue {@code rxq}'s bulk queue, flushing it first if full.
     *
     * @return true if the bulk queue was empty before (the caller adds this entry to its flush list)
     */
    boolean enqueue(int rxq, Frame f) {
        int c = (rxq + 1) * Padding.INTS;
        int n = bulkCount[c];
        if (n == BULK_SIZE) {
            flush(rxq);
            n = 0;
        }
        bulk[rxq][Padding.REFS + n] = f;
        bulkCount[c] = n + 1;
        return n == 0;
    }

    /** {@code bq_flush_to_queue}: move RX queue {@code rxq}'s bulk queue into the ring; a full ring drops. */
    void flush(int rxq) {
        int at = (rxq + 1) * Padding.INTS;
        int n = bulkCount[at];
        if (n == 0) {
            return;
        }
        EnqueueCounters c = enqueue[rxq];
        int produced = ring.produceAll(bulk[rxq], Padding.REFS, n, Frame::recycle);
        bulkCount[at] = 0;
        c.processed += n;
        c.drops += n - produced;
        c.events++;
    }

    /** {@code wake_up_process} after a flush: unpark the consumer if it sleeps (threaded mode). */
    void wake() {
        VarHandle.fullFence(); // order our ring writes before reading "sleeping" (the consumer does the mirror)
        if (sleeping) {
            Thread t = thread;
            if (t != null) {
                LockSupport.unpark(t);
            }
        }
    }

    // ---- retirement ---------------------------------------------------------------------------

    /** Marks the entry replaced; {@code polls} are the RX queues' poll counts at this moment. */
    void retire(long[] polls) {
        pollsAtRetirement = polls;
        retired = true;
    }

    /** The consumer thread while it runs (threaded mode), else null. */
    Thread thread() {
        return thread;
    }

    boolean isRetired() {
        return retired;
    }

    /** True once every RX queue has completed a poll since retirement: no frame can reach the ring any more. */
    boolean graceOver(RxQueue[] queues) {
        if (!retired) {
            return false;
        }
        for (int i = 0; i < queues.length; i++) {
            if (queues[i].counters.polls <= pollsAtRetirement[i] && !queues[i].isStopped()) {
                return false;
            }
        }
        return true;
    }

    // ---- consumer side (one thread) -----------------------------------------------------------

    /**
     * One round of {@code cpu_map_kthread_run}: take up to 8 frames and process them.
     *
     * @return the number taken
     */
    int consumeBatch() {
        int n = ring.consume(batch, Padding.REFS, BATCH);
        for (int i = Padding.REFS; i < Padding.REFS + n; i++) {
            Frame f = batch[i];
            batch[i] = null;
            counters.consumed++;
            try {
                process(f);
            } catch (RuntimeException | Error e) {
                // a sink that cannot write: process counted the outcome before the sink, so the frame
                // is still in exactly one bucket; the run stops and reports the error after its totals
                sinks.fail(e);
            }
        }
        sinks.flushReturns();
        return n;
    }

    private void process(Frame f) {
        KthreadCounters c = counters;
        if (program == null) {
            c.pass++;
            sinks.stack(f);
            return;
        }
        long r0;
        try {
            // the kernel gives the cpumap program rx_queue_index 0 (a TODO in cpumap.c) and the original device
            r0 = f.runProgram(program, programCpu, 0);
        } catch (VmFault e) {
            sinks.warn("cpumap program on cpu " + cpu + " faulted: " + e.getMessage());
            c.progDrop++;
            c.drop++;
            sinks.drop(f);
            return;
        }
        XdpAction action = XdpAction.of(r0);
        if (action == XdpAction.PASS) {
            c.progPass++;
            c.pass++;
            sinks.stack(f);
        } else if (action == XdpAction.REDIRECT) {
            c.progRedirect++;
            if (sinks.redirect(programCpu, f)) {
                c.redirect++;
            } else {
                c.redirectError++;
                c.drop++;
                sinks.drop(f);
            }
        } else {
            if (action != XdpAction.DROP) {
                // cpu_map_bpf_prog_run_xdp: bpf_warn_invalid_xdp_action, then drop
                sinks.warn("cpumap program on cpu " + cpu + " returned "
                        + (action == null ? "the invalid action " + r0 : action.kernelName())
                        + ", which a cpumap program may not: dropped");
            }
            c.progDrop++;
            c.drop++;
            sinks.drop(f);
        }
    }

    /** Deterministic mode: up to {@code batches} rounds; counts a sleep when the ring runs dry. */
    int step(int batches) {
        int total = 0;
        for (int b = 0; b < batches; b++) {
            if (ring.isEmpty()) {
                if (!asleep) {
                    asleep = true;
                    counters.sched++;
                }
                break;
            }
            asleep = false;
            total += consumeBatch();
        }
        return total;
    }

    /**
     * Threaded mode: the kthread's loop. Runs until {@code stop} says so and the ring is empty, or,
     * once retired, until the grace period is over and the ring drained.
     */
    void runLoop(
            java.util.function.BooleanSupplier stop,
            RxQueue[] queues,
            boolean busyPoll,
            int pinTo,
            java.util.function.Consumer<String> warn) {
        thread = Thread.currentThread();
        if (pinTo >= 0) {
            String why = ThreadPlacement.pin(pinTo);
            if (why != null) {
                warn.accept("cpumap/" + cpu + " not pinned to cpu " + pinTo + ": " + why);
            }
        }
        ThreadPlacement.Sampler where = new ThreadPlacement.Sampler();
        counters.cpusSeen |= ThreadPlacement.cpuBit();
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpuStart = mx.isCurrentThreadCpuTimeSupported() ? mx.getCurrentThreadCpuTime() : 0;
        try {
            for (; ; ) {
                if (where.due()) {
                    counters.cpusSeen |= ThreadPlacement.cpuBit();
                }
                if (!ring.isEmpty()) {
                    consumeBatch();
                    continue;
                }
                if (retired ? graceOver(queues) && ring.isEmpty() : stop.getAsBoolean() && ring.isEmpty()) {
                    return;
                }
                if (busyPoll) {
                    counters.idlePolls++;
                    Thread.onSpinWait();
                    continue;
                }
                sleeping = true; // a full fence on x86; the producer's wake() mirrors it
                if (ring.isEmpty()) {
                    counters.sched++;
                    LockSupport.parkNanos(this, 1_000_000L);
                    if (!ring.isEmpty()) {
                        counters.wakeups++; // woken to work (by a flush's unpark, or the 1 ms timeout)
                    }
                }
                sleeping = false;
            }
        } finally {
            counters.cpusSeen |= ThreadPlacement.cpuBit();
            if (mx.isCurrentThreadCpuTimeSupported()) {
                counters.cpuNanos += mx.getCurrentThreadCpuTime() - cpuStart;
            }
            thread = null;
        }
    }
}
