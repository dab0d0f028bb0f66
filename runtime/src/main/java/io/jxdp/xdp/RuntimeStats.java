package io.jxdp.xdp;

import java.util.Comparator;
import java.util.List;

/**
 * Every counter of a runtime at one moment: per RX queue, per cpumap consumer (by CPU, summed over
 * the entries that CPU's key ever had) and per (RX queue, CPU) enqueue pair.
 *
 * @param elapsedNanos time since the runtime was built
 * @param steps deterministic rounds done so far (0 in threaded mode)
 */
public record RuntimeStats(long elapsedNanos, long steps, List<Rx> rx, List<Kthread> kthreads, List<Enqueue> enqueues) {

    public RuntimeStats {
        rx = rx.stream().sorted(Comparator.comparingInt(Rx::queue)).toList();
        kthreads =
                kthreads.stream().sorted(Comparator.comparingInt(Kthread::cpu)).toList();
        enqueues = enqueues.stream()
                .sorted(Comparator.comparingInt(Enqueue::rxQueue).thenComparingInt(Enqueue::toCpu))
                .toList();
    }

    /** One RX queue's counters. */
    public record Rx(
            int queue,
            long received,
            long exception,
            long drop,
            long pass,
            long tx,
            long redirect,
            long redirectCpumap,
            long redirectDevice,
            long redirectError,
            long noBuffer,
            long tooLong,
            long cpuNanos,
            long idlePolls,
            long cpusSeen) {}

    /** One consumer CPU's counters; {@code busyRings} is how many of its entries' rings hold frames. */
    public record Kthread(
            int cpu,
            long consumed,
            long pass,
            long drop,
            long redirect,
            long redirectError,
            long sched,
            long progPass,
            long progDrop,
            long progRedirect,
            long cpuNanos,
            int busyRings,
            long idlePolls,
            long wakeups,
            long cpusSeen) {
        Kthread plus(Kthread o) {
            return new Kthread(
                    cpu,
                    consumed + o.consumed,
                    pass + o.pass,
                    drop + o.drop,
                    redirect + o.redirect,
                    redirectError + o.redirectError,
                    sched + o.sched,
                    progPass + o.progPass,
                    progDrop + o.progDrop,
                    progRedirect + o.progRedirect,
                    cpuNanos + o.cpuNanos,
                    busyRings + o.busyRings,
                    idlePolls + o.idlePolls,
                    wakeups + o.wakeups,
                    cpusSeen | o.cpusSeen);
        }
    }

    /** Frames one RX queue flushed towards one CPU. */
    public record Enqueue(int rxQueue, int toCpu, long processed, long drops, long events) {
        Enqueue plus(Enqueue o) {
            return new Enqueue(rxQueue, toCpu, processed + o.processed, drops + o.drops, events + o.events);
        }
    }

    /** The CPUs of a {@code cpusSeen} mask, as "0,1"; "?" when none was seen. */
    public static String cpuList(long mask) {
        if (mask == 0) {
            return "?";
        }
        StringBuilder b = new StringBuilder();
        for (long m = mask; m != 0; m &= m - 1) {
            b.append(b.length() > 0 ? "," : "").append(Long.numberOfTrailingZeros(m));
        }
        return b.toString();
    }

    /** Sum of one RX field over all queues. */
    public long rxTotal(java.util.function.ToLongFunction<Rx> field) {
        return rx.stream().mapToLong(field).sum();
    }

    public long kthreadTotal(java.util.function.ToLongFunction<Kthread> field) {
        return kthreads.stream().mapToLong(field).sum();
    }

    public long enqueueTotal(java.util.function.ToLongFunction<Enqueue> field) {
        return enqueues.stream().mapToLong(field).sum();
    }

    /**
     * The accounting identities of ARCHITECTURE.md, as a list of violations (empty when every frame
     * is accounted for). Call it on a stopped runtime: while running, frames in flight are in none
     * of the buckets yet.
     */
    public List<String> violations() {
        List<String> v = new java.util.ArrayList<>();
        long received = rxTotal(Rx::received);
        long outcomes = rxTotal(Rx::exception)
                + rxTotal(Rx::drop)
                + rxTotal(Rx::pass)
                + rxTotal(Rx::tx)
                + rxTotal(Rx::redirect);
        check(v, "received = exception + drop + pass + tx + redirect", received, outcomes);
        check(
                v,
                "redirect = cpumap + device + redirect errors",
                rxTotal(Rx::redirect),
                rxTotal(Rx::redirectCpumap) + rxTotal(Rx::redirectDevice) + rxTotal(Rx::redirectError));
        check(
                v,
                "cpumap redirects = frames flushed to rings",
                rxTotal(Rx::redirectCpumap),
                enqueueTotal(Enqueue::processed));
        check(
                v,
                "flushed = ring-full drops + consumed",
                enqueueTotal(Enqueue::processed),
                enqueueTotal(Enqueue::drops) + kthreadTotal(Kthread::consumed));
        check(
                v,
                "consumed = pass + drop + redirect",
                kthreadTotal(Kthread::consumed),
                kthreadTotal(Kthread::pass) + kthreadTotal(Kthread::drop) + kthreadTotal(Kthread::redirect));
        return v;
    }

    private static void check(List<String> v, String identity, long left, long right) {
        if (left != right) {
            v.add(identity + ": " + left + " != " + right);
        }
    }
}
