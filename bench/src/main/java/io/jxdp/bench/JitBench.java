package io.jxdp.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * {@code jxdp bench jit}: runs {@link EngineBench} and {@link CompileBench} under JMH (each pair in
 * its own JVM) and prints one table: per program the interpreter, the JIT (unverified, and with
 * the verifier's facts) and hand-written Java side by side, the ratios, and uBPF's x86 JIT for
 * reference; then warm compile times.
 *
 * <p>Options: {@code --quick} (short iterations: a smoke run, not a measurement),
 * {@code --programs=parse,sum}, {@code --no-compile}, {@code --verbose} (JMH's own output).
 */
public final class JitBench {
    /** uBPF's x86-64 JIT on the same programs, ns per run (from the issue). */
    private static final Map<BenchProgram, Double> UBPF = Map.of(
            BenchProgram.PARSE,
            3.6,
            BenchProgram.PRIMES,
            590_000.0,
            BenchProgram.SUM,
            51.0,
            BenchProgram.HELPERS,
            8_000.0,
            BenchProgram.EMPTY,
            2.3);

    private JitBench() {}

    public static void main(String[] args) throws RunnerException {
        run(args, System.out);
    }

    public static void run(String[] args, PrintStream out) throws RunnerException {
        List<String> flags = Arrays.asList(args);
        boolean quick = flags.contains("--quick");
        List<BenchProgram> programs = new ArrayList<>(List.of(BenchProgram.values()));
        for (String flag : flags) {
            if (flag.startsWith("--programs=")) {
                programs.clear();
                for (String key : flag.substring("--programs=".length()).split(",", -1)) {
                    programs.add(BenchProgram.ofKey(key));
                }
            }
        }
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(EngineBench.class.getName() + ".run")
                .param("program", programs.stream().map(BenchProgram::key).toArray(String[]::new))
                .forks(1)
                .verbosity(flags.contains("--verbose") ? VerboseMode.NORMAL : VerboseMode.SILENT);
        if (!flags.contains("--no-compile")) {
            options.include(CompileBench.class.getName() + ".compile");
        }
        if (quick) {
            options.warmupIterations(2)
                    .warmupTime(TimeValue.milliseconds(300))
                    .measurementIterations(2)
                    .measurementTime(TimeValue.milliseconds(300));
        }
        int pairs = programs.size() * Workload.Engine.values().length + (flags.contains("--no-compile") ? 0 : 3);
        out.printf(
                Locale.ROOT,
                "running %d JMH benchmarks (%s), each in its own JVM%n",
                pairs,
                quick ? "--quick: a smoke run, not a measurement" : "3 x 1 s warm-up, 5 x 1 s measured");
        out.println(Machine.describe());
        Collection<RunResult> results = new Runner(options.build()).run();
        print(results, programs, out);
        out.println(Machine.describe());
    }

    private static void print(Collection<RunResult> results, List<BenchProgram> programs, PrintStream out) {
        Map<String, RunResult> byKey = new HashMap<>();
        List<RunResult> compiles = new ArrayList<>();
        for (RunResult r : results) {
            if (r.getParams().getBenchmark().endsWith(".compile")) {
                compiles.add(r);
            } else {
                byKey.put(
                        r.getParams().getParam("program") + "/" + r.getParams().getParam("engine"), r);
            }
        }
        out.println();
        out.printf(
                Locale.ROOT,
                "%-38s %11s %11s %11s %11s %11s %9s %9s %9s%n",
                "program (time per run)",
                "interpreter",
                "jit",
                "jit+facts",
                "java",
                "uBPF jit",
                "interp/",
                "jit/java",
                "interp");
        out.printf(
                Locale.ROOT,
                "%-38s %11s %11s %11s %11s %11s %9s %9s %9s%n",
                "",
                "",
                "",
                "",
                "",
                "(issue)",
                "best jit",
                "",
                "ns/insn");
        for (BenchProgram p : programs) {
            double interp = score(byKey, p, Workload.Engine.INTERPRETER);
            double jit = score(byKey, p, Workload.Engine.JIT);
            double facts = !p.hasFacts() ? Double.NaN : score(byKey, p, Workload.Engine.JIT_FACTS);
            double java = score(byKey, p, Workload.Engine.JAVA);
            double best = Double.isNaN(facts) ? jit : Math.min(jit, facts);
            out.printf(
                    Locale.ROOT,
                    "%-38s %11s %11s %11s %11s %11s %8.1fx %8.2fx %9.2f%n",
                    p.description(),
                    time(interp),
                    time(jit),
                    Double.isNaN(facts) ? "-" : time(facts),
                    time(java),
                    time(UBPF.get(p)),
                    interp / best,
                    best / java,
                    interp / p.executedInstructions());
            if (p == BenchProgram.HELPERS) {
                out.printf(
                        Locale.ROOT,
                        "%-38s %11s %11s %11s %11s %11s%n",
                        "  per helper call",
                        time(interp / BenchProgram.CALLS),
                        time(jit / BenchProgram.CALLS),
                        "-",
                        time(java / BenchProgram.CALLS),
                        time(8.0));
            }
        }
        if (!compiles.isEmpty()) {
            out.println();
            out.println("JIT compile time, warm (link + generate + define the hidden class):");
            compiles.sort((a, b) -> Integer.compare(
                    Integer.parseInt(a.getParams().getParam("size")),
                    Integer.parseInt(b.getParams().getParam("size"))));
            for (RunResult r : compiles) {
                out.printf(
                        Locale.ROOT,
                        "  %5s instructions: %8.2f ms%n",
                        r.getParams().getParam("size"),
                        r.getPrimaryResult().getScore() / 1000);
            }
        }
        out.println();
        out.println("jit+facts: the JIT given the verifier's facts (parse: the verifier's own; sum: written by hand, "
                + "the kernel's model rejects its pointer-compared loop); ratios use the faster JIT column.");
    }

    private static double score(Map<String, RunResult> byKey, BenchProgram p, Workload.Engine e) {
        RunResult r = byKey.get(p.key() + "/" + e.key);
        return r == null ? Double.NaN : r.getPrimaryResult().getScore();
    }

    /** A time in ns as the table prints it: ns, us or ms. */
    static String time(double ns) {
        if (Double.isNaN(ns)) {
            return "-";
        }
        if (ns >= 1_000_000) {
            return String.format(Locale.ROOT, "%.3f ms", ns / 1_000_000);
        }
        if (ns >= 10_000) {
            return String.format(Locale.ROOT, "%.2f us", ns / 1000);
        }
        return String.format(Locale.ROOT, "%.2f ns", ns);
    }
}
