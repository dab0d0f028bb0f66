package io.jxdp.isa.sem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jxdp.isa.AluOp;
import io.jxdp.isa.JmpOp;
import org.junit.jupiter.api.Test;

class AluTest {
    @Test
    void divisionCornerCases() {
        assertEquals(0, Alu.div64(7, 0));
        assertEquals(7, Alu.mod64(7, 0));
        assertEquals(0xffff_ffffL, Alu.mod32(-1L, 0));
        assertEquals(0, Alu.div32(5, 0x1_0000_0000L)); // the divisor's low 32 bits are zero
        assertEquals(Long.MIN_VALUE, Alu.sdiv64(Long.MIN_VALUE, -1));
        assertEquals(0, Alu.smod64(Long.MIN_VALUE, -1));
        assertEquals(0x8000_0000L, Alu.sdiv32(Integer.MIN_VALUE, -1));
        assertEquals(0, Alu.smod32(Integer.MIN_VALUE, -1));
        assertEquals(0xffff_fffeL, Alu.smod32(-2, 0)); // dividend kept, zero-extended
        assertEquals(-1, Alu.smod64(-7, 3));
        assertEquals(1, Alu.smod64(7, -3));
        assertEquals(0x7fff_ffff_ffff_ffffL, Alu.div64(-1L, 2));
    }

    @Test
    void shiftsMaskTheAmount() {
        assertEquals(2, Alu.lsh64(1, 65));
        assertEquals(2, Alu.lsh32(1, 33));
        assertEquals(0xffff_ffffL, Alu.arsh32(0x8000_0000L, 31));
        assertEquals(1, Alu.rsh32(0xffff_ffff_8000_0000L, 31));
        assertEquals(-1, Alu.arsh64(Long.MIN_VALUE, 63));
    }

    @Test
    void thirtyTwoBitResultsAreZeroExtended() {
        assertEquals(0xffff_ffffL, Alu.apply(AluOp.MOV, false, 0, -1));
        assertEquals(0x8000_0000L, Alu.apply(AluOp.NEG, false, 0x8000_0000L, 0));
        assertEquals(0xffff_ff80L, Alu.apply(AluOp.MOVSX8, false, 0, 0x80));
        assertEquals(-128, Alu.apply(AluOp.MOVSX8, true, 0, 0x80));
        assertEquals(0xffff_ffff_8000_0000L, Alu.apply(AluOp.MOVSX32, true, 0, 0x8000_0000L));
        assertEquals(1, Alu.apply(AluOp.MUL, false, 0x1_0000_0001L, 1));
    }

    @Test
    void byteSwapsAreLittleEndianMachineSemantics() {
        assertEquals(0x3412, ByteSwap.swap(0x1234, 16));
        assertEquals(0x3412, ByteSwap.swap(0xffff_1234L, 16));
        assertEquals(0x7856_3412L, ByteSwap.swap(0x1234_5678L, 32));
        assertEquals(0x5678, ByteSwap.toLe(0x1234_5678L, 16));
        assertEquals(0x0807060504030201L, ByteSwap.swap(0x0102030405060708L, 64));
        assertEquals(0x1234_5678_9abc_def0L, Alu.apply(AluOp.TO_LE, false, 0x1234_5678_9abc_def0L, 64));
    }

    @Test
    void conditions() {
        assertEquals(true, Conditions.test(JmpOp.JGT, false, -1, 1));
        assertEquals(false, Conditions.test(JmpOp.JSGT, false, -1, 1));
        assertEquals(true, Conditions.test(JmpOp.JEQ, true, 0x1_0000_0005L, 5));
        assertEquals(true, Conditions.test(JmpOp.JSLT, true, 0xffff_ffffL, 0));
        assertEquals(true, Conditions.test(JmpOp.JSET, false, 6, 2));
        assertEquals(false, Conditions.test(JmpOp.JSET, true, 0x1_0000_0000L, 0x1_0000_0000L));
    }
}
