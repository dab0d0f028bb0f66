package io.jxdp.verifier.internal;

/** The kernel's verifier limits (include/linux/bpf_verifier.h, include/linux/bpf.h). */
public final class Limits {
    /** BPF_COMPLEXITY_LIMIT_INSNS. */
    public static final int COMPLEXITY_LIMIT_INSNS = 1_000_000;
    /** BPF_COMPLEXITY_LIMIT_JMP_SEQ. */
    public static final int COMPLEXITY_LIMIT_JMP_SEQ = 8192;
    /** BPF_COMPLEXITY_LIMIT_STATES: after this many states at one pc, new ones are not stored. */
    public static final int COMPLEXITY_LIMIT_STATES = 64;
    /** BPF_MAXINSNS: the size limit without CAP_BPF. */
    public static final int MAXINSNS = 4096;
    /** The size limit with CAP_BPF (BPF_COMPLEXITY_LIMIT_INSNS). */
    public static final int MAXINSNS_PRIV = 1_000_000;
    /** MAX_CALL_FRAMES. */
    public static final int MAX_CALL_FRAMES = 8;
    /** MAX_BPF_STACK. */
    public static final int MAX_BPF_STACK = 512;
    /** BPF_MAX_VAR_OFF. */
    public static final long MAX_VAR_OFF = 1L << 29;
    /** MAX_ERRNO: the largest errno a helper returns negated. */
    public static final long MAX_ERRNO = 4095;

    /** BPF_MAX_VAR_SIZ. */
    public static final long MAX_VAR_SIZ = 1L << 29;
    /** MAX_PACKET_OFF. */
    public static final int MAX_PACKET_OFF = 0xffff;

    private Limits() {}
}
