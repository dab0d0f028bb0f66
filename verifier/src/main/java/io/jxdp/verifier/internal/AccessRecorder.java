package io.jxdp.verifier.internal;

import io.jxdp.verifier.AccessFact;
import io.jxdp.verifier.Region;
import java.util.BitSet;
import java.util.Map;
import java.util.TreeMap;

/** Collects, per pc, which region each memory access reached on every path walked. */
public final class AccessRecorder {
    private final Map<Integer, Acc> byPc = new TreeMap<>();
    private final BitSet visited = new BitSet();
    private int[] visits = new int[64];
    /** Conditional jumps on two registers the walk reached, and those that once compared anything else. */
    private final BitSet compares = new BitSet();

    private final BitSet comparesOther = new BitSet();

    private static final class Acc {
        Region region;
        int mapIndex;
        long minOff;
        long maxOff;
        int size;
        boolean write;
    }

    public void visit(int pc) {
        visited.set(pc);
        if (pc >= visits.length) {
            visits = java.util.Arrays.copyOf(visits, Math.max(pc + 1, visits.length * 2));
        }
        visits[pc]++;
    }

    /** How many times the walk processed the instruction at pc. */
    public int visits(int pc) {
        return pc < visits.length ? visits[pc] : 0;
    }

    public BitSet visited() {
        return (BitSet) visited.clone();
    }

    /** One proven access at pc: bytes [minOff, maxOff) of the region. */
    public void record(int pc, Region region, int mapIndex, long minOff, long maxOff, int size, boolean write) {
        Acc a = byPc.get(pc);
        if (a == null) {
            a = new Acc();
            a.region = region;
            a.mapIndex = mapIndex;
            a.minOff = minOff;
            a.maxOff = maxOff;
            a.size = size;
            a.write = write;
            byPc.put(pc, a);
            return;
        }
        a.write |= write;
        if (a.region != region || a.mapIndex != mapIndex) {
            a.region = Region.MIXED;
            a.mapIndex = -1;
        }
        a.minOff = Math.min(a.minOff, minOff);
        a.maxOff = Math.max(a.maxOff, maxOff);
    }

    /**
     * One walk of the 64-bit conditional jump at pc on two registers: {@code sameRegion} if both are
     * pointers into the same engine region (see {@link #sameRegion}) with offsets near its base.
     */
    public void recordCompare(int pc, boolean sameRegion) {
        compares.set(pc);
        if (!sameRegion) {
            comparesOther.set(pc);
        }
    }

    /** The jumps that compared two pointers into the same region, near its base, on every path walked. */
    public BitSet sameRegionCompares() {
        BitSet b = (BitSet) compares.clone();
        b.andNot(comparesOther);
        return b;
    }

    /**
     * True if both registers are non-null pointers into one region of the engines' address space
     * (the stack, the conformance memory, or the packet: data, meta and end alike) whose offsets
     * from the region's base stay within 2^30 on every value the bounds allow. The engines' pointers
     * are {@code region << 32} plus a base below 2^12 plus that offset, so the two values then differ
     * only in their low 32 bits, which hold the offsets as signed ints: any 64-bit compare of them
     * equals the signed int compare of their low halves.
     */
    public static boolean sameRegion(Reg a, Reg b) {
        return regionOf(a) != 0 && regionOf(a) == regionOf(b) && nearBase(a) && nearBase(b);
    }

    private static int regionOf(Reg r) {
        if (r.maybeNull) {
            return 0;
        }
        return switch (r.type) {
            case PTR_TO_STACK -> 1;
            case PTR_TO_MEM -> 2;
            case PTR_TO_PACKET, PTR_TO_PACKET_META, PTR_TO_PACKET_END -> 3;
            default -> 0;
        };
    }

    private static final long NEAR = 1L << 30;

    private static boolean nearBase(Reg r) {
        // off is an int and check_reg_sane_offset keeps smin above -2^29; smax is what can run away
        return r.smin >= -NEAR && r.smax <= NEAR && r.off >= -NEAR && r.off <= NEAR;
    }

    /** The facts, one per accessing pc the walk reached (pruned paths were proven equivalent to walked ones). */
    public Map<Integer, AccessFact> facts() {
        Map<Integer, AccessFact> out = new TreeMap<>();
        byPc.forEach((pc, a) -> out.put(
                pc,
                new AccessFact(
                        pc,
                        a.region,
                        a.mapIndex,
                        true,
                        a.region == Region.MIXED ? 0 : a.minOff,
                        a.region == Region.MIXED ? 0 : a.maxOff,
                        a.size,
                        a.write)));
        return out;
    }
}
