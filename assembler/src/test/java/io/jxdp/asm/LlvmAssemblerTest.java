package io.jxdp.asm;

import static io.jxdp.asm.Asm.error;
import static io.jxdp.asm.Asm.hex;
import static io.jxdp.asm.Asm.llvm;
import static io.jxdp.asm.Asm.llvm1;
import static io.jxdp.asm.Asm.ubpf1;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jxdp.isa.Opcode;
import io.jxdp.isa.Program;
import org.junit.jupiter.api.Test;

class LlvmAssemblerTest {

    @Test
    void sameInstructionsAsUbpf() {
        String[][] pairs = {
            {"r0 = 1", "mov %r0, 1"},
            {"w0 += 3", "add32 %r0, 3"},
            {"r2 = *(u32 *)(r1 + 4)", "ldxw %r2, [%r1+4]"},
            {"*(u64 *)(r10 - 8) = r1", "stxdw [%r10-8], %r1"},
            {"*(u32 *)(r1 + 2) = 5", "stw [%r1+2], 5"},
            {"if w1 s> w2 goto +3", "jsgt32 %r1, %r2, +3"},
            {"if r1 & 7 goto -1", "jset %r1, 7, -1"},
            {"goto +3", "ja +3"},
            {"gotol -3", "ja32 -3"},
            {"lock *(u64 *)(r10 - 8) += r1", "lock add [%r10-8], %r1"},
            {"r0 = atomic_fetch_add((u64 *)(r10 - 8), r0)", "lock fetch add [%r10-8], %r0"},
            {"w1 = atomic_fetch_or((u32 *)(r10 - 8), w1)", "lock fetch or32 [%r10-8], %r1"},
            {"r1 = xchg_64(r10 - 8, r1)", "lock xchg [%r10-8], %r1"},
            {"w0 = cmpxchg32_32(r10 - 8, w0, w3)", "lock cmpxchg32 [%r10-8], %r3"},
            {"r1 = 0x123 ll", "lddw %r1, 0x123"},
            {"r0 = be16 r0", "be16 %r0"},
            {"r0 = bswap64 r0", "bswap64 %r0"},
            {"call 51", "call 51"},
            {"exit", "exit"},
            {"w0 = -w0", "neg32 %r0"},
            {"r0 s/= r1", "sdiv %r0, %r1"},
            {"w0 s%= w1", "smod32 %r0, %r1"},
            {"r0 = (s8)r1", "movsx864 %r0, %r1"},
            {"w0 = (s16)w1", "movsx1632 %r0, %r1"},
            {"r0 = (s32)r1", "movsx3264 %r0, %r1"},
            {"r0 = *(s16 *)(r1 + 2)", "ldxsh %r0, [%r1+2]"},
            {"callx r2", "call %r2"},
            {"call pc+3", "call local +3"},
            {"call kfunc 9, 1", "call runtime 9, 1"},
            {"r0 = *(u8 *)skb[5]", "ldabsb 5"},
            {"r0 = *(u16 *)skb[r1 + 4]", "ldindh %r1, 4"},
            {"r0 = *(u32 *)skb[r1]", "ldindw %r1, 0"},
            {"r0 %= r2", "mod %r0, %r2"},
            {"r3 s>>= 63", "arsh %r3, 63"},
        };
        for (String[] p : pairs) {
            assertEquals(ubpf1(p[1]), llvm1(p[0]), p[0]);
        }
    }

    @Test
    void acceptsWhatLlvmPrintsWithAlu32AndWithout() {
        assertEquals(llvm1("r2 = *(u32 *)(r1 + 4)"), llvm1("w2 = *(u32 *)(r1 + 4)"));
        assertEquals(llvm1("*(u8 *)(r10 - 8) = r1"), llvm1("*(u8 *)(r10 - 8) = w1"));
        assertEquals(llvm1("lock *(u32 *)(r10 - 8) += w1"), llvm1("lock *(u32 *)(r10 - 8) += r1"));
        assertEquals(llvm1("r0=1"), llvm1("  r0   =   1  "));
        assertEquals(llvm1("r1 = r2"), llvm1("r1 = r2;"));
        assertEquals(llvm1("r2 = *(u32 *)(r1 + 16)"), llvm1("r2 = *(u32 *)(r1 + 0x10)"));
        assertEquals(llvm1("r2 = *(u32 *)(r1 + 0)"), llvm1("r2 = *(u32*)(r1)"));
        assertEquals(llvm1("goto +2"), llvm1("goto +2 <LBB0_2>"));
        assertEquals(llvm1("if r1 < r2 goto +2"), llvm1("if r1 < r2 goto +2 <xdp_prog+0x30>"));
        assertEquals(-1, llvm1("r0 = 0xffffffff").imm());
    }

    @Test
    void labelsAndLocalCalls() {
        Program p = llvm("""
                xdp_prog:
                    r1 = 1
                    call twice
                    if r0 == 0 goto LBB0_2
                    r0 = 2
                LBB0_2:
                    exit
                twice:
                    r0 = r1
                    r0 += r0
                    exit
                """);
        assertEquals(Opcode.CALL_LOCAL, p.at(1).op());
        assertEquals(3, p.at(1).imm());
        assertEquals(1, p.at(2).offset());
        assertEquals("twice", p.labels().get(5));
        assertEquals(
                "b701000001000000" + "8510000003000000" + "1500010000000000" + "b700000002000000" + "9500000000000000"
                        + "bf10000000000000" + "0f00000000000000" + "9500000000000000",
                hex(p));
    }

    @Test
    void functionPointers() {
        Program p = llvm("r1 = cb ll\nexit\ncb: exit");
        assertEquals(4, p.at(0).src());
        assertEquals(2, p.at(0).imm());
        assertEquals(p.at(0), llvm1("r1 = func(2) ll"));
    }

    @Test
    void errors() {
        expect("w1 = r2", 6, "mixed register widths: w1 and r2");
        expect("r0 = be16 r1", 11, "a byte swap names the same register on both sides: r0 and r1");
        expect("w0 = be16 w0", 1, "a byte swap takes r0, not w0");
        expect("w1 = *(u64 *)(r1 + 0)", 1, "a 64-bit load writes r1, not w1");
        expect("r1 = xchg_64(r10 - 8, r2)", 23, "xchg names the same register on both sides: r1 and r2");
        expect("r1 = cmpxchg_64(r10 - 8, r0, r2)", 1, "cmpxchg compares and returns r0");
        expect("lock *(u64 *)(r10 - 8) += w1", 27, "a 64-bit atomic takes r1");
        expect("lock *(u8 *)(r10 - 8) += r1", 1, "atomics act on u32 or u64");
        expect("r0 = *(u128 *)(r1 + 0)", 8, "expected u8, u16, u32, u64, s8, s16 or s32");
        expect("if r1 = r2 goto +1", 7, "expected a comparison (==, !=, >, s>, &, ...) but found '='");
        expect("if r1 == r2 +1", 13, "expected 'goto' but found '+1'");
        expect("r0 = 1 ll ll", 11, "unexpected 'll'");
        expect("w1 = 1 ll", 1, "lddw takes r1, not w1");
        expect("r1 = nomap ll", 6, "unknown map or label 'nomap'");
        expect("w0 = (s32)w1", 7, "(s32) extends into a 64-bit register: write rN = (s32)rM");
        expect(
                "r0 = 2147483648",
                6,
                "immediate 2147483648 does not fit in 32 bits (decimal -2147483648..2147483647, hex 0..0xffffffff)");
        expect(
                "r0 = *(u32 *)(r1 + 32768)",
                20,
                "offset 32768 does not fit in 16 bits (decimal -32768..32767, hex 0..0xffff)");
        expect("r0 ? 1", 4, "expected an assignment (=, +=, ...) but found '?'");
        expect("mov r0, 1", 1, "expected an instruction but found 'mov'");
        expect(
                "  12:\t<unknown>",
                7,
                "llvm-objdump could not print this instruction; paste the listing with its raw bytes");
    }

    @Test
    void farJumpToALabelIsAnError() {
        StringBuilder sb = new StringBuilder("goto end\n");
        sb.append("r0 = 0\n".repeat(40000)).append("end: exit\n");
        AssemblerException e = error(sb.toString(), Syntax.LLVM);
        assertEquals(
                "label 'end' is too far: offset 40000 does not fit in 16 bits (gotol / ja32 takes 32 bits)",
                e.reason());
        assertEquals(
                40000,
                llvm(sb.toString().replace("goto end", "gotol end")).at(0).imm());
    }

    private static void expect(String text, int col, String reason) {
        AssemblerException e = error(text, Syntax.LLVM);
        assertEquals(reason, e.reason(), e.getMessage());
        assertEquals(col, e.column(), e.getMessage());
    }
}
