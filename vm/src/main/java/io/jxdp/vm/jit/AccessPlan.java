package io.jxdp.vm.jit;

import io.jxdp.isa.Form;
import io.jxdp.isa.Instruction;
import io.jxdp.isa.Program;
import io.jxdp.vm.memory.RegionKind;

/**
 * How the JIT emits each load and store: through {@code Memory}'s checked accessors, or straight
 * on a region's array when its region and bounds are proven (by the verifier's {@link AccessFacts}
 * or by {@link FrameAnalysis}). Atomics always take the checked path: they are rare and need the
 * alignment check anyway.
 */
final class AccessPlan {
    enum Route {
        /** {@code Memory.loadX/storeX}: region lookup and bounds check. */
        CHECKED,
        /** The Cpu's stack array. */
        STACK,
        /** The packet region's array. */
        PACKET,
        /** The conformance memory region's array. */
        MEMORY
    }

    private final Route[] routes;
    private boolean usesPacket;
    private boolean usesMemory;

    private AccessPlan(int slots) {
        routes = new Route[slots];
    }

    static AccessPlan of(Program program, int[] functionEntries, AccessFacts facts) {
        AccessPlan plan = new AccessPlan(program.slotCount());
        boolean[] inFrame = new boolean[program.slotCount()];
        for (int f = 0; f < functionEntries.length; f++) {
            int end = f + 1 < functionEntries.length ? functionEntries[f + 1] : program.slotCount();
            FrameAnalysis.analyse(program, functionEntries[f], end, inFrame);
        }
        for (int i = 0; i < program.size(); i++) {
            int pc = program.pcOf(i);
            Instruction insn = program.instructions().get(i);
            Form form = insn.op().form();
            if (form != Form.LOAD && form != Form.STORE_IMM && form != Form.STORE_REG) {
                continue;
            }
            Route route = inFrame[pc] ? Route.STACK : Route.CHECKED;
            AccessFacts.Access fact = facts == null ? null : facts.access(pc);
            if (route == Route.CHECKED && fact != null && fact.inBounds()) {
                route = fact.kind() == RegionKind.STACK ? Route.STACK
                        : fact.kind() == RegionKind.PACKET ? Route.PACKET
                        : fact.kind() == RegionKind.MEMORY ? Route.MEMORY : Route.CHECKED;
            }
            plan.routes[pc] = route;
            plan.usesPacket |= route == Route.PACKET;
            plan.usesMemory |= route == Route.MEMORY;
        }
        return plan;
    }

    /** The route of the load or store at pc. */
    Route route(int pc) {
        Route r = routes[pc];
        return r == null ? Route.CHECKED : r;
    }

    /** True if some access reads the packet array directly (its cache must be kept fresh). */
    boolean usesPacket() {
        return usesPacket;
    }

    boolean usesMemory() {
        return usesMemory;
    }
}
