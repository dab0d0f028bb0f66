package io.jxdp.isa;

/**
 * The operation of ALU and ALU64 instructions: bits 4-7 of the opcode byte, widened by the
 * {@code offset} field where ISA v4 reuses an opcode (signed division and modulo, sign-extending
 * moves) and by the source bit and class for the byte swaps. Engines never look at {@code offset}
 * or the source bit to learn the semantics: the decoder folds them in here.
 *
 * <p>Each constant names its C-like meaning, as LLVM prints it for the 64-bit form.
 */
public enum AluOp {
    /** {@code dst += src}. */
    ADD(0x00, 0, "+="),
    /** {@code dst -= src}. */
    SUB(0x10, 0, "-="),
    /** {@code dst *= src}. */
    MUL(0x20, 0, "*="),
    /** {@code dst /= src}, unsigned; division by zero gives 0. */
    DIV(0x30, 0, "/="),
    /** {@code dst s/= src}, signed (v4); division by zero gives 0. */
    SDIV(0x30, 1, "s/="),
    /** {@code dst |= src}. */
    OR(0x40, 0, "|="),
    /** {@code dst &= src}. */
    AND(0x50, 0, "&="),
    /** {@code dst <<= src}, the shift amount masked to the width. */
    LSH(0x60, 0, "<<="),
    /** {@code dst >>= src}, logical, the shift amount masked to the width. */
    RSH(0x70, 0, ">>="),
    /** {@code dst = -dst}. */
    NEG(0x80, 0, null),
    /** {@code dst %= src}, unsigned; modulo by zero leaves dst unchanged. */
    MOD(0x90, 0, "%="),
    /** {@code dst s%= src}, signed (v4); modulo by zero leaves dst unchanged. */
    SMOD(0x90, 1, "s%="),
    /** {@code dst ^= src}. */
    XOR(0xa0, 0, "^="),
    /** {@code dst = src}. */
    MOV(0xb0, 0, "="),
    /** {@code dst = (s8) src}, sign-extending move (v4). */
    MOVSX8(0xb0, 8, null),
    /** {@code dst = (s16) src}, sign-extending move (v4). */
    MOVSX16(0xb0, 16, null),
    /** {@code dst = (s32) src}, sign-extending move, ALU64 only (v4). */
    MOVSX32(0xb0, 32, null),
    /** {@code dst s>>= src}, arithmetic, the shift amount masked to the width. */
    ARSH(0xc0, 0, "s>>="),
    /** {@code dst = le<imm> dst}: to little-endian (class ALU, source bit clear). */
    TO_LE(0xd0, 0, null),
    /** {@code dst = be<imm> dst}: to big-endian (class ALU, source bit set). */
    TO_BE(0xd0, 0, null),
    /** {@code dst = bswap<imm> dst}: unconditional byte swap (class ALU64, v4). */
    BSWAP(0xd0, 0, null);

    public static final int MASK = 0xf0;

    private final int code;
    private final int offset;
    private final String compoundOperator;

    AluOp(int code, int offset, String compoundOperator) {
        this.code = code;
        this.offset = offset;
        this.compoundOperator = compoundOperator;
    }

    /** The bits this operation sets in the opcode byte. */
    public int code() {
        return code;
    }

    /** The value the {@code offset} field must hold for this operation. */
    public int offset() {
        return offset;
    }

    /** The LLVM compound assignment ({@code +=}, {@code s/=}, ...), or null for other forms. */
    public String compoundOperator() {
        return compoundOperator;
    }

    /** True for the three byte-order operations, whose width is in the immediate. */
    public boolean isByteSwap() {
        return this == TO_LE || this == TO_BE || this == BSWAP;
    }

    /** True for the sign-extending moves, whose source width is in the offset. */
    public boolean isMovSx() {
        return this == MOVSX8 || this == MOVSX16 || this == MOVSX32;
    }

    /** True for shifts, whose immediate must be smaller than the width to pass the verifier. */
    public boolean isShift() {
        return this == LSH || this == RSH || this == ARSH;
    }

    /** True for division and modulo, signed or not. */
    public boolean isDivision() {
        return this == DIV || this == SDIV || this == MOD || this == SMOD;
    }
}
