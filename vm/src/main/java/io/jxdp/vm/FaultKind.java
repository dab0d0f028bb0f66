package io.jxdp.vm;

/** What went wrong when a program faulted at run time. */
public enum FaultKind {
    /** A load, store or atomic outside every region the program may touch (NULL included). */
    OUT_OF_BOUNDS,
    /** A store into memory the program may only read (the XDP context, read-only map data). */
    READ_ONLY,
    /** An atomic operation on an address that is not a multiple of its size. */
    MISALIGNED,
    /** An access to the XDP context that is not an aligned 4-byte read of a field. */
    BAD_CONTEXT_ACCESS,
    /** {@code call} or {@code callx} with no helper or function behind it. */
    BAD_CALL,
    /** More than 8 nested bpf-to-bpf calls. */
    CALL_DEPTH,
    /** The program ran past its budget of backward jumps and calls. */
    BUDGET,
    /** An instruction jxdp cannot run outside the kernel (kfunc calls, BTF ids, legacy packet loads). */
    UNSUPPORTED,
    /** A helper refused its arguments in a way the kernel's verifier would have prevented. */
    BAD_HELPER_ARGUMENT,
    /**
     * A JVM exception escaped the engine or a helper while the instruction ran (a bug in jxdp or in
     * the helper, or the thread's stack ran out); the fault carries it as its cause.
     */
    INTERNAL
}
