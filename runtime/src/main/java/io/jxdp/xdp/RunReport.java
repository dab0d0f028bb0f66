package io.jxdp.xdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToLongFunction;

/**
 * A run as one self-contained HTML page ({@code jxdp run --report FILE}): per interval, RX per
 * queue, consumers per CPU, drops by cause, ring occupancy, bulk average and the verdict mix, as
 * inline SVG charts with the autoscaler's decisions on the time axis; the configuration, the totals
 * and the identities checked at the end. The charts' numbers are also in a JSON block ({@code
 * <script id="jxdp-data">}) and in each line's {@code data-values}, so tools and tests read what is
 * drawn. Nothing is fetched from the network. A deterministic run's x axis is steps and its values
 * are frames per interval, and nothing in the page depends on the clock, so the same command writes
 * the same bytes; a threaded run's x axis is seconds and its rates are Mpps.
 */
public final class RunReport {
    private static final int WIDTH = 720;
    private static final int HEIGHT = 220;
    private static final int LEFT = 70;
    private static final int RIGHT = 150;
    private static final int TOP = 28;
    private static final int BOTTOM = 30;
    private static final String[] COLOURS = {
        "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"
    };

    private final boolean deterministic;
    private final List<String> configuration;
    private final List<RuntimeStats> samples = new ArrayList<>();
    private final List<Long> xs = new ArrayList<>();
    private final List<Event> events = new ArrayList<>();

    private record Event(long x, String text) {}

    /** @param configuration lines that say what ran (program, queues, CPUs, traffic) */
    public RunReport(boolean deterministic, List<String> configuration) {
        this.deterministic = deterministic;
        this.configuration = List.copyOf(configuration);
    }

    /** Adds a snapshot at {@code x}: the step count (deterministic) or nanoseconds since the start. */
    public void sample(long x, RuntimeStats stats) {
        xs.add(x);
        samples.add(stats);
    }

    /** The x of the last sample, -1 before the first. */
    public long lastX() {
        return xs.isEmpty() ? -1 : xs.get(xs.size() - 1);
    }

    /** Something the autoscaler decided at {@code x} (same unit as {@link #sample}). */
    public void event(long x, String text) {
        events.add(new Event(x, text));
    }

    /** The page; {@code total} is the run's final snapshot, whose identities the page lists. */
    public String html(RuntimeStats total) {
        Series s = new Series();
        StringBuilder json = new StringBuilder();
        json.append("{\"mode\":\"")
                .append(deterministic ? "deterministic" : "threaded")
                .append('"');
        json.append(",\"x_unit\":\"")
                .append(deterministic ? "steps" : "seconds")
                .append('"');
        json.append(",\"x\":").append(array(s.x));
        json.append(deterministic ? ",\"interval_steps\":" : ",\"interval_seconds\":");
        json.append(deterministic ? array(s.steps) : array(s.seconds));
        json.append(",\"charts\":{");
        for (int i = 0; i < s.charts.size(); i++) {
            Chart c = s.charts.get(i);
            json.append(i == 0 ? "" : ",").append('"').append(c.id).append("\":{\"unit\":\"");
            json.append(escape(c.unit)).append("\",\"series\":{");
            int k = 0;
            for (Map.Entry<String, double[]> e : c.series.entrySet()) {
                json.append(k++ == 0 ? "" : ",")
                        .append('"')
                        .append(escape(e.getKey()))
                        .append("\":");
                json.append(array(e.getValue()));
            }
            json.append("},\"counts\":{");
            k = 0;
            for (Map.Entry<String, long[]> e : c.counts.entrySet()) {
                json.append(k++ == 0 ? "" : ",")
                        .append('"')
                        .append(escape(e.getKey()))
                        .append("\":");
                json.append(array(e.getValue()));
            }
            json.append("}}");
        }
        json.append("},\"events\":[");
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            json.append(i == 0 ? "" : ",").append("{\"x\":").append(number(xValue(e.x)));
            json.append(",\"text\":\"").append(escape(e.text)).append("\"}");
        }
        json.append("],\"totals\":{");
        json.append("\"received\":").append(total.rxTotal(RuntimeStats.Rx::received));
        json.append(",\"consumed\":").append(total.kthreadTotal(RuntimeStats.Kthread::consumed));
        json.append(",\"ring_drops\":").append(total.enqueueTotal(RuntimeStats.Enqueue::drops));
        json.append("},\"identities\":[");
        List<RuntimeStats.Identity> ids = total.identities();
        for (int i = 0; i < ids.size(); i++) {
            RuntimeStats.Identity id = ids.get(i);
            json.append(i == 0 ? "" : ",").append("{\"name\":\"").append(escape(id.name()));
            json.append("\",\"left\":").append(id.left()).append(",\"right\":").append(id.right());
            json.append(",\"holds\":").append(id.holds()).append('}');
        }
        json.append("]}");

        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        h.append("<title>jxdp run report</title>\n<style>\n");
        h.append("body{font-family:sans-serif;margin:1.5em;color:#222;max-width:")
                .append(WIDTH + 40)
                .append("px}\n");
        h.append("pre{background:#f4f4f4;padding:.6em;white-space:pre-wrap}\n");
        h.append("table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 8px;text-align:right}\n");
        h.append("td:first-child,th:first-child{text-align:left}.bad{color:#c00;font-weight:bold}\n");
        h.append("svg{display:block;margin:.4em 0 1.2em}svg text{font-size:11px}\n</style>\n</head>\n<body>\n");
        h.append("<h1>jxdp run report</h1>\n<h2>Configuration</h2>\n<pre>");
        for (String line : configuration) {
            h.append(html(line)).append('\n');
        }
        h.append("</pre>\n<p id=\"summary\">")
                .append(samples.size())
                .append(" samples, every ")
                .append(deterministic ? "interval of steps" : "interval")
                .append(" (the page's script fills in the totals)</p>\n");
        for (Chart c : s.charts) {
            h.append("<h2>").append(html(c.title)).append("</h2>\n");
            h.append(svg(c, s.x));
        }
        h.append("<h2>Autoscaler decisions</h2>\n");
        if (events.isEmpty()) {
            h.append("<p>none (no --controller)</p>\n");
        } else {
            h.append("<table id=\"events\"><tr><th>")
                    .append(deterministic ? "step" : "second")
                    .append("</th><th>decision</th></tr>\n");
            for (Event e : events) {
                h.append("<tr><td>")
                        .append(number(xValue(e.x)))
                        .append("</td><td>")
                        .append(html(e.text))
                        .append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        h.append("<h2>Totals</h2>\n<pre>")
                .append(html(StatsFormatter.totals(total)))
                .append("</pre>\n");
        h.append("<h2>Identities checked at the end</h2>\n<table id=\"identities\">");
        h.append("<tr><th>identity</th><th>left</th><th>right</th><th>holds</th></tr>\n");
        for (RuntimeStats.Identity id : ids) {
            h.append("<tr><td>").append(html(id.name())).append("</td><td>").append(id.left());
            h.append("</td><td>")
                    .append(id.right())
                    .append("</td><td")
                    .append(id.holds() ? ">yes" : " class=\"bad\">NO");
            h.append("</td></tr>\n");
        }
        h.append("</table>\n");
        // </script> cannot occur in the JSON: escape() writes every '<' as a JSON escape
        h.append("<script type=\"application/json\" id=\"jxdp-data\">")
                .append(json)
                .append("</script>\n");
        h.append("<script>\n");
        h.append("const d = JSON.parse(document.getElementById('jxdp-data').textContent);\n");
        h.append("const ok = d.identities.every(i => i.holds);\n");
        h.append("const s = document.getElementById('summary');\n");
        h.append("s.textContent = d.x.length + ' samples; ' + d.totals.received + ' frames received, '"
                + " + d.totals.consumed + ' consumed, ' + d.totals.ring_drops + ' ring-full drops; identities '"
                + " + (ok ? 'hold' : 'VIOLATED');\n");
        h.append("s.dataset.received = d.totals.received;\ndocument.body.dataset.rendered = 'ok';\n");
        h.append("</script>\n</body>\n</html>\n");
        return h.toString();
    }

    private double xValue(long x) {
        return deterministic ? x : Math.round(x / 1e6) / 1e3;
    }

    // ---- the series ----------------------------------------------------------------------------

    private static final class Chart {
        final String id;
        final String title;
        final String unit;
        final Map<String, double[]> series = new TreeMap<>(RunReport::bySeriesName);
        final Map<String, long[]> counts = new TreeMap<>(RunReport::bySeriesName);

        Chart(String id, String title, String unit) {
            this.id = id;
            this.title = title;
            this.unit = unit;
        }
    }

    /** Orders "queue 2" before "queue 10": by the text before the number, then the number. */
    private static int bySeriesName(String a, String b) {
        String pa = a.replaceAll("\\d+$", "");
        String pb = b.replaceAll("\\d+$", "");
        if (!pa.equals(pb) || pa.length() == a.length() || pb.length() == b.length()) {
            return a.compareTo(b);
        }
        return Long.compare(Long.parseLong(a.substring(pa.length())), Long.parseLong(b.substring(pb.length())));
    }

    /** Every chart's per-interval values, from consecutive snapshots. */
    private final class Series {
        final double[] x = new double[samples.size()];
        final double[] seconds = new double[samples.size()];
        /** Deterministic: the steps of each interval. */
        final long[] steps = new long[samples.size()];

        final List<Chart> charts = new ArrayList<>();

        Series() {
            String rate = deterministic ? "frames per step" : "Mpps";
            Chart rx = chart("rx", "RX per queue", rate);
            Chart consumer = chart("consumer", "Consumed per cpumap CPU", rate);
            Chart drops = chart("drops", "Drops by cause", rate);
            Chart ring = chart("ring", "Ring occupancy per CPU (frames in the ring at the sample)", "frames");
            Chart bulk = chart("bulk", "Bulk average per CPU (frames per flush)", "frames");
            Chart verdicts = chart("verdicts", "Verdict mix on the RX CPUs", rate);
            TreeSet<Integer> queues = new TreeSet<>();
            TreeSet<Integer> cpus = new TreeSet<>();
            for (RuntimeStats st : samples) {
                st.rx().forEach(r -> queues.add(r.queue()));
                st.kthreads().forEach(k -> cpus.add(k.cpu()));
                st.enqueues().forEach(e -> cpus.add(e.toCpu()));
            }
            RuntimeStats zero = new RuntimeStats(0, 0, List.of(), List.of(), List.of());
            long prevX = 0;
            for (int i = 0; i < samples.size(); i++) {
                RuntimeStats now = samples.get(i);
                RuntimeStats prev = i == 0 ? zero : samples.get(i - 1);
                x[i] = xValue(xs.get(i));
                seconds[i] = deterministic ? 0 : (xs.get(i) - prevX) / 1e9;
                steps[i] = deterministic ? xs.get(i) - prevX : 0;
                prevX = xs.get(i);
                for (int q : queues) {
                    put(rx, "queue " + q, i, delta(prev, now, s -> rxOf(s, q, RuntimeStats.Rx::received)));
                }
                for (int c : cpus) {
                    put(
                            consumer,
                            "cpu " + c,
                            i,
                            delta(prev, now, s -> kthreadOf(s, c, RuntimeStats.Kthread::consumed)));
                    long inRing = enqueueOf(now, c, e -> e.processed() - e.drops())
                            - kthreadOf(now, c, RuntimeStats.Kthread::consumed);
                    ring.series.computeIfAbsent("cpu " + c, k -> new double[samples.size()])[i] = inRing;
                    ring.counts.computeIfAbsent("cpu " + c, k -> new long[samples.size()])[i] = inRing;
                    long flushed = delta(prev, now, s -> enqueueOf(s, c, RuntimeStats.Enqueue::processed));
                    long flushes = delta(prev, now, s -> enqueueOf(s, c, RuntimeStats.Enqueue::events));
                    bulk.series.computeIfAbsent("cpu " + c, k -> new double[samples.size()])[i] =
                            flushes == 0 ? 0 : Math.round(100.0 * flushed / flushes) / 100.0;
                    bulk.counts.computeIfAbsent("cpu " + c, k -> new long[samples.size()])[i] = flushed;
                }
                put(drops, "XDP_DROP", i, delta(prev, now, s -> s.rxTotal(RuntimeStats.Rx::drop)));
                put(drops, "exception", i, delta(prev, now, s -> s.rxTotal(RuntimeStats.Rx::exception)));
                put(drops, "ring full", i, delta(prev, now, s -> s.enqueueTotal(RuntimeStats.Enqueue::drops)));
                put(drops, "redirect error", i, delta(prev, now, s -> s.rxTotal(RuntimeStats.Rx::redirectError)));
                put(drops, "consumer drop", i, delta(prev, now, s -> s.kthreadTotal(RuntimeStats.Kthread::drop)));
                put(verdicts, "pass", i, delta(prev, now, s -> s.rxTotal(RuntimeStats.Rx::pass)));
                put(verdicts, "drop", i, delta(prev, now, s -> s.rxTotal(RuntimeStats.Rx::drop)));
                put(verdicts, "tx", i, delta(prev, now, s -> s.rxTotal(RuntimeStats.Rx::tx)));
                put(verdicts, "redirect", i, delta(prev, now, s -> s.rxTotal(RuntimeStats.Rx::redirect)));
                put(verdicts, "aborted", i, delta(prev, now, s -> s.rxTotal(RuntimeStats.Rx::exception)));
            }
        }

        private Chart chart(String id, String title, String unit) {
            Chart c = new Chart(id, title, unit);
            charts.add(c);
            return c;
        }

        /** A count over interval i, drawn as frames per step (deterministic) or Mpps (threaded), 3 decimals. */
        private void put(Chart c, String name, int i, long count) {
            c.counts.computeIfAbsent(name, k -> new long[samples.size()])[i] = count;
            double v = deterministic
                    ? steps[i] <= 0 ? 0 : Math.round(1000.0 * count / steps[i]) / 1000.0
                    : seconds[i] <= 0 ? 0 : Math.round(count / seconds[i] / 1e3) / 1e3;
            c.series.computeIfAbsent(name, k -> new double[samples.size()])[i] = v;
        }
    }

    private static long delta(RuntimeStats prev, RuntimeStats now, ToLongFunction<RuntimeStats> f) {
        return f.applyAsLong(now) - f.applyAsLong(prev);
    }

    private static long rxOf(RuntimeStats s, int queue, ToLongFunction<RuntimeStats.Rx> f) {
        return s.rx().stream().filter(r -> r.queue() == queue).mapToLong(f).sum();
    }

    private static long kthreadOf(RuntimeStats s, int cpu, ToLongFunction<RuntimeStats.Kthread> f) {
        return s.kthreads().stream().filter(k -> k.cpu() == cpu).mapToLong(f).sum();
    }

    private static long enqueueOf(RuntimeStats s, int cpu, ToLongFunction<RuntimeStats.Enqueue> f) {
        return s.enqueues().stream().filter(e -> e.toCpu() == cpu).mapToLong(f).sum();
    }

    // ---- SVG ------------------------------------------------------------------------------------

    private String svg(Chart c, double[] x) {
        double maxX = 0;
        for (double v : x) {
            maxX = Math.max(maxX, v);
        }
        double maxY = 0;
        for (double[] vs : c.series.values()) {
            for (double v : vs) {
                maxY = Math.max(maxY, v);
            }
        }
        maxY = maxY <= 0 ? 1 : maxY * 1.05;
        double mx = maxX <= 0 ? 1 : maxX;
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        StringBuilder b = new StringBuilder();
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"chart-")
                .append(c.id)
                .append("\" width=\"")
                .append(WIDTH)
                .append("\" height=\"")
                .append(HEIGHT)
                .append("\" viewBox=\"0 0 ")
                .append(WIDTH)
                .append(' ')
                .append(HEIGHT)
                .append("\">\n");
        b.append("<rect x=\"")
                .append(LEFT)
                .append("\" y=\"")
                .append(TOP)
                .append("\" width=\"")
                .append(plotW);
        b.append("\" height=\"").append(plotH).append("\" fill=\"#fafafa\" stroke=\"#999\"/>\n");
        b.append(text(4, TOP - 10, "start", c.unit));
        b.append(text(LEFT - 4, TOP + 4, "end", number(maxY)));
        b.append(text(LEFT - 4, TOP + plotH, "end", "0"));
        b.append(text(LEFT, HEIGHT - 8, "start", "0"));
        b.append(text(LEFT + plotW, HEIGHT - 8, "end", number(maxX) + (deterministic ? " steps" : " s")));
        for (Event e : events) {
            double ex = LEFT + plotW * xValue(e.x) / mx;
            b.append("<line class=\"event\" x1=\"")
                    .append(number(ex))
                    .append("\" x2=\"")
                    .append(number(ex));
            b.append("\" y1=\"").append(TOP).append("\" y2=\"").append(TOP + plotH);
            b.append("\" stroke=\"#aaa\" stroke-dasharray=\"3,3\"><title>").append(html(e.text));
            b.append("</title></line>\n");
        }
        int k = 0;
        for (Map.Entry<String, double[]> e : c.series.entrySet()) {
            String colour = COLOURS[k % COLOURS.length];
            StringBuilder pts = new StringBuilder();
            StringBuilder values = new StringBuilder();
            double[] vs = e.getValue();
            for (int i = 0; i < vs.length; i++) {
                double px = LEFT + plotW * x[i] / mx;
                double py = TOP + plotH - plotH * vs[i] / maxY;
                pts.append(i == 0 ? "" : " ").append(number(px)).append(',').append(number(py));
                values.append(i == 0 ? "" : ",").append(number(vs[i]));
            }
            b.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"1.5\"");
            b.append(" data-series=\"")
                    .append(html(e.getKey()))
                    .append("\" data-values=\"")
                    .append(values)
                    .append("\" data-counts=\"");
            String counts = array(c.counts.get(e.getKey()));
            b.append(counts, 1, counts.length() - 1); // the frames of each interval, without brackets
            b.append("\" points=\"").append(pts).append("\"/>\n");
            int ly = TOP + 8 + 14 * k;
            b.append("<rect x=\"").append(WIDTH - RIGHT + 10).append("\" y=\"").append(ly - 8);
            b.append("\" width=\"10\" height=\"10\" fill=\"").append(colour).append("\"/>\n");
            b.append(text(WIDTH - RIGHT + 24, ly + 1, "start", e.getKey()));
            k++;
        }
        b.append("</svg>\n");
        return b.toString();
    }

    private static String text(double x, double y, String anchor, String s) {
        return "<text x=\"" + number(x) + "\" y=\"" + number(y) + "\" text-anchor=\"" + anchor + "\">" + html(s)
                + "</text>\n";
    }

    // ---- text -----------------------------------------------------------------------------------

    /** Integers without a fraction, others with up to three decimals; never a locale's separators. */
    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = String.format(Locale.ROOT, "%.3f", v);
        return s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    private static String array(double[] vs) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < vs.length; i++) {
            b.append(i == 0 ? "" : ",").append(number(vs[i]));
        }
        return b.append(']').toString();
    }

    private static String array(long[] vs) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < vs.length; i++) {
            b.append(i == 0 ? "" : ",").append(vs[i]);
        }
        return b.append(']').toString();
    }

    private static String html(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** A JSON string's content; '<' escaped too, so the block cannot end the script element early. */
    private static String escape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '<' -> b.append("\\u003c");
                default -> {
                    if (ch < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
                    } else {
                        b.append(ch);
                    }
                }
            }
        }
        return b.toString();
    }
}
