package io.jxdp.isa.sem;

import io.jxdp.isa.JmpOp;

/** The conditions of the conditional jumps, 64-bit (JMP) and 32-bit (JMP32), written once. */
public final class Conditions {
    private Conditions() {}

    /**
     * Whether a conditional jump is taken.
     *
     * @param op a conditional operation
     * @param is32 true for JMP32, which compares the low 32 bits
     * @param dst the destination register's value
     * @param src the source register's value or the sign-extended immediate
     */
    public static boolean test(JmpOp op, boolean is32, long dst, long src) {
        return is32 ? test32(op, (int) dst, (int) src) : test64(op, dst, src);
    }

    public static boolean test64(JmpOp op, long a, long b) {
        return switch (op) {
            case JEQ -> a == b;
            case JNE -> a != b;
            case JGT -> Long.compareUnsigned(a, b) > 0;
            case JGE -> Long.compareUnsigned(a, b) >= 0;
            case JLT -> Long.compareUnsigned(a, b) < 0;
            case JLE -> Long.compareUnsigned(a, b) <= 0;
            case JSGT -> a > b;
            case JSGE -> a >= b;
            case JSLT -> a < b;
            case JSLE -> a <= b;
            case JSET -> (a & b) != 0;
            default -> throw new IllegalArgumentException(op + " is not a condition");
        };
    }

    public static boolean test32(JmpOp op, int a, int b) {
        return switch (op) {
            case JEQ -> a == b;
            case JNE -> a != b;
            case JGT -> Integer.compareUnsigned(a, b) > 0;
            case JGE -> Integer.compareUnsigned(a, b) >= 0;
            case JLT -> Integer.compareUnsigned(a, b) < 0;
            case JLE -> Integer.compareUnsigned(a, b) <= 0;
            case JSGT -> a > b;
            case JSGE -> a >= b;
            case JSLT -> a < b;
            case JSLE -> a <= b;
            case JSET -> (a & b) != 0;
            default -> throw new IllegalArgumentException(op + " is not a condition");
        };
    }
}
