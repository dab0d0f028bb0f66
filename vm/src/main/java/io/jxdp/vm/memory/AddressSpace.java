package io.jxdp.vm.memory;

import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * The regions every Cpu of one runtime shares: map values. Each registered source gets a region
 * id from {@link Addresses#FIRST_SHARED} up and answers, per Cpu, with the region that Cpu sees
 * at that id (the same one for ordinary maps, the Cpu's own copy for per-CPU maps). Cpus cache
 * what they resolved; registration is rare (map creation) and safe while programs run. A map
 * registers first and builds its regions with the id it got, before any program can hold a
 * pointer into them.
 */
public final class AddressSpace {
    private volatile Entry[] entries = new Entry[Addresses.FIRST_SHARED];
    private int next = Addresses.FIRST_SHARED;

    /** An empty address space: maps are added to it as they are created. */
    public AddressSpace() {}

    private record Entry(Object owner, IntFunction<Region> regionForCpu) {}

    /**
     * Registers a shared region source.
     *
     * @param owner the object behind the id (a map), for helpers that receive a handle
     * @param regionForCpu gives the region a Cpu with that id sees; called once per Cpu
     * @return the region id
     */
    public synchronized int register(Object owner, IntFunction<Region> regionForCpu) {
        int id = next++;
        Entry[] current = entries;
        Entry[] grown = id < current.length ? current.clone() : Arrays.copyOf(current, current.length * 2);
        grown[id] = new Entry(owner, regionForCpu);
        entries = grown;
        return id;
    }

    /** The region the Cpu {@code cpuId} sees at {@code id}, or null. */
    public Region resolve(int id, int cpuId) {
        Entry[] current = entries;
        if (id < Addresses.FIRST_SHARED || id >= current.length || current[id] == null) {
            return null;
        }
        return current[id].regionForCpu().apply(cpuId);
    }

    /** The owner registered at {@code id} (a map), or null. */
    public Object owner(int id) {
        Entry[] current = entries;
        return id >= Addresses.FIRST_SHARED && id < current.length && current[id] != null ? current[id].owner() : null;
    }
}
