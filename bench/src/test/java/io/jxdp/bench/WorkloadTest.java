package io.jxdp.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxdp.isa.Program;
import io.jxdp.isa.codec.Encoder;
import io.jxdp.vm.Cpu;
import io.jxdp.vm.EngineKind;
import io.jxdp.vm.Vm;
import io.jxdp.vm.VmOptions;
import io.jxdp.vm.memory.AddressSpace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The benchmarks measure programs that compute what their Java twins compute, on every engine. */
class WorkloadTest {
    @Test
    void everyProgramAgreesWithItsJavaTwinOnEveryEngine() {
        for (BenchProgram p : BenchProgram.values()) {
            for (Workload.Engine e : Workload.Engine.values()) {
                Workload.of(p, e); // throws if the result differs from the twin's (and expected.txt's)
            }
        }
    }

    @Test
    void theSharedProgramsAreReadByteForByteAndComputeTheirExpectedR0() throws Exception {
        Path dir = SharedPrograms.dir();
        Map<String, Long> expected = Map.of(
                "parse", 0x3L,
                "primes", 0x4cdL,
                "sum64", 0x4110f4fd1ae8b7c4L,
                "calls", 0x90a4b279218939f4L,
                "empty", 0x0L);
        List<BenchProgram> shared = Arrays.stream(BenchProgram.values())
                .filter(BenchProgram::shared)
                .toList();
        assertEquals(expected.keySet(), shared.stream().map(BenchProgram::key).collect(Collectors.toSet()));
        for (BenchProgram p : shared) {
            assertArrayEquals(Files.readAllBytes(dir.resolve(p.key() + ".bin")), Encoder.encode(p.program()), p.key());
            assertEquals(expected.get(p.key()), p.java(p.input(), new Cpu(0, new AddressSpace())), p.key());
            assertEquals(expected.get(p.key()), p.expected(), p.key());
        }
        assertEquals(1500, BenchProgram.PARSE.input().length);
    }

    /** The executed-instruction counts are the ones the shared programs' README gives. */
    @Test
    void executedInstructionsAreTheSharedReadmes() throws Exception {
        String readme = Files.readString(SharedPrograms.dir().resolve("README.md"));
        for (BenchProgram p : BenchProgram.values()) {
            if (p.shared()) {
                Matcher m = Pattern.compile("\\| `" + p.key() + "` \\|[^|]*\\| ([0-9,]+) \\|")
                        .matcher(readme);
                assertTrue(m.find(), p.key());
                assertEquals(Long.parseLong(m.group(1).replace(",", "")), p.executedInstructions(), p.key());
            }
        }
    }

    @Test
    void syntheticProgramsRunAlikeOnBothEngines() {
        for (int size : new int[] {100, 1000, 4096}) {
            Program p = SyntheticProgram.generate(size);
            assertEquals(size, p.slotCount(), "size");
            long interpreted = Vm.runWithMemory(
                    Vm.load(p, VmOptions.defaults().withEngine(EngineKind.INTERPRETER)),
                    new Cpu(0, new AddressSpace()),
                    new byte[64]);
            long compiled = Vm.runWithMemory(
                    Vm.load(p, VmOptions.defaults().withEngine(EngineKind.JIT)),
                    new Cpu(0, new AddressSpace()),
                    new byte[64]);
            assertEquals(interpreted, compiled);
        }
    }
}
