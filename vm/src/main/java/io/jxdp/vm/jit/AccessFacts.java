package io.jxdp.vm.jit;

import io.jxdp.verifier.AccessFact;
import io.jxdp.verifier.VerifiedProgram;

import io.jxdp.vm.memory.RegionKind;
import java.util.HashMap;
import java.util.Map;

/**
 * What a static checker proved about the pointer each load, store or atomic dereferences: the
 * kind of region it points into on every path, and whether the access is in bounds. The JIT turns
 * proven stack, packet and memory accesses into plain array accesses; everything else keeps the
 * full checks. Pass an implementation as {@link io.jxdp.vm.VmOptions#facts()}; the verifier's
 * {@code VerifiedProgram} is adapted to this interface.
 *
 * <p>A wrong "proven" answer cannot corrupt the JVM (the array bounds check remains), but it can
 * make a program read the wrong bytes of its own region or fail with an internal error, so only a
 * sound checker should answer {@code inBounds}.
 */
public interface AccessFacts {
    /** What is known about the access at pc, or null if nothing is. */
    Access access(int pc);

    /**
     * True if every run of the program is known to end (the verifier walked every loop to its
     * exit): backward jumps then need no budget, and a loop's hot path is its compare alone.
     */
    default boolean terminates() {
        return false;
    }

    /**
     * True if the 64-bit conditional jump on two registers at pc compares, on every path, two
     * pointers into the same region at offsets within 2^30 of its base (see
     * {@link VerifiedProgram#comparesSameRegion}): the JIT then compares their low 32 bits as signed
     * ints, which equals any 64-bit condition on them and lets a loop over a pointer count in ints.
     */
    default boolean sameRegionCompare(int pc) {
        return false;
    }

    /**
     * @param kind the region every path's base pointer points into
     * @param inBounds true if every byte of the access lies in the region's accessible window
     *     on every path (and, for stores, in its writable window)
     */
    record Access(RegionKind kind, boolean inBounds) {
    }

    /** A table of facts, for tests and for hand-checked programs. */
    static AccessFacts of(Map<Integer, Access> byPc) {
        Map<Integer, Access> copy = new HashMap<>(byPc);
        return copy::get;
    }

    /**
     * The facts in {@code options.facts()}, or null if there are none this JIT understands: an
     * {@code AccessFacts}, or the verifier's {@link VerifiedProgram} (a program accepted under the
     * options it will run with: a memory program's facts hold for the memory size it was verified
     * with).
     */
    static AccessFacts from(Object facts) {
        if (facts instanceof AccessFacts f) {
            return f;
        }
        if (facts instanceof VerifiedProgram v) {
            return new AccessFacts() {
                @Override
                public Access access(int pc) {
                    AccessFact a = v.accessAt(pc);
                    RegionKind kind = a == null ? null : switch (a.region()) {
                        case STACK -> RegionKind.STACK;
                        case PACKET, PACKET_META -> RegionKind.PACKET;
                        case MEM -> RegionKind.MEMORY;
                        case CTX -> RegionKind.CONTEXT;
                        case MAP_VALUE -> RegionKind.MAP_VALUE;
                        case MIXED, UNKNOWN -> null;
                    };
                    return kind == null ? null : new Access(kind, a.inBounds());
                }

                @Override
                public boolean sameRegionCompare(int pc) {
                    return v.comparesSameRegion(pc);
                }

                @Override
                public boolean terminates() {
                    return true; // the verifier followed every loop to its exit within its budget
                }
            };
        }
        return null;
    }
}
