package io.jxdp.jit;

import io.jxdp.isa.AtomicOp;
import io.jxdp.isa.Form;
import io.jxdp.isa.Instruction;
import io.jxdp.isa.Program;

/**
 * What one method's code reads of the per-run state, so its prologue loads only that: a program
 * that never touches memory pays for no memory lookups, and one without loops or calls never
 * caches the budget (the Cpu's copy stays authoritative).
 */
final class UnitNeeds {
    /** Registers the unit's instructions name (as operands, or r0 for calls and exits). */
    int registers;

    boolean r10;
    /** Checked accesses or atomics: the {@code Memory} object. */
    boolean memory;

    boolean stack;
    /** Per window ({@link SlotLayout#PACKET}, {@code MEMORY}): its bytes and base are read. */
    final boolean[] window = new boolean[2];
    /** Per window: its bounds are read too (guarded accesses). */
    final boolean[] bounds = new boolean[2];
    /** Backward jumps or local calls: the budget is cached in a local and written back. */
    boolean budget;
    /** Registers with an int shadow in some loop ({@link LoopOffsets}); set by the emitter. */
    int shadows;

    static UnitNeeds of(Program program, MethodUnit unit, AccessPlan access) {
        UnitNeeds n = new UnitNeeds();
        for (int pc = unit.start(); pc < unit.end(); pc += program.at(pc).width()) {
            Instruction insn = program.at(pc);
            Form form = insn.op().form();
            n.r10 |= (form.usesDst() && insn.dst() == 10) || (form.usesSrcReg() && insn.src() == 10);
            n.registers |= (form.usesDst() ? 1 << insn.dst() : 0) | (form.usesSrcReg() ? 1 << insn.src() : 0);
            if (form == Form.EXIT
                    || form == Form.CALL_HELPER
                    || form == Form.CALL_LOCAL
                    || form == Form.CALLX
                    || insn.op().atomicOp() == AtomicOp.CMPXCHG) {
                n.registers |= 1; // r0 is read or written
            }
            switch (form) {
                case LOAD, STORE_IMM, STORE_REG -> {
                    AccessPlan.Route route = access.route(pc);
                    n.memory |= route == AccessPlan.Route.CHECKED || route.guarded();
                    n.stack |= route == AccessPlan.Route.STACK;
                    if (route.window >= 0) {
                        n.window[route.window] = true;
                        n.bounds[route.window] |= route.guarded();
                    }
                }
                case ATOMIC -> n.memory = true;
                case JA, JA32, JUMP_IMM, JUMP_REG -> n.budget |= insn.target(pc) <= pc && !access.terminates;
                case CALL_LOCAL -> n.budget = true;
                default -> {}
            }
        }
        return n;
    }

    /** True if the unit reads a region window that a call may move. */
    boolean regions() {
        return window[0] || window[1];
    }
}
