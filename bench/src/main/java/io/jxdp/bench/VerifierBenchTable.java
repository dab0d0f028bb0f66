package io.jxdp.bench;

import java.io.PrintStream;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;

/** {@code jxdp bench verifier}: {@link VerifierBench} under JMH, printed against the 50 ms target. */
public final class VerifierBenchTable {
    private VerifierBenchTable() {}

    public static void run(String[] args, PrintStream out) throws RunnerException {
        boolean quick = java.util.Arrays.asList(args).contains("--quick");
        OptionsBuilder options = new OptionsBuilder();
        options.include(VerifierBench.class.getName() + ".verify").forks(1).verbosity(VerboseMode.SILENT);
        if (quick) {
            options.warmupIterations(1).measurementIterations(1);
        }
        out.println(Machine.describe());
        out.printf(Locale.ROOT, "%-16s %12s %10s%n", "program", "verify (ms)", "target");
        for (RunResult r : new Runner(options.build()).run()) {
            out.printf(
                    Locale.ROOT,
                    "%-16s %12.2f %10s%n",
                    r.getParams().getParam("program"),
                    r.getPrimaryResult().getScore(),
                    r.getParams().getParam("program").equals("ddos_prefilter") ? "-" : "< 50");
        }
    }
}
