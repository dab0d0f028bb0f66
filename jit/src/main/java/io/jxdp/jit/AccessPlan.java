package io.jxdp.jit;

import io.jxdp.isa.Form;
import io.jxdp.isa.JmpOp;
import io.jxdp.isa.Program;
import io.jxdp.vm.memory.RegionKind;

/**
 * How the JIT emits each load and store: through {@code Memory}'s checked accessors; straight on
 * a region's array when its region and bounds are proven (by the verifier's {@link AccessFacts} or
 * by {@link PointerAnalysis}); or on the array behind an inline guard when the region is known or
 * guessed but the bounds are not. Atomics always take the checked path: they are rare and need the
 * alignment check anyway.
 */
final class AccessPlan {
    enum Route {
        /** {@code Memory.loadX/storeX}: region lookup and bounds check. */
        CHECKED(-1, false),
        /** The Cpu's stack array, proven. */
        STACK(-1, true),
        /** The packet region's array, proven. */
        PACKET(SlotLayout.PACKET, true),
        /** The conformance memory region's array, proven. */
        MEMORY(SlotLayout.MEMORY, true),
        /** The packet's array behind an inline check of region and window; the checked call if it fails. */
        GUARDED_PACKET(SlotLayout.PACKET, false),
        /** The memory's array behind an inline check of region and window; the checked call if it fails. */
        GUARDED_MEMORY(SlotLayout.MEMORY, false);

        /** The cached window the route reads ({@link SlotLayout#PACKET} or {@code MEMORY}), or -1. */
        final int window;

        final boolean proven;

        Route(int window, boolean proven) {
            this.window = window;
            this.proven = proven;
        }

        boolean guarded() {
            return window >= 0 && !proven;
        }
    }

    private final Route[] routes;
    /** Per pc: the jump there compares two pointers into one region (its low halves decide). */
    private final boolean[] sameRegionCompares;
    /** Every run ends (the facts came from the verifier): loops need no budget. */
    final boolean terminates;

    private AccessPlan(int slots, boolean terminates) {
        routes = new Route[slots];
        sameRegionCompares = new boolean[slots];
        this.terminates = terminates;
    }

    static AccessPlan of(Program program, int[] functionEntries, AccessFacts facts) {
        AccessPlan plan = new AccessPlan(program.slotCount(), facts != null && facts.terminates());
        PointerAnalysis.Fact[] own = new PointerAnalysis.Fact[program.slotCount()];
        for (int f = 0; f < functionEntries.length; f++) {
            int end = f + 1 < functionEntries.length ? functionEntries[f + 1] : program.slotCount();
            PointerAnalysis.analyse(program, functionEntries[f], end, f == 0, own);
        }
        for (int i = 0; i < program.size(); i++) {
            int pc = program.pcOf(i);
            Form form = program.instructions().get(i).op().form();
            if (form == Form.LOAD || form == Form.STORE_IMM || form == Form.STORE_REG) {
                plan.routes[pc] = route(own[pc], facts == null ? null : facts.access(pc));
            } else if (form == Form.JUMP_REG
                    && !program.at(pc).op().is32()
                    && facts != null
                    && program.at(pc).op().jmpOp() != JmpOp.JSET) { // jset's and of two offsets is no compare
                plan.sameRegionCompares[pc] = facts.sameRegionCompare(pc);
            }
        }
        return plan;
    }

    /** The JIT's own proof first, then the verifier's, then the JIT's guess, else the full checks. */
    private static Route route(PointerAnalysis.Fact own, AccessFacts.Access fact) {
        if (own == PointerAnalysis.Fact.IN_FRAME) {
            return Route.STACK;
        }
        RegionKind kind = fact == null ? null : fact.kind();
        if (kind == RegionKind.STACK && fact.inBounds()) {
            return Route.STACK;
        }
        if (kind == RegionKind.PACKET) {
            return fact.inBounds() ? Route.PACKET : Route.GUARDED_PACKET;
        }
        if (kind == RegionKind.MEMORY) {
            return fact.inBounds() ? Route.MEMORY : Route.GUARDED_MEMORY;
        }
        if (own == PointerAnalysis.Fact.GUESS_PACKET) {
            return Route.GUARDED_PACKET;
        }
        return own == PointerAnalysis.Fact.GUESS_MEMORY ? Route.GUARDED_MEMORY : Route.CHECKED;
    }

    /** True if the 64-bit jump at pc compares two pointers into one region near its base. */
    boolean sameRegionCompare(int pc) {
        return sameRegionCompares[pc];
    }

    /** The route of the load or store at pc. */
    Route route(int pc) {
        Route r = routes[pc];
        return r == null ? Route.CHECKED : r;
    }
}
