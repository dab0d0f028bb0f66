package io.jxdp.cli;

import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;

/** {@code jxdp bench jit|cpumap [options]}: the benchmark tables, measured side by side in one run. */
final class BenchCommand implements Command {
    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String summary() {
        return "benchmarks: jit (engines vs Java vs DPDK rte_bpf), cpumap (the datapath in Mpps), verifier (ms per program)";
    }

    @Override
    public int run(String[] argv, PrintStream out, PrintStream err) throws Exception {
        if (argv.length == 0 || argv[0].equals("--help") || argv[0].equals("-h")) {
            out.println(
                    "usage: jxdp bench jit [--quick] [--programs LIST] [--no-compile] [--no-native] [--verbose]   (jxdp bench jit --help)");
            out.println("       jxdp bench cpumap [--seconds N] [--runs N] [--engine interpreter|jit] [--no-pin]");
            out.println("       jxdp bench verifier [--quick]");
            out.println("Each prints the machine it ran on; run on a quiet machine and compare ratios within one run.");
            return argv.length == 0 ? Main.BAD_INPUT : 0;
        }
        String[] rest = Arrays.copyOfRange(argv, 1, argv.length);
        Method entry = entry();
        try {
            entry.invoke(null, argv[0], rest, out);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IllegalArgumentException bad) {
                throw new UsageException(name(), bad.getMessage());
            }
            throw e.getCause() instanceof Exception x ? x : e;
        }
        return 0;
    }

    /**
     * The bench module's entry, found at run time: it brings JMH, which the CLI's own jar does not
     * carry. The launcher puts it on the class path for {@code ./jxdp bench}.
     */
    private Method entry() throws UsageException {
        try {
            return Class.forName("io.jxdp.bench.BenchTables")
                    .getMethod("run", String.class, String[].class, PrintStream.class);
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new UsageException(
                    name(),
                    "the benchmarks are not on the class path: run them with ./jxdp bench "
                            + "(the launcher builds bench/target/benchmarks.jar), or java -cp bench/target/benchmarks.jar io.jxdp.cli.Main bench");
        }
    }
}
