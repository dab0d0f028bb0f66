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

    /** The facts, one per accessing pc the walk reached (pruned paths were proven equivalent to walked ones). */
    public Map<Integer, AccessFact> facts() {
        Map<Integer, AccessFact> out = new TreeMap<>();
        byPc.forEach((pc, a) -> out.put(pc, new AccessFact(pc, a.region, a.mapIndex, true,
                a.region == Region.MIXED ? 0 : a.minOff, a.region == Region.MIXED ? 0 : a.maxOff, a.size, a.write)));
        return out;
    }
}
