package io.jxdp.bench;

import java.io.PrintStream;

/**
 * The entry the CLI's {@code jxdp bench} calls (by name, at run time: the CLI does not compile
 * against this module, so its own jar carries no JMH). Throws {@link IllegalArgumentException} for
 * an unknown benchmark or option.
 */
public final class BenchTables {
    private BenchTables() {}

    public static void run(String benchmark, String[] args, PrintStream out) throws Exception {
        switch (benchmark) {
            case "jit" -> JitBench.run(args, out);
            case "cpumap" -> CpumapBench.run(args, out);
            case "verifier" -> VerifierBenchTable.run(args, out);
            default ->
                throw new IllegalArgumentException("unknown benchmark '" + benchmark + "' (jit, cpumap or verifier)");
        }
    }
}
