package io.jxdp.vm.maps;

import io.jxdp.isa.MapDef;
import io.jxdp.vm.Cpu;
import io.jxdp.vm.Errno;
import io.jxdp.vm.memory.AddressSpace;
import java.util.concurrent.atomic.AtomicReferenceArray;

/** {@code BPF_MAP_TYPE_DEVMAP}: an array of redirect targets indexed by key (kernel/bpf/devmap.c). */
public final class DevMap extends DeviceMap {
    private final AtomicReferenceArray<DevMapEntry> entries;

    DevMap(MapDef def, AddressSpace space, int nCpus) {
        super(def, space, nCpus, def.maxEntries());
        this.entries = new AtomicReferenceArray<>(def.maxEntries());
    }

    @Override
    public DevMapEntry entry(int key) {
        return Keys.below(key, maxEntries()) ? entries.get(key) : null;
    }

    /** dev_map_lookup_elem: the address of the entry's value, read-only, or 0. */
    @Override
    public long bpfLookup(Cpu cpu, byte[] key, int at) {
        int k = Keys.u32(key, at);
        return entry(k) != null ? values.address(id(), k) : 0;
    }

    @Override
    protected byte[] userLookup(byte[] key) {
        DevMapEntry e = entry(Keys.u32(key, 0));
        return e == null ? null : userValue(e);
    }

    /** __dev_map_update_elem, in its order of checks; ifindex 0 empties the slot. */
    @Override
    protected long userUpdate(byte[] key, byte[] value, long flags) {
        int k = Keys.u32(key, 0);
        if (Long.compareUnsigned(flags, MapFlags.EXIST) > 0) {
            return Errno.EINVAL.negative();
        }
        if (!Keys.below(k, maxEntries())) {
            return Errno.E2BIG.negative();
        }
        if (flags == MapFlags.NOEXIST) {
            return Errno.EEXIST.negative();
        }
        int ifindex = Keys.u32(value, 0);
        int prog = progOf(value);
        DevMapEntry fresh = null;
        if (ifindex == 0) {
            if (prog > 0) {
                return Errno.EINVAL.negative(); // a program without a device
            }
        } else {
            long bad = checkTarget(ifindex, prog);
            if (bad != 0) {
                return bad;
            }
            fresh = new DevMapEntry(k, ifindex, Math.max(prog, 0));
        }
        synchronized (updateLock) {
            if (fresh != null) {
                publishValue(k, fresh);
            }
            DevMapEntry old = entries.getAndSet(k, fresh);
            changed(fresh, old);
        }
        return 0;
    }

    /** dev_map_delete_elem: -EINVAL out of range, 0 for an empty slot. */
    @Override
    protected long userDelete(byte[] key) {
        int k = Keys.u32(key, 0);
        if (!Keys.below(k, maxEntries())) {
            return Errno.EINVAL.negative();
        }
        synchronized (updateLock) {
            changed(null, entries.getAndSet(k, null));
        }
        return 0;
    }

    @Override
    protected byte[] userNextKey(byte[] key) {
        return Keys.nextIndex(key, maxEntries());
    }
}
