package io.jxdp.asm.internal;

/**
 * A number as written: its sign, its magnitude (an unsigned 64-bit value) and whether it was hex.
 * The base matters for range checks: decimal is read as a signed value, hex as a bit pattern, so
 * {@code 0xffffffff} is a valid 32-bit immediate (-1) and {@code 4294967295} is not.
 *
 * @param negative written with a minus sign
 * @param magnitude the digits' value, unsigned
 * @param hex written with 0x
 * @param index where it starts in its line (0-based), for errors
 * @param text the characters as written
 */
record Literal(boolean negative, long magnitude, boolean hex, int index, String text) {

    /** The same literal with the opposite sign (LLVM writes {@code r10 - 8} with a separate sign). */
    Literal negate() {
        return new Literal(!negative, magnitude, hex, index, text);
    }

    /**
     * The value if it fits a field of {@code bits} bits (32 or 16 or 64): decimal within the signed
     * range, hex within the unsigned range (a bit pattern, sign-extended), a negative hex number
     * within the signed range. Null if it does not fit.
     */
    Long fit(int bits) {
        if (bits == 64) {
            if (!negative) {
                return magnitude;
            }
            return Long.compareUnsigned(magnitude, Long.MIN_VALUE) <= 0 ? -magnitude : null;
        }
        long signedMax = (1L << (bits - 1)) - 1;
        long unsignedMax = (1L << bits) - 1;
        if (negative) {
            return Long.compareUnsigned(magnitude, signedMax + 1) <= 0 ? -magnitude : null;
        }
        long max = hex ? unsignedMax : signedMax;
        if (Long.compareUnsigned(magnitude, max) > 0) {
            return null;
        }
        // a hex bit pattern with the top bit set is negative in the field
        return magnitude > signedMax ? magnitude - (1L << bits) : magnitude;
    }

    /** The value if it is in [0, max] whatever the base, else null. */
    Long unsigned(long max) {
        return !negative && Long.compareUnsigned(magnitude, max) <= 0 ? magnitude : null;
    }
}
