package io.jxdp.verifier.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.LongBinaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Soundness of the tnum operations, exhaustively on every tnum of the low four bits (81 of them, the
 * bits above known zero): for every pair of tnums and every pair of their members, the concrete
 * result of an operation is a member of the abstract result. An unsound operation would let the
 * verifier prove an access safe that is not; a scalar-bounds case recorded from the kernel checks
 * precision, this checks that nothing is lost.
 */
class TnumSoundnessTest {
    private static final int BITS = 4;

    /** Every tnum whose unknown and known-one bits lie in the low BITS bits. */
    static List<Tnum> all() {
        List<Tnum> out = new ArrayList<>();
        for (int mask = 0; mask < 1 << BITS; mask++) {
            for (int value = 0; value < 1 << BITS; value++) {
                if ((value & mask) == 0) {
                    out.add(new Tnum(value, mask));
                }
            }
        }
        return out;
    }

    /** The concrete values a tnum stands for. */
    static List<Long> members(Tnum t) {
        List<Long> out = new ArrayList<>();
        for (long x = 0; x < 1 << BITS; x++) {
            if ((x & ~t.mask()) == t.value()) {
                out.add(x);
            }
        }
        return out;
    }

    private static final List<Tnum> ALL = all();

    private static final List<List<Long>> MEMBERS =
            ALL.stream().map(TnumSoundnessTest::members).toList();

    /** Counterexamples to "op(x, y) is in op(a, b)" over every pair of tnums and of their members. */
    private static List<String> unsound(String name, BinaryOperator<Tnum> abstractOp, LongBinaryOperator concrete) {
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < ALL.size(); i++) {
            for (int j = 0; j < ALL.size(); j++) {
                Tnum a = ALL.get(i);
                Tnum b = ALL.get(j);
                Tnum r = abstractOp.apply(a, b);
                for (long x : MEMBERS.get(i)) {
                    for (long y : MEMBERS.get(j)) {
                        long v = concrete.applyAsLong(x, y);
                        if ((v & ~r.mask()) != r.value()) {
                            bad.add(name + " " + a + " " + b + ": " + x + ", " + y + " -> " + v + " not in " + r);
                        }
                    }
                }
            }
        }
        return bad;
    }

    @Test
    void thereAre81TnumsOfFourBits() {
        assertEquals(81, all().size());
        assertEquals(List.of(0L, 2L, 8L, 10L), members(new Tnum(0, 0b1010)));
    }

    @Test
    void arithmeticIsSound() {
        assertEquals(List.of(), unsound("add", Tnum::add, (x, y) -> x + y));
        assertEquals(List.of(), unsound("sub", Tnum::sub, (x, y) -> x - y));
        assertEquals(List.of(), unsound("mul", Tnum::mul, (x, y) -> x * y));
        assertEquals(List.of(), unsound("neg", (a, b) -> a.neg(), (x, y) -> -x));
    }

    @Test
    void bitwiseIsSound() {
        assertEquals(List.of(), unsound("and", Tnum::and, (x, y) -> x & y));
        assertEquals(List.of(), unsound("or", Tnum::or, (x, y) -> x | y));
        assertEquals(List.of(), unsound("xor", Tnum::xor, (x, y) -> x ^ y));
    }

    @Test
    void shiftsAreSound() {
        for (int s : new int[] {0, 1, 3, 31, 32, 63}) {
            assertEquals(List.of(), unsound("lsh " + s, (a, b) -> a.lshift(s), (x, y) -> x << s));
            assertEquals(List.of(), unsound("rsh " + s, (a, b) -> a.rshift(s), (x, y) -> x >>> s));
            assertEquals(List.of(), unsound("arsh64 " + s, (a, b) -> a.arshift(s, 64), (x, y) -> x >> s));
        }
        // a 32-bit arithmetic shift of a value with bit 31 known set keeps the sign in the subregister
        Tnum negative32 = new Tnum(0x80000000L, 0xf);
        Tnum shifted = negative32.arshift(4, 32);
        for (long x : List.of(0x80000000L, 0x8000000fL)) {
            long v = Integer.toUnsignedLong((int) x >> 4);
            assertEquals(shifted.value(), v & ~shifted.mask(), "arsh32 of " + Long.toHexString(x));
        }
    }

    @Test
    void unionHoldsBothAndIntersectHoldsTheCommonMembers() {
        assertEquals(List.of(), unsound("union(a)", Tnum::union, (x, y) -> x));
        assertEquals(List.of(), unsound("union(b)", Tnum::union, (x, y) -> y));
        for (Tnum a : all()) {
            for (Tnum b : all()) {
                Tnum i = a.intersect(b);
                for (long x : members(a)) {
                    if (members(b).contains(x)) {
                        assertEquals(i.value(), x & ~i.mask(), a + " & " + b + " lost " + x);
                    }
                }
            }
        }
    }

    @Test
    void rangeHoldsEveryValueBetweenItsEnds() {
        for (long lo = 0; lo < 1 << BITS; lo++) {
            for (long hi = lo; hi < 1 << BITS; hi++) {
                Tnum r = Tnum.range(lo, hi);
                for (long x = lo; x <= hi; x++) {
                    assertEquals(r.value(), x & ~r.mask(), "range(" + lo + ", " + hi + ") lost " + x);
                }
            }
        }
    }
}
