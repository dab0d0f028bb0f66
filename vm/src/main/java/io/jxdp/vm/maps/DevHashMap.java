package io.jxdp.vm.maps;

import io.jxdp.isa.MapDef;
import io.jxdp.vm.Cpu;
import io.jxdp.vm.Errno;
import io.jxdp.vm.memory.AddressSpace;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * {@code BPF_MAP_TYPE_DEVMAP_HASH}: redirect targets under arbitrary u32 keys, at most max_entries
 * of them (kernel/bpf/devmap.c). Keys hash to themselves ({@code idx & (n_buckets - 1)}), so
 * iteration order is the kernel's. Updates are serialized by one lock, as the kernel's index_lock.
 */
public final class DevHashMap extends DeviceMap {
    private final HashTab table;
    /** The entry in each slot; a reader checks its key, since slots are reused. */
    private final AtomicReferenceArray<DevMapEntry> slotEntries;

    private final SlotStack free;
    private int items;

    DevHashMap(MapDef def, AddressSpace space, int nCpus) {
        // one spare slot: a replacement links the new entry before it unlinks the old
        super(def, space, nCpus, def.maxEntries() + 1);
        int slots = def.maxEntries() + 1;
        this.table = new HashTab(4, slots, def.maxEntries(), 0, true);
        this.slotEntries = new AtomicReferenceArray<>(slots);
        this.free = new SlotStack(slots, 0, slots);
    }

    private int slotOf(byte[] key, int at) {
        return table.find(key, at, table.hash(key, at));
    }

    @Override
    public DevMapEntry entry(int key) {
        int slot = table.findU32(key, key);
        return slot < 0 ? null : checked(slot, key);
    }

    private DevMapEntry checked(int slot, int key) {
        DevMapEntry e = slotEntries.get(slot);
        return e != null && e.key() == key ? e : null;
    }

    @Override
    public long bpfLookup(Cpu cpu, byte[] key, int at) {
        int slot = slotOf(key, at);
        return slot >= 0 && checked(slot, Keys.u32(key, at)) != null ? values.address(id(), slot) : 0;
    }

    @Override
    protected byte[] userLookup(byte[] key) {
        DevMapEntry e = entry(Keys.u32(key, 0));
        return e == null ? null : userValue(e);
    }

    /**
     * __dev_map_hash_update_elem, in its order of checks. Note the kernel's quirk: BPF_EXIST does
     * not require the key to exist here.
     */
    @Override
    protected long userUpdate(byte[] key, byte[] value, long flags) {
        int k = Keys.u32(key, 0);
        int ifindex = Keys.u32(value, 0);
        int prog = progOf(value);
        if (Long.compareUnsigned(flags, MapFlags.EXIST) > 0 || ifindex == 0) {
            return Errno.EINVAL.negative();
        }
        int bucket = table.bucket(k);
        synchronized (updateLock) {
            int old = table.findLocked(bucket, key, 0, k);
            if (old >= 0 && (flags & MapFlags.NOEXIST) != 0) {
                return Errno.EEXIST.negative();
            }
            long bad = checkTarget(ifindex, prog);
            if (bad != 0) {
                return bad;
            }
            if (old < 0 && items >= maxEntries()) {
                return Errno.E2BIG.negative();
            }
            DevMapEntry fresh = new DevMapEntry(k, ifindex, Math.max(prog, 0));
            int slot = free.pop();
            table.setKey(slot, key, 0, k);
            publishValue(slot, fresh);
            slotEntries.set(slot, fresh);
            table.linkHead(bucket, slot);
            DevMapEntry replaced = null;
            if (old >= 0) {
                replaced = slotEntries.get(old);
                table.unlink(bucket, old);
                free.push(old);
            } else {
                items++;
            }
            changed(fresh, replaced);
            return 0;
        }
    }

    /** dev_map_hash_delete_elem: -ENOENT for a missing key. */
    @Override
    protected long userDelete(byte[] key) {
        int k = Keys.u32(key, 0);
        int bucket = table.bucket(k);
        synchronized (updateLock) {
            int slot = table.findLocked(bucket, key, 0, k);
            if (slot < 0) {
                return Errno.ENOENT.negative();
            }
            DevMapEntry removed = slotEntries.get(slot);
            table.unlink(bucket, slot);
            free.push(slot);
            items--;
            changed(null, removed);
            return 0;
        }
    }

    @Override
    protected byte[] userNextKey(byte[] key) {
        int slot = table.nextSlot(key, 0);
        return slot < 0 ? null : table.keyOf(slot);
    }
}
