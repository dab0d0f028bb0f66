package io.jxdp.isa;

/**
 * The operation of JMP and JMP32 instructions: bits 4-7 of the opcode byte.
 *
 * <p>The conditional jumps carry the operator LLVM prints ({@code if r1 s> r2 goto +3}).
 */
public enum JmpOp {
    /** Unconditional jump: {@code goto} (JMP, offset) or {@code gotol} (JMP32, imm). */
    JA(0x00, null),
    /** Jump if {@code dst == src}. */
    JEQ(0x10, "=="),
    /** Jump if {@code dst > src}, unsigned. */
    JGT(0x20, ">"),
    /** Jump if {@code dst >= src}, unsigned. */
    JGE(0x30, ">="),
    /** Jump if {@code dst & src} is not zero. */
    JSET(0x40, "&"),
    /** Jump if {@code dst != src}. */
    JNE(0x50, "!="),
    /** Jump if {@code dst > src}, signed. */
    JSGT(0x60, "s>"),
    /** Jump if {@code dst >= src}, signed. */
    JSGE(0x70, "s>="),
    /** Function call: a helper, a local function or (source X) {@code callx}. */
    CALL(0x80, null),
    /** Return from the current function. */
    EXIT(0x90, null),
    /** Jump if {@code dst < src}, unsigned. */
    JLT(0xa0, "<"),
    /** Jump if {@code dst <= src}, unsigned. */
    JLE(0xb0, "<="),
    /** Jump if {@code dst < src}, signed. */
    JSLT(0xc0, "s<"),
    /** Jump if {@code dst <= src}, signed. */
    JSLE(0xd0, "s<=");

    public static final int MASK = 0xf0;

    private final int code;
    private final String operator;

    JmpOp(int code, String operator) {
        this.code = code;
        this.operator = operator;
    }

    public int code() {
        return code;
    }

    /** The comparison operator LLVM prints, or null for JA, CALL and EXIT. */
    public String operator() {
        return operator;
    }

    /** True for the eleven conditional jumps. */
    public boolean isConditional() {
        return operator != null;
    }

    /** The mnemonic of the uBPF dialect, without the {@code 32} suffix: {@code jeq}, {@code jsgt}. */
    public String mnemonic() {
        return "j" + name().substring(1).toLowerCase(java.util.Locale.ROOT);
    }

    /** The condition that holds when this one does not: the other branch of an if. */
    public JmpOp negate() {
        return switch (this) {
            case JEQ -> JNE;
            case JNE -> JEQ;
            case JGT -> JLE;
            case JLE -> JGT;
            case JGE -> JLT;
            case JLT -> JGE;
            case JSGT -> JSLE;
            case JSLE -> JSGT;
            case JSGE -> JSLT;
            case JSLT -> JSGE;
            default -> throw new IllegalStateException(this + " has no negation");
        };
    }

    /** The condition with its operands exchanged: {@code a > b} is {@code b < a}. */
    public JmpOp swapOperands() {
        return switch (this) {
            case JEQ, JNE, JSET -> this;
            case JGT -> JLT;
            case JLT -> JGT;
            case JGE -> JLE;
            case JLE -> JGE;
            case JSGT -> JSLT;
            case JSLT -> JSGT;
            case JSGE -> JSLE;
            case JSLE -> JSGE;
            default -> throw new IllegalStateException(this + " has no operands to swap");
        };
    }
}
