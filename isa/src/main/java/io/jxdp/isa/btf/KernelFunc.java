package io.jxdp.isa.btf;

import java.util.Objects;

/**
 * A function of the kernel's BTF ({@code /sys/kernel/btf/vmlinux}) and what the kernel's verifier
 * says when an XDP program calls it as a kfunc.
 *
 * @param btfId its BTF type id, the {@code imm} of a kfunc call
 * @param name its name, what libbpf resolves a {@code __ksym} extern by
 * @param verdict how the kernel takes a call to it from an XDP program
 * @param text for {@link Verdict#EARLY}: the kernel's message; for {@link Verdict#XDP} and {@link
 *     Verdict#DEV_BOUND}: its C prototype; else empty
 */
public record KernelFunc(int btfId, String name, Verdict verdict, String text) {

    /** What the kernel's verifier does with a call to the function from an XDP program. */
    public enum Verdict {
        /** Not in XDP's kfunc sets: the walk says {@code calling kernel function NAME is not allowed}. */
        DENIED,
        /** add_kfunc_call: {@code cannot find address for kernel function NAME} (no kallsyms entry). */
        NO_ADDRESS,
        /** add_kfunc_call refuses it for its prototype; {@link #text()} is the message. */
        EARLY,
        /** In XDP's kfunc sets (or the common set): the walk checks its arguments. */
        XDP,
        /** An XDP metadata kfunc: only a device-bound program may call it. */
        DEV_BOUND
    }

    public KernelFunc {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(text, "text");
    }

    /**
     * The message add_kfunc_call rejects a call with, before the walk, or null if it takes the call
     * (the device-bound check aside: {@link #DEV_BOUND_MESSAGE}).
     */
    public String earlyMessage() {
        return switch (verdict) {
            case NO_ADDRESS -> "cannot find address for kernel function " + name;
            case EARLY -> text;
            default -> null;
        };
    }

    /** add_kfunc_call's refusal of a metadata kfunc in a program not bound to a device. */
    public static final String DEV_BOUND_MESSAGE = "metadata kfuncs require device-bound program";

    /** check_kfunc_call's refusal of a function outside the program type's kfunc sets. */
    public String deniedMessage() {
        return "calling kernel function " + name + " is not allowed";
    }
}
