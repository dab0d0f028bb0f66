package io.jxdp.vm.maps;

import io.jxdp.isa.MapDef;
import io.jxdp.vm.Errno;
import io.jxdp.vm.memory.AddressSpace;
import io.jxdp.vm.memory.Region;
import java.util.function.IntPredicate;

/**
 * What DEVMAP and DEVMAP_HASH share (kernel/bpf/devmap.c). Values are {@code u32 ifindex} or
 * {@code struct bpf_devmap_val {u32 ifindex; u32 prog fd/id}}. Programs may look entries up (they
 * read the value, read-only: the kernel sets {@code BPF_F_RDONLY_PROG} on devmaps) and redirect to
 * them; only user space updates them. Targets are emulated devices: {@link #setDeviceCheck} says
 * which ifindexes exist and {@link #setProgramCheck} which program ids are devmap programs (both
 * default to accepting any); an update naming another fails with -EINVAL, as in the kernel.
 */
public abstract class DeviceMap extends BpfMap {
    /** Each value's room in the region: {@code struct bpf_devmap_val}. */
    static final int STRIDE = 8;

    final ValueStore values;
    final Object updateLock = new Object();
    private volatile DevMapListener listener;
    private volatile IntPredicate deviceCheck = ifindex -> true;
    private volatile IntPredicate programCheck = id -> true;

    DeviceMap(MapDef def, AddressSpace space, int nCpus, int slots) {
        super(def, space, nCpus, def.maxEntries());
        this.values = new ValueStore(id(), this, STRIDE, slots, nCpus, false, false);
    }

    @Override
    protected Region regionFor(int cpuId) {
        return values.region(cpuId);
    }

    /** The entry for {@code key}, or null: what {@code bpf_redirect_map} finds. */
    public abstract DevMapEntry entry(int key);

    public void setListener(DevMapListener newListener) {
        synchronized (updateLock) {
            this.listener = newListener;
        }
    }

    /** Which ifindexes name devices (default: any but 0). */
    public void setDeviceCheck(IntPredicate deviceExists) {
        this.deviceCheck = deviceExists;
    }

    /** Which program ids may run on a devmap entry (default: any). */
    public void setProgramCheck(IntPredicate isDevmapProgram) {
        this.programCheck = isDevmapProgram;
    }

    /** __dev_map_alloc_node's failures: a missing device or a bad program give -EINVAL. */
    long checkTarget(int ifindex, int prog) {
        if (!deviceCheck.test(ifindex) || (prog > 0 && !programCheck.test(prog))) {
            return Errno.EINVAL.negative();
        }
        return 0;
    }

    /** The value's program word, 0 when the value has none. */
    int progOf(byte[] value) {
        return valueSize() == 8 ? Keys.u32(value, 4) : 0;
    }

    /** Writes the value programs read for {@code slot}: ifindex, and the program id for 8-byte values. */
    void publishValue(int slot, DevMapEntry e) {
        byte[] bytes = values.bytes(0);
        Keys.LE64.setRelease(bytes, slot * STRIDE, (e.progId() & 0xffff_ffffL) << 32 | (e.ifindex() & 0xffff_ffffL));
    }

    byte[] userValue(DevMapEntry e) {
        byte[] value = new byte[valueSize()];
        Keys.LE32.set(value, 0, e.ifindex());
        if (valueSize() == 8) {
            Keys.LE32.set(value, 4, e.progId());
        }
        return value;
    }

    /** Tells the listener; call holding {@link #updateLock}, after the change is visible. */
    void changed(DevMapEntry fresh, DevMapEntry old) {
        DevMapListener l = listener;
        if (l == null) {
            return;
        }
        if (fresh != null) {
            l.entryUpdated(fresh, old);
        } else if (old != null) {
            l.entryDeleted(old);
        }
    }
}
