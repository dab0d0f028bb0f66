package io.jxdp.verifier.internal;

import io.jxdp.isa.AluOp;
import io.jxdp.isa.AtomicOp;
import io.jxdp.isa.Form;
import io.jxdp.isa.Instruction;
import io.jxdp.isa.Opcode;
import io.jxdp.isa.Program;

/**
 * A static stand-in for the kernel's precision marks (mark_chain_precision): per pc, the registers
 * and own-frame stack slots whose scalar value may flow into a safety check on some path (a memory
 * base, a comparison, a helper's size or pointer argument, a callee's return value). Pruning
 * compares the other scalars by type only, as the kernel does for imprecise ones.
 */
final class PrecisionNeeds {
    private static final long ALL = -1L;

    final int[] regs;
    final long[] slots;

    private PrecisionNeeds(int n) {
        regs = new int[n + 1];
        slots = new long[n + 1];
    }

    private static int bit(int r) {
        return r <= 10 ? 1 << r : 0;
    }

    /** The frame offset a register holds before pc, or null if it is not a known frame pointer. */
    private static Integer fpOffset(Cfg cfg, int pc, int reg) {
        int[] s = reg <= 10 ? cfg.framePointers[pc] : null;
        if (s == null || s[reg] == StackLiveness.NONSTACK || s[reg] == StackLiveness.ANY) {
            return null;
        }
        return s[reg];
    }

    private static boolean maybeStack(Cfg cfg, int pc, int reg) {
        return !StackLiveness.notStack(cfg.framePointers, pc, reg);
    }

    /**
     * False if R1 at this call is certainly a map whose lookups never elide the null check (not an
     * array): found by walking back to the lddw that set R1 within the straight-line code before.
     */
    private static boolean keyMayElideNull(Cfg cfg, int pc) {
        Program program = cfg.program;
        for (int i = program.indexOf(pc) - 1; i >= 0; i--) {
            int at = program.pcOf(i);
            Instruction insn = program.at(at);
            boolean writesR1 = switch (insn.op().form()) {
                case ALU_IMM, ALU_REG, ALU_NEG, ALU_END, LOAD, LDDW -> insn.dst() == 1;
                case CALL_HELPER, CALL_LOCAL, CALL_KFUNC, CALLX -> true;
                default -> false;
            };
            if (writesR1) {
                if (insn.op() == Opcode.LDDW
                        && insn.pseudoSource().isMap()
                        && !insn.pseudoSource().isMapValue()) {
                    io.jxdp.isa.MapType t = program.maps().get(insn.mapIndex()).type();
                    return t == io.jxdp.isa.MapType.ARRAY || t == io.jxdp.isa.MapType.PERCPU_ARRAY;
                }
                return true;
            }
            if (cfg.prunePoint[at] || insn.op().isBranch()) {
                return true; // another path may reach here with another R1
            }
        }
        return true;
    }

    static PrecisionNeeds compute(Cfg cfg) {
        Program program = cfg.program;
        int n = program.slotCount();
        PrecisionNeeds p = new PrecisionNeeds(n);
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = program.size() - 1; i >= 0; i--) {
                int pc = program.pcOf(i);
                Instruction insn = program.at(pc);
                int outR = 0;
                long outS = 0;
                int[] succs = insn.op() == Opcode.CALL_LOCAL
                        ? new int[] {pc + 1}
                        : insn.op() == Opcode.EXIT ? new int[0] : cfg.successorsOf(pc);
                for (int s : succs) {
                    if (s >= 0 && s < n) {
                        outR |= p.regs[s];
                        outS |= p.slots[s];
                    }
                }
                long[] in = transfer(cfg, insn, pc, outR, outS);
                if ((int) in[0] != p.regs[pc] || in[1] != p.slots[pc]) {
                    p.regs[pc] = (int) in[0];
                    p.slots[pc] = in[1];
                    changed = true;
                }
            }
        }
        return p;
    }

    private static long[] transfer(Cfg cfg, Instruction insn, int pc, int r, long s) {
        int dst = bit(insn.dst());
        int src = bit(insn.src());
        switch (insn.op().form()) {
            case ALU_IMM -> {
                return new long[] {insn.op().aluOp() == AluOp.MOV ? r & ~dst : r, s};
            }
            case ALU_REG -> {
                AluOp a = insn.op().aluOp();
                boolean needed = (r & dst) != 0;
                if (a == AluOp.MOV || a.isMovSx()) {
                    return new long[] {(r & ~dst) | (needed ? src : 0), s};
                }
                return new long[] {r | (needed ? src : 0), s};
            }
            case LOAD -> {
                boolean needed = (r & dst) != 0;
                long gen = 0;
                if (needed) {
                    Integer base = fpOffset(cfg, pc, insn.src());
                    if (base != null) {
                        gen = StackLiveness.slots(
                                (long) base + insn.offset(),
                                (long) base + insn.offset() + insn.op().size().bytes());
                    } else if (maybeStack(cfg, pc, insn.src())) {
                        gen = ALL;
                    }
                }
                return new long[] {(r & ~dst) | src, s | gen};
            }
            case STORE_IMM, STORE_REG -> {
                Integer base = fpOffset(cfg, pc, insn.dst());
                boolean regStore = insn.op().form() == Form.STORE_REG;
                int size = insn.op().size().bytes();
                if (base != null) {
                    long off = (long) base + insn.offset();
                    long mask = StackLiveness.slots(off, off + size);
                    boolean needed = (s & mask) != 0;
                    long out = size == 8 && off % 8 == 0 ? s & ~mask : s;
                    return new long[] {r | dst | (regStore && needed ? src : 0), out};
                }
                boolean stack = maybeStack(cfg, pc, insn.dst());
                return new long[] {r | dst | (regStore && stack && s != 0 ? src : 0), s};
            }
            case ATOMIC -> {
                AtomicOp a = insn.op().atomicOp();
                int def = a == AtomicOp.CMPXCHG ? 1 : a.fetches() ? src : 0;
                boolean defNeeded = (r & def) != 0;
                Integer base = fpOffset(cfg, pc, insn.dst());
                long mask = base == null
                        ? (maybeStack(cfg, pc, insn.dst()) ? ALL : 0)
                        : StackLiveness.slots(
                                (long) base + insn.offset(),
                                (long) base + insn.offset() + insn.op().size().bytes());
                boolean slotNeeded = (s & mask) != 0 || defNeeded;
                int uses = dst | (slotNeeded ? src | (a == AtomicOp.CMPXCHG ? 1 : 0) : 0);
                return new long[] {(r & ~def) | uses, s | (defNeeded ? mask : 0)};
            }
            case LDDW -> {
                return new long[] {r & ~dst, s};
            }
            case JUMP_IMM -> {
                return new long[] {r | dst, s};
            }
            case JUMP_REG -> {
                return new long[] {r | dst | src, s};
            }
            case CALL_HELPER -> {
                HelperProtos.Proto proto = HelperProtos.of(insn.imm32());
                int args = 0;
                long reads = 0;
                for (int a = 0; a < 5; a++) {
                    HelperProtos.Arg kind = proto == null ? HelperProtos.Arg.PTR_TO_MAP_KEY : proto.arg(a);
                    if (kind == HelperProtos.Arg.ANYTHING || kind == HelperProtos.Arg.DONTCARE) {
                        continue;
                    }
                    args |= 1 << (a + 1);
                    if (kind == HelperProtos.Arg.PTR_TO_MAP_KEY && !keyMayElideNull(cfg, pc)) {
                        continue; // the key's value matters only for array lookups (get_constant_map_key)
                    }
                    if (kind == HelperProtos.Arg.PTR_TO_MAP_VALUE
                            || kind == HelperProtos.Arg.PTR_TO_MEM_RDONLY
                            || kind == HelperProtos.Arg.PTR_TO_MEM_OR_NULL_RDONLY
                            || kind == HelperProtos.Arg.PTR_TO_FIXED_SIZE_MEM_RDONLY) {
                        continue; // helpers read these bytes as data
                    }
                    Integer base = fpOffset(cfg, pc, a + 1);
                    if (base != null) {
                        reads |= StackLiveness.slots(base, 0);
                    } else if (maybeStack(cfg, pc, a + 1)) {
                        reads = ALL;
                    }
                }
                return new long[] {(r & ~0b111111) | args, s | reads};
            }
            case CALL_LOCAL, CALL_KFUNC, CALLX -> {
                return new long[] {(r & ~0b111111) | 0b111110 | (insn.op() == Opcode.CALLX ? dst : 0), ALL};
            }
            case EXIT -> {
                return new long[] {cfg.functionIndexOf(pc) == 0 ? 0 : 1, 0};
            }
            default -> {
                return new long[] {r, s};
            }
        }
    }
}
