package io.jxdp.xdp;

import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

/**
 * Prints runtime statistics as {@code samples/bpf/xdp_redirect_cpu} prints them: rows per RX CPU
 * ({@code XDP-RX}), per enqueue pair ({@code cpumap-enqueue from:to}, with bulk-average), per
 * consumer ({@code cpumap_kthread}, with sched), {@code redirect_err}, {@code xdp_exception}, and
 * {@code xdp-in-kthread} for second programs. Rates come from two snapshots; totals from one.
 */
public final class StatsFormatter {
    private StatsFormatter() {}

    /** The rows for the interval between two snapshots, as rates per second. */
    public static String interval(RuntimeStats prev, RuntimeStats now) {
        double seconds = Math.max(1e-9, (now.elapsedNanos() - prev.elapsedNanos()) / 1e9);
        return rows(prev, now, seconds, "pps", "drop-pps");
    }

    /**
     * The rows of a whole run as counts (deterministic runs, and the summary of threaded ones, which
     * adds a row per thread: CPU time, idle polls, wake-ups and the CPUs it was seen on).
     */
    public static String totals(RuntimeStats now) {
        RuntimeStats zero = new RuntimeStats(0, 0, List.of(), List.of(), List.of());
        return rows(zero, now, 1, "packets", "dropped") + threads(now);
    }

    /** What dedicating CPUs buys: per thread, its CPU time, idle polls, wake-ups and where it ran. */
    static String threads(RuntimeStats now) {
        boolean threaded = now.rx().stream().anyMatch(r -> r.cpusSeen() != 0)
                || now.kthreads().stream().anyMatch(k -> k.cpusSeen() != 0);
        if (!threaded) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "%n%-15s %-11s %-14s %-11s %s%n",
                "thread",
                "cpu-time",
                "idle-polls",
                "wake-ups",
                "ran on cpus"));
        for (RuntimeStats.Rx r : now.rx()) {
            out.append(threadRow("xdp-rx-" + r.queue(), r.cpuNanos(), r.idlePolls(), "-", r.cpusSeen()));
        }
        for (RuntimeStats.Kthread k : now.kthreads()) {
            out.append(threadRow("cpumap/" + k.cpu(), k.cpuNanos(), k.idlePolls(), count(k.wakeups()), k.cpusSeen()));
        }
        return out.toString();
    }

    private static String threadRow(String name, long cpuNanos, long idlePolls, String wakeups, long cpus) {
        return String.format(
                Locale.ROOT,
                "%-15s %-11s %-14s %-11s %s%n",
                name,
                String.format(Locale.ROOT, "%.3f s", cpuNanos / 1e9),
                count(idlePolls),
                wakeups,
                RuntimeStats.cpuList(cpus));
    }

    private static String rows(RuntimeStats prev, RuntimeStats now, double seconds, String unit, String dropUnit) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT, "%-15s %-7s %-14s %-11s %s%n", "XDP-cpumap", "CPU:to", unit, dropUnit, "extra-info"));
        for (RuntimeStats.Rx r : now.rx()) {
            RuntimeStats.Rx p = findRx(prev.rx(), r.queue());
            long received = r.received() - (p == null ? 0 : p.received());
            long drops = rxDrops(r) - (p == null ? 0 : rxDrops(p));
            long errors = r.redirectError() - (p == null ? 0 : p.redirectError());
            if (received > 0 || seconds == 1) {
                out.append(row(
                        "XDP-RX",
                        Integer.toString(r.queue()),
                        received / seconds,
                        drops / seconds,
                        num(errors / seconds) + " cpu-dest/err"
                                + cpuUtil(r.cpuNanos() - (p == null ? 0 : p.cpuNanos()), seconds)));
            }
        }
        out.append(row(
                "XDP-RX",
                "total",
                delta(prev, now, RuntimeStats::rx, RuntimeStats.Rx::received) / seconds,
                delta(prev, now, RuntimeStats::rx, StatsFormatter::rxDrops) / seconds,
                ""));
        for (RuntimeStats.Enqueue e : now.enqueues()) {
            RuntimeStats.Enqueue p = prev.enqueues().stream()
                    .filter(x -> x.rxQueue() == e.rxQueue() && x.toCpu() == e.toCpu())
                    .findFirst()
                    .orElse(null);
            long processed = e.processed() - (p == null ? 0 : p.processed());
            long drops = e.drops() - (p == null ? 0 : p.drops());
            long events = e.events() - (p == null ? 0 : p.events());
            if (processed > 0) {
                out.append(row(
                        "cpumap-enqueue",
                        e.rxQueue() + ":" + e.toCpu(),
                        processed / seconds,
                        drops / seconds,
                        String.format(
                                Locale.ROOT,
                                "%.2f       bulk-average",
                                events == 0 ? 0.0 : (double) processed / events)));
            }
        }
        for (RuntimeStats.Kthread k : now.kthreads()) {
            RuntimeStats.Kthread p = findKthread(prev.kthreads(), k.cpu());
            long consumed = k.consumed() - (p == null ? 0 : p.consumed());
            long drops = k.drop() - (p == null ? 0 : p.drop());
            long sched = k.sched() - (p == null ? 0 : p.sched());
            out.append(row(
                    "cpumap_kthread",
                    Integer.toString(k.cpu()),
                    consumed / seconds,
                    drops / seconds,
                    num(sched / seconds) + " sched" + cpuUtil(k.cpuNanos() - (p == null ? 0 : p.cpuNanos()), seconds)));
        }
        if (!now.kthreads().isEmpty()) {
            out.append(row(
                    "cpumap_kthread",
                    "total",
                    delta(prev, now, RuntimeStats::kthreads, RuntimeStats.Kthread::consumed) / seconds,
                    delta(prev, now, RuntimeStats::kthreads, RuntimeStats.Kthread::drop) / seconds,
                    ""));
        }
        out.append(row(
                "redirect_err",
                "total",
                delta(prev, now, RuntimeStats::rx, RuntimeStats.Rx::redirectError) / seconds,
                0,
                ""));
        out.append(row(
                "xdp_exception",
                "total",
                delta(prev, now, RuntimeStats::rx, RuntimeStats.Rx::exception) / seconds,
                0,
                ""));
        out.append(String.format(
                        Locale.ROOT,
                        "%-15s %-7s %s",
                        "xdp_pass",
                        "total",
                        num(delta(prev, now, RuntimeStats::rx, RuntimeStats.Rx::pass) / seconds)))
                .append('\n');
        out.append(String.format(
                        Locale.ROOT,
                        "%-15s %-7s %s",
                        "xdp_tx",
                        "total",
                        num(delta(prev, now, RuntimeStats::rx, RuntimeStats.Rx::tx) / seconds)))
                .append('\n');
        boolean secondProgram =
                now.kthreads().stream().anyMatch(k -> k.progPass() + k.progDrop() + k.progRedirect() > 0);
        if (secondProgram) {
            out.append(String.format(
                    Locale.ROOT,
                    "%n%-15s %-7s %-14s %-11s %s%n",
                    "XDP-cpumap",
                    "CPU:to",
                    "xdp-pass",
                    "xdp-drop",
                    "xdp-redir"));
            for (RuntimeStats.Kthread k : now.kthreads()) {
                RuntimeStats.Kthread p = findKthread(prev.kthreads(), k.cpu());
                out.append(row(
                        "xdp-in-kthread",
                        Integer.toString(k.cpu()),
                        (k.progPass() - (p == null ? 0 : p.progPass())) / seconds,
                        (k.progDrop() - (p == null ? 0 : p.progDrop())) / seconds,
                        num((k.progRedirect() - (p == null ? 0 : p.progRedirect())) / seconds)));
            }
        }
        return out.toString();
    }

    /** What the RX CPU dropped: XDP_DROP, exceptions and failed redirects. */
    private static long rxDrops(RuntimeStats.Rx r) {
        return r.drop() + r.exception() + r.redirectError();
    }

    private static <T> long delta(
            RuntimeStats prev,
            RuntimeStats now,
            java.util.function.Function<RuntimeStats, List<T>> list,
            ToLongFunction<T> field) {
        return list.apply(now).stream().mapToLong(field).sum()
                - list.apply(prev).stream().mapToLong(field).sum();
    }

    private static RuntimeStats.Rx findRx(List<RuntimeStats.Rx> list, int queue) {
        return list.stream().filter(r -> r.queue() == queue).findFirst().orElse(null);
    }

    private static RuntimeStats.Kthread findKthread(List<RuntimeStats.Kthread> list, int cpu) {
        return list.stream().filter(k -> k.cpu() == cpu).findFirst().orElse(null);
    }

    private static String cpuUtil(long cpuNanos, double seconds) {
        return cpuNanos <= 0 || seconds == 1
                ? ""
                : String.format(Locale.ROOT, " %.0f%% cpu", 100.0 * cpuNanos / 1e9 / seconds);
    }

    private static String row(String name, String cpu, double a, double b, String extra) {
        return String.format(Locale.ROOT, "%-15s %-7s %-14s %-11s %s%n", name, cpu, num(a), num(b), extra)
                        .stripTrailing()
                + "\n";
    }

    private static String count(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%,d", Math.round(v));
    }

    /** The snapshot as JSON: every counter, plus the interval's rates when {@code prev} is given. */
    public static String json(RuntimeStats prev, RuntimeStats now) {
        StringBuilder j = new StringBuilder("{\"elapsed_ns\":").append(now.elapsedNanos());
        if (prev != null) {
            j.append(",\"interval_ns\":").append(now.elapsedNanos() - prev.elapsedNanos());
        }
        j.append(",\"rx\":[");
        for (int i = 0; i < now.rx().size(); i++) {
            RuntimeStats.Rx r = now.rx().get(i);
            j.append(i > 0 ? "," : "")
                    .append(String.format(
                            Locale.ROOT,
                            "{\"queue\":%d,\"received\":%d,\"exception\":%d,\"drop\":%d,\"pass\":%d,\"tx\":%d,\"redirect\":%d,"
                                    + "\"redirect_cpumap\":%d,\"redirect_device\":%d,\"redirect_err\":%d,\"no_buffer\":%d,\"too_long\":%d,\"cpu_ns\":%d,"
                                    + "\"idle_polls\":%d,\"ran_on_cpus\":[%s]}",
                            r.queue(),
                            r.received(),
                            r.exception(),
                            r.drop(),
                            r.pass(),
                            r.tx(),
                            r.redirect(),
                            r.redirectCpumap(),
                            r.redirectDevice(),
                            r.redirectError(),
                            r.noBuffer(),
                            r.tooLong(),
                            r.cpuNanos(),
                            r.idlePolls(),
                            r.cpusSeen() == 0 ? "" : RuntimeStats.cpuList(r.cpusSeen())));
        }
        j.append("],\"cpumap_enqueue\":[");
        for (int i = 0; i < now.enqueues().size(); i++) {
            RuntimeStats.Enqueue e = now.enqueues().get(i);
            j.append(i > 0 ? "," : "")
                    .append(String.format(
                            Locale.ROOT,
                            "{\"from\":%d,\"to\":%d,\"processed\":%d,\"drops\":%d,\"bulk_events\":%d}",
                            e.rxQueue(),
                            e.toCpu(),
                            e.processed(),
                            e.drops(),
                            e.events()));
        }
        j.append("],\"cpumap_kthread\":[");
        for (int i = 0; i < now.kthreads().size(); i++) {
            RuntimeStats.Kthread k = now.kthreads().get(i);
            j.append(i > 0 ? "," : "")
                    .append(String.format(
                            Locale.ROOT,
                            "{\"cpu\":%d,\"consumed\":%d,\"pass\":%d,\"drop\":%d,\"redirect\":%d,\"redirect_err\":%d,\"sched\":%d,"
                                    + "\"xdp_pass\":%d,\"xdp_drop\":%d,\"xdp_redirect\":%d,\"cpu_ns\":%d,"
                                    + "\"idle_polls\":%d,\"wakeups\":%d,\"ran_on_cpus\":[%s]}",
                            k.cpu(),
                            k.consumed(),
                            k.pass(),
                            k.drop(),
                            k.redirect(),
                            k.redirectError(),
                            k.sched(),
                            k.progPass(),
                            k.progDrop(),
                            k.progRedirect(),
                            k.cpuNanos(),
                            k.idlePolls(),
                            k.wakeups(),
                            k.cpusSeen() == 0 ? "" : RuntimeStats.cpuList(k.cpusSeen())));
        }
        return j.append("]}").toString();
    }
}
