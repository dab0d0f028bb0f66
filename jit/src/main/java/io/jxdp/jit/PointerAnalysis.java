package io.jxdp.jit;

import io.jxdp.isa.AtomicOp;
import io.jxdp.isa.Form;
import io.jxdp.isa.Instruction;
import io.jxdp.isa.Opcode;
import io.jxdp.isa.Program;
import io.jxdp.isa.ProgramCheck;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * What the JIT works out about pointers by itself, in one forward data-flow over a function:
 *
 * <ul>
 *   <li>a proof: which registers hold {@code r10 + k} for a known {@code k}. An access
 *       {@code *(rX + off)} with {@code [k + off, k + off + size)} inside {@code [-512, 0)} lies in
 *       the running function's frame whatever the call depth: no region lookup, no bounds check of
 *       its own ({@link AccessPlan.Route#STACK});
 *   <li>a guess: which registers probably point into the conformance memory (derived from the
 *       entry function's r1) or the packet (loaded from {@code ctx->data}, {@code data_end} or
 *       {@code data_meta}, or derived from such a value). Accesses through them are emitted with an
 *       inline guard on the region id and the window cached in locals, the checked call only when
 *       the guard fails, so a wrong guess costs a compare and never changes a result.
 * </ul>
 *
 * Values only go from unknown-yet to a fact to "nothing known", so the flow ends after a few passes.
 */
final class PointerAnalysis {
    /** Nothing known (the top of the lattice). */
    private static final long UNKNOWN = Long.MIN_VALUE;
    /** Derived from the entry function's r1: the memory of the conformance convention, or the ctx. */
    private static final long FROM_R1 = Long.MIN_VALUE + 1;
    /** A packet pointer read from the XDP context, or derived from one. */
    private static final long PACKET = Long.MIN_VALUE + 2;
    /** Frame offsets are kept within this, so sums stay exact and the tags above stay apart. */
    private static final long FRAME_RANGE = 1L << 31;

    private static final int REGS = 11;
    private static final int FRAME_SIZE = 512;

    /** What the analysis concluded about one access. */
    enum Fact {
        NONE,
        IN_FRAME,
        GUESS_MEMORY,
        GUESS_PACKET
    }

    private PointerAnalysis() {}

    /**
     * Analyses the function {@code [start, end)}.
     *
     * @param entry true for the program's entry function, whose r1 is the memory or the ctx
     * @param facts receives, at the pc of each load and store, what is known about its base
     */
    static void analyse(Program program, int start, int end, boolean entry, Fact[] facts) {
        long[][] in = new long[end - start][];
        long[] first = new long[REGS];
        Arrays.fill(first, UNKNOWN);
        first[ProgramCheck.R10] = 0;
        if (entry) {
            first[1] = FROM_R1;
        }
        in[0] = first;
        ArrayDeque<Integer> work = new ArrayDeque<>();
        boolean[] queued = new boolean[end - start];
        work.add(start);
        queued[0] = true;
        long[] out = new long[REGS];
        while (!work.isEmpty()) {
            int pc = work.poll();
            queued[pc - start] = false;
            Instruction insn = program.at(pc);
            System.arraycopy(in[pc - start], 0, out, 0, REGS);
            transfer(insn, out);
            if (!insn.endsBlock()) {
                flow(pc + insn.width(), out, in, start, end, work, queued);
            }
            if (insn.op().isBranch()) {
                flow(insn.target(pc), out, in, start, end, work, queued);
            }
        }
        for (int pc = start; pc < end; pc++) {
            long[] s = in[pc - start];
            if (s == null || !program.isInstructionStart(pc)) {
                continue;
            }
            Instruction insn = program.at(pc);
            Form form = insn.op().form();
            if (form != Form.LOAD && form != Form.STORE_IMM && form != Form.STORE_REG) {
                continue;
            }
            long base = s[form == Form.LOAD ? insn.src() : insn.dst()];
            facts[pc] = base == FROM_R1
                    ? Fact.GUESS_MEMORY
                    : base == PACKET
                            ? Fact.GUESS_PACKET
                            : base != UNKNOWN
                                            && inFrame(
                                                    base + insn.offset(),
                                                    insn.op().size().bytes())
                                    ? Fact.IN_FRAME
                                    : Fact.NONE;
        }
    }

    private static boolean inFrame(long lo, int size) {
        return lo >= -FRAME_SIZE && lo + size <= 0;
    }

    private static void flow(
            int target, long[] state, long[][] in, int start, int end, ArrayDeque<Integer> work, boolean[] queued) {
        if (target < start || target >= end) {
            return; // ProgramCheck keeps jumps inside their function; be safe anyway
        }
        long[] old = in[target - start];
        boolean changed;
        if (old == null) {
            in[target - start] = state.clone();
            changed = true;
        } else {
            changed = false;
            for (int r = 0; r < REGS; r++) {
                if (old[r] != state[r] && old[r] != UNKNOWN) {
                    old[r] = UNKNOWN;
                    changed = true;
                }
            }
        }
        if (changed && !queued[target - start]) {
            queued[target - start] = true;
            work.add(target);
        }
    }

    private static void transfer(Instruction insn, long[] s) {
        Opcode op = insn.op();
        int d = insn.dst();
        switch (op.form()) {
            case ALU_IMM ->
                s[d] = switch (op) {
                    case ADD64_IMM -> add(s[d], insn.imm());
                    case SUB64_IMM -> add(s[d], -insn.imm());
                    default -> UNKNOWN;
                };
            case ALU_REG ->
                s[d] = switch (op) {
                    case MOV64_REG -> s[insn.src()];
                    // a guessed pointer plus a scalar is still a guess; a frame offset is no longer known
                    case ADD64_REG, SUB64_REG -> isGuess(s[d]) && !isGuess(s[insn.src()]) ? s[d] : UNKNOWN;
                    default -> UNKNOWN;
                };
            case LOAD ->
                s[d] = op == Opcode.LDXW && s[insn.src()] == FROM_R1 && isPacketField(insn.offset()) ? PACKET : UNKNOWN;
            case ALU_NEG, ALU_END, LDDW -> s[d] = UNKNOWN;
            case ATOMIC -> {
                if (ProgramCheck.writesSrc(insn)) {
                    s[insn.src()] = UNKNOWN;
                }
                if (op.atomicOp() == AtomicOp.CMPXCHG) {
                    s[0] = UNKNOWN;
                }
            }
            // helpers and local functions leave r1-r9 as they were (see Interpreter); r0 is new
            case CALL_HELPER, CALL_LOCAL, CALLX, CALL_KFUNC, LD_ABS, LD_IND -> s[0] = UNKNOWN;
            default -> {}
        }
    }

    /** {@code xdp_md.data}, {@code data_end}, {@code data_meta}. */
    private static boolean isPacketField(int offset) {
        return offset == 0 || offset == 4 || offset == 8;
    }

    private static boolean isGuess(long v) {
        return v == FROM_R1 || v == PACKET;
    }

    private static long add(long v, long delta) {
        if (isGuess(v) || v == UNKNOWN) {
            return v;
        }
        long sum = v + delta;
        return sum < -FRAME_RANGE || sum > FRAME_RANGE ? UNKNOWN : sum;
    }
}
