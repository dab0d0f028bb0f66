package io.jxdp.asm;

import static io.jxdp.asm.Asm.error;
import static io.jxdp.asm.Asm.hex;
import static io.jxdp.asm.Asm.ubpf;
import static io.jxdp.asm.Asm.ubpf1;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jxdp.isa.Instruction;
import io.jxdp.isa.Opcode;
import io.jxdp.isa.Program;
import org.junit.jupiter.api.Test;

class UbpfAssemblerTest {

    @Test
    void encodesTheConformanceSpellings() {
        assertEquals("b700000001000000", hex(ubpf("mov %r0, 1")));
        assertEquals("b4000000ffffffff", hex(ubpf("mov32 %r0, 0xffffffff")));
        assertEquals("6112040000000000", hex(ubpf("ldxw %r2, [%r1+4]")));
        assertEquals("7b1af8ff00000000", hex(ubpf("stxdw [%r10-8], %r1")));
        assertEquals("6201020005000000", hex(ubpf("stw [%r1+2], 5")));
        assertEquals("5503040081000000", hex(ubpf("jne %r3, 0x81, +4")));
        assertEquals("0500020000000000", hex(ubpf("ja +2")));
        assertEquals("db1af8ff01000000", hex(ubpf("lock fetch add [%r10-8], %r1")));
        assertEquals("c31af8ff00000000", hex(ubpf("lock add32 [%r10-8], %r1")));
        assertEquals("db1af8fff1000000", hex(ubpf("lock cmpxchg [%r10-8], %r1")));
        assertEquals("c31af8ffe1000000", hex(ubpf("lock xchg32 [%r10-8], %r1")));
        assertEquals("8500000005000000", hex(ubpf("call 5")));
        assertEquals("8d02000000000000", hex(ubpf("call %r2")));
        assertEquals("18000000f0debc9a0000000078563412", hex(ubpf("lddw %r0, 0x123456789abcdef0")));
        assertEquals("dc00000010000000", hex(ubpf("be16 %r0")));
        assertEquals("d400000020000000", hex(ubpf("le32 %r0")));
        assertEquals("d700000040000000", hex(ubpf("swap64 %r0")));
        assertEquals("d700000010000000", hex(ubpf("bswap16 %r0")));
        assertEquals("8700000000000000", hex(ubpf("neg %r0")));
        assertEquals("3f10010000000000", hex(ubpf("sdiv %r0, %r1")));
        assertEquals("9400010003000000", hex(ubpf("smod32 %r0, 3")));
        assertEquals("bc10080000000000", hex(ubpf("movsx832 %r0, %r1")));
        assertEquals("bf10200000000000", hex(ubpf("movsx3264 %r0, %r1")));
        assertEquals("91a0ffff00000000", hex(ubpf("ldxsb %r0, [%r10-1]")));
        assertEquals("0600000003000000", hex(ubpf("ja32 +3")));
    }

    @Test
    void acceptsVariants() {
        assertEquals(ubpf1("mov %r0, 1"), ubpf1("mov64 r0,1"));
        assertEquals(ubpf1("ldxb %r8, [%r0+1]"), ubpf1("ldxb %r8, [ %r0 + 0x1 ]"));
        assertEquals(ubpf1("call %r2"), ubpf1("callx %r2"));
        assertEquals(ubpf1("call 5"), ubpf1("call helper 5"));
        assertEquals(ubpf1("lock xchg [%r10-8], %r1"), ubpf1("lock fetch xchg [%r10-8], %r1"));
        assertEquals(ubpf1("neg %r1"), ubpf1("NEG64 %r1"));
        assertEquals(ubpf1("stdw [%r1], -1"), ubpf1("stdw [%r1+0], 0xffffffff"));
        assertEquals(-32768, ubpf1("ldxb %r0, [%r1+0x8000]").offset());
        assertEquals(-32768, ubpf1("ldxb %r0, [%r1-32768]").offset());
    }

    @Test
    void commentsLabelsAndBlankLines() {
        Program p = ubpf("""
                # a comment
                start: mov %r0, 0   ; trailing
                                    // another
                loop:
                  add %r0, 1        # counting
                  jlt %r0, 10, loop
                  ja done
                done:
                  exit
                """);
        assertEquals(5, p.size());
        assertEquals(-2, p.at(2).offset());
        assertEquals(0, p.at(3).offset());
        assertEquals("start", p.labels().get(0));
        assertEquals("loop", p.labels().get(1));
        assertEquals("done", p.labels().get(4));
    }

    @Test
    void lddwCountsTwoSlotsForLabels() {
        Program p = ubpf("lddw %r0, 1\nja end\nlddw %r1, 2\nend: exit");
        assertEquals(2, p.at(2).offset());
        assertEquals(6, p.slotCount());
    }

    @Test
    void localCalls() {
        Program p = ubpf("call local f\nexit\nf: mov %r0, 1\nexit");
        Instruction call = p.at(0);
        assertEquals(Opcode.CALL_LOCAL, call.op());
        assertEquals(1, call.imm());
        assertEquals(call, ubpf1("call local +1"));
        assertEquals(Opcode.CALL_KFUNC, ubpf1("call runtime 7, 2").op());
        assertEquals(2, ubpf1("call runtime 7, 2").offset());
    }

    @Test
    void legacyPacketLoads() {
        assertEquals("3000000005000000", hex(ubpf("ldabsb 5")));
        assertEquals("4010000007000000", hex(ubpf("ldindw %r1, 7")));
    }

    @Test
    void registersElevenToFifteenAssemble() {
        assertEquals(15, ubpf1("mov %r15, %r11").dst());
        assertEquals(11, ubpf1("mov %r15, %r11").src());
    }

    @Test
    void errors() {
        expect("mov %r0", 1, 8, "invalid number of operands for mov (expected mov REG, REG|IMM)");
        expect("mov %r0, 1, 2", 1, 11, "unexpected ', 2'; mov REG, REG|IMM");
        expect("add %r16, 1", 1, 5, "invalid register '%r16' (registers are r0 to r10)");
        expect("add %x1, 1", 1, 5, "invalid register '%x1'");
        expect("ldxw %r0, [%r1+4", 1, 17, "expected ']' but the line ends");
        expect("ldxw %r0, [4]", 1, 12, "expected a base register but found '4]'");
        expect(
                "mov32 %r0, -2147483649",
                1,
                12,
                "immediate -2147483649 does not fit in 32 bits (decimal -2147483648..2147483647, hex 0..0xffffffff)");
        expect("mov %r0, 1x", 1, 10, "malformed number '1x'");
        expect("lddw %r0, 0x10000000000000000", 1, 11, "number out of range: '0x10000000000000000'");
        expect("ja +32768", 1, 4, "offset +32768 does not fit in 16 bits (decimal -32768..32767, hex 0..0xffff)");
        expect("x:\nx:\nexit", 2, 1, "duplicate label 'x' (first defined at line 1)");
        expect("ja far\nexit", 1, 4, "unknown label 'far'");
        expect("ja end\nexit\nend:", 1, 4, "label 'end' is after the last instruction");
        expect(
                "lock fetch",
                1,
                11,
                "invalid number of operands for lock (expected lock [fetch] OP[32] [REG+OFF], REG)");
        expect("lock sub [%r1], %r2", 1, 6, "unknown atomic operation 'sub'");
        expect("call foo", 1, 6, "expected a helper number, a register or 'local LABEL' but found 'foo'");
        expect("ldxsdw %r0, [%r1]", 1, 1, "unknown mnemonic 'ldxsdw'");
        expect("exit 1", 1, 6, "unexpected '1'; exit takes no operands");
        expect("r1:\nexit", 1, 1, "invalid label name 'r1'");
        expect(".section foo", 1, 1, "unknown directive '.section' (jxdp knows .map)");
        expect("lddw %r1, m + 8", 1, 13, "an offset into a map value is written map_value(m) + OFF");
        expect("lddw %r1, nothing", 1, 11, "unknown map or label 'nothing'");
    }

    private static void expect(String text, int line, int col, String reason) {
        AssemblerException e = error(text, Syntax.UBPF);
        assertEquals(reason, e.reason(), e.getMessage());
        assertEquals(line, e.line(), e.getMessage());
        assertEquals(col, e.column(), e.getMessage());
        assertEquals("t.s:" + line + ":" + col + ": " + reason, e.getMessage());
    }

    @Test
    void caretPointsAtTheColumn() {
        AssemblerException e = error("\tmov %r0, %r99", Syntax.UBPF);
        assertEquals("\tmov %r0, %r99\n\t         ^", e.caretDisplay());
    }

    @Test
    void firstLineOffsetsMessages() {
        AssemblerException e = assertThrowsAt("exit\nbogus", 41);
        assertEquals(42, e.line());
    }

    private static AssemblerException assertThrowsAt(String text, int firstLine) {
        return org.junit.jupiter.api.Assertions.assertThrows(
                AssemblerException.class, () -> Assembler.assemble(text, "f.data", Syntax.UBPF, firstLine));
    }
}
