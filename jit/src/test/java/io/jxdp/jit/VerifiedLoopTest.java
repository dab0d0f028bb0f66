package io.jxdp.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jxdp.asm.Assembler;
import io.jxdp.asm.Syntax;
import io.jxdp.isa.Program;
import io.jxdp.verifier.ProgramType;
import io.jxdp.verifier.Verifier;
import io.jxdp.verifier.VerifierOptions;
import io.jxdp.vm.Cpu;
import io.jxdp.vm.EngineKind;
import io.jxdp.vm.FaultKind;
import io.jxdp.vm.Vm;
import io.jxdp.vm.VmFault;
import io.jxdp.vm.VmOptions;
import io.jxdp.vm.memory.AddressSpace;
import org.junit.jupiter.api.Test;

/** A loop the verifier walked to its exit needs no budget in the JIT; unverified loops keep it. */
class VerifiedLoopTest {
    private static final String LOOP = "r0 = 0\nr1 = 0\nloop:\nr0 += r1\nr1 += 1\nif r1 < 100 goto loop\nexit\n";

    @Test
    void verifiedLoopsRunWithoutBudgetAccounting() {
        Program p = Assembler.assemble(LOOP, "loop.bpf", Syntax.LLVM);
        var verified = Verifier.verifyOrThrow(p, VerifierOptions.defaults().withProgramType(ProgramType.mem(0)));
        VmOptions tiny = VmOptions.defaults().withEngine(EngineKind.JIT).withBudget(10);
        assertEquals(
                4950, Vm.runWithMemory(Vm.load(p, tiny.withFacts(verified)), new Cpu(0, new AddressSpace()), null));
        VmFault f = assertThrows(
                VmFault.class, () -> Vm.runWithMemory(Vm.load(p, tiny), new Cpu(0, new AddressSpace()), null));
        assertEquals(FaultKind.BUDGET, f.kind());
        assertEquals(4, f.pc());
    }
}
