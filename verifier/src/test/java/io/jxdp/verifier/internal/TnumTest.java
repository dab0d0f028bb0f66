package io.jxdp.verifier.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The tnum operations against values worked out by hand from kernel/bpf/tnum.c. */
class TnumTest {
    @Test
    void rangeCoversTheSmallestPowerOfTwoBlock() {
        assertEquals(new Tnum(0, 0xff), Tnum.range(0, 255));
        assertEquals(new Tnum(0x10, 0xf), Tnum.range(0x10, 0x1f));
        assertEquals(new Tnum(0, 0x1f), Tnum.range(1, 16));
        assertEquals(Tnum.constant(7), Tnum.range(7, 7));
        assertEquals(Tnum.UNKNOWN, Tnum.range(0, -1L));
    }

    @Test
    void arithmeticKeepsKnownBits() {
        assertEquals(new Tnum(0, 0x1ff), new Tnum(0, 0xff).add(new Tnum(0, 0xff)));
        assertEquals(Tnum.constant(12), Tnum.constant(5).add(Tnum.constant(7)));
        assertEquals(new Tnum(0x11000, 0x3ff), new Tnum(0, 0xff).add(Tnum.constant(70000)));
        assertEquals(Tnum.constant(-2), Tnum.constant(5).sub(Tnum.constant(7)));
        assertEquals(new Tnum(0, 0x3fc), new Tnum(0, 0xff).mul(Tnum.constant(4)));
        assertEquals(Tnum.UNKNOWN, Tnum.UNKNOWN.mul(Tnum.UNKNOWN));
        assertEquals(Tnum.constant(-8), Tnum.constant(8).neg());
    }

    @Test
    void mulTakesTheUnionOfBothCasesForAnUnknownBit() {
        // the example in tnum.c: multiplier x1 times 11 is union(0011, 1001) = x0x1
        assertEquals(new Tnum(0b0001, 0b1010), new Tnum(1, 2).mul(Tnum.constant(3)));
        // (0xf; 0x30) * 31, as the running kernel has it (the older shift-and-add gave (0x1; 0xff0))
        assertEquals(new Tnum(0x181, 0x670), new Tnum(0xf, 0x30).mul(Tnum.constant(31)));
        assertEquals(new Tnum(0x1d1, 0), Tnum.constant(15).mul(Tnum.constant(31)));
        assertEquals(new Tnum(0, 0x3f0), new Tnum(0, 0x30).union(new Tnum(0x3c0, 0)));
    }

    @Test
    void bitwiseOperations() {
        assertEquals(new Tnum(0, 0x10), Tnum.UNKNOWN.and(Tnum.constant(16)));
        assertEquals(new Tnum(0x10, ~0x10L), Tnum.UNKNOWN.or(Tnum.constant(16)));
        assertEquals(
                new Tnum(0xf0, 0x0f),
                new Tnum(0xff, 0).xor(new Tnum(0x0f, 0x0f)).or(new Tnum(0, 0)));
        assertEquals(new Tnum(0, 0xff0000000000L), new Tnum(0, 0xff).lshift(40));
        assertEquals(new Tnum(0xffffffffL, 0), Tnum.constant(-2).subreg().arshift(1, 32));
        assertEquals(Tnum.constant(-1), Tnum.constant(-2).arshift(1, 64));
    }

    @Test
    void intersectContainsAndOverlap() {
        assertEquals(Tnum.constant(16), new Tnum(0, 0x10).intersect(new Tnum(0x10, 0xf)));
        assertTrue(new Tnum(0, 0xff).contains(Tnum.constant(0x7f)));
        assertFalse(new Tnum(0, 0xff).contains(Tnum.constant(0x100)));
        assertTrue(Tnum.UNKNOWN.contains(new Tnum(0, 0xff)));
        assertFalse(new Tnum(0, 0x100).overlaps(Tnum.constant(0x1f)));
        assertTrue(new Tnum(0, 0x100).overlaps(Tnum.constant(0x100)));
    }

    @Test
    void stepFindsTheNextMember() {
        Tnum t = new Tnum(0, 0x10);
        assertEquals(16, t.step(1));
        assertEquals(16, t.step(0));
        assertEquals(16, t.step(100));
        Tnum mult4 = new Tnum(0, 0xfc);
        assertEquals(8, mult4.step(4));
        assertEquals(8, mult4.step(5));
        assertEquals(0xfc, mult4.step(0xfb));
    }

    @Test
    void printsAsTheKernelDoes() {
        assertEquals("(0x0; 0xff)", new Tnum(0, 0xff).toString());
        assertEquals("(0xffffffffffffff00; 0x4)", new Tnum(0xffffffffffffff00L, 4).toString());
    }
}
