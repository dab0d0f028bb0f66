package io.jxdp.packet;

/**
 * SplitMix64 (Steele, Lea, Flood 2014): a tiny generator whose output is fixed by its definition,
 * so a seed means the same traffic on every JDK. {@link #mix} is also used statelessly, on a
 * counter, to make packet i's random choices without generating packets 0..i-1.
 */
final class SplitMix {
    static final long GOLDEN = 0x9E37_79B9_7F4A_7C15L;

    private long state;

    SplitMix(long seed) {
        this.state = seed;
    }

    long next() {
        state += GOLDEN;
        return mix(state);
    }

    /** A uniform int in [0, bound) (Lemire's multiply-shift; the bias is below 2^-32 here). */
    int below(int bound) {
        return (int) (((next() >>> 32) * bound) >>> 32);
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }
}
