package io.jxdp.asm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jxdp.isa.Opcode;
import org.junit.jupiter.api.Test;

class SyntaxDetectionTest {
    private static Opcode firstOp(String text) {
        return Assembler.assemble(text, "auto", Syntax.AUTO)
                .instructions()
                .get(0)
                .op();
    }

    @Test
    void theFirstDecidingLineWins() {
        // "exit" and "call 5" read the same in both; "mov ..." decides uBPF, so a later "call f" is refused
        assertEquals(Opcode.EXIT, firstOp("exit\ncall 5\nmov r0, 1\nexit"));
        AssemblerException e = org.junit.jupiter.api.Assertions.assertThrows(
                AssemblerException.class,
                () -> Assembler.assemble("exit\nmov %r0, 1\ncall f\nf: exit", "auto", Syntax.AUTO));
        assertEquals("expected a helper number, a register or 'local LABEL' but found 'f'", e.reason());
        // "call f" alone decides LLVM: a local call
        assertEquals(Opcode.CALL_LOCAL, firstOp("call f\nf: exit"));
        assertEquals(Opcode.MOV64_IMM, firstOp("r0 = 1"));
        assertEquals(Opcode.JA, firstOp("goto +0\nexit"));
        assertEquals(Opcode.JA, firstOp("ja +0\nexit"));
        assertEquals(Opcode.BE, firstOp("be16 r0"));
        assertEquals(Opcode.CALLX, firstOp("call r2"));
        assertEquals(Opcode.CALL_LOCAL, firstOp("call local +0\nexit"));
        assertEquals(Opcode.CALL_LOCAL, firstOp("call pc+0\nexit"));
        assertEquals(Opcode.ATOMIC64_ADD, firstOp("lock add [r1], r2"));
        assertEquals(Opcode.ATOMIC64_ADD, firstOp("lock *(u64 *)(r1 + 0) += r2"));
    }
}
