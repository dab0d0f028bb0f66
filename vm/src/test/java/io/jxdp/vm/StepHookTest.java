package io.jxdp.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jxdp.asm.Assembler;
import io.jxdp.asm.Syntax;
import io.jxdp.isa.Program;
import io.jxdp.vm.memory.AddressSpace;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The interpreter's per-instruction hook: called before each executed instruction, and able to stop a run. */
class StepHookTest {
    private static final Program PROGRAM =
            Assembler.assemble("r0 = 1\ncall f\nr0 += 1\nexit\nf:\nr0 = 5\nexit\n", "hook.bpf", Syntax.LLVM);

    @Test
    void seesEveryExecutedInstructionWithItsDepthAndTheRegistersBeforeIt() {
        List<String> seen = new ArrayList<>();
        LoadedProgram p = Vm.loadTraced(
                PROGRAM,
                List.of(),
                VmOptions.defaults().withEngine(EngineKind.JIT), // the hook makes it the interpreter anyway
                (pc, r, depth) -> seen.add(pc + "@" + depth + ":r0=" + r[0]));
        assertEquals(EngineKind.INTERPRETER, p.engine());
        long r0 = Vm.runWithMemory(p, new Cpu(0, new AddressSpace()), null);
        assertEquals(6, r0); // the callee returns 5 in r0; the caller adds 1
        // a called function starts with r0 = 0 (both engines' convention)
        assertEquals(List.of("0@0:r0=0", "1@0:r0=1", "4@1:r0=0", "5@1:r0=5", "2@0:r0=5", "3@0:r0=6"), seen);
    }

    @Test
    void whatTheHookThrowsEndsTheRunAsAFaultCarryingIt() {
        IllegalStateException stop = new IllegalStateException("stop here");
        LoadedProgram p = Vm.loadTraced(PROGRAM, List.of(), VmOptions.defaults(), (pc, r, depth) -> {
            if (pc == 4) {
                throw stop;
            }
        });
        VmFault f = assertThrows(VmFault.class, () -> Vm.runWithMemory(p, new Cpu(0, new AddressSpace()), null));
        assertEquals(FaultKind.INTERNAL, f.kind());
        assertEquals(4, f.pc());
        assertSame(stop, f.getCause());
    }
}
