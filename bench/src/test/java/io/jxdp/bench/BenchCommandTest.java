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
}
