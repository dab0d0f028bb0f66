package io.jxdp.verifier.internal;

import io.jxdp.isa.Instruction;
import io.jxdp.isa.RawSlot;
import io.jxdp.isa.btf.KernelFunc;
import io.jxdp.isa.btf.KernelFuncs;
import io.jxdp.verifier.ErrorCode;
import io.jxdp.verifier.VerifierOptions;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Calls of kernel functions (kfuncs: {@code call} with src_reg BPF_PSEUDO_KFUNC_CALL, imm the
 * function's BTF id in vmlinux), judged as Linux judges them against the BTF and kfunc sets of the
 * release {@link KernelFuncs} was recorded from: add_kfunc_call before the walk (license, module
 * offsets, "is not a function", kallsyms, prototypes, device binding), check_kfunc_call in the walk
 * (the program type's kfunc sets). jxdp runs no kernel function, so an XDP kfunc that the kernel
 * would go on to check is refused in jxdp's own words.
 */
final class KfuncCalls {
    /** MAX_KFUNC_DESCS. */
    private static final int MAX_KFUNC_DESCS = 256;

    private final VerifierOptions options;
    private final Set<Long> seen = new HashSet<>();
    private boolean tableChecked;

    KfuncCalls(VerifierOptions options) {
        this.options = options;
    }

    /** add_kfunc_call for the call at slot pc. */
    void add(int pc, RawSlot s) {
        if (!tableChecked) {
            // the kernel checks the license once, when the first kfunc call creates the program's kfunc table
            if (!options.gplCompatible()) {
                throw Rejection.at(
                        pc, ErrorCode.GPL_ONLY, "cannot call kernel function from non-GPL compatible program");
            }
            tableChecked = true;
        }
        long id = Integer.toUnsignedLong(s.imm());
        if (id == 0 && s.off() == 0) {
            return; // an unresolved weak extern: refused only if the walk reaches it
        }
        if (s.off() < 0) {
            throw Rejection.at(
                    pc,
                    ErrorCode.KFUNC_NOT_ALLOWED,
                    "negative offset disallowed for kernel module function call\n"
                            + "failed to find BTF for kernel function");
        }
        if (s.off() > 0) {
            // jxdp loads no kernel module BTF: there is never an fd_array
            throw Rejection.at(
                    pc,
                    ErrorCode.KFUNC_NOT_ALLOWED,
                    "kfunc offset > 0 without fd_array is invalid\nfailed to find BTF for kernel function");
        }
        if (!seen.add(id)) {
            return;
        }
        if (seen.size() > MAX_KFUNC_DESCS) {
            throw Rejection.at(pc, ErrorCode.KFUNC_NOT_ALLOWED, "too many different kernel function calls");
        }
        Optional<KernelFunc> fn = KernelFuncs.vmlinux().byId(id);
        if (fn.isEmpty()) {
            throw Rejection.at(pc, ErrorCode.KFUNC_NOT_ALLOWED, "kernel btf_id " + id + " is not a function");
        }
        String early = fn.get().earlyMessage();
        if (early != null) {
            throw Rejection.at(pc, ErrorCode.KFUNC_NOT_ALLOWED, early);
        }
        if (fn.get().verdict() == KernelFunc.Verdict.DEV_BOUND && !options.devBound()) {
            throw Rejection.at(pc, ErrorCode.KFUNC_NOT_ALLOWED, KernelFunc.DEV_BOUND_MESSAGE);
        }
    }

    /**
     * check_kfunc_call, in the walk. A call with imm 0 (an unresolved weak extern) is skipped, as
     * the kernel skips it, and refused after the walk ({@link #NOT_ELIMINATED}).
     *
     * @return true if the call was an unresolved one the walk passes over
     */
    static boolean check(Instruction insn) {
        long id = Integer.toUnsignedLong(insn.imm32());
        if (id == 0) {
            return true;
        }
        // add_kfunc_call let the call through: the id is a function the kernel knows
        KernelFunc fn = KernelFuncs.vmlinux().byId(id).orElseThrow();
        if (fn.verdict() == KernelFunc.Verdict.DENIED) {
            throw new Rejection(ErrorCode.KFUNC_NOT_ALLOWED, fn.deniedMessage());
        }
        throw new Rejection(
                ErrorCode.KFUNC_NOT_EMULATED,
                "kernel function " + fn.name() + " is an XDP kfunc of Linux "
                        + KernelFuncs.vmlinux().release() + " that jxdp does not emulate");
    }

    /** fixup_kfunc_call's refusal of a call with imm 0 that the walk reached. */
    static final String NOT_ELIMINATED = "invalid kernel function call not eliminated in verifier pass";

    /** The name the kernel's log prints for a kfunc call (disasm_kfunc_name). */
    static String name(long imm) {
        return KernelFuncs.vmlinux()
                .byId(Integer.toUnsignedLong((int) imm))
                .map(KernelFunc::name)
                .orElse("");
    }
}
