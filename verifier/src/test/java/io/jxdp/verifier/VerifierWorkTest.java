package io.jxdp.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxdp.isa.Instruction;
import io.jxdp.isa.Opcode;
import io.jxdp.isa.Program;
import io.jxdp.verifier.testing.Asm;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The verifier's two benchmark targets (a 1,000-iteration bounded loop, a 4,096-instruction
 * straight line) take exactly the work the kernel takes: the processed-instruction counts below are
 * the kernel's (Linux 6.18.44, compared with testing.Probe). How fast that work is done is measured by {@code jxdp bench verifier}, not here.
 */
class VerifierWorkTest {
    @Test
    void aThousandIterationLoopIsWalkedOncePerIteration() {
        Program p = Asm.llvm("r0 = 0\nr0 += 1\nif r0 < 1000 goto -2\nr0 = 2\nexit", "loop");
        for (int level = 0; level <= 1; level++) {
            VerifierResult r = Verifier.verify(p, VerifierOptions.defaults().withLogLevel(level));
            assertTrue(r.accepted(), r::toString);
            assertEquals(2003, r.stats().processedInsns(), "log level " + level);
        }
    }

    @Test
    void aStraightLineOf4096InstructionsIsWalkedOnce() {
        List<Instruction> insns = new ArrayList<>();
        for (int i = 0; i < 4095; i++) {
            insns.add(Instruction.of(
                    i < 9 ? Opcode.MOV64_IMM : i % 2 == 0 ? Opcode.MUL64_IMM : Opcode.ADD64_IMM, i % 9, 0, 0, i));
        }
        insns.add(Instruction.of(Opcode.EXIT, 0, 0, 0, 0));
        VerifierResult r =
                Verifier.verify(Program.of(insns), VerifierOptions.defaults().withLogLevel(0));
        assertTrue(r.accepted(), r::toString);
        assertEquals(4096, r.stats().processedInsns());
    }
}
