package io.jxdp.jit;

import io.jxdp.isa.Program;
import io.jxdp.verifier.AccessFact;
import io.jxdp.verifier.VerifiedProgram;
import io.jxdp.vm.memory.RegionKind;
import java.util.HashMap;
import java.util.Map;

/**
 * What a static checker proved about the pointer each load, store or atomic of one program
 * dereferences: the kind of region it points into on every path, and whether the access is in
 * bounds. The JIT turns proven stack, packet and memory accesses into plain array accesses;
 * everything else keeps the full checks. The verifier's facts come in through
 * {@link io.jxdp.vm.VmOptions#withFacts} and are adapted by {@link #from}; facts proven some other
 * way (the benchmarks' hand-written ones) through {@link JitCompiler#compile(io.jxdp.vm.LinkedProgram,
 * io.jxdp.vm.VmOptions, AccessFacts)}. Either way they name their {@link #program()}, and the
 * JIT refuses them for any other.
 *
 * <p>A wrong "proven" answer cannot corrupt the JVM: the array bounds check remains, and what it
 * throws ends the run in a {@link io.jxdp.vm.VmFault} (one that cannot name the access, see
 * {@link io.jxdp.vm.VmFault#unplaced}). But it can make a program read stale bytes of its own
 * region's array (a packet's frame buffer past {@code data_end}), and a wrong
 * {@link #terminates()} lets a loop run without a budget, so only a sound checker should answer.
 */
public interface AccessFacts {
    /** The program these facts are about. */
    Program program();

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
     * What is known of one access.
     *
     * @param kind the region every path's base pointer points into
     * @param inBounds true if every byte of the access lies in the region's accessible window
     *     on every path (and, for stores, in its writable window)
     */
    record Access(RegionKind kind, boolean inBounds) {}

    /** A table of facts about {@code program}, for tests and for hand-checked programs. */
    static AccessFacts of(Program program, Map<Integer, Access> byPc) {
        Map<Integer, Access> copy = new HashMap<>(byPc);
        return new AccessFacts() {
            @Override
            public Program program() {
                return program;
            }

            @Override
            public Access access(int pc) {
                return copy.get(pc);
            }
        };
    }

    /**
     * The verifier's facts as the JIT reads them, or null if {@code v} is null. They hold for the
     * entry state of the program type it was verified as, which every run checks
     * ({@link io.jxdp.vm.BoundFacts#checkEntry}).
     */
    static AccessFacts from(VerifiedProgram v) {
        if (v == null) {
            return null;
        }
        return new AccessFacts() {
            @Override
            public Program program() {
                return v.program();
            }

            @Override
            public Access access(int pc) {
                AccessFact a = v.accessAt(pc);
                RegionKind kind = a == null
                        ? null
                        : switch (a.region()) {
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
}
