package io.jxdp.verifier.internal;

import io.jxdp.isa.AluOp;
import io.jxdp.isa.Form;
import io.jxdp.isa.Instruction;
import io.jxdp.isa.Opcode;
import io.jxdp.isa.Program;
import java.util.Arrays;

/**
 * Which 8-byte stack slots of a function's own frame may still be read before being overwritten,
 * per pc (the kernel 6.18 computes this too, in liveness.c): pruning ignores dead slots, as it
 * ignores dead registers. Conservative: a register is followed as "frame pointer + constant"
 * through moves and constant adds; any access through a pointer that might reach this frame at an
 * unknown offset, and any bpf-to-bpf call, keeps every slot live.
 */
final class StackLiveness {
    /**
     * Every register field's value (4 bits): r11 to r15 are invalid and the walk reports them
     * ("R11 is invalid"), but this pass runs first and must not trip over them.
     */
    private static final int REGS = 16;

    /** Not a pointer into this function's frame. */
    static final int NONSTACK = Integer.MIN_VALUE;
    /** Possibly a pointer into this frame, at an unknown offset. */
    static final int ANY = Integer.MAX_VALUE;

    private static final long ALL = -1L;

    private StackLiveness() {}

    /** Live slots (bit k = fp-(k+1)*8) before each pc. */
    static long[] compute(Cfg cfg) {
        Program program = cfg.program;
        int n = program.slotCount();
        int[][] fp = cfg.framePointers;
        long[] live = new long[n + 1];
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = program.size() - 1; i >= 0; i--) {
                int pc = program.pcOf(i);
                Instruction insn = program.at(pc);
                long out = 0;
                if (insn.op() != Opcode.EXIT) {
                    if (insn.op() == Opcode.CALL_LOCAL) {
                        out = live[pc + 1];
                    } else {
                        for (int s : cfg.successorsOf(pc)) {
                            out |= live[s];
                        }
                    }
                }
                long in = transfer(insn, fp[pc] == null ? anyState() : fp[pc], out);
                if (in != live[pc]) {
                    live[pc] = in;
                    changed = true;
                }
            }
        }
        return live;
    }

    private static int[] anyState() {
        int[] s = new int[REGS];
        Arrays.fill(s, ANY);
        return s;
    }

    static long slots(long from, long to) {
        long mask = 0;
        for (long off = Math.max(from, -512); off < Math.min(to, 0); off++) {
            mask |= 1L << ((-off - 1) / 8);
        }
        return mask;
    }

    private static long transfer(Instruction insn, int[] fp, long out) {
        Form form = insn.op().form();
        switch (form) {
            case LOAD, ATOMIC -> {
                int base = form == Form.LOAD ? fp[insn.src()] : fp[insn.dst()];
                long gen = base == ANY
                        ? ALL
                        : base == NONSTACK
                                ? 0
                                : slots(
                                        (long) base + insn.offset(),
                                        (long) base
                                                + insn.offset()
                                                + insn.op().size().bytes());
                return out | gen;
            }
            case STORE_IMM, STORE_REG -> {
                int base = fp[insn.dst()];
                if (base != ANY
                        && base != NONSTACK
                        && insn.op().size().bytes() == 8
                        && ((long) base + insn.offset()) % 8 == 0) {
                    return out & ~slots((long) base + insn.offset(), (long) base + insn.offset() + 8);
                }
                return out;
            }
            case CALL_HELPER -> {
                long gen = 0;
                for (int r = 1; r <= 5; r++) {
                    gen |= fp[r] == ANY ? ALL : fp[r] == NONSTACK ? 0 : slots(fp[r], 0);
                }
                return out | gen;
            }
            case CALL_LOCAL, CALL_KFUNC, CALLX -> {
                return ALL;
            }
            case EXIT -> {
                return 0;
            }
            default -> {
                return out;
            }
        }
    }

    private static int join(int a, int b) {
        return a == b ? a : ANY;
    }

    /** True if the register, before pc, cannot point into the running function's frame. */
    static boolean notStack(int[][] fp, int pc, int reg) {
        return reg <= 10 && fp[pc] != null && fp[pc][reg] == NONSTACK;
    }

    /** Forward: which registers hold this frame's pointer plus a known constant. */
    static int[][] forward(Cfg cfg) {
        Program program = cfg.program;
        int n = program.slotCount();
        int[][] in = new int[n + 1][];
        for (int entry : cfg.functionEntries) {
            int[] s = new int[REGS];
            Arrays.fill(s, NONSTACK);
            s[10] = 0;
            in[entry] = s;
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = 0; i < program.size(); i++) {
                int pc = program.pcOf(i);
                if (in[pc] == null) {
                    continue;
                }
                Instruction insn = program.at(pc);
                int[] out = step(insn, in[pc]);
                int[] succs = insn.op() == Opcode.CALL_LOCAL ? new int[] {pc + 1} : cfg.successorsOf(pc);
                for (int s : succs) {
                    if (in[s] == null) {
                        in[s] = out.clone();
                        changed = true;
                    } else {
                        for (int r = 0; r < REGS; r++) {
                            int j = join(in[s][r], out[r]);
                            if (j != in[s][r]) {
                                in[s][r] = j;
                                changed = true;
                            }
                        }
                    }
                }
            }
        }
        return in;
    }

    private static int[] step(Instruction insn, int[] s) {
        int[] o = s.clone();
        int d = insn.dst();
        int src = insn.src();
        switch (insn.op().form()) {
            case ALU_IMM -> {
                AluOp a = insn.op().aluOp();
                if (a == AluOp.MOV) {
                    o[d] = NONSTACK;
                } else if ((a == AluOp.ADD || a == AluOp.SUB) && !insn.op().is32() && s[d] != ANY && s[d] != NONSTACK) {
                    long v = (long) s[d] + (a == AluOp.ADD ? insn.imm() : -insn.imm());
                    o[d] = v > -1024 && v < 1024 ? (int) v : ANY;
                } else if (s[d] != NONSTACK) {
                    o[d] = ANY;
                }
            }
            case ALU_REG -> {
                AluOp a = insn.op().aluOp();
                if (a == AluOp.MOV && !insn.op().is32()) {
                    o[d] = s[src];
                } else if (s[d] == NONSTACK && s[src] == NONSTACK) {
                    o[d] = NONSTACK;
                } else {
                    o[d] = ANY;
                }
            }
            case ALU_NEG, ALU_END -> {
                if (s[d] != NONSTACK) {
                    o[d] = ANY;
                }
            }
            case LOAD -> o[d] = s[src] == NONSTACK ? NONSTACK : ANY;
            case LDDW -> o[d] = NONSTACK;
            case ATOMIC -> {
                if (insn.op().atomicOp().fetches()) {
                    int def = insn.op().atomicOp() == io.jxdp.isa.AtomicOp.CMPXCHG ? 0 : src;
                    o[def] = s[insn.dst()] == NONSTACK ? NONSTACK : ANY;
                }
            }
            case CALL_HELPER, CALL_KFUNC, CALLX -> {
                for (int r = 0; r <= 5; r++) {
                    o[r] = NONSTACK;
                }
            }
            case CALL_LOCAL -> {
                for (int r = 1; r <= 5; r++) {
                    o[r] = NONSTACK;
                }
                o[0] = ANY;
            }
            default -> {}
        }
        return o;
    }
}
