package io.jxdp.xdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jxdp.asm.Assembler;
import io.jxdp.asm.Syntax;
import io.jxdp.isa.Program;
import io.jxdp.verifier.ProgramType;
import io.jxdp.verifier.VerifiedProgram;
import io.jxdp.verifier.Verifier;
import io.jxdp.verifier.VerifierOptions;
import io.jxdp.vm.EngineKind;
import io.jxdp.vm.LoadedProgram;
import io.jxdp.vm.Vm;
import io.jxdp.vm.VmOptions;
import org.junit.jupiter.api.Test;

/** The XDP runtime refuses a program whose facts were verified for the memory calling convention. */
class RuntimeFactsTest {
    @Test
    void aProgramVerifiedOnMemoryCannotRunOnPackets() {
        Program p = Assembler.assemble("r0 = *(u8 *)(r1 + 63)\nexit\n", "m.bpf", Syntax.LLVM);
        VerifiedProgram facts =
                Verifier.verifyOrThrow(p, VerifierOptions.defaults().withProgramType(ProgramType.mem(64)));
        for (EngineKind engine : EngineKind.values()) {
            LoadedProgram loaded =
                    Vm.load(p, VmOptions.defaults().withEngine(engine).withFacts(facts));
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> XdpRuntime.builder(loaded, null));
            assertEquals(
                    "the XDP runtime runs programs on packets, but program m.bpf was verified as mem(64); "
                            + "verify it as an XDP program to run it here",
                    e.getMessage());
        }
    }
}
