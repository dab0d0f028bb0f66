package io.jxdp.isa;

import java.util.ArrayList;
import java.util.List;

/**
 * Every operation of the eBPF instruction set (RFC 9669, ISA v1 to v4), one constant each.
 *
 * <p>An opcode is wider than the 8-bit opcode byte: where ISA v4 reuses an opcode byte, the
 * distinguishing field (the {@code offset} for signed division and sign-extending moves, the
 * {@code src} field for the call kinds, the {@code imm} for atomics) is part of the opcode here, so
 * engines switch on the constant and never re-inspect those fields. Each constant is built from
 * its typed parts ({@link InsnClass}, {@link Source}, {@link AluOp}, {@link JmpOp}, {@link Mode},
 * {@link Size}, {@link AtomicOp}); the opcode byte is derived from them.
 */
public enum Opcode {
    /** {@code wdst += imm}. */
    ADD32_IMM(InsnClass.ALU, Source.K, AluOp.ADD),
    /** {@code wdst += wsrc}. */
    ADD32_REG(InsnClass.ALU, Source.X, AluOp.ADD),
    /** {@code wdst -= imm}. */
    SUB32_IMM(InsnClass.ALU, Source.K, AluOp.SUB),
    /** {@code wdst -= wsrc}. */
    SUB32_REG(InsnClass.ALU, Source.X, AluOp.SUB),
    /** {@code wdst *= imm}. */
    MUL32_IMM(InsnClass.ALU, Source.K, AluOp.MUL),
    /** {@code wdst *= wsrc}. */
    MUL32_REG(InsnClass.ALU, Source.X, AluOp.MUL),
    /** {@code wdst /= (unsigned) imm}. */
    DIV32_IMM(InsnClass.ALU, Source.K, AluOp.DIV),
    /** {@code wdst /= (unsigned) wsrc}. */
    DIV32_REG(InsnClass.ALU, Source.X, AluOp.DIV),
    /** {@code wdst s/= (signed) imm}. */
    SDIV32_IMM(InsnClass.ALU, Source.K, AluOp.SDIV),
    /** {@code wdst s/= (signed) wsrc}. */
    SDIV32_REG(InsnClass.ALU, Source.X, AluOp.SDIV),
    /** {@code wdst |= imm}. */
    OR32_IMM(InsnClass.ALU, Source.K, AluOp.OR),
    /** {@code wdst |= wsrc}. */
    OR32_REG(InsnClass.ALU, Source.X, AluOp.OR),
    /** {@code wdst &= imm}. */
    AND32_IMM(InsnClass.ALU, Source.K, AluOp.AND),
    /** {@code wdst &= wsrc}. */
    AND32_REG(InsnClass.ALU, Source.X, AluOp.AND),
    /** {@code wdst <<= imm}. */
    LSH32_IMM(InsnClass.ALU, Source.K, AluOp.LSH),
    /** {@code wdst <<= wsrc}. */
    LSH32_REG(InsnClass.ALU, Source.X, AluOp.LSH),
    /** {@code wdst >>= (logical) imm}. */
    RSH32_IMM(InsnClass.ALU, Source.K, AluOp.RSH),
    /** {@code wdst >>= (logical) wsrc}. */
    RSH32_REG(InsnClass.ALU, Source.X, AluOp.RSH),
    /** {@code wdst %= (unsigned) imm}. */
    MOD32_IMM(InsnClass.ALU, Source.K, AluOp.MOD),
    /** {@code wdst %= (unsigned) wsrc}. */
    MOD32_REG(InsnClass.ALU, Source.X, AluOp.MOD),
    /** {@code wdst s%= (signed) imm}. */
    SMOD32_IMM(InsnClass.ALU, Source.K, AluOp.SMOD),
    /** {@code wdst s%= (signed) wsrc}. */
    SMOD32_REG(InsnClass.ALU, Source.X, AluOp.SMOD),
    /** {@code wdst ^= imm}. */
    XOR32_IMM(InsnClass.ALU, Source.K, AluOp.XOR),
    /** {@code wdst ^= wsrc}. */
    XOR32_REG(InsnClass.ALU, Source.X, AluOp.XOR),
    /** {@code wdst = imm}. */
    MOV32_IMM(InsnClass.ALU, Source.K, AluOp.MOV),
    /** {@code wdst = wsrc}. */
    MOV32_REG(InsnClass.ALU, Source.X, AluOp.MOV),
    /** {@code wdst s>>= (arithmetic) imm}. */
    ARSH32_IMM(InsnClass.ALU, Source.K, AluOp.ARSH),
    /** {@code wdst s>>= (arithmetic) wsrc}. */
    ARSH32_REG(InsnClass.ALU, Source.X, AluOp.ARSH),
    /** {@code wdst = -wdst}. */
    NEG32(InsnClass.ALU, Source.K, AluOp.NEG),
    /** {@code wdst = (s8) wsrc}. */
    MOVSX32_8(InsnClass.ALU, Source.X, AluOp.MOVSX8),
    /** {@code wdst = (s16) wsrc}. */
    MOVSX32_16(InsnClass.ALU, Source.X, AluOp.MOVSX16),
    /** {@code rdst += imm}. */
    ADD64_IMM(InsnClass.ALU64, Source.K, AluOp.ADD),
    /** {@code rdst += rsrc}. */
    ADD64_REG(InsnClass.ALU64, Source.X, AluOp.ADD),
    /** {@code rdst -= imm}. */
    SUB64_IMM(InsnClass.ALU64, Source.K, AluOp.SUB),
    /** {@code rdst -= rsrc}. */
    SUB64_REG(InsnClass.ALU64, Source.X, AluOp.SUB),
    /** {@code rdst *= imm}. */
    MUL64_IMM(InsnClass.ALU64, Source.K, AluOp.MUL),
    /** {@code rdst *= rsrc}. */
    MUL64_REG(InsnClass.ALU64, Source.X, AluOp.MUL),
    /** {@code rdst /= (unsigned) imm}. */
    DIV64_IMM(InsnClass.ALU64, Source.K, AluOp.DIV),
    /** {@code rdst /= (unsigned) rsrc}. */
    DIV64_REG(InsnClass.ALU64, Source.X, AluOp.DIV),
    /** {@code rdst s/= (signed) imm}. */
    SDIV64_IMM(InsnClass.ALU64, Source.K, AluOp.SDIV),
    /** {@code rdst s/= (signed) rsrc}. */
    SDIV64_REG(InsnClass.ALU64, Source.X, AluOp.SDIV),
    /** {@code rdst |= imm}. */
    OR64_IMM(InsnClass.ALU64, Source.K, AluOp.OR),
    /** {@code rdst |= rsrc}. */
    OR64_REG(InsnClass.ALU64, Source.X, AluOp.OR),
    /** {@code rdst &= imm}. */
    AND64_IMM(InsnClass.ALU64, Source.K, AluOp.AND),
    /** {@code rdst &= rsrc}. */
    AND64_REG(InsnClass.ALU64, Source.X, AluOp.AND),
    /** {@code rdst <<= imm}. */
    LSH64_IMM(InsnClass.ALU64, Source.K, AluOp.LSH),
    /** {@code rdst <<= rsrc}. */
    LSH64_REG(InsnClass.ALU64, Source.X, AluOp.LSH),
    /** {@code rdst >>= (logical) imm}. */
    RSH64_IMM(InsnClass.ALU64, Source.K, AluOp.RSH),
    /** {@code rdst >>= (logical) rsrc}. */
    RSH64_REG(InsnClass.ALU64, Source.X, AluOp.RSH),
    /** {@code rdst %= (unsigned) imm}. */
    MOD64_IMM(InsnClass.ALU64, Source.K, AluOp.MOD),
    /** {@code rdst %= (unsigned) rsrc}. */
    MOD64_REG(InsnClass.ALU64, Source.X, AluOp.MOD),
    /** {@code rdst s%= (signed) imm}. */
    SMOD64_IMM(InsnClass.ALU64, Source.K, AluOp.SMOD),
    /** {@code rdst s%= (signed) rsrc}. */
    SMOD64_REG(InsnClass.ALU64, Source.X, AluOp.SMOD),
    /** {@code rdst ^= imm}. */
    XOR64_IMM(InsnClass.ALU64, Source.K, AluOp.XOR),
    /** {@code rdst ^= rsrc}. */
    XOR64_REG(InsnClass.ALU64, Source.X, AluOp.XOR),
    /** {@code rdst = imm}. */
    MOV64_IMM(InsnClass.ALU64, Source.K, AluOp.MOV),
    /** {@code rdst = rsrc}. */
    MOV64_REG(InsnClass.ALU64, Source.X, AluOp.MOV),
    /** {@code rdst s>>= (arithmetic) imm}. */
    ARSH64_IMM(InsnClass.ALU64, Source.K, AluOp.ARSH),
    /** {@code rdst s>>= (arithmetic) rsrc}. */
    ARSH64_REG(InsnClass.ALU64, Source.X, AluOp.ARSH),
    /** {@code rdst = -rdst}. */
    NEG64(InsnClass.ALU64, Source.K, AluOp.NEG),
    /** {@code rdst = (s8) rsrc}. */
    MOVSX64_8(InsnClass.ALU64, Source.X, AluOp.MOVSX8),
    /** {@code rdst = (s16) rsrc}. */
    MOVSX64_16(InsnClass.ALU64, Source.X, AluOp.MOVSX16),
    /** {@code rdst = (s32) wsrc}. */
    MOVSX64_32(InsnClass.ALU64, Source.X, AluOp.MOVSX32),
    /** {@code dst = le<imm> dst}: truncate to imm bits (a little-endian machine). */
    LE(InsnClass.ALU, Source.K, AluOp.TO_LE),
    /** {@code dst = be<imm> dst}: swap the low imm bits (a little-endian machine). */
    BE(InsnClass.ALU, Source.X, AluOp.TO_BE),
    /** {@code dst = bswap<imm> dst}: swap the low imm bits. */
    BSWAP(InsnClass.ALU64, Source.K, AluOp.BSWAP),
    /** {@code goto +off}. */
    JA(InsnClass.JMP, Source.K, JmpOp.JA),
    /** {@code gotol +imm}. */
    JA32(InsnClass.JMP32, Source.K, JmpOp.JA),
    /** {@code if rdst jeq imm goto +off}. */
    JEQ_IMM(InsnClass.JMP, Source.K, JmpOp.JEQ),
    /** {@code if rdst jeq rsrc goto +off}. */
    JEQ_REG(InsnClass.JMP, Source.X, JmpOp.JEQ),
    /** {@code if wdst jeq imm goto +off}. */
    JEQ32_IMM(InsnClass.JMP32, Source.K, JmpOp.JEQ),
    /** {@code if wdst jeq wsrc goto +off}. */
    JEQ32_REG(InsnClass.JMP32, Source.X, JmpOp.JEQ),
    /** {@code if rdst jgt imm goto +off}. */
    JGT_IMM(InsnClass.JMP, Source.K, JmpOp.JGT),
    /** {@code if rdst jgt rsrc goto +off}. */
    JGT_REG(InsnClass.JMP, Source.X, JmpOp.JGT),
    /** {@code if wdst jgt imm goto +off}. */
    JGT32_IMM(InsnClass.JMP32, Source.K, JmpOp.JGT),
    /** {@code if wdst jgt wsrc goto +off}. */
    JGT32_REG(InsnClass.JMP32, Source.X, JmpOp.JGT),
    /** {@code if rdst jge imm goto +off}. */
    JGE_IMM(InsnClass.JMP, Source.K, JmpOp.JGE),
    /** {@code if rdst jge rsrc goto +off}. */
    JGE_REG(InsnClass.JMP, Source.X, JmpOp.JGE),
    /** {@code if wdst jge imm goto +off}. */
    JGE32_IMM(InsnClass.JMP32, Source.K, JmpOp.JGE),
    /** {@code if wdst jge wsrc goto +off}. */
    JGE32_REG(InsnClass.JMP32, Source.X, JmpOp.JGE),
    /** {@code if rdst jset imm goto +off}. */
    JSET_IMM(InsnClass.JMP, Source.K, JmpOp.JSET),
    /** {@code if rdst jset rsrc goto +off}. */
    JSET_REG(InsnClass.JMP, Source.X, JmpOp.JSET),
    /** {@code if wdst jset imm goto +off}. */
    JSET32_IMM(InsnClass.JMP32, Source.K, JmpOp.JSET),
    /** {@code if wdst jset wsrc goto +off}. */
    JSET32_REG(InsnClass.JMP32, Source.X, JmpOp.JSET),
    /** {@code if rdst jne imm goto +off}. */
    JNE_IMM(InsnClass.JMP, Source.K, JmpOp.JNE),
    /** {@code if rdst jne rsrc goto +off}. */
    JNE_REG(InsnClass.JMP, Source.X, JmpOp.JNE),
    /** {@code if wdst jne imm goto +off}. */
    JNE32_IMM(InsnClass.JMP32, Source.K, JmpOp.JNE),
    /** {@code if wdst jne wsrc goto +off}. */
    JNE32_REG(InsnClass.JMP32, Source.X, JmpOp.JNE),
    /** {@code if rdst jsgt imm goto +off}. */
    JSGT_IMM(InsnClass.JMP, Source.K, JmpOp.JSGT),
    /** {@code if rdst jsgt rsrc goto +off}. */
    JSGT_REG(InsnClass.JMP, Source.X, JmpOp.JSGT),
    /** {@code if wdst jsgt imm goto +off}. */
    JSGT32_IMM(InsnClass.JMP32, Source.K, JmpOp.JSGT),
    /** {@code if wdst jsgt wsrc goto +off}. */
    JSGT32_REG(InsnClass.JMP32, Source.X, JmpOp.JSGT),
    /** {@code if rdst jsge imm goto +off}. */
    JSGE_IMM(InsnClass.JMP, Source.K, JmpOp.JSGE),
    /** {@code if rdst jsge rsrc goto +off}. */
    JSGE_REG(InsnClass.JMP, Source.X, JmpOp.JSGE),
    /** {@code if wdst jsge imm goto +off}. */
    JSGE32_IMM(InsnClass.JMP32, Source.K, JmpOp.JSGE),
    /** {@code if wdst jsge wsrc goto +off}. */
    JSGE32_REG(InsnClass.JMP32, Source.X, JmpOp.JSGE),
    /** {@code if rdst jlt imm goto +off}. */
    JLT_IMM(InsnClass.JMP, Source.K, JmpOp.JLT),
    /** {@code if rdst jlt rsrc goto +off}. */
    JLT_REG(InsnClass.JMP, Source.X, JmpOp.JLT),
    /** {@code if wdst jlt imm goto +off}. */
    JLT32_IMM(InsnClass.JMP32, Source.K, JmpOp.JLT),
    /** {@code if wdst jlt wsrc goto +off}. */
    JLT32_REG(InsnClass.JMP32, Source.X, JmpOp.JLT),
    /** {@code if rdst jle imm goto +off}. */
    JLE_IMM(InsnClass.JMP, Source.K, JmpOp.JLE),
    /** {@code if rdst jle rsrc goto +off}. */
    JLE_REG(InsnClass.JMP, Source.X, JmpOp.JLE),
    /** {@code if wdst jle imm goto +off}. */
    JLE32_IMM(InsnClass.JMP32, Source.K, JmpOp.JLE),
    /** {@code if wdst jle wsrc goto +off}. */
    JLE32_REG(InsnClass.JMP32, Source.X, JmpOp.JLE),
    /** {@code if rdst jslt imm goto +off}. */
    JSLT_IMM(InsnClass.JMP, Source.K, JmpOp.JSLT),
    /** {@code if rdst jslt rsrc goto +off}. */
    JSLT_REG(InsnClass.JMP, Source.X, JmpOp.JSLT),
    /** {@code if wdst jslt imm goto +off}. */
    JSLT32_IMM(InsnClass.JMP32, Source.K, JmpOp.JSLT),
    /** {@code if wdst jslt wsrc goto +off}. */
    JSLT32_REG(InsnClass.JMP32, Source.X, JmpOp.JSLT),
    /** {@code if rdst jsle imm goto +off}. */
    JSLE_IMM(InsnClass.JMP, Source.K, JmpOp.JSLE),
    /** {@code if rdst jsle rsrc goto +off}. */
    JSLE_REG(InsnClass.JMP, Source.X, JmpOp.JSLE),
    /** {@code if wdst jsle imm goto +off}. */
    JSLE32_IMM(InsnClass.JMP32, Source.K, JmpOp.JSLE),
    /** {@code if wdst jsle wsrc goto +off}. */
    JSLE32_REG(InsnClass.JMP32, Source.X, JmpOp.JSLE),
    /** {@code call imm}: a helper function by its id. */
    CALL(Form.CALL_HELPER, 0),
    /** {@code call pc + imm + 1}: a local (bpf-to-bpf) function. */
    CALL_LOCAL(Form.CALL_LOCAL, 1),
    /** {@code call imm}: a kernel function by BTF id (decoded, not runnable here). */
    CALL_KFUNC(Form.CALL_KFUNC, 2),
    /** {@code callx dst}: call the helper id or function pointer held in dst. */
    CALLX(InsnClass.JMP, Source.X, JmpOp.CALL),
    /** {@code exit}: return r0 from the current function. */
    EXIT(InsnClass.JMP, Source.K, JmpOp.EXIT),
    /** {@code dst = *(W *)(src + off)}, zero-extended. */
    LDXW(InsnClass.LDX, Mode.MEM, Size.W),
    /** {@code dst = *(H *)(src + off)}, zero-extended. */
    LDXH(InsnClass.LDX, Mode.MEM, Size.H),
    /** {@code dst = *(B *)(src + off)}, zero-extended. */
    LDXB(InsnClass.LDX, Mode.MEM, Size.B),
    /** {@code dst = *(DW *)(src + off)}, zero-extended. */
    LDXDW(InsnClass.LDX, Mode.MEM, Size.DW),
    /** {@code dst = *(sW *)(src + off)}, sign-extended (v4). */
    LDXSW(InsnClass.LDX, Mode.MEMSX, Size.W),
    /** {@code dst = *(sH *)(src + off)}, sign-extended (v4). */
    LDXSH(InsnClass.LDX, Mode.MEMSX, Size.H),
    /** {@code dst = *(sB *)(src + off)}, sign-extended (v4). */
    LDXSB(InsnClass.LDX, Mode.MEMSX, Size.B),
    /** {@code *(W *)(dst + off) = imm}. */
    STW(InsnClass.ST, Mode.MEM, Size.W),
    /** {@code *(H *)(dst + off) = imm}. */
    STH(InsnClass.ST, Mode.MEM, Size.H),
    /** {@code *(B *)(dst + off) = imm}. */
    STB(InsnClass.ST, Mode.MEM, Size.B),
    /** {@code *(DW *)(dst + off) = imm}. */
    STDW(InsnClass.ST, Mode.MEM, Size.DW),
    /** {@code *(W *)(dst + off) = src}. */
    STXW(InsnClass.STX, Mode.MEM, Size.W),
    /** {@code *(H *)(dst + off) = src}. */
    STXH(InsnClass.STX, Mode.MEM, Size.H),
    /** {@code *(B *)(dst + off) = src}. */
    STXB(InsnClass.STX, Mode.MEM, Size.B),
    /** {@code *(DW *)(dst + off) = src}. */
    STXDW(InsnClass.STX, Mode.MEM, Size.DW),
    /** {@code dst = imm64}: two slots; src selects a pseudo source. */
    LDDW(InsnClass.LD, Mode.IMM, Size.DW),
    /** Legacy {@code r0 = ntoh(*(W *)(skb->data + imm))}. */
    LDABSW(InsnClass.LD, Mode.ABS, Size.W),
    /** Legacy {@code r0 = ntoh(*(H *)(skb->data + imm))}. */
    LDABSH(InsnClass.LD, Mode.ABS, Size.H),
    /** Legacy {@code r0 = ntoh(*(B *)(skb->data + imm))}. */
    LDABSB(InsnClass.LD, Mode.ABS, Size.B),
    /** Legacy {@code r0 = ntoh(*(W *)(skb->data + src + imm))}. */
    LDINDW(InsnClass.LD, Mode.IND, Size.W),
    /** Legacy {@code r0 = ntoh(*(H *)(skb->data + src + imm))}. */
    LDINDH(InsnClass.LD, Mode.IND, Size.H),
    /** Legacy {@code r0 = ntoh(*(B *)(skb->data + src + imm))}. */
    LDINDB(InsnClass.LD, Mode.IND, Size.B),
    /** Atomic add on a 32-bit word. */
    ATOMIC32_ADD(Size.W, AtomicOp.ADD),
    /** Atomic or on a 32-bit word. */
    ATOMIC32_OR(Size.W, AtomicOp.OR),
    /** Atomic and on a 32-bit word. */
    ATOMIC32_AND(Size.W, AtomicOp.AND),
    /** Atomic xor on a 32-bit word. */
    ATOMIC32_XOR(Size.W, AtomicOp.XOR),
    /** Atomic fetch_add on a 32-bit word. */
    ATOMIC32_FETCH_ADD(Size.W, AtomicOp.FETCH_ADD),
    /** Atomic fetch_or on a 32-bit word. */
    ATOMIC32_FETCH_OR(Size.W, AtomicOp.FETCH_OR),
    /** Atomic fetch_and on a 32-bit word. */
    ATOMIC32_FETCH_AND(Size.W, AtomicOp.FETCH_AND),
    /** Atomic fetch_xor on a 32-bit word. */
    ATOMIC32_FETCH_XOR(Size.W, AtomicOp.FETCH_XOR),
    /** Atomic xchg on a 32-bit word. */
    ATOMIC32_XCHG(Size.W, AtomicOp.XCHG),
    /** Atomic cmpxchg on a 32-bit word. */
    ATOMIC32_CMPXCHG(Size.W, AtomicOp.CMPXCHG),
    /** Atomic add on a 64-bit word. */
    ATOMIC64_ADD(Size.DW, AtomicOp.ADD),
    /** Atomic or on a 64-bit word. */
    ATOMIC64_OR(Size.DW, AtomicOp.OR),
    /** Atomic and on a 64-bit word. */
    ATOMIC64_AND(Size.DW, AtomicOp.AND),
    /** Atomic xor on a 64-bit word. */
    ATOMIC64_XOR(Size.DW, AtomicOp.XOR),
    /** Atomic fetch_add on a 64-bit word. */
    ATOMIC64_FETCH_ADD(Size.DW, AtomicOp.FETCH_ADD),
    /** Atomic fetch_or on a 64-bit word. */
    ATOMIC64_FETCH_OR(Size.DW, AtomicOp.FETCH_OR),
    /** Atomic fetch_and on a 64-bit word. */
    ATOMIC64_FETCH_AND(Size.DW, AtomicOp.FETCH_AND),
    /** Atomic fetch_xor on a 64-bit word. */
    ATOMIC64_FETCH_XOR(Size.DW, AtomicOp.FETCH_XOR),
    /** Atomic xchg on a 64-bit word. */
    ATOMIC64_XCHG(Size.DW, AtomicOp.XCHG),
    /** Atomic cmpxchg on a 64-bit word. */
    ATOMIC64_CMPXCHG(Size.DW, AtomicOp.CMPXCHG),
    /**
     * Not an operation: a slot the lenient decoder could not read as an instruction, carried as its
     * raw bytes ({@link Instruction#malformed(long)}). It has no opcode byte of its own ({@link
     * #opcodeByte()} is -1), no byte decodes to it, {@link ProgramCheck} refuses it, and the
     * verifier rejects it with the kernel's text at the kernel's stage.
     */
    MALFORMED(Form.MALFORMED);
    /** A field value this opcode does not constrain. */
    private static final int ANY = Integer.MIN_VALUE;

    private final InsnClass insnClass;
    private final Source source;
    private final AluOp aluOp;
    private final JmpOp jmpOp;
    private final Mode mode;
    private final Size size;
    private final AtomicOp atomicOp;
    private final Form form;
    private final int opcodeByte;
    private final int fixedOffset;
    private final int fixedSrc;
    private final int fixedImm;

    /** An ALU or ALU64 operation. */
    Opcode(InsnClass cls, Source source, AluOp op) {
        this(
                cls,
                source,
                op,
                null,
                null,
                null,
                null,
                aluForm(source, op),
                cls.code() | source.code() | op.code(),
                op.offset(),
                0,
                ANY);
    }

    /** A JMP or JMP32 operation. */
    Opcode(InsnClass cls, Source source, JmpOp op) {
        this(
                cls,
                source,
                null,
                op,
                null,
                null,
                null,
                jumpForm(cls, source, op),
                cls.code() | source.code() | op.code(),
                0,
                0,
                ANY);
    }

    /** A call kind: the {@code src} field selects helper, local function or kernel function. */
    Opcode(Form form, int srcSelector) {
        this(
                InsnClass.JMP,
                Source.K,
                null,
                JmpOp.CALL,
                null,
                null,
                null,
                form,
                InsnClass.JMP.code() | JmpOp.CALL.code(),
                0,
                srcSelector,
                ANY);
    }

    /** A load or store. */
    Opcode(InsnClass cls, Mode mode, Size size) {
        this(
                cls,
                null,
                null,
                null,
                mode,
                size,
                null,
                memoryForm(cls, mode),
                cls.code() | mode.code() | size.code(),
                0,
                0,
                ANY);
    }

    /** The malformed slot: no parts, no opcode byte. */
    Opcode(Form form) {
        this(null, null, null, null, null, null, null, form, -1, 0, 0, 0);
    }

    /** An atomic read-modify-write. */
    Opcode(Size size, AtomicOp op) {
        this(
                InsnClass.STX,
                null,
                null,
                null,
                Mode.ATOMIC,
                size,
                op,
                Form.ATOMIC,
                InsnClass.STX.code() | Mode.ATOMIC.code() | size.code(),
                0,
                0,
                op.imm());
    }

    Opcode(
            InsnClass insnClass,
            Source source,
            AluOp aluOp,
            JmpOp jmpOp,
            Mode mode,
            Size size,
            AtomicOp atomicOp,
            Form form,
            int opcodeByte,
            int fixedOffset,
            int fixedSrc,
            int fixedImm) {
        this.insnClass = insnClass;
        this.source = source;
        this.aluOp = aluOp;
        this.jmpOp = jmpOp;
        this.mode = mode;
        this.size = size;
        this.atomicOp = atomicOp;
        this.form = form;
        this.opcodeByte = opcodeByte;
        this.fixedOffset = form.usesOffset() ? ANY : fixedOffset;
        this.fixedSrc = form.usesSrcReg() || form == Form.LDDW ? ANY : fixedSrc;
        this.fixedImm = form.usesImm() ? ANY : (fixedImm == ANY ? 0 : fixedImm);
    }

    private static Form aluForm(Source source, AluOp op) {
        if (op == AluOp.NEG) {
            return Form.ALU_NEG;
        }
        if (op.isByteSwap()) {
            return Form.ALU_END;
        }
        return source == Source.K ? Form.ALU_IMM : Form.ALU_REG;
    }

    private static Form jumpForm(InsnClass cls, Source source, JmpOp op) {
        return switch (op) {
            case JA -> cls == InsnClass.JMP32 ? Form.JA32 : Form.JA;
            case CALL -> Form.CALLX;
            case EXIT -> Form.EXIT;
            default -> source == Source.K ? Form.JUMP_IMM : Form.JUMP_REG;
        };
    }

    private static Form memoryForm(InsnClass cls, Mode mode) {
        return switch (cls) {
            case LDX -> Form.LOAD;
            case ST -> Form.STORE_IMM;
            case STX -> Form.STORE_REG;
            default ->
                switch (mode) {
                    case IMM -> Form.LDDW;
                    case ABS -> Form.LD_ABS;
                    default -> Form.LD_IND;
                };
        };
    }

    public InsnClass insnClass() {
        return insnClass;
    }

    /** The source operand kind of ALU and jump operations; null for loads, stores and atomics. */
    public Source source() {
        return source;
    }

    /** The ALU operation, or null if this is not an ALU or ALU64 opcode. */
    public AluOp aluOp() {
        return aluOp;
    }

    /** The jump operation, or null if this is not a JMP or JMP32 opcode. */
    public JmpOp jmpOp() {
        return jmpOp;
    }

    /** The memory mode, or null for ALU and jump opcodes. */
    public Mode mode() {
        return mode;
    }

    /** The access size, or null for ALU and jump opcodes. */
    public Size size() {
        return size;
    }

    /** The atomic operation, or null if this is not an atomic. */
    public AtomicOp atomicOp() {
        return atomicOp;
    }

    /** Which instruction fields this opcode uses. */
    public Form form() {
        return form;
    }

    /** The 8-bit opcode as encoded; -1 for {@link #MALFORMED}, whose byte is in its raw slot. */
    public int opcodeByte() {
        return opcodeByte;
    }

    /** True for ALU (32-bit) operations and JMP32 comparisons. */
    public boolean is32() {
        return insnClass == InsnClass.ALU || insnClass == InsnClass.JMP32;
    }

    /** True for any opcode that may transfer control other than to the next instruction. */
    public boolean isBranch() {
        return form == Form.JA || form == Form.JA32 || form == Form.JUMP_IMM || form == Form.JUMP_REG;
    }

    /** True if the instruction occupies two 8-byte slots. */
    public boolean isWide() {
        return form == Form.LDDW;
    }

    /**
     * The value the {@code offset} field must hold when the form does not use it as an operand:
     * 0 for most opcodes, 1 for signed division, 8/16/32 for sign-extending moves.
     */
    public int encodedOffset() {
        return fixedOffset == ANY ? 0 : fixedOffset;
    }

    /** The value the {@code src} field must hold when it is a selector (calls) or unused. */
    public int encodedSrc() {
        return fixedSrc == ANY ? 0 : fixedSrc;
    }

    /** The value the {@code imm} field must hold when it is a selector (atomics) or unused. */
    public int encodedImm() {
        return fixedImm == ANY ? 0 : fixedImm;
    }

    boolean offsetConstrained() {
        return fixedOffset != ANY;
    }

    boolean srcConstrained() {
        return fixedSrc != ANY;
    }

    boolean immConstrained() {
        return fixedImm != ANY;
    }

    private static final List<List<Opcode>> BY_BYTE = new ArrayList<>(256);

    static {
        for (int i = 0; i < 256; i++) {
            BY_BYTE.add(new ArrayList<>(2));
        }
        for (Opcode op : values()) {
            if (op.opcodeByte >= 0) {
                BY_BYTE.get(op.opcodeByte).add(op);
            }
        }
    }

    /**
     * Every opcode sharing this opcode byte; several where v4 widened an opcode through another
     * field. Empty for an unknown opcode byte.
     */
    public static List<Opcode> candidates(int opcodeByte) {
        return BY_BYTE.get(opcodeByte & 0xff);
    }

    /**
     * The opcode that the given raw fields encode, or null if none does. Register fields and
     * operand ranges are not checked here: see {@link io.jxdp.isa.codec.Decoder}.
     */
    public static Opcode match(int opcodeByte, int src, int offset, int imm) {
        List<Opcode> sharing = candidates(opcodeByte);
        if (sharing.size() <= 1) {
            // One opcode owns this byte: any reserved field that is not zero is the decoder's
            // to report, with a message naming the field.
            return sharing.isEmpty() ? null : sharing.get(0);
        }
        for (Opcode op : sharing) {
            if (op.selectorsMatch(src, offset, imm)) {
                return op;
            }
        }
        return null;
    }

    /** True if the fields that tell apart the opcodes sharing a byte select this one. */
    private boolean selectorsMatch(int src, int offset, int imm) {
        if (aluOp != null) {
            return offset == fixedOffset;
        }
        if (form == Form.CALL_HELPER || form == Form.CALL_LOCAL || form == Form.CALL_KFUNC) {
            return src == fixedSrc;
        }
        return atomicOp == null || imm == fixedImm;
    }

    /** The ALU opcode for these parts, or null if the combination does not exist. */
    public static Opcode alu(AluOp op, Source source, boolean is64) {
        InsnClass cls = is64 ? InsnClass.ALU64 : InsnClass.ALU;
        for (Opcode o : values()) {
            if (o.aluOp == op && o.source == source && o.insnClass == cls) {
                return o;
            }
        }
        return null;
    }

    /** The conditional or unconditional jump for these parts, or null if it does not exist. */
    public static Opcode jump(JmpOp op, Source source, boolean is32) {
        InsnClass cls = is32 ? InsnClass.JMP32 : InsnClass.JMP;
        for (Opcode o : values()) {
            if (o.jmpOp == op
                    && o.source == source
                    && o.insnClass == cls
                    && o.form != Form.CALL_LOCAL
                    && o.form != Form.CALL_KFUNC) {
                return o;
            }
        }
        return null;
    }

    /** The load, store or legacy packet load for these parts, or null if it does not exist. */
    public static Opcode memory(InsnClass cls, Mode mode, Size size) {
        for (Opcode o : values()) {
            if (o.insnClass == cls && o.mode == mode && o.size == size && o.atomicOp == null) {
                return o;
            }
        }
        return null;
    }

    /** The atomic opcode for these parts, or null if it does not exist. */
    public static Opcode atomic(AtomicOp op, Size size) {
        for (Opcode o : values()) {
            if (o.atomicOp == op && o.size == size) {
                return o;
            }
        }
        return null;
    }
}
