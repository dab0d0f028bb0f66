package io.jxdp.bench;

import io.jxdp.asm.Assembler;
import io.jxdp.asm.Syntax;
import io.jxdp.isa.Program;
import io.jxdp.verifier.Verifier;
import io.jxdp.verifier.VerifierOptions;
import io.jxdp.verifier.VerifierResult;
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

/**
 * Warm verification time of the verifier issue's two targets (each under 50 ms): a 4,096-instruction
 * straight-line XDP program (packet reads, stack spills and fills, ALU) and a bounded loop the
 * verifier walks 1,000 times; plus the shipped DDoS pre-filter as a real program.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class VerifierBench {
    @Param({"straight4096", "loop1000", "ddos_prefilter"})
    public String program;

    private Program compiled;

    @Setup
    public void setup() {
        compiled = Assembler.assemble(text(program), program + ".bpf", Syntax.LLVM);
        VerifierResult r = Verifier.verify(compiled, VerifierOptions.defaults());
        if (!r.accepted()) {
            throw new IllegalStateException(
                    program + " must verify: " + r.error().map(e -> e.explain()).orElse(""));
        }
    }

    @Benchmark
    public VerifierResult verify() {
        return Verifier.verify(compiled, VerifierOptions.defaults());
    }

    static String text(String name) {
        return switch (name) {
            case "straight4096" -> straightLine(4096);
            case "loop1000" -> "r0 = 0\nr1 = 0\nloop:\nr0 += r1\nr0 ^= 0x55\nr1 += 1\nif r1 < 1000 goto loop\nexit\n";
            case "ddos_prefilter" -> io.jxdp.programs.ProgramResources.read("ddos_prefilter.bpf");
            default -> throw new IllegalArgumentException("no program " + name);
        };
    }

    /** A straight-line program of exactly {@code size} instructions: no branch after the bounds check. */
    static String straightLine(int size) {
        StringBuilder b = new StringBuilder();
        b.append(
                "r6 = r1\nr2 = *(u32 *)(r6 + 0)\nr3 = *(u32 *)(r6 + 4)\nr0 = 2\nr4 = r2\nr4 += 64\nif r4 > r3 goto out\n");
        int emitted = 7;
        int i = 0;
        while (emitted < size - 1) {
            switch (i++ % 6) {
                case 0 -> b.append("r7 = *(u32 *)(r2 + ").append(4 * (i % 15)).append(")\n");
                case 1 -> b.append("r7 += ").append(i % 1000).append('\n');
                case 2 -> b.append("*(u64 *)(r10 - ").append(8 * (1 + i % 32)).append(") = r7\n");
                case 3 ->
                    b.append("r8 = *(u64 *)(r10 - ")
                            .append(8 * (1 + (i - 1) % 32))
                            .append(")\n");
                case 4 -> b.append("r8 ^= r7\n");
                default -> b.append("r9 = r8\n");
            }
            emitted++;
        }
        return b.append("out:\nexit\n").toString();
    }
}
