package io.jxdp.vm.jit;

import io.jxdp.isa.Form;
import io.jxdp.isa.Instruction;
import io.jxdp.isa.Opcode;
import io.jxdp.isa.Program;
import io.jxdp.isa.ProgramCheck;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * The one fact the JIT proves itself: which registers hold {@code r10 + k} for a known constant
 * {@code k} (a pointer into the running function's own frame). An access {@code *(rX + off)} with
 * {@code rX = r10 + k} and {@code [k + off, k + off + size)} inside {@code [-512, 0)} lies in the
 * function's frame whatever the call depth, so it needs no region lookup and no bounds check of its
 * own. A forward data-flow over one function: values only go from unknown-yet to {@code r10+k} to
 * "not a frame pointer", so it ends after a few passes.
 */
final class FrameAnalysis {
    /** "Not known to be r10 + k". */
    static final long NOT_FRAME = Long.MIN_VALUE;
    /** Not reached yet (the bottom of the lattice). */
    private static final long UNREACHED = Long.MAX_VALUE;
    private static final int REGS = 11;
    private static final int FRAME_SIZE = 512;

    private FrameAnalysis() {
    }

    /**
     * Marks the loads and stores of the function {@code [start, end)} that provably stay in the
     * current frame.
     *
     * @param inFrame set to true at the pc of each such access
     */
    static void analyse(Program program, int start, int end, boolean[] inFrame) {
        long[][] in = new long[end - start][];
        ArrayDeque<Integer> work = new ArrayDeque<>();
        long[] entry = new long[REGS];
        Arrays.fill(entry, NOT_FRAME);
        entry[ProgramCheck.R10] = 0;
        in[0] = entry;
        work.add(start);
        boolean[] queued = new boolean[end - start];
        queued[0] = true;
        while (!work.isEmpty()) {
            int pc = work.poll();
            queued[pc - start] = false;
            Instruction insn = program.at(pc);
            long[] out = transfer(insn, in[pc - start].clone());
            if (!insn.endsBlock()) {
                flow(pc + insn.width(), out, in, start, end, work, queued);
            }
            if (insn.op().isBranch()) {
                flow(insn.target(pc), out, in, start, end, work, queued);
            }
        }
        for (int pc = start; pc < end; pc++) {
            long[] s = in[pc - start];
            if (s != null && program.isInstructionStart(pc)) {
                Instruction insn = program.at(pc);
                Form form = insn.op().form();
                int base = form == Form.LOAD ? insn.src() : insn.dst();
                if ((form == Form.LOAD || form == Form.STORE_IMM || form == Form.STORE_REG) && s[base] != NOT_FRAME) {
                    long lo = s[base] + insn.offset();
                    long hi = lo + insn.op().size().bytes();
                    inFrame[pc] = lo >= -FRAME_SIZE && hi <= 0;
                }
            }
        }
    }

    private static void flow(int target, long[] state, long[][] in, int start, int end, ArrayDeque<Integer> work,
            boolean[] queued) {
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
                long merged = old[r] == state[r] ? old[r] : NOT_FRAME;
                if (merged != old[r]) {
                    old[r] = merged;
                    changed = true;
                }
            }
        }
        if (changed && !queued[target - start]) {
            queued[target - start] = true;
            work.add(target);
        }
    }

    private static long[] transfer(Instruction insn, long[] s) {
        Opcode op = insn.op();
        int d = insn.dst();
        switch (op.form()) {
            case ALU_IMM -> s[d] = switch (op) {
                case ADD64_IMM -> add(s[d], insn.imm());
                case SUB64_IMM -> add(s[d], -insn.imm());
                default -> NOT_FRAME;
            };
            case ALU_REG -> s[d] = op == Opcode.MOV64_REG ? s[insn.src()] : NOT_FRAME;
            case ALU_NEG, ALU_END, LOAD, LDDW -> s[d] = NOT_FRAME;
            case ATOMIC -> {
                if (ProgramCheck.writesSrc(insn)) {
                    s[insn.src()] = NOT_FRAME;
                }
                if (op.atomicOp() == io.jxdp.isa.AtomicOp.CMPXCHG) {
                    s[0] = NOT_FRAME;
                }
            }
            // helpers and local functions leave r1-r9 as they were (see Interpreter); r0 is new
            case CALL_HELPER, CALL_LOCAL, CALLX, CALL_KFUNC, LD_ABS, LD_IND -> s[0] = NOT_FRAME;
            default -> {
            }
        }
        return s;
    }

    private static long add(long k, long delta) {
        if (k == NOT_FRAME) {
            return NOT_FRAME;
        }
        long sum = k + delta;
        // far outside any frame it is no use, and keeping it small keeps the sums exact
        return sum < -(1L << 31) || sum > (1L << 31) ? NOT_FRAME : sum;
    }
}
