package io.jxdp.vm.maps;

import io.jxdp.isa.MapDef;
import io.jxdp.vm.memory.AddressSpace;
import io.jxdp.vm.memory.Addresses;

/**
 * A map as the engines see it: registered in an {@link AddressSpace}, whose region id gives both
 * its handle (what an {@code lddw} of the map loads, {@code 5 << 32 | id}) and the region its
 * values live in. Map types extend this with their storage and operations.
 */
public abstract class BpfMap {
    private final MapDef def;
    private final int id;

    protected BpfMap(MapDef def, AddressSpace space) {
        this.def = def;
        this.id = space.register(this, this::regionFor);
    }

    public MapDef def() {
        return def;
    }

    /** The region id of the map's values, also its id in handles. */
    public int id() {
        return id;
    }

    /** What an {@code lddw} of this map loads; helpers turn it back into the map. */
    public long handle() {
        return Addresses.address(Addresses.MAP_HANDLE, id);
    }

    /**
     * The address an {@code lddw} of {@code BPF_PSEUDO_MAP_VALUE} at {@code offset} loads (global
     * data), or -1 if this map type has no direct value access (as in the kernel, only arrays do).
     */
    public long directValueAddress(int offset) {
        return -1;
    }

    /** The region Cpu {@code cpuId} sees at this map's id. */
    protected abstract io.jxdp.vm.memory.Region regionFor(int cpuId);
}
