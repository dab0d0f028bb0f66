package io.jxdp.verifier.internal;

import io.jxdp.isa.Opcode;
import io.jxdp.verifier.BranchStep;
import io.jxdp.verifier.ErrorCode;
import io.jxdp.verifier.VerifierError;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What the kernel does not say: where the deciding fact was established or lost, and what to
 * change, in plain sentences; plus the checks that run after the walk (check_max_stack_depth).
 */
public final class Explain {
    private Explain() {}

    public static int maxStatesPerInsn(Checker env) {
        return env.pruning.maxStatesPerInsn;
    }

    public static int totalStates(Checker env) {
        return env.pruning.totalStates;
    }

    public static int peakStates(Checker env) {
        return env.pruning.peakStates;
    }

    /** The rejection as the public error, with path, fact and hint. */
    public static VerifierError error(Checker env, Rejection e) {
        int pc = env.insnIdx;
        String insnText = "";
        if (env.program.isInstructionStart(pc)) {
            insnText = Disasm.format(env.insn(pc));
        }
        List<BranchStep> path = new ArrayList<>();
        String regState = "";
        String fact = "";
        if (env.cur != null) {
            for (VState.PathStep s = env.cur.path; s != null; s = s.prev()) {
                path.add(new BranchStep(s.pc(), s.target(), s.taken()));
            }
            Collections.reverse(path);
            if (e.regno >= 0 && e.regno <= 10) {
                Reg r = env.regs()[e.regno];
                regState = r.type == RegType.NOT_INIT ? "?" : StatePrinter.reg(r, env.maps);
                fact = fact(e, r);
            }
        }
        if (e.code == ErrorCode.TOO_COMPLEX) {
            fact = "the walk exceeded its budget while at insn " + pc + "; " + hottestLoopHead(env);
        }
        if (e.code == ErrorCode.INFINITE_LOOP) {
            fact = "the state at insn " + pc
                    + " repeated exactly: no register or stack byte changes between two visits, so the loop never ends";
        }
        return new VerifierError(
                e.code,
                e.code == ErrorCode.STACK_TOO_LARGE ? -1 : pc,
                insnText,
                e.text,
                e.regno,
                regState,
                path,
                fact,
                hint(e.code));
    }

    /** The most walked jump: the head of the loop that used the budget. */
    private static String hottestLoopHead(Checker env) {
        int best = -1;
        int count = 0;
        for (int pc = 0; pc < env.program.slotCount(); pc++) {
            if (env.program.isInstructionStart(pc) && env.insn(pc).op().isBranch() && env.accesses.visits(pc) > count) {
                best = pc;
                count = env.accesses.visits(pc);
            }
        }
        if (best < 0) {
            return "no jump dominates; the program is long rather than loopy";
        }
        return "the jump at insn " + best + " (" + Disasm.format(env.insn(best)) + ") was walked " + count
                + " times: its loop is explored iteration by iteration because no bound stops it early enough";
    }

    private static String fact(Rejection e, Reg r) {
        String rn = "R" + e.regno;
        String origin = r.originPc >= 0 ? " at insn " + r.originPc : "";
        String note = r.originNote != null ? r.originNote : null;
        switch (e.code) {
            case PKT_OUT_OF_RANGE -> {
                if (r.range > 0 && r.rangePc >= 0) {
                    return rn + " got its packet range r=" + r.range + " at insn " + r.rangePc
                            + " (a comparison with pkt_end); this access reaches beyond it";
                }
                if (r.range < 0) {
                    return rn
                            + " is known to be at or past pkt_end on this path (the branch taken when the bounds check failed)";
                }
                if (r.id != 0) {
                    return rn + " got a new variable offset" + origin
                            + ", which resets its packet range to 0; compare it with pkt_end after the addition";
                }
                return rn
                        + " was never compared with pkt_end on this path, so no byte of the packet is proven readable through it";
            }
            case UNINIT_REG -> {
                if (note != null && note.startsWith("clobbered")) {
                    return rn + " was " + note + origin + "; calls leave R1-R5 unreadable";
                }
                return rn + " is not written on this path before it is read";
            }
            case MAP_VALUE_OR_NULL_DEREF -> {
                return rn + " comes from " + (note != null ? note : "a map lookup") + origin
                        + " and is not null-checked on this path";
            }
            case SCALAR_DEREF -> {
                return rn + " holds a number, not a pointer" + (note != null ? ": it became " + note + origin : "");
            }
            default -> {
                if (note != null) {
                    return rn + " was last set by " + note + origin;
                }
                return "";
            }
        }
    }

    /** One plain sentence on what to change, per code. */
    public static String hint(ErrorCode code) {
        return switch (code) {
            case PROGRAM_TOO_LARGE ->
                "Split the program into smaller functions or tail calls; unprivileged programs may have at most 4096 instructions.";
            case EMPTY_PROGRAM -> "Give the program at least one instruction ending in exit.";
            case JUMP_OUT_OF_RANGE ->
                "Make every jump land on an instruction of its own function (not past the end, not inside an lddw).";
            case INVALID_LDDW ->
                "Encode 64-bit constants as a complete two-slot lddw (second slot all zero but its imm) with a pseudo source of 0 to 6.";
            case UNKNOWN_OPCODE ->
                "Use only opcodes of the eBPF instruction set; bytes that are no opcode often mean a truncated or misaligned program.";
            case RESERVED_FIELDS ->
                "Set only the fields the instruction uses: the kernel requires unused registers, offset and immediate to be 0.";
            case LAST_INSN_NOT_EXIT -> "End every function with exit (or an unconditional goto).";
            case UNREACHABLE_INSN -> "Remove the dead instructions, or make a branch reach them.";
            case INVALID_REGISTER -> "Use registers r0 to r10 only.";
            case FRAME_POINTER_READ_ONLY ->
                "Copy r10 into another register and change that one; r10 cannot be written.";
            case INVALID_MAP_REFERENCE ->
                "Refer only to maps the program declares, and use direct value access only on one-entry arrays.";
            case UNSUPPORTED_INSN -> "Use only instructions and features XDP programs may use in this mode.";
            case BACK_EDGE ->
                "Unprivileged programs may not loop: unroll the loop or load the program with privileges.";
            case UNINIT_REG ->
                "Write the register before reading it on every path; after a call, reload R1-R5 (keep values in R6-R9 across calls).";
            case SCALAR_DEREF ->
                "Dereference only pointers: keep the pointer in a register (64-bit moves) and do not turn it into a number.";
            case MAP_VALUE_OR_NULL_DEREF -> "Check the lookup result against 0 (if r0 == 0 goto ...) before using it.";
            case INVALID_MEM_ACCESS ->
                "Access memory only through pointers to the context, packet, stack or map values, with whole spills of pointers.";
            case PKT_OUT_OF_RANGE ->
                "Compare data + offset + size with data_end before the access, and access through the register you compared (or a copy of it).";
            case PKT_VAR_OFFSET ->
                "Bound the variable offset (mask it or compare it with a constant), add it, then compare the result with data_end.";
            case MAP_VALUE_OUT_OF_RANGE ->
                "Keep map value accesses inside the value: check the offset against value_size - access size.";
            case MEM_OUT_OF_RANGE -> "Keep accesses inside the memory argument's size.";
            case NEGATIVE_MIN_VALUE ->
                "Make the index provably non-negative: use an unsigned type, or check index >= 0 before using it.";
            case UNBOUNDED_ACCESS ->
                "Bound the offset or size with a mask (var &= const) or a comparison (if var < const) before using it.";
            case VAR_OFFSET_OUT_OF_RANGE ->
                "Tighten the bound on the variable offset so that offset + size stays inside the object.";
            case CTX_INVALID_ACCESS ->
                "Read xdp_md fields only as aligned 32-bit loads of data, data_end, data_meta, ingress_ifindex, rx_queue_index (egress_ifindex for devmap programs); never write them.";
            case CTX_MODIFIED ->
                "Read the context through the unmodified r1 you received (save it in r6 and use offsets in the load).";
            case STACK_OUT_OF_BOUNDS -> "Keep stack accesses within [r10 - 512, r10).";
            case STACK_UNINIT_READ ->
                "Initialize the stack bytes (e.g. store 0) before reading them or passing them to a helper.";
            case STACK_VAR_OFFSET ->
                "Use a constant stack offset, or bound the variable one so the whole range is on the stack and initialized.";
            case READ_ONLY_WRITE -> "Do not write into a map the program may only read (BPF_F_RDONLY_PROG).";
            case WRONG_ARG_TYPE ->
                "Pass the helper what its prototype asks for (a map for map arguments, a pointer to initialized memory for keys and values, the context for ctx arguments).";
            case INVALID_SIZE_ARG ->
                "Pass a size that is provably at least 1 (or use a helper argument that allows 0).";
            case UNKNOWN_HELPER -> "Call only helpers the kernel defines.";
            case HELPER_NOT_ALLOWED -> "Use only the helpers the kernel gives XDP programs (and this privilege mode).";
            case KFUNC_NOT_ALLOWED ->
                "Call only the kernel functions the kernel registers for XDP programs (resolved by name from a __ksym extern),"
                        + " and metadata kfuncs only from a program bound to a device.";
            case KFUNC_NOT_EMULATED ->
                "The kernel would accept this kfunc for XDP; jxdp cannot run it. Remove the call or verify with the kernel.";
            case GPL_ONLY -> "Give the program a GPL-compatible license (char _license[] SEC(\"license\") = \"GPL\";).";
            case MAP_HELPER_INCOMPATIBLE ->
                "Pass each helper a map of a type it works on (bpf_redirect_map: cpumap, devmap, xskmap; bpf_tail_call: prog_array; ringbuf helpers: ringbuf; ...).";
            case HELPER_NOT_EMULATED ->
                "The kernel accepts this call, but the engine it was verified for does not run the helper: jxdp verify checks it; run it in the kernel.";
            case NOT_MODELLED ->
                "jxdp's verifier stops where its model does; the kernel's verifier goes on (load it with bpftool to see the kernel's verdict).";
            case HELPER_MIGHT_SLEEP -> "Call sleeping helpers only from sleepable programs (XDP programs never sleep).";
            case INVALID_CONST_STR ->
                "Pass a NUL-terminated string constant from a read-only map (a const char[] in .rodata) at a constant offset.";
            case NOT_CONSTANT -> "Pass a constant size (a number the verifier knows exactly).";
            case PTR_ARITH_PROHIBITED ->
                "Do pointer arithmetic only as 64-bit add/sub of a number on ctx, packet, stack or (null-checked) map value pointers.";
            case PTR_ARITH_UNBOUNDED ->
                "Bound the number before adding it to a pointer (mask it or compare it with a constant).";
            case PTR_ARITH_32BIT -> "Use 64-bit arithmetic (r registers, not w) on pointers.";
            case PTR_ARITH_BITWISE ->
                "Do not mask or combine pointers with bitwise operators; compute offsets as numbers and add them.";
            case POINTER_LEAK ->
                "Do not store, return or pass pointers as numbers (unprivileged programs may not leak addresses).";
            case POINTER_COMPARISON ->
                "Unprivileged programs may compare pointers only with packet pointers; compare the numbers instead.";
            case DIV_BY_ZERO -> "Divide by a non-zero constant (a register divisor of 0 yields 0 at run time).";
            case INVALID_SHIFT -> "Shift by less than the operand width (0-31 for 32-bit, 0-63 for 64-bit).";
            case INFINITE_LOOP ->
                "Make every loop iteration change the loop condition's register, and bound it with a constant.";
            case TOO_COMPLEX ->
                "Give loops a small constant bound the verifier can see, or reduce the branches it has to explore.";
            case JMP_SEQ_TOO_COMPLEX ->
                "Reduce the number of branches the verifier must keep pending (fewer nested conditions per path).";
            case CALL_STACK_TOO_DEEP -> "Nest bpf-to-bpf calls at most 8 deep.";
            case STACK_TOO_LARGE -> "Use less stack: the frames of a call chain share 512 bytes.";
            default -> "Change the instruction so that the verifier can prove it safe.";
        };
    }

    /** check_max_stack_depth: the frames of every call chain share MAX_BPF_STACK bytes. */
    public static void checkMaxStackDepth(Checker env) {
        walk(env, 0, 0, 1);
    }

    private static int roundStack(int depth) {
        return (depth + 15) / 16 * 16;
    }

    private static void walk(Checker env, int fn, int depth, int frames) {
        if (frames > Limits.MAX_CALL_FRAMES) {
            throw new Rejection(ErrorCode.CALL_STACK_TOO_DEEP, "the call stack of " + frames + " frames is too deep");
        }
        int total = depth + roundStack(env.stackDepth[fn]);
        if (total > Limits.MAX_BPF_STACK) {
            throw new Rejection(
                    ErrorCode.STACK_TOO_LARGE,
                    "combined stack size of " + frames + " calls is " + total + ". Too large");
        }
        int[] entries = env.cfg.functionEntries;
        int start = entries[fn];
        int end = fn + 1 < entries.length ? entries[fn + 1] : env.program.slotCount();
        for (int pc = start; pc < end; pc++) {
            if (env.program.isInstructionStart(pc) && env.insn(pc).op() == Opcode.CALL_LOCAL) {
                int callee = env.cfg.functionIndexOf(env.insn(pc).target(pc));
                walk(env, callee, total, frames + 1);
            }
        }
    }
}
