package io.jxdp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {
    @TempDir
    Path dir;

    private static String row(String out, String prefix) {
        return out.lines()
                .filter(l -> l.startsWith(prefix))
                .findFirst()
                .orElseThrow(() -> new AssertionError(prefix + " in\n" + out));
    }

    @Test
    void theDefaultScenarioDropsTheAttackOnTheRxCpusAndSpreadsTheRest() {
        CliTest r = CliTest.run("run", "--count", "20000", "--engine", "interpreter");
        assertEquals(0, r.exit, r.err);
        assertTrue(
                r.out.startsWith(
                        "Running ddos_prefilter.bpf on 2 RX queues (interpreter engine, deterministic mode), cpumap CPUs [2, 3]"),
                r.out);
        assertEquals("XDP-RX          total   20,000         10,000", row(r.out, "XDP-RX          total"));
        assertEquals("cpumap_kthread  total   10,000         0", row(r.out, "cpumap_kthread  total"));
        // deterministic: the same command prints the same statistics
        assertEquals(r.out, CliTest.run("run", "--count", "20000", "--engine", "interpreter").out);
    }

    @Test
    void aSlowConsumerOverflowsItsRingAndTheDropsAreCounted() {
        CliTest r = CliTest.run(
                "run",
                "--builtin",
                "flow_spread",
                "--count",
                "30000",
                "--cpu",
                "2",
                "--qsize",
                "64",
                "--consumer-batches",
                "2",
                "--engine",
                "interpreter",
                "--json");
        assertEquals(0, r.exit, r.err);
        String last = r.out.strip().lines().reduce((a, b) -> b).orElseThrow();
        assertTrue(last.startsWith("{\"elapsed_ns\":"), last);
        // 2 queues x 64 frames per step against 16 per step: most of the ring's input is dropped
        assertTrue(last.contains("\"cpumap_kthread\":[{\"cpu\":2,\"consumed\":"), last);
    }

    @Test
    void sinksWriteOnePcapPerSinkAndNeverReplaceFiles() throws Exception {
        Path out = dir.resolve("out");
        CliTest r = CliTest.run(
                "run",
                "--builtin",
                "flow_spread",
                "--count",
                "2000",
                "--cpu",
                "2",
                "--out",
                out.toString(),
                "--engine",
                "interpreter");
        assertEquals(0, r.exit, r.err);
        assertTrue(Files.size(out.resolve("pass-cpu2.pcap")) > 2000 * 60, "pass-cpu2.pcap holds every frame");
        CliTest again = CliTest.run(
                "run",
                "--builtin",
                "flow_spread",
                "--count",
                "2000",
                "--cpu",
                "2",
                "--out",
                out.toString(),
                "--engine",
                "interpreter");
        assertEquals(2, again.exit);
        assertTrue(again.err.contains("pass-cpu2.pcap"), again.err);
    }

    @Test
    void autoscaleAddsCpusWhileTheConsumersAreOverloaded() {
        CliTest r = CliTest.run(
                "run",
                "--builtin",
                "flow_spread",
                "--controller",
                "autoscale",
                "--cpu",
                "2,3,4",
                "--consumer-batches",
                "6",
                "--count",
                "100000",
                "--engine",
                "interpreter");
        assertEquals(0, r.exit, r.err);
        // 2 queues x 64 frames a step offered to one consumer taking 48: 267%
        assertTrue(r.err.contains("autoscale: load 267% per CPU, added cpu 3 (now [2, 3])"), r.err);
        assertTrue(r.err.contains("added cpu 4 (now [2, 3, 4])"), r.err);
    }

    @Test
    void autoscaleShrinksWhenTheLoadFallsAndLosesNothing() {
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
                "300000",
                "--engine",
                "interpreter");
        assertEquals(0, r.exit, r.err); // exit 0: every counter identity held at the end
        assertEquals(
                java.util.List.of(
                        "autoscale: load 400% per CPU, added cpu 3 (now [2, 3])",
                        "autoscale: load 200% per CPU, added cpu 4 (now [2, 3, 4])",
                        "autoscale: load 133% per CPU, added cpu 5 (now [2, 3, 4, 5])",
                        "autoscale: load 6% per CPU, removed cpu 5 (now [2, 3, 4])",
                        "autoscale: load 8% per CPU, removed cpu 4 (now [2, 3])",
                        "autoscale: load 13% per CPU, removed cpu 3 (now [2])",
                        "autoscale: load 400% per CPU, added cpu 3 (now [2, 3])",
                        "autoscale: load 200% per CPU, added cpu 4 (now [2, 3, 4])",
                        "autoscale: load 133% per CPU, added cpu 5 (now [2, 3, 4, 5])"),
                r.err.lines().toList());
        // frames redirected to a CPU just before it was removed were still consumed by its old entry
        assertTrue(r.out.contains("XDP-RX          total   300,000        0"), r.out);
    }

    @Test
    void aSecondProgramRedirectsToAnEmulatedDevice() throws Exception {
        Path prog = Path.of(
                "..", "programs", "src", "main", "resources", "programs", "xdp_redirect_cpu", "cpumap_devmap.bpf");
        Path out = dir.resolve("dev");
        CliTest r = CliTest.run(
                "run",
                "--builtin",
                "xdp_redirect_cpu/no_touch.bpf",
                "--cpumap-prog",
                prog.toString(),
                "--map-update",
                "tx_port",
                "00000000",
                "02000000",
                "--device",
                "2",
                "--cpu",
                "2",
                "--rxq",
                "1",
                "--count",
                "5000",
                "--out",
                out.toString(),
                "--engine",
                "interpreter");
        assertEquals(0, r.exit, r.err);
        assertEquals("xdp-in-kthread  2       0              0           5,000", row(r.out, "xdp-in-kthread"));
        // 5,000 frames of 60 bytes with a 16-byte record header each, after the 24-byte file header
        assertEquals(24 + 5000 * (16 + 60), Files.size(out.resolve("dev2-main.pcap")));
        CliTest.run("run", "--device", "x").badInput("--device needs a positive ifindex, got 'x'");
    }

    @Test
    void badOptionsAreOneLineErrors() {
        CliTest.run("run", "--rxq", "0").badInput("--rxq must be between 1 and 64, got 0");
        CliTest.run("run", "--builtin", "nope").badInput("no built-in program 'nope'");
        CliTest.run("run", "--cpu", "2,x").badInput("--cpu needs CPU numbers separated by commas");
        CliTest.run("run", "--duration", "1").badInput("--duration needs --mode threaded");
        CliTest.run("run", "--rx-cpus", "0").badInput("--rx-cpus needs --mode threaded (it pins threads)");
        CliTest.run("run", "--mode", "threaded", "--consumer-cpus", "4096")
                .badInput("--consumer-cpus 4096: this machine runs jxdp on CPUs 0 to "
                        + (Runtime.getRuntime().availableProcessors() - 1));
        CliTest.run("run", "--mode", "threaded", "--rx-cpus", "0,x")
                .badInput("--rx-cpus needs CPU numbers separated by commas, got '0,x'");
        CliTest.run("run", "--mix", "1,2").badInput("--mix needs three weights");
        CliTest.run("run", "--cpu", "40").badInput("--cpu 40 is beyond cpumap cpu_map's 12 entries");
        CliTest.run("run", "--pcap", dir.resolve("missing.pcap").toString()).badInput("missing.pcap");
    }

    @Test
    void threadedTotalsShowEveryThreadsCpuTimeIdlePollsWakeUpsAndCpus() {
        CliTest r = CliTest.run(
                "run",
                "--mode",
                "threaded",
                "--rxq",
                "1",
                "--cpu",
                "2,3",
                "--count",
                "20000",
                "--engine",
                "interpreter");
        assertEquals(0, r.exit, r.err);
        String header = "thread          cpu-time    idle-polls     wake-ups    ran on cpus";
        assertTrue(r.out.contains(header), r.out);
        String threads = r.out.substring(r.out.indexOf(header));
        assertEquals(4, threads.strip().lines().count(), threads); // the header, one RX thread, two consumers
        assertTrue(row(threads, "xdp-rx-0").matches("xdp-rx-0 +[0-9]+\\.[0-9]{3} s +[0-9,]+ +- +[0-9,?]+"), threads);
        assertTrue(
                row(threads, "cpumap/3").matches("cpumap/3 +[0-9]+\\.[0-9]{3} s +[0-9,]+ +[0-9,]+ +[0-9,?]+"), threads);
    }
}
