package io.jxdp.xdp;

import io.jxdp.vm.maps.CpuMap;
import io.jxdp.vm.maps.CpuMapEntry;
import io.jxdp.vm.maps.CpuMapListener;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The runtime side of one CPUMAP: a {@link CpumapEntry} (ring, bulk queues, consumer) attached to
 * every entry of the map, made when the entry appears and retired when an update replaces it or a
 * delete removes it, as {@code __cpu_map_entry_replace} does. Changes may come from any thread
 * while traffic flows (the CLI, a controller); the map tells us through its listener.
 */
final class CpumapTable implements CpuMapListener {
    private final CpuMap map;
    private final List<CpumapEntry> all = new ArrayList<>();
    private final Supplier<long[]> pollClock;
    private final EntryFactory factory;
    private final EntryStarter starter;

    /** Makes the runtime state for a map entry. */
    interface EntryFactory {
        CpumapEntry create(int key, int qsize, int progId);
    }

    /** Starts a new entry's consumer (a thread in threaded mode; nothing in deterministic mode). */
    interface EntryStarter {
        void start(CpumapEntry entry);
    }

    CpumapTable(CpuMap map, Supplier<long[]> pollClock, EntryFactory factory, EntryStarter starter) {
        this.map = map;
        this.pollClock = pollClock;
        this.factory = factory;
        this.starter = starter;
        map.setListener(this);
        for (int key = 0; key < map.maxEntries(); key++) {
            CpuMapEntry e = map.entry(key);
            if (e != null) {
                attach(e);
            }
        }
    }

    CpuMap map() {
        return map;
    }

    /**
     * The runtime state of a map entry, made now if the listener has not run yet (a program can
     * see a new entry a moment before the map tells us about it).
     */
    synchronized CpumapEntry attach(CpuMapEntry e) {
        Object a = e.attachment();
        if (a != null) {
            return (CpumapEntry) a;
        }
        CpumapEntry fresh = factory.create(e.key(), e.qsize(), e.progId());
        e.attach(fresh);
        all.add(fresh);
        starter.start(fresh);
        return fresh;
    }

    @Override
    public void entryUpdated(CpuMapEntry entry, CpuMapEntry replaced) {
        attach(entry);
        retire(replaced);
    }

    @Override
    public void entryDeleted(CpuMapEntry removed) {
        retire(removed);
    }

    private void retire(CpuMapEntry old) {
        if (old != null) {
            attach(old).retire(pollClock.get());
        }
    }

    /** Every entry ever made, in creation order (for statistics and deterministic stepping). */
    synchronized List<CpumapEntry> entries() {
        return new ArrayList<>(all);
    }
}
