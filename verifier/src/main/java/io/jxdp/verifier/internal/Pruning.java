package io.jxdp.verifier.internal;

import io.jxdp.verifier.ErrorCode;
import java.util.ArrayList;
import java.util.List;

/**
 * State pruning (is_state_visited, states_equal, regsafe, stacksafe): at a prune point, a state
 * that is within one already proven safe needs no further walk; one exactly equal to a checkpoint
 * on its own path is an infinite loop. Scalars are compared as if all were precise (jxdp does not
 * track precision), which prunes less than the kernel but never more.
 */
final class Pruning {
    private enum Exact {
        NOT_EXACT,
        EXACT
    }

    private final Checker env;
    private final List<List<StoredState>> explored;
    int totalStates;
    int peakStates;
    int maxStatesPerInsn;
    private int curStates;
    /** struct bpf_idmap. */
    private final int[] idOld = new int[64];

    private final int[] idCur = new int[64];
    private int idCount;
    private int tmpIdGen;

    Pruning(Checker env) {
        this.env = env;
        this.explored = new ArrayList<>(env.program.slotCount());
        for (int i = 0; i < env.program.slotCount(); i++) {
            explored.add(null);
        }
    }

    /** push_stack: the fork also descends from the current checkpoint. */
    void pushed(VState copy) {
        if (copy.parent != null) {
            copy.parent.branches++;
        }
    }

    /** update_branch_counts: a path ended (exit or pruned). */
    void pathDone(VState st) {
        StoredState s = st.parent;
        while (s != null) {
            s.branches--;
            if (s.branches > 0) {
                break;
            }
            s = s.parent;
        }
    }

    /** True if the current state is covered by a stored one; may store the current state. */
    boolean isStateVisited(int insnIdx) {
        VState cur = env.cur;
        boolean addNew =
                env.jmpsProcessed - env.prevJmpsProcessed >= 2 && env.insnProcessed - env.prevInsnProcessed >= 8;
        List<StoredState> list = explored.get(insnIdx);
        int n = 0;
        if (list != null) {
            for (java.util.Iterator<StoredState> it = list.iterator(); it.hasNext(); ) {
                StoredState sl = it.next();
                n++;
                if (sl.branches > 0) {
                    if (maybeLooping(sl.state, cur) && statesEqual(sl.state, cur, insnIdx, Exact.EXACT)) {
                        StringBuilder sb =
                                new StringBuilder("infinite loop detected at insn " + insnIdx + "\ncur state:");
                        sb.append(StatePrinter.frame(cur.cur(), true, -1, -1L, env.maps));
                        sb.append("old state:")
                                .append(StatePrinter.frame(sl.state.frames[cur.curFrame], true, -1, -1L, env.maps));
                        throw new Rejection(
                                ErrorCode.INFINITE_LOOP, sb.toString().stripTrailing());
                    }
                    if (env.jmpsProcessed - env.prevJmpsProcessed < 20
                            && env.insnProcessed - env.prevInsnProcessed < 100) {
                        addNew = false;
                    }
                } else if (statesEqual(sl.state, cur, insnIdx, Exact.NOT_EXACT)) {
                    sl.hits++;
                    return true;
                }
                if (addNew) {
                    // a miss counts only when a new state is going to be added (several iterations
                    // of a loop would otherwise evict the states recorded earlier)
                    sl.misses++;
                }
                // the kernel's eviction heuristic: a state that keeps missing is unlikely to help
                if (sl.misses > sl.hits * 3 + 3) {
                    // evicted states stay alive while paths below them run: peak_states still counts them
                    it.remove();
                }
            }
        }
        maxStatesPerInsn = Math.max(maxStatesPerInsn, n);
        if (!addNew) {
            return false;
        }
        totalStates++;
        curStates++;
        peakStates = Math.max(peakStates, curStates);
        env.prevJmpsProcessed = env.jmpsProcessed;
        env.prevInsnProcessed = env.insnProcessed;
        VState copy = cur.copy();
        StoredState stored = new StoredState(copy, cur.parent);
        cur.parent = stored;
        if (list == null) {
            list = new ArrayList<>(2);
            explored.set(insnIdx, list);
        }
        list.add(0, stored);
        return false;
    }

    /** states_maybe_looping: the innermost frames' registers are bit-for-bit equal. */
    private static boolean maybeLooping(VState old, VState cur) {
        if (old.curFrame != cur.curFrame) {
            return false;
        }
        Reg[] a = old.frames[cur.curFrame].regs;
        Reg[] b = cur.frames[cur.curFrame].regs;
        for (int i = 0; i < a.length; i++) {
            if (!a[i].sameValue(b[i]) || a[i].id != b[i].id) {
                return false;
            }
        }
        return true;
    }

    private boolean statesEqual(VState old, VState cur, int insnIdx, Exact exact) {
        if (old.curFrame != cur.curFrame) {
            return false;
        }
        idCount = 0;
        tmpIdGen = env.idGen;
        for (int i = 0; i <= old.curFrame; i++) {
            if (old.frames[i].callsite != cur.frames[i].callsite) {
                return false;
            }
            int pc = i == old.curFrame ? insnIdx : cur.frames[i + 1].callsite;
            if (!funcStatesEqual(
                    old.frames[i],
                    cur.frames[i],
                    env.cfg.liveBefore[pc],
                    env.cfg.needsPrecision[pc],
                    env.cfg.liveSlots[pc],
                    env.cfg.slotsNeedingPrecision[pc],
                    exact)) {
                return false;
            }
        }
        return true;
    }

    private boolean funcStatesEqual(
            FuncState old, FuncState cur, int live, int precise, long liveSlots, long preciseSlots, Exact exact) {
        for (int i = 0; i < 11; i++) {
            if ((live & (1 << i)) == 0) {
                continue;
            }
            Reg o = old.regs[i];
            if (exact == Exact.NOT_EXACT
                    && (precise & (1 << i)) == 0
                    && o.type == RegType.SCALAR
                    && cur.regs[i].type == RegType.SCALAR) {
                continue; // an imprecise scalar: its value reaches no check
            }
            if (!regsafe(o, cur.regs[i], exact)) {
                return false;
            }
        }
        return stacksafe(old, cur, liveSlots, preciseSlots, exact);
    }

    private boolean checkIds(int oldId, int curId) {
        if ((oldId == 0) != (curId == 0)) {
            return false;
        }
        if (oldId == 0) {
            return true;
        }
        for (int i = 0; i < idCount; i++) {
            if (idOld[i] == oldId) {
                return idCur[i] == curId;
            }
            if (idCur[i] == curId) {
                return false;
            }
        }
        if (idCount == idOld.length) {
            return false;
        }
        idOld[idCount] = oldId;
        idCur[idCount] = curId;
        idCount++;
        return true;
    }

    private boolean checkScalarIds(int oldId, int curId) {
        return checkIds(oldId != 0 ? oldId : ++tmpIdGen, curId != 0 ? curId : ++tmpIdGen);
    }

    private static boolean rangeWithin(Reg old, Reg cur) {
        return Long.compareUnsigned(old.umin, cur.umin) <= 0
                && Long.compareUnsigned(old.umax, cur.umax) >= 0
                && old.smin <= cur.smin
                && old.smax >= cur.smax
                && Integer.compareUnsigned(old.u32min, cur.u32min) <= 0
                && Integer.compareUnsigned(old.u32max, cur.u32max) >= 0
                && old.s32min <= cur.s32min
                && old.s32max >= cur.s32max;
    }

    private boolean regsExact(Reg old, Reg cur) {
        return old.sameValue(cur) && checkIds(old.id, cur.id);
    }

    private boolean regsafe(Reg old, Reg cur, Exact exact) {
        if (exact == Exact.EXACT) {
            return regsExact(old, cur);
        }
        if (old.type == RegType.NOT_INIT) {
            return true;
        }
        if (old.type != cur.type || old.maybeNull != cur.maybeNull) {
            return false;
        }
        switch (old.type) {
            case SCALAR -> {
                if (old.id == 0) {
                    // an independent old register: links in the current state only add constraints
                    return rangeWithin(old, cur) && old.varOff.contains(cur.varOff);
                }
                if ((old.id & Scalars.ADD_CONST) != (cur.id & Scalars.ADD_CONST)) {
                    return false;
                }
                if ((old.id & Scalars.ADD_CONST) != 0 && old.off != cur.off) {
                    return false;
                }
                return checkScalarIds(old.id, cur.id) && rangeWithin(old, cur) && old.varOff.contains(cur.varOff);
            }
            case PTR_TO_MAP_VALUE, PTR_TO_MEM -> {
                return old.off == cur.off
                        && old.mapIndex == cur.mapIndex
                        && old.memSize == cur.memSize
                        && rangeWithin(old, cur)
                        && old.varOff.contains(cur.varOff)
                        && checkIds(old.id, cur.id);
            }
            case PTR_TO_PACKET, PTR_TO_PACKET_META -> {
                if (old.range > cur.range || old.off != cur.off) {
                    return false;
                }
                return checkIds(old.id, cur.id) && rangeWithin(old, cur) && old.varOff.contains(cur.varOff);
            }
            default -> {
                return regsExact(old, cur);
            }
        }
    }

    /** scalar_reg_for_stack: a 64-bit scalar spill, or an unknown scalar for all-misc bytes, else null. */
    private Reg scalarRegForStack(FuncState f, int spi) {
        boolean allSpill = true;
        boolean allMisc = true;
        for (int j = 0; j < 8; j++) {
            byte t = f.kslot(spi, j);
            allSpill &= t == FuncState.STACK_SPILL;
            allMisc &= t == FuncState.STACK_MISC || (t == FuncState.STACK_INVALID && env.allowUninitStack());
        }
        if (allSpill && f.spilled[spi] != null && f.spilled[spi].type == RegType.SCALAR) {
            return f.spilled[spi];
        }
        if (allMisc) {
            Reg r = new Reg();
            r.markUnknown();
            return r;
        }
        return null;
    }

    private boolean stacksafe(FuncState old, FuncState cur, long liveSlots, long preciseSlots, Exact exact) {
        for (int i = 0; i < old.allocatedStack; i++) {
            int spi = i / 8;
            int j = i % 8;
            byte oldT = old.kslot(spi, j);
            byte curT = i < cur.allocatedStack ? cur.kslot(spi, j) : FuncState.STACK_INVALID;
            if (exact == Exact.EXACT) {
                if (i >= cur.allocatedStack || oldT != curT) {
                    return false;
                }
                if (j == 7 && oldT == FuncState.STACK_SPILL && !regsExact(old.spilled[spi], cur.spilled[spi])) {
                    return false;
                }
                continue;
            }
            if ((liveSlots & (1L << spi)) == 0) {
                i += 7 - j; // a dead slot: nothing reads it before it is written again
                continue;
            }
            if (oldT == FuncState.STACK_INVALID) {
                continue;
            }
            if (env.allowUninitStack() && oldT == FuncState.STACK_MISC) {
                continue;
            }
            if (i >= cur.allocatedStack) {
                return false;
            }
            Reg oldReg = scalarRegForStack(old, spi);
            Reg curReg = scalarRegForStack(cur, spi);
            if (oldReg != null && curReg != null) {
                boolean imprecise = (preciseSlots & (1L << spi)) == 0;
                if (!imprecise && !regsafe(oldReg, curReg, exact)) {
                    return false;
                }
                i += 7 - j;
                continue;
            }
            if (oldT == FuncState.STACK_MISC && curT == FuncState.STACK_ZERO) {
                continue;
            }
            if (oldT != curT) {
                return false;
            }
            if (j != 7) {
                continue;
            }
            if (oldT == FuncState.STACK_SPILL) {
                if (old.spilled[spi] == null
                        || cur.spilled[spi] == null
                        || !regsafe(old.spilled[spi], cur.spilled[spi], exact)) {
                    return false;
                }
            }
        }
        return true;
    }
}
