package io.jxdp.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jxdp run --report} and {@code jxdp report}: the page's data are the run's counters. */
class RunReportTest {
    private static final String[] RUN = {"run", "--count", "20000", "--engine", "interpreter"};

    @TempDir
    Path dir;

    private static String[] with(String[] base, String... more) {
        String[] out = Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, out, base.length, more.length);
        return out;
    }

    /** The per-queue received counts of the totals' XDP-RX rows. */
    private static long received(String out, int queue) {
        String row = out.lines()
                .filter(l -> l.startsWith(String.format("XDP-RX          %-8d", queue)))
                .reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("XDP-RX " + queue + " in\n" + out));
        return Long.parseLong(row.substring(24).strip().split("\\s+", -1)[0].replace(",", ""));
    }

    /** The data-counts of one chart's line, summed. */
    private static long sumOfCounts(String html, String chart, String series) {
        String svg = html.substring(html.indexOf("id=\"chart-" + chart + "\""));
        svg = svg.substring(0, svg.indexOf("</svg>"));
        Matcher m = Pattern.compile("data-series=\"" + series + "\"[^>]*data-counts=\"([0-9,]*)\"")
                .matcher(svg);
        assertTrue(m.find(), chart + "/" + series + " in\n" + svg);
        return Arrays.stream(m.group(1).split(",")).mapToLong(Long::parseLong).sum();
    }

    @Test
    void aDeterministicReportIsTheSameBytesEveryTimeAndHoldsTheRunsCounters() throws Exception {
        Path a = dir.resolve("a.html");
        Path b = dir.resolve("b.html");
        CliTest r = CliTest.run(with(RUN, "--report", a.toString()));
        assertEquals(0, r.exit, r.err);
        assertEquals("jxdp run: report written to " + a + "\n", r.err);
        assertEquals(0, CliTest.run(with(RUN, "--report", b.toString())).exit);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));

        String html = Files.readString(a);
        assertEquals(received(r.out, 0), sumOfCounts(html, "rx", "queue 0"));
        assertEquals(received(r.out, 1), sumOfCounts(html, "rx", "queue 1"));
        // the DDoS pre-filter drops the attack (half) on the RX CPUs and the consumers take the rest
        assertEquals(10_000, sumOfCounts(html, "drops", "XDP_DROP"));
        assertEquals(10_000, sumOfCounts(html, "consumer", "cpu 2") + sumOfCounts(html, "consumer", "cpu 3"));
        assertEquals(10_000, sumOfCounts(html, "verdicts", "redirect"));
        assertTrue(html.contains("\"totals\":{\"received\":20000,\"consumed\":10000,\"ring_drops\":0}"), html);
        assertEquals(5, html.split("\"holds\":true", -1).length - 1, html);
        // self-contained: no address but the SVG namespace, nothing loaded from elsewhere
        assertTrue(!html.replace("http://www.w3.org/2000/svg", "").contains("http") && !html.contains("src="));
    }

    @Test
    void theAutoscalersDecisionsAreOnThePage() throws Exception {
        Path page = dir.resolve("scale.html");
        CliTest r = CliTest.run(
                "run",
                "--builtin",
                "flow_spread",
                "--controller",
                "autoscale",
                "--cpu",
                "2,3,4,5",
                "--consumer-batches",
                "4",
                "--pace",
                "64,4,64",
                "--phase-steps",
                "1000",
                "--count",
                "100000",
                "--engine",
                "interpreter",
                "--report",
                page.toString());
        assertEquals(0, r.exit, r.err);
        List<String> decisions =
                r.err.lines().filter(l -> l.startsWith("autoscale:")).toList();
        assertTrue(decisions.size() >= 3, r.err);
        String html = Files.readString(page);
        for (String d : decisions) {
            assertTrue(html.contains("</td><td>" + d + "</td></tr>"), d);
        }
        assertEquals(
                decisions.size(), html.split("<tr><td>", -1).length - 1 - 5, "one row per decision, then 5 identities");
    }

    @Test
    void aReportIsNotOverwrittenWithoutForce() throws Exception {
        Path page = dir.resolve("kept.html");
        Files.writeString(page, "mine");
        CliTest r = CliTest.run(with(RUN, "--report", page.toString()));
        assertEquals(2, r.exit);
        assertEquals("jxdp run: " + page + ": exists; pass --force to replace it\n", r.err);
        assertEquals("", r.out, "refused before anything ran");
        assertEquals("mine", Files.readString(page));
        assertEquals(0, CliTest.run(with(RUN, "--report", page.toString(), "--force")).exit);
        assertTrue(Files.readString(page).startsWith("<!DOCTYPE html>"));
        assertEquals(2, CliTest.run(with(RUN, "--report", dir.toString())).exit, "a directory");
        assertEquals(
                2, CliTest.run(with(RUN, "--report", dir.resolve("no/such.html").toString())).exit);
    }

    @Test
    void theReportCommandIsRunWithAReport() throws Exception {
        Path page = dir.resolve("r.html");
        CliTest r = CliTest.run("report", "--count", "20000", "--engine", "interpreter", "--report", page.toString());
        assertEquals(0, r.exit, r.err);
        Path same = dir.resolve("s.html");
        assertEquals(0, CliTest.run(with(RUN, "--report", same.toString())).exit);
        assertArrayEquals(Files.readAllBytes(same), Files.readAllBytes(page));
        CliTest help = CliTest.run("report", "--help");
        assertEquals(0, help.exit);
        assertTrue(help.out.startsWith("usage: jxdp report [PROG] [options]"), help.out);
    }

    /** Renders the page in headless Chromium: its script ran, and the lines it drew carry the counters. */
    @Test
    void chromiumRendersTheChartsWithTheRunsCounters() throws Exception {
        String chromium = onPath("chromium", "chromium-browser", "google-chrome");
        Assumptions.assumeTrue(chromium != null, "no chromium on PATH");
        Path page = dir.resolve("page.html");
        CliTest r = CliTest.run(with(RUN, "--report", page.toString()));
        assertEquals(0, r.exit, r.err);
        List<String> cmd = new ArrayList<>(List.of(
                chromium,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--user-data-dir=" + dir.resolve("profile"),
                "--dump-dom",
                page.toUri().toString()));
        Process p = new ProcessBuilder(cmd)
                .redirectError(dir.resolve("chromium.err").toFile())
                .start();
        String dom = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "chromium did not finish");
        Assumptions.assumeTrue(
                !dom.isEmpty(), "chromium printed nothing: " + Files.readString(dir.resolve("chromium.err")));
        assertTrue(dom.contains("data-rendered=\"ok\""), "the page's script ran\n" + dom);
        assertTrue(
                dom.contains("samples; 20000 frames received, 10000 consumed, 0 ring-full drops; identities hold"),
                dom);
        assertEquals(received(r.out, 0), sumOfCounts(dom, "rx", "queue 0"));
        assertEquals(received(r.out, 1), sumOfCounts(dom, "rx", "queue 1"));
        assertEquals(10_000, sumOfCounts(dom, "consumer", "cpu 2") + sumOfCounts(dom, "consumer", "cpu 3"));
    }

    private static String onPath(String... names) {
        for (String dirName : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator, -1)) {
            for (String n : names) {
                Path p = Path.of(dirName, n);
                if (Files.isExecutable(p)) {
                    return p.toString();
                }
            }
        }
        return null;
    }
}
