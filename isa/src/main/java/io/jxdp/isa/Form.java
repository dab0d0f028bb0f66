package io.jxdp.isa;

/**
 * Which fields of the 64-bit instruction an opcode uses. The strict decoder refuses a non-zero
 * value in any field the form does not use (RFC 9669: "unused fields shall be cleared to zero"), and
 * the printers and the verifier read operands by form.
 */
public enum Form {
    /** {@code dst op= imm}. */
    ALU_IMM(true, false, false, true),
    /** {@code dst op= src}. */
    ALU_REG(true, true, false, false),
    /** {@code dst = -dst}. */
    ALU_NEG(true, false, false, false),
    /** {@code dst = bswap dst}; the width (16, 32, 64) is in the immediate. */
    ALU_END(true, false, false, true),
    /** {@code goto +off}. */
    JA(false, false, true, false),
    /** {@code gotol +imm}: a 32-bit offset in the immediate. */
    JA32(false, false, false, true),
    /** {@code if dst op imm goto +off}. */
    JUMP_IMM(true, false, true, true),
    /** {@code if dst op src goto +off}. */
    JUMP_REG(true, true, true, false),
    /** {@code call imm}: a helper by id. */
    CALL_HELPER(false, false, false, true),
    /** {@code call pc+imm+1}: a local function; src holds 1. */
    CALL_LOCAL(false, false, false, true),
    /** {@code call imm}: a kernel function by BTF id; src holds 2, off a BTF fd index. */
    CALL_KFUNC(false, false, true, true),
    /** {@code callx dst}: call the function or helper whose value is in dst. */
    CALLX(true, false, false, false),
    /** {@code exit}. */
    EXIT(false, false, false, false),
    /** {@code dst = *(size *)(src + off)}. */
    LOAD(true, true, true, false),
    /** {@code *(size *)(dst + off) = imm}. */
    STORE_IMM(true, false, true, true),
    /** {@code *(size *)(dst + off) = src}. */
    STORE_REG(true, true, true, false),
    /** {@code lock *(size *)(dst + off) op= src}; the operation is in the immediate. */
    ATOMIC(true, true, true, false),
    /** {@code dst = imm64}, two slots; src selects a pseudo source (map, function, ...). */
    LDDW(true, false, false, true),
    /** Legacy {@code r0 = *(size *)(skb->data + imm)}. */
    LD_ABS(false, false, false, true),
    /** Legacy {@code r0 = *(size *)(skb->data + src + imm)}. */
    LD_IND(false, true, false, true),
    /**
     * A slot that is no instruction (an unknown opcode, a reserved field set, a broken {@code lddw}
     * pair), kept as its raw bytes so that the verifier can reject it where the kernel does; see
     * {@link Instruction#malformed(long)}. It uses no field.
     */
    MALFORMED(false, false, false, false);

    private final boolean usesDst;
    private final boolean usesSrcReg;
    private final boolean usesOffset;
    private final boolean usesImm;

    Form(boolean usesDst, boolean usesSrcReg, boolean usesOffset, boolean usesImm) {
        this.usesDst = usesDst;
        this.usesSrcReg = usesSrcReg;
        this.usesOffset = usesOffset;
        this.usesImm = usesImm;
    }

    public boolean usesDst() {
        return usesDst;
    }

    /** True if the src field names a register (not a pseudo-source selector). */
    public boolean usesSrcReg() {
        return usesSrcReg;
    }

    public boolean usesOffset() {
        return usesOffset;
    }

    public boolean usesImm() {
        return usesImm;
    }
}
