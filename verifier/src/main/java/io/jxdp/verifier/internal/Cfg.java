package io.jxdp.verifier.internal;

import io.jxdp.isa.AtomicOp;
import io.jxdp.isa.Form;
import io.jxdp.isa.Instruction;
import io.jxdp.isa.Opcode;
import io.jxdp.isa.Program;
import io.jxdp.isa.PseudoSource;
import io.jxdp.verifier.ErrorCode;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * The structural pass before the walk, in the kernel's order: size (bpf_prog_load), functions
 * (add_subprog_and_kfunc, check_subprogs: jumps stay inside their function, each function ends in
 * exit or goto), map references (resolve_pseudo_ldimm64), the control-flow graph (check_cfg:
 * jumps in range, no back-edges unprivileged, nothing unreachable, no jump into an lddw), then the
 * prune points and the registers live before each instruction (compute_live_registers).
 */
public final class Cfg {
    private static final int DISCOVERED = 1;
    private static final int EXPLORED = 2;

    public final Program program;
    public final int[] functionEntries;
    public final boolean[] prunePoint;
    /** Registers (bit i = Ri) live before each pc. */
    public final int[] liveBefore;
    /**
     * Registers whose value before each pc may flow into a safety check on some path (a memory
     * base or stored value, a comparison, a helper or call argument, a callee's return value):
     * a static stand-in for the kernel's precision marks. Pruning compares the other scalars by
     * type only, as the kernel does for imprecise ones.
     */
    public final int[] needsPrecision;
    /** Own-frame stack slots whose spilled scalar may reach a check, per pc (see PrecisionNeeds). */
    public long[] slotsNeedingPrecision;
    /** Stack slots of the function's own frame live before each pc (bit k = fp-(k+1)*8). */
    public long[] liveSlots;
    /** Per pc and register: this frame's pointer plus a constant, or not a frame pointer, or unknown. */
    int[][] framePointers;

    private Cfg(Program program, int[] entries) {
        this.program = program;
        this.functionEntries = entries;
        this.prunePoint = new boolean[program.slotCount() + 1];
        this.liveBefore = new int[program.slotCount() + 1];
        this.needsPrecision = new int[program.slotCount() + 1];
    }

    /** Runs the structural checks; throws VerifyError with the kernel's text on the first problem. */
    public static Cfg check(Program program, boolean privileged) {
        int n = program.slotCount();
        if (program.size() == 0) {
            throw new VerifyError(ErrorCode.EMPTY_PROGRAM, "BPF program is empty");
        }
        int limit = privileged ? Limits.MAXINSNS_PRIV : Limits.MAXINSNS;
        if (n > limit) {
            throw new VerifyError(ErrorCode.PROGRAM_TOO_LARGE, "BPF program is too large: " + n + " insns (limit " + limit + ")");
        }
        int[] entries = subprogs(program, privileged);
        Cfg cfg = new Cfg(program, entries);
        cfg.checkSubprogs();
        cfg.resolveLdImm64();
        cfg.checkCfg(privileged);
        cfg.computeLiveRegisters();
        cfg.framePointers = StackLiveness.forward(cfg);
        PrecisionNeeds needs = PrecisionNeeds.compute(cfg);
        System.arraycopy(needs.regs, 0, cfg.needsPrecision, 0, needs.regs.length);
        cfg.slotsNeedingPrecision = needs.slots;
        cfg.liveSlots = StackLiveness.compute(cfg);
        return cfg;
    }

    /** add_subprog_and_kfunc: function entries from local calls and function pointers. */
    private static int[] subprogs(Program program, boolean privileged) {
        for (int i = 0; i < program.size(); i++) {
            Instruction insn = program.instructions().get(i);
            int pc = program.pcOf(i);
            boolean func = insn.op() == Opcode.CALL_LOCAL || insn.pseudoSource() == PseudoSource.FUNC;
            if (func || insn.op() == Opcode.CALL_KFUNC) {
                if (!privileged) {
                    throw new VerifyError(ErrorCode.UNSUPPORTED_INSN, "loading/calling other bpf or kernel functions are allowed for CAP_BPF and CAP_SYS_ADMIN");
                }
            }
            if (func) {
                int t = insn.target(pc);
                if (t < 0 || t >= program.slotCount()) {
                    throw new VerifyError(ErrorCode.JUMP_OUT_OF_RANGE, insn.op() == Opcode.CALL_LOCAL ? "call to invalid destination"
                            : "invalid subprog target");
                }
            }
        }
        return program.functionEntries();
    }

    public int functionIndexOf(int pc) {
        int idx = Arrays.binarySearch(functionEntries, pc);
        if (idx >= 0) {
            return idx;
        }
        return -idx - 2;
    }

    /** check_subprogs. */
    private void checkSubprogs() {
        for (int f = 0; f < functionEntries.length; f++) {
            int start = functionEntries[f];
            int end = f + 1 < functionEntries.length ? functionEntries[f + 1] : program.slotCount();
            int lastPc = -1;
            for (int pc = start; pc < end; pc++) {
                if (!program.isInstructionStart(pc)) {
                    continue;
                }
                lastPc = pc;
                Instruction insn = program.at(pc);
                Form form = insn.op().form();
                if (form == Form.JA || form == Form.JA32 || form == Form.JUMP_IMM || form == Form.JUMP_REG) {
                    int off = insn.target(pc);
                    if (off < start || off >= end) {
                        throw new VerifyError(ErrorCode.JUMP_OUT_OF_RANGE, "jump out of range from insn " + pc + " to " + off);
                    }
                }
            }
            Instruction last = program.at(lastPc);
            if (last.op() != Opcode.EXIT && last.op() != Opcode.JA && last.op() != Opcode.JA32) {
                throw new VerifyError(ErrorCode.LAST_INSN_NOT_EXIT, "last insn is not an exit or jmp");
            }
        }
    }

    /** resolve_pseudo_ldimm64: map references must name a map; direct value access needs an array. */
    private void resolveLdImm64() {
        for (int i = 0; i < program.size(); i++) {
            Instruction insn = program.instructions().get(i);
            if (insn.op() == Opcode.CALLX) {
                // bpf_opcode_in_insntable: the kernel has no callx (jxdp's engines do, for the conformance suite)
                throw new VerifyError(ErrorCode.UNSUPPORTED_INSN, "unknown opcode 8d");
            }
            if (insn.op().form() == Form.ALU_END && insn.imm() != 16 && insn.imm() != 32 && insn.imm() != 64) {
                throw new VerifyError(ErrorCode.UNSUPPORTED_INSN, "BPF_END uses reserved fields");
            }
            if (insn.op() != Opcode.LDDW || !insn.pseudoSource().isMap()) {
                if (insn.op() == Opcode.LDDW && insn.pseudoSource() == PseudoSource.BTF_ID) {
                    throw new VerifyError(ErrorCode.UNSUPPORTED_INSN, "kernel is missing BTF, make sure CONFIG_DEBUG_INFO_BTF=y is specified in Kconfig.");
                }
                continue;
            }
            int idx = insn.mapIndex();
            if (idx < 0 || idx >= program.maps().size()) {
                throw new VerifyError(ErrorCode.INVALID_MAP_REFERENCE, "fd " + idx + " is not pointing to valid bpf_map");
            }
            if (insn.pseudoSource().isMapValue()) {
                var map = program.maps().get(idx);
                long off = Integer.toUnsignedLong(insn.mapValueOffset());
                if (off >= Limits.MAX_VAR_OFF) {
                    throw new VerifyError(ErrorCode.INVALID_MAP_REFERENCE, "direct value offset of " + off + " is not allowed");
                }
                if (map.type() != io.jxdp.isa.MapType.ARRAY || map.maxEntries() != 1) {
                    throw new VerifyError(ErrorCode.INVALID_MAP_REFERENCE, "no direct value access support for this map type");
                }
                if (off >= map.valueSize()) {
                    throw new VerifyError(ErrorCode.INVALID_MAP_REFERENCE, "invalid access to map value pointer, value_size=" + map.valueSize() + " off=" + off);
                }
            }
        }
    }

    /** The successors of pc, fall-through first (as check_cfg pushes them), and marks prune points. */
    private int[] successors(int pc) {
        Instruction insn = program.at(pc);
        int next = pc + insn.width();
        return switch (insn.op().form()) {
            case EXIT -> new int[0];
            case JA, JA32 -> new int[] {insn.target(pc)};
            case JUMP_IMM, JUMP_REG -> new int[] {next, insn.target(pc)};
            case CALL_LOCAL -> new int[] {next, insn.target(pc)};
            default -> new int[] {next};
        };
    }

    /** The successors of pc inside its function (a local call continues at pc + 1). */
    int[] successorsOf(int pc) {
        return successors(pc);
    }

    private void markPrunePoints(int pc) {
        Instruction insn = program.at(pc);
        int next = pc + insn.width();
        switch (insn.op().form()) {
            case JA, JA32 -> prunePoint[insn.target(pc)] = true;
            case JUMP_IMM, JUMP_REG -> {
                prunePoint[pc] = true;
                prunePoint[insn.target(pc)] = true;
            }
            case CALL_HELPER, CALL_KFUNC, CALLX -> prunePoint[next] = true;
            case CALL_LOCAL -> {
                prunePoint[next] = true;
                prunePoint[pc] = true;
                prunePoint[insn.target(pc)] = true;
            }
            case LDDW -> {
                if (insn.pseudoSource() == PseudoSource.FUNC) {
                    prunePoint[pc] = true;
                }
            }
            default -> {
            }
        }
    }

    /** check_cfg: a depth-first walk from pc 0. */
    private void checkCfg(boolean privileged) {
        int n = program.slotCount();
        int[] state = new int[n];
        int[] nextEdge = new int[n];
        int middleOfLddw = -1;
        ArrayDeque<Integer> stack = new ArrayDeque<>();
        state[0] = DISCOVERED;
        stack.push(0);
        while (!stack.isEmpty()) {
            int t = stack.peek();
            if (!program.isInstructionStart(t)) {
                state[t] = EXPLORED;
                stack.pop();
                continue;
            }
            if (nextEdge[t] == 0) {
                markPrunePoints(t);
            }
            int[] succ = successors(t);
            boolean pushed = false;
            while (nextEdge[t] < succ.length) {
                int w = succ[nextEdge[t]++];
                if (w < 0 || w >= n) {
                    throw new VerifyError(ErrorCode.JUMP_OUT_OF_RANGE, "jump out of range from insn " + t + " to " + w);
                }
                if (!program.isInstructionStart(w) && middleOfLddw < 0) {
                    middleOfLddw = w - 1;
                }
                if (state[w] == 0) {
                    state[w] = DISCOVERED;
                    stack.push(w);
                    pushed = true;
                    break;
                } else if (state[w] == DISCOVERED) {
                    if (!privileged) {
                        throw new VerifyError(ErrorCode.BACK_EDGE, "back-edge from insn " + t + " to " + w);
                    }
                }
            }
            if (!pushed) {
                state[t] = EXPLORED;
                stack.pop();
            }
        }
        for (int i = 0; i < program.size(); i++) {
            int pc = program.pcOf(i);
            if (state[pc] != EXPLORED) {
                throw new VerifyError(ErrorCode.UNREACHABLE_INSN, "unreachable insn " + pc);
            }
            if (program.at(pc).op() == Opcode.LDDW && state[pc + 1] != 0) {
                throw new VerifyError(ErrorCode.JUMP_OUT_OF_RANGE, "jump into the middle of ldimm64 insn " + pc);
            }
        }
        if (middleOfLddw >= 0) {
            throw new VerifyError(ErrorCode.JUMP_OUT_OF_RANGE, "jump into the middle of ldimm64 insn " + middleOfLddw);
        }
    }

    /** compute_live_registers: a backward data-flow over each function. */
    private void computeLiveRegisters() {
        int n = program.slotCount();
        int[] use = new int[n];
        int[] def = new int[n];
        for (int i = 0; i < program.size(); i++) {
            int pc = program.pcOf(i);
            useDef(program.at(pc), pc, use, def);
        }
        boolean changed = true;
        int[] liveAfter = new int[n + 1];
        while (changed) {
            changed = false;
            for (int i = program.size() - 1; i >= 0; i--) {
                int pc = program.pcOf(i);
                int out = 0;
                for (int s : successors(pc)) {
                    if (s >= 0 && s < n) {
                        out |= liveBefore[s];
                    }
                }
                if (program.at(pc).op() == Opcode.CALL_LOCAL) {
                    // the callee's liveness is its own; the fall-through continues the caller
                    out = liveBefore[pc + 1];
                }
                int in = use[pc] | (out & ~def[pc]);
                liveAfter[pc] = out;
                if (in != liveBefore[pc]) {
                    liveBefore[pc] = in;
                    changed = true;
                }
            }
        }
    }

    private static int bit(int r) {
        return r <= 10 ? 1 << r : 0;
    }

    private static void useDef(Instruction insn, int pc, int[] use, int[] def) {
        int u = 0;
        int d = 0;
        switch (insn.op().form()) {
            case ALU_IMM -> {
                d = bit(insn.dst());
                u = insn.op().aluOp() == io.jxdp.isa.AluOp.MOV ? 0 : bit(insn.dst());
            }
            case ALU_REG -> {
                d = bit(insn.dst());
                u = bit(insn.src()) | (insn.op().aluOp().isMovSx() || insn.op().aluOp() == io.jxdp.isa.AluOp.MOV ? 0 : bit(insn.dst()));
            }
            case ALU_NEG, ALU_END -> {
                u = bit(insn.dst());
                d = bit(insn.dst());
            }
            case LOAD -> {
                u = bit(insn.src());
                d = bit(insn.dst());
            }
            case STORE_IMM -> u = bit(insn.dst());
            case STORE_REG -> u = bit(insn.dst()) | bit(insn.src());
            case ATOMIC -> {
                AtomicOp a = insn.op().atomicOp();
                u = bit(insn.dst()) | bit(insn.src()) | (a == AtomicOp.CMPXCHG ? 1 : 0);
                d = a == AtomicOp.CMPXCHG ? 1 : a.fetches() ? bit(insn.src()) : 0;
            }
            case LDDW -> d = bit(insn.dst());
            case JUMP_IMM -> u = bit(insn.dst());
            case JUMP_REG -> u = bit(insn.dst()) | bit(insn.src());
            case CALL_HELPER, CALL_LOCAL, CALL_KFUNC, CALLX -> {
                u = 0b111110 | (insn.op() == Opcode.CALLX ? bit(insn.dst()) : 0);
                d = 0b111111;
            }
            case EXIT -> u = 1;
            default -> {
            }
        }
        use[pc] = u | (1 << 10);
        def[pc] = d;
    }
}
