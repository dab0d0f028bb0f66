package io.jxdp.cli;

import io.jxdp.bench.CpumapBench;
import io.jxdp.bench.JitBench;
import java.io.PrintStream;
import java.util.Arrays;

/** {@code jxdp bench jit|cpumap [options]}: the benchmark tables, measured side by side in one run. */
final class BenchCommand implements Command {
    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String summary() {
        return "benchmarks: jit (engines vs Java vs uBPF), cpumap (the datapath in Mpps), verifier (ms per program)";
    }

    @Override
    public int run(String[] argv, PrintStream out, PrintStream err) throws Exception {
        if (argv.length == 0 || argv[0].equals("--help") || argv[0].equals("-h")) {
            out.println("usage: jxdp bench jit [--quick] [--programs=parse,primes,sum,helpers,empty] [--no-compile] [--verbose]");
            out.println("       jxdp bench cpumap [--seconds=N] [--engine=interpreter|jit]");
            out.println("       jxdp bench verifier [--quick]");
            out.println("Each prints the machine it ran on; run on a quiet machine and compare ratios within one run.");
            return argv.length == 0 ? Main.BAD_INPUT : 0;
        }
        String[] rest = Arrays.copyOfRange(argv, 1, argv.length);
        try {
            switch (argv[0]) {
                case "jit" -> JitBench.run(rest, out);
                case "cpumap" -> CpumapBench.run(rest, out);
                case "verifier" -> io.jxdp.bench.VerifierBenchTable.run(rest, out);
                default -> throw new UsageException(name(), "unknown benchmark '" + argv[0] + "' (jit, cpumap or verifier)");
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException(name(), e.getMessage());
        }
        return 0;
    }
}
