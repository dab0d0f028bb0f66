package io.jxdp.vm.xdp;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;

/**
 * The runtime side of a cpumap: the live entry per key, the retired entries still draining, and
 * the counters of every entry that ever existed per key (so replacing an entry loses no count).
 * Updates and deletes replace entries as {@code __cpu_map_entry_replace} does; they may come from
 * any thread while traffic flows.
 */
final class CpumapTable {
    private final AtomicReferenceArray<CpumapEntry> live;
    private final List<CpumapEntry> all = new ArrayList<>();
    private final IntFunction<long[]> pollClock;
    private final EntryFactory factory;
    private final EntryStarter starter;

    /** Makes an entry for a key. */
    interface EntryFactory {
        CpumapEntry create(int key, int qsize, int progId);
    }

    /** Starts a new entry's consumer (a thread in threaded mode; nothing in deterministic mode). */
    interface EntryStarter {
        void start(CpumapEntry entry);
    }

    CpumapTable(int maxEntries, IntFunction<long[]> pollClock, EntryFactory factory, EntryStarter starter) {
        this.live = new AtomicReferenceArray<>(maxEntries);
        this.pollClock = pollClock;
        this.factory = factory;
        this.starter = starter;
    }

    int maxEntries() {
        return live.length();
    }

    /** The live entry for {@code key}, or null. */
    CpumapEntry entry(int key) {
        return key >= 0 && key < live.length() ? live.get(key) : null;
    }

    /** {@code cpu_map_update_elem}: a new entry replaces the old one, which retires and drains. */
    synchronized CpumapEntry update(int key, int qsize, int progId) {
        CpumapEntry fresh = factory.create(key, qsize, progId);
        all.add(fresh);
        starter.start(fresh);
        retire(live.getAndSet(key, fresh));
        return fresh;
    }

    /** {@code cpu_map_delete_elem}: the entry retires and drains. */
    synchronized void delete(int key) {
        retire(live.getAndSet(key, null));
    }

    private void retire(CpumapEntry old) {
        if (old != null) {
            old.retire(pollClock.apply(0));
        }
    }

    /** Every entry ever made, in creation order (for statistics and deterministic stepping). */
    synchronized List<CpumapEntry> entries() {
        return new ArrayList<>(all);
    }
}
