package io.jxdp.verifier;

/** A stable code for each kind of rejection; the kernel's text varies by version, these do not. */
public enum ErrorCode {
    PROGRAM_TOO_LARGE(ErrorCategory.MALFORMED),
    EMPTY_PROGRAM(ErrorCategory.MALFORMED),
    JUMP_OUT_OF_RANGE(ErrorCategory.MALFORMED),
    INVALID_LDDW(ErrorCategory.MALFORMED),
    /** An opcode byte the kernel does not know ("unknown opcode e7"). */
    UNKNOWN_OPCODE(ErrorCategory.MALFORMED),
    /** A known opcode with a field it does not use set ("BPF_MOV uses reserved fields"). */
    RESERVED_FIELDS(ErrorCategory.MALFORMED),
    LAST_INSN_NOT_EXIT(ErrorCategory.MALFORMED),
    UNREACHABLE_INSN(ErrorCategory.MALFORMED),
    INVALID_REGISTER(ErrorCategory.MALFORMED),
    FRAME_POINTER_READ_ONLY(ErrorCategory.MALFORMED),
    INVALID_MAP_REFERENCE(ErrorCategory.MALFORMED),
    UNSUPPORTED_INSN(ErrorCategory.NOT_ALLOWED),
    BACK_EDGE(ErrorCategory.NOT_ALLOWED),
    UNINIT_REG(ErrorCategory.UNSAFE),
    SCALAR_DEREF(ErrorCategory.UNSAFE),
    MAP_VALUE_OR_NULL_DEREF(ErrorCategory.UNSAFE),
    INVALID_MEM_ACCESS(ErrorCategory.UNSAFE),
    PKT_OUT_OF_RANGE(ErrorCategory.UNSAFE),
    PKT_VAR_OFFSET(ErrorCategory.CANNOT_PROVE),
    MAP_VALUE_OUT_OF_RANGE(ErrorCategory.UNSAFE),
    MEM_OUT_OF_RANGE(ErrorCategory.UNSAFE),
    NEGATIVE_MIN_VALUE(ErrorCategory.CANNOT_PROVE),
    UNBOUNDED_ACCESS(ErrorCategory.CANNOT_PROVE),
    VAR_OFFSET_OUT_OF_RANGE(ErrorCategory.CANNOT_PROVE),
    CTX_INVALID_ACCESS(ErrorCategory.UNSAFE),
    CTX_MODIFIED(ErrorCategory.CANNOT_PROVE),
    STACK_OUT_OF_BOUNDS(ErrorCategory.UNSAFE),
    STACK_UNINIT_READ(ErrorCategory.UNSAFE),
    STACK_VAR_OFFSET(ErrorCategory.CANNOT_PROVE),
    READ_ONLY_WRITE(ErrorCategory.UNSAFE),
    WRONG_ARG_TYPE(ErrorCategory.UNSAFE),
    INVALID_SIZE_ARG(ErrorCategory.UNSAFE),
    UNKNOWN_HELPER(ErrorCategory.NOT_ALLOWED),
    HELPER_NOT_ALLOWED(ErrorCategory.NOT_ALLOWED),
    /** A kfunc call the kernel refuses: not a function, not in XDP's sets, unreachable by kallsyms, device-bound only. */
    KFUNC_NOT_ALLOWED(ErrorCategory.NOT_ALLOWED),
    /** An XDP kfunc the kernel would check and run, but jxdp does not emulate. */
    KFUNC_NOT_EMULATED(ErrorCategory.NOT_ALLOWED),
    /** A GPL-only helper or any kfunc called from a program whose license is not GPL-compatible. */
    GPL_ONLY(ErrorCategory.NOT_ALLOWED),
    MAP_HELPER_INCOMPATIBLE(ErrorCategory.NOT_ALLOWED),
    /** A helper the kernel allows that the VM the program is verified for does not run (VerifierOptions.withHelpers). */
    HELPER_NOT_EMULATED(ErrorCategory.NOT_ALLOWED),
    /** The kernel's verifier goes on where jxdp's model stops (callbacks, BTF objects, dynptrs): jxdp's own text. */
    NOT_MODELLED(ErrorCategory.NOT_ALLOWED),
    /** A helper that might sleep, called from a program that may not (XDP never may). */
    HELPER_MIGHT_SLEEP(ErrorCategory.NOT_ALLOWED),
    /** A string argument not in a read-only map, not at a constant offset or not NUL-terminated. */
    INVALID_CONST_STR(ErrorCategory.UNSAFE),
    /** A size that must be a known constant (ARG_CONST_ALLOC_SIZE_OR_ZERO) is not. */
    NOT_CONSTANT(ErrorCategory.CANNOT_PROVE),
    PTR_ARITH_PROHIBITED(ErrorCategory.CANNOT_PROVE),
    PTR_ARITH_UNBOUNDED(ErrorCategory.CANNOT_PROVE),
    PTR_ARITH_32BIT(ErrorCategory.CANNOT_PROVE),
    PTR_ARITH_BITWISE(ErrorCategory.CANNOT_PROVE),
    POINTER_LEAK(ErrorCategory.NOT_ALLOWED),
    POINTER_COMPARISON(ErrorCategory.NOT_ALLOWED),
    DIV_BY_ZERO(ErrorCategory.UNSAFE),
    INVALID_SHIFT(ErrorCategory.UNSAFE),
    INFINITE_LOOP(ErrorCategory.UNSAFE),
    TOO_COMPLEX(ErrorCategory.BUDGET_EXCEEDED),
    JMP_SEQ_TOO_COMPLEX(ErrorCategory.BUDGET_EXCEEDED),
    CALL_STACK_TOO_DEEP(ErrorCategory.NOT_ALLOWED),
    STACK_TOO_LARGE(ErrorCategory.NOT_ALLOWED),
    OTHER(ErrorCategory.UNSAFE);

    private final ErrorCategory category;

    ErrorCode(ErrorCategory category) {
        this.category = category;
    }

    public ErrorCategory category() {
        return category;
    }
}
