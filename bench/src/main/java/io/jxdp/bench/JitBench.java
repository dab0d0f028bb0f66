package io.jxdp.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * {@code jxdp bench jit}: runs {@link EngineBench} and {@link CompileBench} under JMH (each pair in
 * its own JVM), and DPDK's rte_bpf ({@link NativePeer}) on the same shared programs, in one run on
 * one machine, and prints one table: per program the jxdp interpreter, the JIT (unverified, and
 * with the verifier's facts), hand-written Java, rte_bpf's interpreter and JIT, each with its
 * error (JMH's 99.9% interval), then the ratios; then warm compile times.
 */
public final class JitBench {
    private static final Options OPTIONS = new Options()
            .addOption(null, "quick", false, "short iterations: a smoke run, not a measurement")
            .addOption(Option.builder()
                    .longOpt("programs")
                    .hasArg()
                    .argName("LIST")
                    .desc("the programs to run, comma-separated (default: all)")
                    .get())
            .addOption(null, "no-compile", false, "skip the JIT compile-time benchmark")
            .addOption(null, "no-native", false, "skip DPDK's rte_bpf")
            .addOption(null, "verbose", false, "show JMH's own output")
            .addOption("h", "help", false, "print this help");

    private JitBench() {}

    public static void main(String[] args) throws RunnerException {
        run(args, System.out);
    }

    /** Prints the usage of {@code jxdp bench jit}. */
    static void usage(PrintStream out) {
        out.println("usage: jxdp bench jit [--quick] [--programs LIST] [--no-compile] [--no-native] [--verbose]");
        out.println("programs: "
                + String.join(
                        ", ",
                        Arrays.stream(BenchProgram.values())
                                .map(BenchProgram::key)
                                .toList()));
        out.println("  (a)-(e) are the shared benchmark programs, read from ../shared/bench-programs;");
        out.println("  the others are jxdp's own variants.");
        out.println("example: ./jxdp bench jit --programs parse,sum64 --no-compile");
    }

    public static void run(String[] args, PrintStream out) throws RunnerException {
        CommandLine line;
        try {
            line = new DefaultParser().parse(OPTIONS, args);
        } catch (ParseException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (!line.getArgList().isEmpty()) {
            throw new IllegalArgumentException(
                    "unexpected argument '" + line.getArgList().get(0) + "'");
        }
        if (line.hasOption("help")) {
            usage(out);
            return;
        }
        boolean quick = line.hasOption("quick");
        boolean compile = !line.hasOption("no-compile");
        List<BenchProgram> programs = new ArrayList<>(List.of(BenchProgram.values()));
        if (line.hasOption("programs")) {
            programs.clear();
            for (String key : line.getOptionValue("programs").split(",", -1)) {
                programs.add(BenchProgram.ofKey(key.strip()));
            }
        }
        // jit-facts only where the program has facts: JMH's parameters are a cartesian product, so
        // the programs without facts go in a second run over the other three engines.
        List<BenchProgram> withFacts =
                programs.stream().filter(BenchProgram::hasFacts).toList();
        List<BenchProgram> without =
                programs.stream().filter(p -> !p.hasFacts()).toList();
        int iterations = quick ? 2 : 5;
        int millis = quick ? 300 : 1000;
        List<ChainedOptionsBuilder> runs = new ArrayList<>();
        if (!withFacts.isEmpty()) {
            runs.add(engineRun(withFacts, List.of(Workload.Engine.values()), line, quick, millis, iterations));
        }
        if (!without.isEmpty()) {
            runs.add(engineRun(
                    without,
                    List.of(Workload.Engine.INTERPRETER, Workload.Engine.JIT, Workload.Engine.JAVA),
                    line,
                    quick,
                    millis,
                    iterations));
        }
        if (compile) {
            runs.get(0).include(CompileBench.class.getName() + ".compile");
        }
        int pairs = withFacts.size() * 4 + without.size() * 3 + (compile ? 3 : 0);
        out.printf(
                Locale.ROOT,
                "running %d JMH benchmarks (%s), each in its own JVM, then DPDK's rte_bpf on the same programs%n",
                pairs,
                quick ? "--quick: a smoke run, not a measurement" : "3 x 1 s warm-up, 5 x 1 s measured");
        out.println(Machine.describe());
        List<RunResult> results = new ArrayList<>();
        for (ChainedOptionsBuilder run : runs) {
            results.addAll(new Runner(run.build()).run());
        }
        NativePeer.Run peer = line.hasOption("no-native")
                ? new NativePeer.Run(Map.of(), "--no-native")
                : NativePeer.measure(programs, iterations, millis);
        print(results, peer, programs, out);
        out.println(Machine.describe());
    }

    private static ChainedOptionsBuilder engineRun(
            List<BenchProgram> programs,
            List<Workload.Engine> engines,
            CommandLine line,
            boolean quick,
            int millis,
            int iterations) {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(EngineBench.class.getName() + ".run")
                .param("program", programs.stream().map(BenchProgram::key).toArray(String[]::new))
                .param("engine", engines.stream().map(e -> e.key).toArray(String[]::new))
                .forks(1)
                .verbosity(line.hasOption("verbose") ? VerboseMode.NORMAL : VerboseMode.SILENT);
        if (quick) {
            options.warmupIterations(2)
                    .warmupTime(TimeValue.milliseconds(millis))
                    .measurementIterations(iterations)
                    .measurementTime(TimeValue.milliseconds(millis));
        }
        return options;
    }

    /** One figure of the table: JMH's (or the harness's) mean and error, in ns. */
    private record Figure(double ns, double error) {
        static final Figure NONE = new Figure(Double.NaN, Double.NaN);

        String show() {
            return Double.isNaN(ns) ? "-" : time(ns) + " ±" + relative();
        }

        private String relative() {
            return Double.isNaN(error) ? "?" : String.format(Locale.ROOT, "%.0f%%", 100 * error / ns);
        }
    }

    private static void print(
            Collection<RunResult> results, NativePeer.Run peer, List<BenchProgram> programs, PrintStream out) {
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
        String row = "%-44s %16s %16s %16s %16s %16s %16s%n";
        out.println();
        out.println("Time per run, mean ±99.9% interval (JMH's error; the harness's for rte_bpf):");
        out.printf(
                Locale.ROOT,
                row,
                "program",
                "jxdp interp",
                "jxdp jit",
                "jxdp jit+facts",
                "java",
                "rte_bpf interp",
                "rte_bpf jit");
        List<String> refusals = new ArrayList<>();
        for (BenchProgram p : programs) {
            out.printf(
                    Locale.ROOT,
                    row,
                    p.description(),
                    figure(byKey, p, Workload.Engine.INTERPRETER).show(),
                    figure(byKey, p, Workload.Engine.JIT).show(),
                    p.hasFacts() ? figure(byKey, p, Workload.Engine.JIT_FACTS).show() : "-",
                    figure(byKey, p, Workload.Engine.JAVA).show(),
                    peerCell(peer, p, "interpreter", refusals),
                    peerCell(peer, p, "jit", refusals));
        }
        String ratios = "%-44s %12s %12s %12s %14s %16s%n";
        out.println();
        out.println("Ratios (below 1.00x: jxdp is faster; best jit = the faster of jit and jit+facts):");
        out.printf(
                Locale.ROOT,
                ratios,
                "program",
                "jit/rte jit",
                "interp/rte",
                "best jit/java",
                "interp ns/insn",
                "interp/best jit");
        for (BenchProgram p : programs) {
            double interp = figure(byKey, p, Workload.Engine.INTERPRETER).ns();
            double jit = figure(byKey, p, Workload.Engine.JIT).ns();
            double facts =
                    p.hasFacts() ? figure(byKey, p, Workload.Engine.JIT_FACTS).ns() : Double.NaN;
            double best = Double.isNaN(facts) ? jit : Math.min(jit, facts);
            double java = figure(byKey, p, Workload.Engine.JAVA).ns();
            out.printf(
                    Locale.ROOT,
                    ratios,
                    p.description(),
                    ratio(best, peerFigure(peer, p, "jit").ns()),
                    ratio(interp, peerFigure(peer, p, "interpreter").ns()),
                    ratio(best, java),
                    String.format(Locale.ROOT, "%.2f", interp / p.executedInstructions()),
                    ratio(interp, best));
        }
        if (peer.skipped() != null) {
            out.println();
            out.println("rte_bpf: skipped (" + peer.skipped() + ")");
        }
        for (String refusal : refusals) {
            out.println(refusal);
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
                        "  %5s instructions: %8.3f ms ±%.3f%n",
                        r.getParams().getParam("size"),
                        r.getPrimaryResult().getScore() / 1000,
                        r.getPrimaryResult().getScoreError() / 1000);
            }
        }
        out.println();
        out.println("jit+facts: the JIT given the verifier's facts (parse: the verifier's own; sum64: written by hand,"
                + " as the kernel's model rejects its pointer-compared loop).");
        out.println("rte_bpf runs each program behind one added instruction (r2 = 1500: it passes only r1).");
    }

    private static Figure figure(Map<String, RunResult> byKey, BenchProgram p, Workload.Engine e) {
        RunResult r = byKey.get(p.key() + "/" + e.key);
        return r == null
                ? Figure.NONE
                : new Figure(
                        r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreError());
    }

    private static Figure peerFigure(NativePeer.Run peer, BenchProgram p, String engine) {
        NativePeer.Result r = peer.results().get(p.key() + "/" + engine);
        return r == null || r.skipped() != null ? Figure.NONE : new Figure(r.ns(), r.error());
    }

    private static String peerCell(NativePeer.Run peer, BenchProgram p, String engine, List<String> refusals) {
        if (!p.shared()) {
            return "-";
        }
        NativePeer.Result r = peer.results().get(p.key() + "/" + engine);
        if (r != null && r.skipped() != null) {
            refusals.add("rte_bpf " + engine + " on " + p.key() + ": " + r.skipped());
            return "refused";
        }
        return peerFigure(peer, p, engine).show();
    }

    private static String ratio(double a, double b) {
        return Double.isNaN(a) || Double.isNaN(b) ? "-" : String.format(Locale.ROOT, "%.2fx", a / b);
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
