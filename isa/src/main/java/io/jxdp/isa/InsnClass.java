package io.jxdp.isa;

/**
 * The instruction class: the low three bits of the opcode byte (RFC 9669 section 3).
 *
 * <pre>
 *   7 6 5 4 3 2 1 0
 *  +-+-+-+-+-+-+-+-+
 *  |         |class|
 *  +-+-+-+-+-+-+-+-+
 * </pre>
 */
public enum InsnClass {
    /** Non-standard loads: {@code lddw} and the legacy packet loads. */
    LD(0x00),
    /** Loads into a register. */
    LDX(0x01),
    /** Stores of an immediate. */
    ST(0x02),
    /** Stores of a register, and the atomics. */
    STX(0x03),
    /** 32-bit arithmetic; the result is zero-extended to 64 bits. */
    ALU(0x04),
    /** 64-bit jumps, calls and exit. */
    JMP(0x05),
    /** Jumps that compare the low 32 bits. */
    JMP32(0x06),
    /** 64-bit arithmetic. */
    ALU64(0x07);

    public static final int MASK = 0x07;

    private final int code;

    InsnClass(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public boolean isAlu() {
        return this == ALU || this == ALU64;
    }

    public boolean isJump() {
        return this == JMP || this == JMP32;
    }

    public boolean isLoadOrStore() {
        return !isAlu() && !isJump();
    }

    private static final InsnClass[] BY_CODE = values();

    public static InsnClass of(int opcodeByte) {
        return BY_CODE[opcodeByte & MASK];
    }
}
