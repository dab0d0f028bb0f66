package io.jxdp.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jxdp.isa.sem.Alu;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The JIT's own forms of operations proven equal to {@code io.jxdp.isa.sem}. */
class JitArithmeticTest {
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
    void unsignedDivisionAndModuloMatchAlu() {
        for (long a : CORNERS) {
            for (long b : CORNERS) {
                check(a, b);
            }
        }
        Random rnd = new Random(42);
        for (int i = 0; i < 1_000_000; i++) {
            long a = rnd.nextLong() >> rnd.nextInt(64);
            long b = rnd.nextLong() >> rnd.nextInt(64);
            check(a, b);
        }
    }

    private static void check(long a, long b) {
        assertEquals(
                Alu.div64(a, b),
                JitRuntime.div64(a, b),
                () -> Long.toUnsignedString(a) + " / " + Long.toUnsignedString(b));
        assertEquals(
                Alu.mod64(a, b),
                JitRuntime.mod64(a, b),
                () -> Long.toUnsignedString(a) + " % " + Long.toUnsignedString(b));
    }
}
