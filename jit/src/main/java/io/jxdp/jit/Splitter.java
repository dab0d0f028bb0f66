package io.jxdp.jit;

import io.jxdp.isa.Instruction;
import io.jxdp.isa.Program;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Decides which methods a function becomes. A function whose estimated bytecode fits one method
 * becomes one; a larger one is cut into chunks of contiguous pcs, preferably at basic-block
 * boundaries, that pass the registers to each other through a {@code long[]} (see
 * {@link SlotLayout}) under a dispatcher that keeps the function's own method name.
 */
final class Splitter {
    /** Functions estimated at most this large stay one method. */
    static final int WHOLE_FUNCTION_LIMIT = 7000;

    private Splitter() {}

    /**
     *Returns one unit for a whole function, else the chunks in pc order.
     * @param chunkTarget the estimated size to aim each chunk at, or 0 to keep the function whole
     *     if it fits {@link #WHOLE_FUNCTION_LIMIT}
     *
     */
    static List<MethodUnit> plan(Program program, int entry, int end, int chunkTarget) {
        int total = CodeSize.METHOD_OVERHEAD;
        for (int pc = entry; pc < end; pc += program.at(pc).width()) {
            total += CodeSize.estimate(program.at(pc));
        }
        if (chunkTarget == 0 && total <= WHOLE_FUNCTION_LIMIT) {
            return List.of(new MethodUnit(entry, entry, end, -1, new int[0]));
        }
        int target = chunkTarget == 0 ? CodeSize.CHUNK_TARGET : chunkTarget;
        boolean[] leader = leaders(program, entry, end);
        List<Integer> starts = new ArrayList<>();
        starts.add(entry);
        int size = CodeSize.METHOD_OVERHEAD;
        for (int pc = entry; pc < end; pc += program.at(pc).width()) {
            boolean full = (size >= target && leader[pc - entry]) || size >= 2 * target;
            if (full && pc != starts.get(starts.size() - 1)) {
                starts.add(pc);
                size = CodeSize.METHOD_OVERHEAD;
            }
            size += CodeSize.estimate(program.at(pc));
        }
        List<TreeSet<Integer>> entries = new ArrayList<>();
        for (int s : starts) {
            TreeSet<Integer> e = new TreeSet<>();
            e.add(s);
            entries.add(e);
        }
        for (int pc = entry; pc < end; pc += program.at(pc).width()) {
            Instruction insn = program.at(pc);
            if (insn.op().isBranch()) {
                int t = insn.target(pc);
                int from = chunkOf(starts, pc);
                int to = chunkOf(starts, t);
                if (from != to) {
                    entries.get(to).add(t);
                }
            }
        }
        List<MethodUnit> units = new ArrayList<>();
        for (int k = 0; k < starts.size(); k++) {
            int chunkEnd = k + 1 < starts.size() ? starts.get(k + 1) : end;
            int[] e = entries.get(k).stream().mapToInt(Integer::intValue).toArray();
            units.add(new MethodUnit(entry, starts.get(k), chunkEnd, k, e));
        }
        return units;
    }

    /** The index of the chunk holding pc, given the chunks' starts in order. */
    static int chunkOf(List<Integer> starts, int pc) {
        int lo = 0;
        int hi = starts.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (starts.get(mid) <= pc) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** Block leaders: jump targets and instructions after a jump or an exit. */
    private static boolean[] leaders(Program program, int entry, int end) {
        boolean[] leader = new boolean[end - entry];
        for (int pc = entry; pc < end; pc += program.at(pc).width()) {
            Instruction insn = program.at(pc);
            if (insn.op().isBranch() || insn.endsBlock()) {
                int next = pc + insn.width();
                if (next < end) {
                    leader[next - entry] = true;
                }
                int t = insn.target(pc);
                if (insn.op().isBranch() && t >= entry && t < end) {
                    leader[t - entry] = true;
                }
            }
        }
        return leader;
    }
}
