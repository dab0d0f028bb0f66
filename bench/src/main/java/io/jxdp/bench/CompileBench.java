package io.jxdp.bench;

import io.jxdp.isa.Program;
import io.jxdp.vm.EngineKind;
import io.jxdp.vm.LoadedProgram;
import io.jxdp.vm.Vm;
import io.jxdp.vm.VmOptions;
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

/** Warm JIT compile time: link, generate the class, define it; {@link SyntheticProgram}s of each size. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CompileBench {
    @Param({"100", "1000", "4096"})
    public int size;

    private Program program;
    private VmOptions options;

    @Setup
    public void setup() {
        program = SyntheticProgram.generate(size);
        options = VmOptions.defaults().withEngine(EngineKind.JIT);
    }

    @Benchmark
    public LoadedProgram compile() {
        return Vm.load(program, options);
    }
}
