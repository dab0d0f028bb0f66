package io.jxdp.cli;

import java.io.PrintStream;
import java.util.Arrays;

/**
 * {@code jxdp report [PROG] [run options]}: {@code jxdp run} with {@code --report}, for users who
 * look for the report by its name. It writes {@link #DEFAULT_FILE} unless {@code --report FILE}
 * names another file, and never replaces a file without {@code --force}.
 */
final class ReportCommand implements Command {
    static final String DEFAULT_FILE = "jxdp-report.html";

    @Override
    public String name() {
        return "report";
    }

    @Override
    public String summary() {
        return "run the datapath as jxdp run does and write its HTML report (charts per interval)";
    }

    @Override
    public int run(String[] argv, PrintStream out, PrintStream err) throws Exception {
        if (Arrays.asList(argv).contains("-h") || Arrays.asList(argv).contains("--help")) {
            Args.printHelp(
                    out,
                    "jxdp report [PROG] [options]",
                    "Runs PROG as jxdp run does (the same options) and writes one self-contained HTML page: per interval"
                            + " RX per queue, consumers per CPU, drops by cause, ring occupancy, bulk average, the verdict"
                            + " mix and the autoscaler's decisions; the configuration, the totals and the identities"
                            + " checked. --report FILE (default " + DEFAULT_FILE + "); --force replaces it.\n"
                            + "Example: jxdp report --builtin flow_spread --controller autoscale --cpu 2,3,4,5"
                            + " --pace 64,4,64 --phase-steps 1000 --count 300000 --report autoscale.html\n"
                            + "Exit codes as jxdp run.",
                    RunCommand.options());
            return 0;
        }
        boolean named = Arrays.stream(argv).anyMatch(a -> a.equals("--report") || a.startsWith("--report="));
        String[] runArgs = argv;
        if (!named) {
            runArgs = Arrays.copyOf(argv, argv.length + 2);
            runArgs[argv.length] = "--report";
            runArgs[argv.length + 1] = DEFAULT_FILE;
        }
        return new RunCommand().run(runArgs, out, err);
    }
}
