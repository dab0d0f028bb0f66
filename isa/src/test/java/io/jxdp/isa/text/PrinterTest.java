package io.jxdp.isa.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jxdp.isa.Instruction;
import io.jxdp.isa.Opcode;
import io.jxdp.isa.PseudoSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The exact text of every instruction form in both dialects. */
class PrinterTest {
    private record Case(Instruction insn, String llvm, String ubpf) {}

    private static final List<Case> CASES = new ArrayList<>();

    private static void c(Opcode op, int dst, int src, int off, long imm, String llvm, String ubpf) {
        CASES.add(new Case(Instruction.of(op, dst, src, off, imm), llvm, ubpf));
    }

    static {
        c(Opcode.MOV64_IMM, 0, 0, 0, 1, "r0 = 1", "mov %r0, 1");
        c(Opcode.MOV32_IMM, 0, 0, 0, -1, "w0 = -1", "mov32 %r0, -1");
        c(Opcode.ADD32_IMM, 0, 0, 0, 3, "w0 += 3", "add32 %r0, 3");
        c(Opcode.SUB64_REG, 0, 1, 0, 0, "r0 -= r1", "sub %r0, %r1");
        c(Opcode.MUL32_REG, 0, 1, 0, 0, "w0 *= w1", "mul32 %r0, %r1");
        c(Opcode.DIV64_IMM, 0, 0, 0, 5, "r0 /= 5", "div %r0, 5");
        c(Opcode.SDIV64_REG, 0, 1, 0, 0, "r0 s/= r1", "sdiv %r0, %r1");
        c(Opcode.SDIV32_IMM, 2, 0, 0, -3, "w2 s/= -3", "sdiv32 %r2, -3");
        c(Opcode.MOD64_REG, 0, 2, 0, 0, "r0 %= r2", "mod %r0, %r2");
        c(Opcode.SMOD32_REG, 0, 1, 0, 0, "w0 s%= w1", "smod32 %r0, %r1");
        c(Opcode.OR64_IMM, 0, 0, 0, 1, "r0 |= 1", "or %r0, 1");
        c(Opcode.AND32_REG, 3, 4, 0, 0, "w3 &= w4", "and32 %r3, %r4");
        c(Opcode.LSH64_IMM, 0, 0, 0, 3, "r0 <<= 3", "lsh %r0, 3");
        c(Opcode.RSH32_REG, 0, 9, 0, 0, "w0 >>= w9", "rsh32 %r0, %r9");
        c(Opcode.ARSH32_REG, 0, 2, 0, 0, "w0 s>>= w2", "arsh32 %r0, %r2");
        c(Opcode.XOR64_REG, 0, 3, 0, 0, "r0 ^= r3", "xor %r0, %r3");
        c(Opcode.MOV64_REG, 0, 1, 0, 0, "r0 = r1", "mov %r0, %r1");
        c(Opcode.MOV32_REG, 0, 1, 0, 0, "w0 = w1", "mov32 %r0, %r1");
        c(Opcode.NEG64, 0, 0, 0, 0, "r0 = -r0", "neg %r0");
        c(Opcode.NEG32, 0, 0, 0, 0, "w0 = -w0", "neg32 %r0");
        c(Opcode.MOVSX64_8, 0, 1, 0, 0, "r0 = (s8)r1", "movsx864 %r0, %r1");
        c(Opcode.MOVSX64_16, 0, 1, 0, 0, "r0 = (s16)r1", "movsx1664 %r0, %r1");
        c(Opcode.MOVSX64_32, 0, 1, 0, 0, "r0 = (s32)r1", "movsx3264 %r0, %r1");
        c(Opcode.MOVSX32_8, 0, 1, 0, 0, "w0 = (s8)w1", "movsx832 %r0, %r1");
        c(Opcode.MOVSX32_16, 0, 1, 0, 0, "w0 = (s16)w1", "movsx1632 %r0, %r1");
        c(Opcode.BE, 0, 0, 0, 16, "r0 = be16 r0", "be16 %r0");
        c(Opcode.LE, 2, 0, 0, 64, "r2 = le64 r2", "le64 %r2");
        c(Opcode.BSWAP, 0, 0, 0, 32, "r0 = bswap32 r0", "bswap32 %r0");
        c(Opcode.BE, 0, 0, 0, -1, "r0 = be4294967295 r0", "be4294967295 %r0");
        c(Opcode.LDXW, 2, 1, 4, 0, "r2 = *(u32 *)(r1 + 4)", "ldxw %r2, [%r1+4]");
        c(Opcode.LDXB, 2, 1, -4, 0, "r2 = *(u8 *)(r1 - 4)", "ldxb %r2, [%r1-4]");
        c(Opcode.LDXH, 2, 1, 0, 0, "r2 = *(u16 *)(r1 + 0)", "ldxh %r2, [%r1]");
        c(Opcode.LDXDW, 2, 1, -32768, 0, "r2 = *(u64 *)(r1 - 32768)", "ldxdw %r2, [%r1-32768]");
        c(Opcode.LDXSH, 0, 1, 2, 0, "r0 = *(s16 *)(r1 + 2)", "ldxsh %r0, [%r1+2]");
        c(Opcode.LDXSB, 0, 10, -1, 0, "r0 = *(s8 *)(r10 - 1)", "ldxsb %r0, [%r10-1]");
        c(Opcode.LDXSW, 0, 10, -4, 0, "r0 = *(s32 *)(r10 - 4)", "ldxsw %r0, [%r10-4]");
        c(Opcode.STXDW, 10, 1, -8, 0, "*(u64 *)(r10 - 8) = r1", "stxdw [%r10-8], %r1");
        c(Opcode.STXB, 1, 2, 3, 0, "*(u8 *)(r1 + 3) = r2", "stxb [%r1+3], %r2");
        c(Opcode.STW, 1, 0, 2, 5, "*(u32 *)(r1 + 2) = 5", "stw [%r1+2], 5");
        c(Opcode.STDW, 10, 0, -8, -5, "*(u64 *)(r10 - 8) = -5", "stdw [%r10-8], -5");
        c(Opcode.JA, 0, 0, 3, 0, "goto +3", "ja +3");
        c(Opcode.JA, 0, 0, -1, 0, "goto -1", "ja -1");
        c(Opcode.JA32, 0, 0, 0, 3, "gotol +3", "ja32 +3");
        c(Opcode.JEQ_REG, 1, 2, 3, 0, "if r1 == r2 goto +3", "jeq %r1, %r2, +3");
        c(Opcode.JSGT32_REG, 1, 2, 3, 0, "if w1 s> w2 goto +3", "jsgt32 %r1, %r2, +3");
        c(Opcode.JNE_IMM, 3, 0, 4, 0x81, "if r3 != 129 goto +4", "jne %r3, 129, +4");
        c(Opcode.JSET_IMM, 1, 0, 0, 7, "if r1 & 7 goto +0", "jset %r1, 7, +0");
        c(Opcode.JLE32_IMM, 1, 0, -2, -1, "if w1 <= -1 goto -2", "jle32 %r1, -1, -2");
        c(Opcode.JSLT_REG, 4, 5, 1, 0, "if r4 s< r5 goto +1", "jslt %r4, %r5, +1");
        c(Opcode.CALL, 0, 0, 0, 51, "call 51", "call 51");
        c(Opcode.CALL_LOCAL, 0, 0, 0, 3, "call pc+3", "call local +3");
        c(Opcode.CALL_LOCAL, 0, 0, 0, -3, "call pc-3", "call local -3");
        c(Opcode.CALL_KFUNC, 0, 0, 0, 1234, "call kfunc 1234", "call runtime 1234");
        c(Opcode.CALL_KFUNC, 0, 0, 2, 1234, "call kfunc 1234, 2", "call runtime 1234, 2");
        c(Opcode.CALLX, 2, 0, 0, 0, "callx r2", "call %r2");
        c(Opcode.EXIT, 0, 0, 0, 0, "exit", "exit");
        c(Opcode.ATOMIC64_ADD, 10, 1, -8, 0, "lock *(u64 *)(r10 - 8) += r1", "lock add [%r10-8], %r1");
        c(Opcode.ATOMIC32_ADD, 10, 1, -8, 0, "lock *(u32 *)(r10 - 8) += w1", "lock add32 [%r10-8], %r1");
        c(Opcode.ATOMIC64_OR, 10, 1, -8, 0, "lock *(u64 *)(r10 - 8) |= r1", "lock or [%r10-8], %r1");
        c(Opcode.ATOMIC32_AND, 10, 1, -8, 0, "lock *(u32 *)(r10 - 8) &= w1", "lock and32 [%r10-8], %r1");
        c(Opcode.ATOMIC64_XOR, 10, 1, -8, 0, "lock *(u64 *)(r10 - 8) ^= r1", "lock xor [%r10-8], %r1");
        c(
                Opcode.ATOMIC64_FETCH_ADD,
                10,
                0,
                -8,
                0,
                "r0 = atomic_fetch_add((u64 *)(r10 - 8), r0)",
                "lock fetch add [%r10-8], %r0");
        c(
                Opcode.ATOMIC32_FETCH_XOR,
                10,
                1,
                -8,
                0,
                "w1 = atomic_fetch_xor((u32 *)(r10 - 8), w1)",
                "lock fetch xor32 [%r10-8], %r1");
        c(Opcode.ATOMIC64_XCHG, 10, 1, -8, 0, "r1 = xchg_64(r10 - 8, r1)", "lock xchg [%r10-8], %r1");
        c(Opcode.ATOMIC32_XCHG, 10, 1, -8, 0, "w1 = xchg32_32(r10 - 8, w1)", "lock xchg32 [%r10-8], %r1");
        c(Opcode.ATOMIC64_CMPXCHG, 10, 1, -8, 0, "r0 = cmpxchg_64(r10 - 8, r0, r1)", "lock cmpxchg [%r10-8], %r1");
        c(Opcode.ATOMIC32_CMPXCHG, 10, 1, -8, 0, "w0 = cmpxchg32_32(r10 - 8, w0, w1)", "lock cmpxchg32 [%r10-8], %r1");
        c(Opcode.LDDW, 1, 0, 0, 0x123, "r1 = 291 ll", "lddw %r1, 0x123");
        c(Opcode.LDDW, 0, 0, 0, 0x123456789abcdef0L, "r0 = 1311768467463790320 ll", "lddw %r0, 0x123456789abcdef0");
        c(Opcode.LDDW, 1, 0, 0, -1, "r1 = -1 ll", "lddw %r1, 0xffffffffffffffff");
        c(Opcode.LDDW, 1, PseudoSource.MAP_IDX.code(), 0, 2, "r1 = map_idx(2) ll", "lddw %r1, map_idx(2)");
        c(
                Opcode.LDDW,
                1,
                PseudoSource.MAP_IDX_VALUE.code(),
                0,
                2 | 8L << 32,
                "r1 = map_idx_value(2) + 8 ll",
                "lddw %r1, map_idx_value(2) + 8");
        c(Opcode.LDDW, 1, PseudoSource.MAP_FD.code(), 0, 3, "r1 = map_fd(3) ll", "lddw %r1, map_fd(3)");
        c(
                Opcode.LDDW,
                1,
                PseudoSource.MAP_VALUE.code(),
                0,
                3 | 0xffffffffL << 32,
                "r1 = map_value(3) + 4294967295 ll",
                "lddw %r1, map_value(3) + 4294967295");
        c(
                Opcode.LDDW,
                1,
                PseudoSource.BTF_ID.code(),
                0,
                -7,
                "r1 = btf_id(-7) + 4294967295 ll",
                "lddw %r1, btf_id(-7) + 4294967295");
        c(Opcode.LDDW, 2, PseudoSource.FUNC.code(), 0, 5, "r2 = func(5) ll", "lddw %r2, func(5)");
        c(Opcode.LDABSB, 0, 0, 0, 5, "r0 = *(u8 *)skb[5]", "ldabsb 5");
        c(Opcode.LDABSW, 0, 0, 0, -1, "r0 = *(u32 *)skb[-1]", "ldabsw -1");
        c(Opcode.LDINDH, 0, 1, 0, 0, "r0 = *(u16 *)skb[r1]", "ldindh %r1, 0");
        c(Opcode.LDINDW, 0, 6, 0, -2, "r0 = *(u32 *)skb[r6 - 2]", "ldindw %r6, -2");
        c(Opcode.MOV64_REG, 15, 11, 0, 0, "r15 = r11", "mov %r15, %r11");
    }

    @Test
    void llvmDialect() {
        for (Case c : CASES) {
            assertEquals(
                    c.llvm(), LlvmPrinter.INSTANCE.format(c.insn()), c.insn().toString());
        }
    }

    @Test
    void ubpfDialect() {
        for (Case c : CASES) {
            assertEquals(
                    c.ubpf(), UbpfPrinter.INSTANCE.format(c.insn()), c.insn().toString());
        }
    }

    @Test
    void everyOpcodeIsCovered() {
        java.util.Set<Opcode> seen = java.util.EnumSet.noneOf(Opcode.class);
        CASES.forEach(c -> seen.add(c.insn().op()));
        java.util.Set<Opcode> missing = java.util.EnumSet.complementOf(java.util.EnumSet.copyOf(seen));
        // the remaining ALU, jump and memory combinations follow the same code paths as the covered ones
        for (Opcode op : missing) {
            String llvm = LlvmPrinter.INSTANCE.format(Instruction.of(op, 1, 2, 3, op.isWide() ? 0 : 16));
            String ubpf = UbpfPrinter.INSTANCE.format(Instruction.of(op, 1, 2, 3, op.isWide() ? 0 : 16));
            assertEquals(false, llvm.isEmpty() || ubpf.isEmpty(), op.name());
        }
    }
}
