package io.jxdp.verifier;

import io.jxdp.isa.Program;
import java.util.BitSet;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * An accepted program with what the verifier proved about it, for the engines: per memory
 * access, the region its base pointer has on every path and that the access is in bounds, so a
 * JIT may drop the run-time checks it would otherwise emit; and which pcs the walk reached.
 * Immutable.
 */
public final class VerifiedProgram {
    private final Program program;
    private final VerifierOptions options;
    private final Map<Integer, AccessFact> accesses;
    private final BitSet reached;
    private final BitSet sameRegionCompares;

    VerifiedProgram(
            Program program,
            VerifierOptions options,
            Map<Integer, AccessFact> accesses,
            BitSet reached,
            BitSet sameRegionCompares) {
        this.program = program;
        this.options = options;
        this.accesses = Collections.unmodifiableMap(new TreeMap<>(accesses));
        this.reached = (BitSet) reached.clone();
        this.sameRegionCompares = (BitSet) sameRegionCompares.clone();
    }

    public Program program() {
        return program;
    }

    /** The options it was verified under (privilege, program type). */
    public VerifierOptions options() {
        return options;
    }

    /** Every load, store and atomic the walk reached, by pc. */
    public Map<Integer, AccessFact> accesses() {
        return accesses;
    }

    /** The fact for the access at pc; region UNKNOWN if the walk never reached it (dead code). */
    public AccessFact accessAt(int pc) {
        AccessFact f = accesses.get(pc);
        return f != null ? f : new AccessFact(pc, Region.UNKNOWN, -1, false, 0, 0, 0, false);
    }

    /**
     * True if the 64-bit conditional jump at pc compares two registers that are, on every path,
     * pointers into the same region (the stack, the conformance memory, or the packet with its
     * metadata and end) at offsets within 2^30 of the region's base. An engine whose pointers are
     * {@code region << 32 | offset} may then compare the low 32 bits as signed ints, whatever the
     * condition (signed or unsigned, equal or not).
     */
    public boolean comparesSameRegion(int pc) {
        return sameRegionCompares.get(pc);
    }

    /** True if some path of the walk reached pc; false for code the verifier proved dead. */
    public boolean reached(int pc) {
        return reached.get(pc);
    }
}
