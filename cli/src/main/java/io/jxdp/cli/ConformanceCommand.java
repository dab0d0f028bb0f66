package io.jxdp.cli;

import io.jxdp.vm.EngineKind;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code jxdp conformance PATH... [--engine interpreter|jit|all] [--expect-fail]}. */
final class ConformanceCommand implements Command {
    @Override
    public String name() {
        return "conformance";
    }

    @Override
    public String summary() {
        return "run BPF conformance .data files on one engine or all";
    }

    @Override
    public int run(String[] argv, PrintStream out, PrintStream err) throws Exception {
        Options options = new Options();
        options.addOption(Option.builder("e")
                .longOpt("engine")
                .hasArg()
                .argName("ENGINE")
                .desc("interpreter, jit or all (default all)")
                .get());
        options.addOption(Option.builder()
                .longOpt("expect-fail")
                .desc("a case passes when it fails (for the suite's negative/ cases)")
                .get());
        Args args = Args.parse(name(), options, argv);
        if (args.help()) {
            Args.printHelp(
                    out,
                    "jxdp conformance PATH... [--engine interpreter|jit|all] [--expect-fail]",
                    "Runs each .data file (directories are searched) and prints PASS or FAIL per file and engine.",
                    options);
            return 0;
        }
        String engine = args.choice("engine", "all", "interpreter", "jit", "all");
        List<EngineKind> engines =
                engine.equals("all") ? List.of(EngineKind.values()) : List.of(EngineKind.ofCliName(engine));
        if (args.positional().length == 0) {
            throw new UsageException(name(), "missing PATH (a .data file or a directory of them)");
        }
        List<Path> paths = new ArrayList<>();
        for (String p : args.positional()) {
            paths.add(Path.of(p));
        }
        List<Path> files = ConformanceRunner.files(paths);
        if (files.isEmpty()) {
            throw new UsageException(name(), "no .data files under " + String.join(", ", args.positional()));
        }
        boolean expectFail = args.has("expect-fail");
        int passed = 0;
        int failed = 0;
        for (Path f : files) {
            for (EngineKind e : engines) {
                ConformanceRunner.Outcome o = ConformanceRunner.run(f, e);
                if (expectFail) {
                    o = o.expectingFailure();
                }
                out.println(o.line());
                if (o.passed()) {
                    passed++;
                } else {
                    failed++;
                }
            }
        }
        out.println(passed + " passed, " + failed + " failed");
        return failed == 0 ? 0 : 1;
    }
}
