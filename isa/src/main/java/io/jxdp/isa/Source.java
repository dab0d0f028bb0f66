package io.jxdp.isa;

/**
 * The source operand of ALU and jump instructions: bit 3 of the opcode byte. For the byte-swap
 * instructions of class ALU the same bit selects the target byte order instead (see {@link
 * AluOp#TO_LE} and {@link AluOp#TO_BE}).
 */
public enum Source {
    /** The 32-bit immediate, sign-extended where the operation is 64-bit. */
    K(0x00),
    /** The source register. */
    X(0x08);

    public static final int MASK = 0x08;

    private final int code;

    Source(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Source of(int opcodeByte) {
        return (opcodeByte & MASK) == 0 ? K : X;
    }
}
