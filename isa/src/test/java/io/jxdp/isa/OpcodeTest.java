package io.jxdp.isa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OpcodeTest {
    @Test
    void everyOpcodeOfTheIsaIsModelledOnce() {
        // 14 binary ALU ops x 2 sources x 2 widths, neg x 2, movsx 5, le/be/bswap 3,
        // ja and gotol, 11 conditions x 2 sources x 2 widths, 3 call kinds, callx, exit,
        // 4 ldx + 3 ldxs + 4 st + 4 stx + lddw + 3 abs + 3 ind, 10 atomics x 2 sizes; and
        // MALFORMED, which is no operation but a slot kept as its bytes.
        assertEquals(56 + 2 + 5 + 3 + 2 + 44 + 3 + 1 + 1 + 22 + 20 + 1, Opcode.values().length);
        Set<String> encodings = new HashSet<>();
        for (Opcode op : Opcode.values()) {
            String key = op.opcodeByte() + "/" + op.encodedOffset() + "/" + op.encodedSrc() + "/" + op.encodedImm();
            assertEquals(true, encodings.add(key), "two opcodes share the encoding of " + op);
        }
    }

    @Test
    void opcodeBytesFollowTheRfcTables() {
        assertEquals(0x07, Opcode.ADD64_IMM.opcodeByte());
        assertEquals(0x0c, Opcode.ADD32_REG.opcodeByte());
        assertEquals(0x3f, Opcode.SDIV64_REG.opcodeByte());
        assertEquals(1, Opcode.SDIV64_REG.encodedOffset());
        assertEquals(0xbf, Opcode.MOVSX64_32.opcodeByte());
        assertEquals(32, Opcode.MOVSX64_32.encodedOffset());
        assertEquals(0xd4, Opcode.LE.opcodeByte());
        assertEquals(0xdc, Opcode.BE.opcodeByte());
        assertEquals(0xd7, Opcode.BSWAP.opcodeByte());
        assertEquals(0x84, Opcode.NEG32.opcodeByte());
        assertEquals(0x87, Opcode.NEG64.opcodeByte());
        assertEquals(0x05, Opcode.JA.opcodeByte());
        assertEquals(0x06, Opcode.JA32.opcodeByte());
        assertEquals(0x6e, Opcode.JSGT32_REG.opcodeByte());
        assertEquals(0x85, Opcode.CALL_LOCAL.opcodeByte());
        assertEquals(1, Opcode.CALL_LOCAL.encodedSrc());
        assertEquals(0x8d, Opcode.CALLX.opcodeByte());
        assertEquals(0x95, Opcode.EXIT.opcodeByte());
        assertEquals(0x18, Opcode.LDDW.opcodeByte());
        assertEquals(0x61, Opcode.LDXW.opcodeByte());
        assertEquals(0x91, Opcode.LDXSB.opcodeByte());
        assertEquals(0x7a, Opcode.STDW.opcodeByte());
        assertEquals(0x63, Opcode.STXW.opcodeByte());
        assertEquals(0x20, Opcode.LDABSW.opcodeByte());
        assertEquals(0x50, Opcode.LDINDB.opcodeByte());
        assertEquals(0xdb, Opcode.ATOMIC64_CMPXCHG.opcodeByte());
        assertEquals(0xf1, Opcode.ATOMIC64_CMPXCHG.encodedImm());
        assertEquals(0xc3, Opcode.ATOMIC32_FETCH_OR.opcodeByte());
        assertEquals(0x41, Opcode.ATOMIC32_FETCH_OR.encodedImm());
    }

    @Test
    void matchUsesTheSelectorFields() {
        assertSame(Opcode.DIV64_REG, Opcode.match(0x3f, 1, 0, 0));
        assertSame(Opcode.SDIV64_REG, Opcode.match(0x3f, 1, 1, 0));
        assertNull(Opcode.match(0x3f, 1, 2, 0));
        assertSame(Opcode.MOVSX32_16, Opcode.match(0xbc, 1, 16, 0));
        assertSame(Opcode.CALL, Opcode.match(0x85, 0, 0, 5));
        assertSame(Opcode.CALL_KFUNC, Opcode.match(0x85, 2, 0, 5));
        assertNull(Opcode.match(0x85, 3, 0, 5));
        assertSame(Opcode.ATOMIC64_XCHG, Opcode.match(0xdb, 1, -8, 0xe1));
        assertNull(Opcode.match(0xdb, 1, -8, 0xe0));
        assertNull(Opcode.match(0xff, 0, 0, 0));
    }

    @Test
    void factoriesFindOpcodesByParts() {
        assertSame(Opcode.ARSH32_IMM, Opcode.alu(AluOp.ARSH, Source.K, false));
        assertSame(Opcode.JSLE32_REG, Opcode.jump(JmpOp.JSLE, Source.X, true));
        assertSame(Opcode.JA32, Opcode.jump(JmpOp.JA, Source.K, true));
        assertSame(Opcode.CALLX, Opcode.jump(JmpOp.CALL, Source.X, false));
        assertSame(Opcode.LDXSH, Opcode.memory(InsnClass.LDX, Mode.MEMSX, Size.H));
        assertSame(Opcode.ATOMIC32_FETCH_XOR, Opcode.atomic(AtomicOp.FETCH_XOR, Size.W));
        assertNull(Opcode.alu(AluOp.MOVSX32, Source.X, false));
    }
}
