package io.jxdp.verifier;

/** What kind of problem a rejection is: the distinctions the kernel's log does not make. */
public enum ErrorCategory {
    /** The program is not well-formed eBPF (bad jumps, bad registers, unreachable code, too many instructions). */
    MALFORMED,
    /** The program would do something wrong on some input: read an uninitialized register, dereference null, leave its memory. */
    UNSAFE,
    /** The program may well be safe, but the verifier lacks the fact that proves it (a bound, a range check it cannot follow). */
    CANNOT_PROVE,
    /** Not allowed in this mode or program type (unprivileged rules, helpers not offered, map types a helper refuses). */
    NOT_ALLOWED,
    /** The verifier ran out of budget (processed instructions, pending branches) before it could decide. */
    BUDGET_EXCEEDED
}
