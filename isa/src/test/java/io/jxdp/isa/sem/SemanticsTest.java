package io.jxdp.isa.sem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxdp.isa.AtomicOp;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The shared methods' corner cases, as RFC 9669 and the kernel define them. */
class SemanticsTest {
    private static final long[] CORNERS = {
        0,
        1,
        2,
        3,
        -1,
        -2,
        7,
        10,
        Long.MIN_VALUE,
        Long.MAX_VALUE,
        Long.MIN_VALUE + 1,
        Long.MAX_VALUE - 1,
        0xffff_ffffL,
        1L << 32,
        1L << 62,
        -(1L << 62),
        0x8000_0000L,
        1_000_000_007L
    };

    @Test
    void divisionCornerCases() {
        assertEquals(0, Alu64.div(7, 0));
        assertEquals(7, Alu64.mod(7, 0));
        assertEquals(0xffff_ffffL, Alu32.mod(-1L, 0));
        assertEquals(0, Alu32.div(5, 0x1_0000_0000L)); // the divisor's low 32 bits are zero
        assertEquals(5, Alu32.mod(0x7_0000_0005L, 0x1_0000_0000L));
        assertEquals(Long.MIN_VALUE, Alu64.sdiv(Long.MIN_VALUE, -1));
        assertEquals(0, Alu64.smod(Long.MIN_VALUE, -1));
        assertEquals(0x8000_0000L, Alu32.sdiv(Integer.MIN_VALUE, -1));
        assertEquals(0, Alu32.smod(Integer.MIN_VALUE, -1));
        assertEquals(0xffff_fffeL, Alu32.smod(-2, 0)); // dividend kept, zero-extended
        assertEquals(-1, Alu64.smod(-7, 3));
        assertEquals(1, Alu64.smod(7, -3));
        assertEquals(0x7fff_ffff_ffff_ffffL, Alu64.div(-1L, 2));
        assertEquals(1, Alu64.div(-1L, Long.MIN_VALUE));
        assertEquals(Long.MAX_VALUE, Alu64.mod(-1L, Long.MIN_VALUE));
    }

    @Test
    void unsignedDivisionAndModuloAreTheJdksWithZeroRules() {
        for (long a : CORNERS) {
            for (long b : CORNERS) {
                checkDivision(a, b);
            }
        }
        Random rnd = new Random(42);
        for (int i = 0; i < 1_000_000; i++) {
            checkDivision(rnd.nextLong() >> rnd.nextInt(64), rnd.nextLong() >> rnd.nextInt(64));
        }
    }

    private static void checkDivision(long a, long b) {
        String what = Long.toUnsignedString(a) + " / " + Long.toUnsignedString(b);
        assertEquals(b == 0 ? 0 : Long.divideUnsigned(a, b), Alu64.div(a, b), what);
        assertEquals(b == 0 ? a : Long.remainderUnsigned(a, b), Alu64.mod(a, b), what);
    }

    @Test
    void shiftsMaskTheCount() {
        assertEquals(2, Alu64.lsh(1, 65));
        assertEquals(1, Alu64.lsh(1, 64));
        assertEquals(2, Alu32.lsh(1, 33));
        assertEquals(1, Alu32.lsh(1, 32));
        assertEquals(0xffff_ffffL, Alu32.arsh(0x8000_0000L, 31));
        assertEquals(1, Alu32.rsh(0xffff_ffff_8000_0000L, 31));
        assertEquals(-1, Alu64.arsh(Long.MIN_VALUE, 63));
        assertEquals(1, Alu64.rsh(Long.MIN_VALUE, 63));
    }

    @Test
    void thirtyTwoBitResultsAreZeroExtended() {
        assertEquals(0xffff_ffffL, Alu32.mov(-1));
        assertEquals(0x8000_0000L, Alu32.neg(0x8000_0000L));
        assertEquals(0xffff_ff80L, Alu32.movsx8(0x80));
        assertEquals(0xffff_8000L, Alu32.movsx16(0x8000));
        assertEquals(-128, Alu64.movsx8(0x80));
        assertEquals(0xffff_ffff_8000_0000L, Alu64.movsx32(0x8000_0000L));
        assertEquals(1, Alu32.mul(0x1_0000_0001L, 1));
        assertEquals(0, Alu32.add(0xffff_ffffL, 1));
        assertEquals(0xffff_ffffL, Alu32.sub(0, 1));
    }

    @Test
    void byteSwapsAreLittleEndianMachineSemantics() {
        assertEquals(0x3412, ByteSwaps.swap16(0x1234));
        assertEquals(0x3412, ByteSwaps.swap16(0xffff_1234L));
        assertEquals(0x7856_3412L, ByteSwaps.swap32(0x1234_5678L));
        assertEquals(0x7856_3412L, ByteSwaps.swap(0xffff_ffff_1234_5678L, 32));
        assertEquals(0x5678, ByteSwaps.le16(0x1234_5678L));
        assertEquals(0x0807060504030201L, ByteSwaps.swap64(0x0102030405060708L));
        assertEquals(0x1234_5678_9abc_def0L, ByteSwaps.le(0x1234_5678_9abc_def0L, 64));
        assertEquals(0x9abc_def0L, ByteSwaps.le(0x1234_5678_9abc_def0L, 32));
    }

    @Test
    void loadsExtendAndStoresTruncate() {
        assertEquals(0x80, Loads.ldxb(0xffff_ff80L));
        assertEquals(-128, Loads.ldxsb(0x80));
        assertEquals(-32768, Loads.ldxsh(0x8000));
        assertEquals(0xffff_ffff_8000_0000L, Loads.ldxsw(0x8000_0000L));
        assertEquals(0x7fff, Loads.ldxsh(0x7fff));
        assertEquals(0xffff_ffffL, Loads.ldxw(-1));
        assertEquals(0xff, Stores.b(-1));
        assertEquals(0x5678, Stores.h(0x1234_5678L));
        assertEquals(0xffff_ffffL, Stores.w(-1));
        assertEquals(-1, Stores.dw(-1));
    }

    @Test
    void atomicsGiveTheNewWord() {
        assertEquals(Long.MIN_VALUE, Atomics.add64(Long.MAX_VALUE, 1));
        assertEquals(0, Atomics.add32(-1, 1));
        assertEquals(0, Atomics.add32(0, 0x1_0000_0000L)); // only the low half is added
        assertEquals(5, Atomics.cmpxchg64(3, 5, 3));
        assertEquals(3, Atomics.cmpxchg64(3, 5, 4));
        assertEquals(5, Atomics.cmpxchg32(3, 5, 0x1_0000_0003L)); // r0's low half is compared
        assertEquals(9, Atomics.update64(AtomicOp.FETCH_XOR, 12, 5, 0));
        assertEquals(7, Atomics.update32(AtomicOp.XCHG, 1, 7, 0));
    }

    @Test
    void conditions() {
        assertTrue(Jumps.gt64(-1, 1));
        assertFalse(Jumps.sgt64(-1, 1));
        assertTrue(Jumps.eq32(0x1_0000_0005L, 5));
        assertTrue(Jumps.slt32(0xffff_ffffL, 0));
        assertTrue(Jumps.set64(6, 2));
        assertFalse(Jumps.set32(0x1_0000_0000L, 0x1_0000_0000L));
        assertTrue(Jumps.le32(0x1_0000_0000L, 0));
        assertFalse(Jumps.le64(0x1_0000_0000L, 0));
    }
}
