package io.jxdp.verifier;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxdp.isa.Instruction;
import io.jxdp.isa.Opcode;
import io.jxdp.isa.Program;
import io.jxdp.verifier.testing.Asm;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A 1,000-iteration bounded loop and a 4,096-instruction straight line verify in well under 50 ms (warm). */
class PerformanceTest {
    private static long bestMillis(Program p, VerifierOptions o) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 30; i++) {
            long t0 = System.nanoTime();
            VerifierResult r = Verifier.verify(p, o);
            long t = System.nanoTime() - t0;
            assertTrue(r.accepted(), r::toString);
            best = Math.min(best, t);
        }
        return best / 1_000_000;
    }

    @Test
    void aThousandIterationLoop() {
        Program p = Asm.llvm("r0 = 0\nr0 += 1\nif r0 < 1000 goto -2\nr0 = 2\nexit", "loop");
        long ms = bestMillis(p, VerifierOptions.defaults().withLogLevel(0));
        assertTrue(ms < 50, "took " + ms + " ms");
        long logged = bestMillis(p, VerifierOptions.defaults().withLogLevel(1));
        assertTrue(logged < 50, "with a level-1 log took " + logged + " ms");
    }

    @Test
    void aStraightLineOf4096Instructions() {
        List<Instruction> insns = new ArrayList<>();
        for (int i = 0; i < 4095; i++) {
            insns.add(Instruction.of(i < 9 ? Opcode.MOV64_IMM : i % 2 == 0 ? Opcode.MUL64_IMM : Opcode.ADD64_IMM, i % 9, 0, 0, i));
        }
        insns.add(Instruction.of(Opcode.EXIT, 0, 0, 0, 0));
        Program p = Program.of(insns);
        long ms = bestMillis(p, VerifierOptions.defaults().withLogLevel(0));
        assertTrue(ms < 50, "took " + ms + " ms");
    }
}
