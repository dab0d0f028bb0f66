package io.jxdp.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jxdp.asm.Assembler;
import io.jxdp.asm.Syntax;
import org.junit.jupiter.api.Test;

/** Registers 11 to 15 in any position are "R%d is invalid", never a crash of an earlier pass. */
class InvalidRegisterTest {
    private static String verdict(String text) {
        VerifierResult r = Verifier.verify(Assembler.assemble(text, "r.bpf", Syntax.UBPF));
        return r.error().map(VerifierError::kernelMessage).orElse("accepted");
    }

    @Test
    void memoryAccessesThroughAnInvalidBaseRegister() {
        assertEquals("R11 is invalid", verdict("ldxw %r0, [%r11+0]\nexit\n"));
        assertEquals("R11 is invalid", verdict("stxw [%r11+0], %r1\nmov %r0, 0\nexit\n"));
        assertEquals("R11 is invalid", verdict("stw [%r11+0], 1\nmov %r0, 0\nexit\n"));
        assertEquals("R11 is invalid", verdict("lock add [%r11+0], %r1\nmov %r0, 0\nexit\n"));
        assertEquals("R15 is invalid", verdict("mov %r15, %r10\nstxw [%r15-8], %r1\nmov %r0, 0\nexit\n"));
    }
}
