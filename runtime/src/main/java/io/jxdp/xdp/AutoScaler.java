package io.jxdp.xdp;

import io.jxdp.vm.maps.BpfMap;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Scenario 3 of the README: grows and shrinks the set of remote CPUs a spreading program uses,
 * from the statistics, while traffic flows. The program picks {@code cpus_available[hash %
 * cpus_count]}; the scaler keeps those two maps and the cpumap entries in step, in an order that
 * loses nothing: to add a CPU it creates the cpumap entry first and publishes the CPU after; to
 * remove one it unpublishes the CPU first (no new frame goes there) and deletes the entry after,
 * whose consumer then drains its ring.
 *
 * <p>Load is measured per interval. A consumer is overloaded when its ring dropped frames or it
 * was busy more than {@code high} of the interval; the set shrinks when the offered load would
 * keep one fewer consumer below {@code low}. Busy is consumed frames over capacity in
 * deterministic mode, and thread CPU time over wall time in threaded mode; the offered load is
 * busy scaled by the frames flushed towards the CPU over those it consumed.
 */
public final class AutoScaler {
    private final XdpRuntime runtime;
    private final BpfMap cpusAvailable;
    private final BpfMap cpusCount;
    private final int[] pool;
    private final int qsize;
    private final int minCpus;
    private final double high;
    private final double low;
    private final Consumer<String> log;
    private int active;
    private int cooldown;

    /**
     * @param pool the CPUs it may use, in the order it adds them
     * @param initial how many of them to start with
     */
    public AutoScaler(
            XdpRuntime runtime,
            BpfMap cpusAvailable,
            BpfMap cpusCount,
            int[] pool,
            int initial,
            int qsize,
            Consumer<String> log) {
        if (initial < 1 || initial > pool.length) {
            throw new IllegalArgumentException("start with 1 to " + pool.length + " CPUs");
        }
        this.runtime = runtime;
        this.cpusAvailable = cpusAvailable;
        this.cpusCount = cpusCount;
        this.pool = pool.clone();
        this.qsize = qsize;
        this.minCpus = 1;
        this.high = 0.85;
        this.low = 0.5;
        this.log = log;
        for (int i = 0; i < initial; i++) {
            add();
        }
    }

    /** The CPUs in use now, in cpus_available order. */
    public List<Integer> active() {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < active; i++) {
            out.add(pool[i]);
        }
        return out;
    }

    /** Looks at the interval between two snapshots and adds or removes at most one CPU. */
    public void tick(RuntimeStats prev, RuntimeStats now) {
        if (cooldown > 0) {
            cooldown--;
            return;
        }
        double offered = 0;
        boolean overloaded = false;
        for (int i = 0; i < active; i++) {
            int cpu = pool[i];
            long consumed = kthread(now, cpu).consumed() - kthread(prev, cpu).consumed();
            long drops = enqueue(now, cpu, false) - enqueue(prev, cpu, false);
            long flushed = enqueue(now, cpu, true) - enqueue(prev, cpu, true);
            double busy = busy(prev, now, cpu, consumed);
            // what was offered (flushed towards this CPU: dropped, queued or consumed), relative to what it can take
            double load = consumed > 0 ? busy * flushed / consumed : flushed > 0 ? 1 : 0;
            offered += load;
            overloaded |= drops > 0 || busy > high;
        }
        if (overloaded && active < pool.length) {
            add();
            log.accept("autoscale: load " + percent(offered / (active - 1)) + " per CPU, added cpu " + pool[active - 1]
                    + " (now " + active() + ")");
            cooldown = 2;
        } else if (!overloaded && active > minCpus && offered / (active - 1) < low) {
            remove();
            log.accept("autoscale: load " + percent(offered / (active + 1)) + " per CPU, removed cpu " + pool[active]
                    + " (now " + active() + ")");
            cooldown = 2;
        }
    }

    private double busy(RuntimeStats prev, RuntimeStats now, int cpu, long consumed) {
        if (runtime.mode() == XdpRuntime.Mode.DETERMINISTIC) {
            long steps = now.steps() - prev.steps();
            return steps == 0 ? 0 : (double) consumed / (steps * (double) runtime.consumerCapacityPerStep());
        }
        long wall = now.elapsedNanos() - prev.elapsedNanos();
        long cpuNanos = kthread(now, cpu).cpuNanos() - kthread(prev, cpu).cpuNanos();
        return wall == 0 ? 0 : (double) cpuNanos / wall;
    }

    private void add() {
        int cpu = pool[active];
        runtime.updateCpumap(cpu, qsize, 0);
        cpusAvailable.update(le32(active), le32(cpu), 0);
        active++;
        cpusCount.update(le32(0), le32(active), 0);
    }

    private void remove() {
        active--;
        cpusCount.update(le32(0), le32(active), 0);
        runtime.deleteCpumap(pool[active]);
    }

    private static RuntimeStats.Kthread kthread(RuntimeStats s, int cpu) {
        for (RuntimeStats.Kthread k : s.kthreads()) {
            if (k.cpu() == cpu) {
                return k;
            }
        }
        return new RuntimeStats.Kthread(cpu, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    /** Frames flushed towards {@code cpu} ({@code processed}), or those of them its ring dropped. */
    private static long enqueue(RuntimeStats s, int cpu, boolean processed) {
        long n = 0;
        for (RuntimeStats.Enqueue e : s.enqueues()) {
            if (e.toCpu() == cpu) {
                n += processed ? e.processed() : e.drops();
            }
        }
        return n;
    }

    private static String percent(double x) {
        return Math.round(x * 100) + "%";
    }

    private static byte[] le32(int v) {
        return new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)};
    }
}
