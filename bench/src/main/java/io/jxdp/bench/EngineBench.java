package io.jxdp.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Time per run of each {@link BenchProgram} on each engine; every pair in its own fork. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EngineBench {
    @Param({"parse", "primes", "sum64", "calls", "empty", "parse-fnv", "prandom"})
    public String program;

    @Param({"interpreter", "jit", "jit-facts", "java"})
    public String engine;

    private Workload workload;

    @Setup
    public void setup() {
        workload = Workload.of(BenchProgram.ofKey(program), Workload.Engine.ofKey(engine));
    }

    @Benchmark
    public long run() {
        return workload.run();
    }
}
