package io.jxdp.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jxdp.asm.Assembler;
import io.jxdp.asm.Syntax;
import io.jxdp.isa.Program;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-pc states a level-2 verification keeps for {@code jxdp trace --verifier-state}. */
class StatesAtTest {
    private static final Program PROGRAM = Assembler.assemble(
            "r2 = *(u32 *)(r1 + 0)\nr0 = 2\nif r2 == 0 goto out\nr0 = 1\nout:\nexit\n", "s.bpf", Syntax.LLVM);

    @Test
    void keepsEachDistinctStateAPcWasReachedWith() {
        VerifierResult r = Verifier.verify(PROGRAM, VerifierOptions.defaults().withLogLevel(2));
        assertEquals(List.of("R1=ctx() R10=fp0"), r.statesAt(0));
        assertEquals(List.of("R1=ctx() R2=pkt(r=0) R10=fp0"), r.statesAt(1));
        assertEquals(List.of(), r.statesAt(99));
    }

    @Test
    void keepsNoneBelowLogLevel2() {
        assertEquals(
                List.of(), Verifier.verify(PROGRAM, VerifierOptions.defaults()).statesAt(0));
    }
}
