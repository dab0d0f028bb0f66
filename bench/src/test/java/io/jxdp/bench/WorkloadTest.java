package io.jxdp.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jxdp.isa.Program;
import io.jxdp.vm.Cpu;
import io.jxdp.vm.EngineKind;
import io.jxdp.vm.Vm;
import io.jxdp.vm.VmOptions;
import io.jxdp.vm.memory.AddressSpace;
import org.junit.jupiter.api.Test;

/** The benchmarks measure programs that compute what their Java twins compute, on every engine. */
class WorkloadTest {
    @Test
    void everyProgramAgreesWithItsJavaTwinOnEveryEngine() {
        for (BenchProgram p : BenchProgram.values()) {
            for (Workload.Engine e : Workload.Engine.values()) {
                Workload.of(p, e); // throws if the result differs
            }
        }
        assertEquals(1229, BenchProgram.PRIMES.java(null, null));
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
