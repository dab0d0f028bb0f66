package io.jxdp.bench;

import java.io.PrintStream;
import java.util.Locale;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;

/** {@code jxdp bench verifier}: {@link VerifierBench} under JMH, printed against the 50 ms target. */
public final class VerifierBenchTable {
    private VerifierBenchTable() {}

    private static final Options OPTIONS = new Options()
            .addOption(null, "quick", false, "one warm-up and one measured iteration: a smoke run, not a measurement")
            .addOption("h", "help", false, "print this help");

    /** Whether {@code --quick} was given; unknown options and arguments are refused before anything runs. */
    static CommandLine parse(String[] args) {
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
        return line;
    }

    public static void run(String[] args, PrintStream out) throws RunnerException {
        CommandLine line = parse(args);
        if (line.hasOption("help")) {
            out.println("usage: jxdp bench verifier [--quick]");
            return;
        }
        boolean quick = line.hasOption("quick");
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
