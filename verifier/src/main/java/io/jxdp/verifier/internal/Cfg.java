package io.jxdp.verifier.internal;

import io.jxdp.isa.AtomicOp;
import io.jxdp.isa.Instruction;
import io.jxdp.isa.Opcode;
import io.jxdp.isa.Program;
import io.jxdp.isa.RawSlot;
import io.jxdp.isa.codec.Encoder;
import io.jxdp.verifier.ErrorCode;
import io.jxdp.verifier.VerifierOptions;
import java.util.Arrays;

/**
 * The structural passes before the walk, in the kernel's order: size (bpf_prog_load), functions
 * ({@link Subprogs}: add_subprog_and_kfunc, check_subprogs), loads, {@code lddw} pairs, map
 * references and unknown opcodes ({@link LdImm64}: resolve_pseudo_ldimm64), the control-flow graph
 * ({@link CfgWalk}: check_cfg), all four over the raw slots as the kernel reads them; then the prune
 * points and the registers live before each instruction (compute_live_registers).
 */
public final class Cfg {

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

    /** Runs the structural checks; throws Rejection with the kernel's text on the first problem. */
    public static Cfg check(Program program, VerifierOptions options) {
        boolean privileged = options.privileged();
        int n = program.slotCount();
        if (program.size() == 0) {
            throw new Rejection(ErrorCode.EMPTY_PROGRAM, "BPF program is empty");
        }
        int limit = privileged ? Limits.MAXINSNS_PRIV : Limits.MAXINSNS;
        if (n > limit) {
            throw new Rejection(
                    ErrorCode.PROGRAM_TOO_LARGE, "BPF program is too large: " + n + " insns (limit " + limit + ")");
        }
        // the passes before the walk read the slots as the kernel does, malformed ones included
        RawSlot[] slots = slots(program);
        int[] entries = Subprogs.find(slots, options);
        Subprogs.check(slots, entries);
        LdImm64.resolve(slots, program.maps());
        Cfg cfg = new Cfg(program, entries);
        CfgWalk.check(slots, privileged, cfg.prunePoint);
        cfg.computeLiveRegisters();
        cfg.framePointers = StackLiveness.forward(cfg);
        PrecisionNeeds needs = PrecisionNeeds.compute(cfg);
        System.arraycopy(needs.regs, 0, cfg.needsPrecision, 0, needs.regs.length);
        cfg.slotsNeedingPrecision = needs.slots;
        cfg.liveSlots = StackLiveness.compute(cfg);
        return cfg;
    }

    /** The program's slots as encoded: what the kernel's passes read. */
    static RawSlot[] slots(Program program) {
        byte[] bytes = Encoder.encode(program);
        RawSlot[] out = new RawSlot[program.slotCount()];
        for (int pc = 0; pc < out.length; pc++) {
            out[pc] = RawSlot.at(bytes, pc);
        }
        return out;
    }

    public int functionIndexOf(int pc) {
        int idx = Arrays.binarySearch(functionEntries, pc);
        if (idx >= 0) {
            return idx;
        }
        return -idx - 2;
    }

    /** The successors of pc, fall-through first (as check_cfg pushes them), and marks prune points. */
    private int[] successors(int pc) {
        Instruction insn = program.at(pc);
        int next = pc + insn.width();
        if (insn.isMalformed()) {
            return malformedSuccessors(pc, insn.raw());
        }
        return switch (insn.op().form()) {
            case EXIT -> new int[0];
            case JA, JA32 -> new int[] {insn.target(pc)};
            case JUMP_IMM, JUMP_REG -> new int[] {next, insn.target(pc)};
            case CALL_LOCAL -> new int[] {next, insn.target(pc)};
            default -> new int[] {next};
        };
    }

    /** A malformed slot's edges as its class and operation give them (the walk rejects it when it gets there). */
    private static int[] malformedSuccessors(int pc, RawSlot s) {
        int cls = s.insnClass();
        if ((cls != 0x05 && cls != 0x06) || s.op() == 0x80) {
            return new int[] {pc + 1};
        }
        if (s.op() == 0x90) {
            return new int[0];
        }
        int target = pc + (s.code() == 0x06 ? s.imm() : s.off()) + 1;
        return s.op() == 0x00 ? new int[] {target} : new int[] {pc + 1, target};
    }

    /** The successors of pc inside its function (a local call continues at pc + 1). */
    int[] successorsOf(int pc) {
        return successors(pc);
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
                u = bit(insn.src())
                        | (insn.op().aluOp().isMovSx() || insn.op().aluOp() == io.jxdp.isa.AluOp.MOV
                                ? 0
                                : bit(insn.dst()));
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
            default -> {}
        }
        use[pc] = u | (1 << 10);
        def[pc] = d;
    }
}
