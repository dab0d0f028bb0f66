package io.jxdp.isa;

/**
 * The operation of an atomic instruction (class STX, mode ATOMIC), carried in the immediate.
 * Every operation exists for 32-bit ({@link Size#W}) and 64-bit ({@link Size#DW}) words.
 */
public enum AtomicOp {
    /** {@code *(dst + off) += src}. */
    ADD(0x00, false, "+=", "add"),
    /** {@code *(dst + off) |= src}. */
    OR(0x40, false, "|=", "or"),
    /** {@code *(dst + off) &= src}. */
    AND(0x50, false, "&=", "and"),
    /** {@code *(dst + off) ^= src}. */
    XOR(0xa0, false, "^=", "xor"),
    /** {@code src = atomic_fetch_add(dst + off, src)}: the old value lands in src. */
    FETCH_ADD(0x01, true, "+=", "add"),
    /** {@code src = atomic_fetch_or(dst + off, src)}. */
    FETCH_OR(0x41, true, "|=", "or"),
    /** {@code src = atomic_fetch_and(dst + off, src)}. */
    FETCH_AND(0x51, true, "&=", "and"),
    /** {@code src = atomic_fetch_xor(dst + off, src)}. */
    FETCH_XOR(0xa1, true, "^=", "xor"),
    /** {@code src = xchg(dst + off, src)}. */
    XCHG(0xe1, true, null, "xchg"),
    /** {@code r0 = cmpxchg(dst + off, r0, src)}: stores src if the word equals r0; r0 gets the old word. */
    CMPXCHG(0xf1, true, null, "cmpxchg");

    /** The fetch flag of the immediate. */
    public static final int FETCH = 0x01;

    private final int imm;
    private final boolean fetch;
    private final String operator;
    private final String mnemonic;

    AtomicOp(int imm, boolean fetch, String operator, String mnemonic) {
        this.imm = imm;
        this.fetch = fetch;
        this.operator = operator;
        this.mnemonic = mnemonic;
    }

    /** The value of the immediate field. */
    public int imm() {
        return imm;
    }

    /** True if the old value is written back to a register. */
    public boolean fetches() {
        return fetch;
    }

    /** The compound operator of the arithmetic forms, or null for xchg and cmpxchg. */
    public String operator() {
        return operator;
    }

    /** The uBPF mnemonic without {@code fetch} and without the {@code 32} suffix. */
    public String mnemonic() {
        return mnemonic;
    }

    /** The operation with this immediate, or null if the immediate names none. */
    public static AtomicOp ofImm(int imm) {
        for (AtomicOp op : values()) {
            if (op.imm == imm) {
                return op;
            }
        }
        return null;
    }
}
