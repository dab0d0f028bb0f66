package io.jxdp.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jxdp.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code jxdp bench} through the CLI with this module on the class path, as the launcher runs it. */
class BenchCommandTest {
    @Test
    void anUnknownProgramIsAUsageError() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(
                new String[] {"bench", "jit", "--programs=foo"},
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, exit);
        assertEquals(
                "jxdp bench: no benchmark program 'foo' (there are: parse, primes, sum64, calls, empty, parse-fnv, prandom) (try: jxdp bench --help)\n",
                err.toString(StandardCharsets.UTF_8));
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anUnknownOptionIsAUsageErrorAndHelpRunsNothing() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(
                new String[] {"bench", "jit", "--bogus"},
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, exit);
        assertEquals(
                "jxdp bench: Unrecognized option: --bogus (try: jxdp bench --help)\n",
                err.toString(StandardCharsets.UTF_8));
        assertEquals("", out.toString(StandardCharsets.UTF_8));

        ByteArrayOutputStream help = new ByteArrayOutputStream();
        exit = Main.run(
                new String[] {"bench", "jit", "--help"},
                new PrintStream(help, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertEquals(0, exit);
        assertEquals(
                "usage: jxdp bench jit [--quick] [--programs LIST] [--no-compile] [--no-native] [--verbose]\n"
                        + "programs: parse, primes, sum64, calls, empty, parse-fnv, prandom\n"
                        + "  (a)-(e) are the shared benchmark programs, read from ../shared/bench-programs;\n"
                        + "  the others are jxdp's own variants.\n"
                        + "example: ./jxdp bench jit --programs parse,sum64 --no-compile\n",
                help.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anUnknownBenchmarkIsAUsageError() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(
                new String[] {"bench", "nope"},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, exit);
        assertEquals(
                "jxdp bench: unknown benchmark 'nope' (jit, cpumap or verifier) (try: jxdp bench --help)\n",
                err.toString(StandardCharsets.UTF_8));
    }

    private static String[] run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new String[] {
            Integer.toString(exit), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)
        };
    }

    @Test
    void cpumapTakesSecondsEitherWayAndRefusesUnknownOptionsBeforeRunning() {
        assertEquals(1.0, CpumapBench.parse(new String[] {"--seconds", "1"}).seconds());
        assertEquals(1.0, CpumapBench.parse(new String[] {"--seconds=1"}).seconds());
        CpumapBench.Settings s =
                CpumapBench.parse(new String[] {"--runs", "3", "--engine=interpreter", "--seconds", "0.5"});
        assertEquals(3, s.runs());
        assertEquals(0.5, s.seconds());
        assertEquals(io.jxdp.vm.EngineKind.INTERPRETER, s.engine());
        assertEquals(5.0, CpumapBench.parse(new String[0]).seconds());
        String[][] bad = {
            {"--bogus", "jxdp bench: Unrecognized option: --bogus (try: jxdp bench --help)\n"},
            {"--seconds", "jxdp bench: Missing argument for option: seconds (try: jxdp bench --help)\n"},
            {"--seconds=x", "jxdp bench: --seconds needs a number, got 'x' (try: jxdp bench --help)\n"},
            {"--seconds=0", "jxdp bench: --seconds must be above 0 and at most 3600, got '0' (try: jxdp bench --help)\n"
            },
            {
                "--runs=1.5",
                "jxdp bench: --runs needs a whole number from 1 to 1000, got '1.5' (try: jxdp bench --help)\n"
            },
            {"--engine=vm", "jxdp bench: --engine must be interpreter or jit, got 'vm' (try: jxdp bench --help)\n"},
            {"extra", "jxdp bench: unexpected argument 'extra' (try: jxdp bench --help)\n"},
        };
        for (String[] b : bad) {
            String[] r = run("bench", "cpumap", b[0]);
            assertEquals("2", r[0], b[0]);
            assertEquals("", r[1], b[0]);
            assertEquals(b[1], r[2], b[0]);
        }
        String[] help = run("bench", "cpumap", "--help");
        assertEquals("0", help[0]);
        assertEquals(
                "usage: jxdp bench cpumap [--seconds N] [--runs N] [--engine interpreter|jit] [--no-pin]\n"
                        + "example: ./jxdp bench cpumap --seconds 2 --runs 3\n",
                help[1]);
    }

    @Test
    void verifierRefusesUnknownOptionsBeforeRunning() {
        String[] r = run("bench", "verifier", "--seconds", "1");
        assertEquals("2", r[0]);
        assertEquals("", r[1]);
        assertEquals("jxdp bench: Unrecognized option: --seconds (try: jxdp bench --help)\n", r[2]);
        String[] help = run("bench", "verifier", "-h");
        assertEquals("0", help[0]);
        assertEquals("usage: jxdp bench verifier [--quick]\n", help[1]);
    }
}
