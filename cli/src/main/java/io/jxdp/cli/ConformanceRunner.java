package io.jxdp.cli;

import io.jxdp.asm.data.ConformanceJudge;
import io.jxdp.vm.Cpu;
import io.jxdp.vm.EngineKind;
import io.jxdp.vm.Vm;
import io.jxdp.vm.VmOptions;
import io.jxdp.vm.memory.AddressSpace;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs the BPF conformance suite's {@code .data} files on an engine, judged by {@link ConformanceJudge}
 * (the same judge the engines' own test suites use): the program loaded with the default options, run
 * with r1 = the {@code -- mem} bytes and r2 = their length.
 */
public final class ConformanceRunner {
    private ConformanceRunner() {}

    /** One case's outcome: passed, or failed with a reason. */
    public record Outcome(String name, EngineKind engine, boolean passed, String reason) {
        /** The outcome seen from {@code --expect-fail}: a failure is what the negative suite wants. */
        public Outcome expectingFailure() {
            return passed
                    ? new Outcome(name, engine, false, "expected a failure, but it passed")
                    : new Outcome(name, engine, true, "failed as expected: " + reason);
        }

        /** The line the CLI prints. */
        public String line() {
            return (passed ? "PASS " : "FAIL ") + name + " [" + engine.cliName() + "]" + (passed ? "" : ": " + reason);
        }
    }

    /** The {@code .data} files under the given files and directories, each directory sorted by name. */
    public static List<Path> files(List<Path> paths) throws IOException {
        return ConformanceJudge.files(paths);
    }

    /** Runs one file on one engine. Never throws for a bad case: every problem is a failed outcome. */
    public static Outcome run(Path file, EngineKind engine) {
        ConformanceJudge.Verdict v = ConformanceJudge.judge(file, engine(engine));
        return new Outcome(file.getFileName().toString(), engine, v.passed(), v.reason());
    }

    /** The engine as the judge calls it: a fresh Cpu per case, the memory attached as the suite's r1. */
    static ConformanceJudge.Engine engine(EngineKind engine) {
        VmOptions options = VmOptions.defaults().withEngine(engine);
        return (program, memory) -> Vm.runWithMemory(Vm.load(program, options), new Cpu(0, new AddressSpace()), memory);
    }
}
