package io.jxdp.isa.sem;

import io.jxdp.isa.AtomicOp;
import io.jxdp.isa.Opcode;

/**
 * The atomic read-modify-writes: each method gives the word's new value from its old value and
 * {@code src} (and, for {@code cmpxchg}, r0). The fetching forms share their plain form's method:
 * they differ only in where the old value goes (src, or r0 for {@code cmpxchg}; a 32-bit old
 * value zero-extended), which the engines' {@code Memory.atomic} returns while it makes the update
 * atomic (a compare-and-set loop around these methods).
 */
public final class Atomics {
    private Atomics() {}

    @Semantics({Opcode.ATOMIC64_ADD, Opcode.ATOMIC64_FETCH_ADD})
    public static long add64(long old, long src) {
        return old + src;
    }

    @Semantics({Opcode.ATOMIC64_OR, Opcode.ATOMIC64_FETCH_OR})
    public static long or64(long old, long src) {
        return old | src;
    }

    @Semantics({Opcode.ATOMIC64_AND, Opcode.ATOMIC64_FETCH_AND})
    public static long and64(long old, long src) {
        return old & src;
    }

    @Semantics({Opcode.ATOMIC64_XOR, Opcode.ATOMIC64_FETCH_XOR})
    public static long xor64(long old, long src) {
        return old ^ src;
    }

    @Semantics(Opcode.ATOMIC64_XCHG)
    public static long xchg64(long old, long src) {
        return src;
    }

    /** The word becomes {@code src} if it held r0, else stays; r0 gets the old value. */
    @Semantics(Opcode.ATOMIC64_CMPXCHG)
    public static long cmpxchg64(long old, long src, long r0) {
        return old == r0 ? src : old;
    }

    @Semantics({Opcode.ATOMIC32_ADD, Opcode.ATOMIC32_FETCH_ADD})
    public static int add32(int old, long src) {
        return old + (int) src;
    }

    @Semantics({Opcode.ATOMIC32_OR, Opcode.ATOMIC32_FETCH_OR})
    public static int or32(int old, long src) {
        return old | (int) src;
    }

    @Semantics({Opcode.ATOMIC32_AND, Opcode.ATOMIC32_FETCH_AND})
    public static int and32(int old, long src) {
        return old & (int) src;
    }

    @Semantics({Opcode.ATOMIC32_XOR, Opcode.ATOMIC32_FETCH_XOR})
    public static int xor32(int old, long src) {
        return old ^ (int) src;
    }

    @Semantics(Opcode.ATOMIC32_XCHG)
    public static int xchg32(int old, long src) {
        return (int) src;
    }

    /** The word becomes the low half of {@code src} if it held r0's low half, else stays. */
    @Semantics(Opcode.ATOMIC32_CMPXCHG)
    public static int cmpxchg32(int old, long src, long r0) {
        return old == (int) r0 ? (int) src : old;
    }

    /** The new value of a 64-bit word under {@code op}: the method for the operation. */
    public static long update64(AtomicOp op, long old, long src, long r0) {
        return switch (op) {
            case ADD, FETCH_ADD -> add64(old, src);
            case OR, FETCH_OR -> or64(old, src);
            case AND, FETCH_AND -> and64(old, src);
            case XOR, FETCH_XOR -> xor64(old, src);
            case XCHG -> xchg64(old, src);
            case CMPXCHG -> cmpxchg64(old, src, r0);
        };
    }

    /** The new value of a 32-bit word under {@code op}: the method for the operation. */
    public static int update32(AtomicOp op, int old, long src, long r0) {
        return switch (op) {
            case ADD, FETCH_ADD -> add32(old, src);
            case OR, FETCH_OR -> or32(old, src);
            case AND, FETCH_AND -> and32(old, src);
            case XOR, FETCH_XOR -> xor32(old, src);
            case XCHG -> xchg32(old, src);
            case CMPXCHG -> cmpxchg32(old, src, r0);
        };
    }
}
