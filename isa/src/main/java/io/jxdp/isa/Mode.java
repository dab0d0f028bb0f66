package io.jxdp.isa;

/** The mode of load and store instructions: bits 5-7 of the opcode byte. */
public enum Mode {
    /** 64-bit immediate ({@code lddw}), class LD only. */
    IMM(0x00),
    /** Legacy packet access at an absolute offset, class LD only. */
    ABS(0x20),
    /** Legacy packet access at a register-relative offset, class LD only. */
    IND(0x40),
    /** Regular memory access. */
    MEM(0x60),
    /** Sign-extending load, class LDX only (ISA v4). */
    MEMSX(0x80),
    /** Atomic read-modify-write, class STX only. */
    ATOMIC(0xc0);

    public static final int MASK = 0xe0;

    private final int code;

    Mode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The mode encoded in an opcode byte, or null for the reserved values 0xa0 and 0xe0. */
    public static Mode of(int opcodeByte) {
        int bits = opcodeByte & MASK;
        for (Mode m : values()) {
            if (m.code == bits) {
                return m;
            }
        }
        return null;
    }
}
