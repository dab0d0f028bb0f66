package io.jxdp.verifier.internal;

import io.jxdp.isa.RawSlot;
import io.jxdp.verifier.ErrorCode;
import io.jxdp.verifier.VerifierOptions;
import java.util.TreeSet;

/**
 * The first two passes of bpf_check over the raw slots, as the kernel makes them before it knows
 * whether each slot is an instruction: add_subprog_and_kfunc (the functions, from every local call
 * and function pointer) and check_subprogs (jumps stay inside their function, each function ends in
 * exit or goto). Every slot is looked at, the second half of an {@code lddw} included, and a slot
 * is a jump by its class and operation alone, known opcode or not.
 */
final class Subprogs {
    /** BPF_MAX_SUBPROGS. */
    static final int MAX_SUBPROGS = 256;

    private static final int CALL = 0x85;
    private static final int PSEUDO_CALL = 1;
    private static final int PSEUDO_KFUNC_CALL = 2;
    private static final int PSEUDO_FUNC = 4;

    private Subprogs() {}

    /** add_subprog_and_kfunc: the entry pcs of the functions, ascending, 0 first. */
    static int[] find(RawSlot[] slots, VerifierOptions options) {
        boolean privileged = options.privileged();
        KfuncCalls kfuncs = new KfuncCalls(options);
        TreeSet<Integer> entries = new TreeSet<>();
        entries.add(0);
        for (int i = 0; i < slots.length; i++) {
            RawSlot s = slots[i];
            boolean pseudoFunc = s.isLdImm64() && s.src() == PSEUDO_FUNC;
            boolean pseudoCall = s.code() == CALL && s.src() == PSEUDO_CALL;
            boolean kfuncCall = s.code() == CALL && s.src() == PSEUDO_KFUNC_CALL;
            if (!pseudoFunc && !pseudoCall && !kfuncCall) {
                continue;
            }
            if (!privileged) {
                throw Rejection.at(
                        i,
                        ErrorCode.UNSUPPORTED_INSN,
                        "loading/calling other bpf or kernel functions are allowed for CAP_BPF and CAP_SYS_ADMIN");
            }
            if (kfuncCall) {
                kfuncs.add(i, s);
                continue;
            }
            long target = (long) i + s.imm() + 1;
            if (target < 0 || target >= slots.length) {
                throw Rejection.at(i, ErrorCode.JUMP_OUT_OF_RANGE, "call to invalid destination");
            }
            if (!entries.contains((int) target) && entries.size() >= MAX_SUBPROGS) {
                throw Rejection.at(i, ErrorCode.PROGRAM_TOO_LARGE, "too many subprograms");
            }
            entries.add((int) target);
        }
        return entries.stream().mapToInt(Integer::intValue).toArray();
    }

    /** check_subprogs. */
    static void check(RawSlot[] slots, int[] entries) {
        int function = 0;
        int start = entries[0];
        int end = entries.length > 1 ? entries[1] : slots.length;
        for (int i = 0; i < slots.length; i++) {
            RawSlot s = slots[i];
            int cls = s.insnClass();
            boolean jumpClass = cls == 0x05 || cls == 0x06;
            if (jumpClass && s.op() != 0x80 && s.op() != 0x90) { // not call, not exit
                long target = (long) i + (s.code() == 0x06 ? s.imm() : s.off()) + 1; // gotol: imm
                if (target < start || target >= end) {
                    throw Rejection.at(
                            i, ErrorCode.JUMP_OUT_OF_RANGE, "jump out of range from insn " + i + " to " + target);
                }
            }
            if (i == end - 1) {
                // no function may fall through into the next: the kernel compares the whole byte
                if (s.code() != 0x95 && s.code() != 0x06 && s.code() != 0x05) {
                    throw Rejection.at(i, ErrorCode.LAST_INSN_NOT_EXIT, "last insn is not an exit or jmp");
                }
                function++;
                start = end;
                end = function + 1 < entries.length ? entries[function + 1] : slots.length;
            }
        }
    }
}
