package io.jxdp.vm.maps;

import io.jxdp.isa.MapDef;
import io.jxdp.isa.MapType;
import io.jxdp.vm.Cpu;
import io.jxdp.vm.Errno;
import io.jxdp.vm.memory.AddressSpace;
import io.jxdp.vm.memory.Region;

/**
 * {@code BPF_MAP_TYPE_LRU_HASH} and {@code BPF_MAP_TYPE_LRU_PERCPU_HASH} (kernel/bpf/hashtab.c,
 * bpf_lru_list.c): a hash map that evicts an old element instead of failing with -E2BIG; see
 * {@link LruList} for the order. Only programs' lookups count as use: the syscall's lookups do not
 * (htab_lru_map_lookup_elem_sys), so user space can walk the map without disturbing it.
 *
 * <p>The kernel's order of operations is kept, with its consequences: an LRU_HASH update takes a
 * fresh slot before looking at the key, so updating an existing key of a full map, or a failed
 * {@code BPF_NOEXIST} insert, still evicts the least recently used element; a replaced element's
 * successor inherits its reference bit. LRU_PERCPU_HASH takes a slot only when the flags are not
 * {@code BPF_EXIST} and updates existing values in place.
 */
public final class LruHashMap extends BpfMap {
    private static final int USER = -1;

    private final boolean perCpu;
    private final HashTab table;
    private final ValueStore values;
    private final LruList lru;

    LruHashMap(MapDef def, AddressSpace space, int nCpus, int maxEntries, int seed) {
        super(def, space, nCpus, maxEntries);
        this.perCpu = def.type() == MapType.LRU_PERCPU_HASH;
        this.table = new HashTab(def.keySize(), maxEntries, maxEntries, seed, false);
        this.values = new ValueStore(
                id(), this, def.valueSize(), maxEntries, nCpus, perCpu, (def.flags() & MapFlags.RDONLY_PROG) == 0);
        this.lru = new LruList(maxEntries);
    }

    @Override
    protected Region regionFor(int cpuId) {
        return values.region(cpuId);
    }

    /** The number of keys (racy while others write). */
    public int size() {
        return table.count();
    }

    /** htab_lru_map_lookup_elem: a hit marks the element used. */
    @Override
    public long bpfLookup(Cpu cpu, byte[] key, int at) {
        int slot = table.find(key, at, table.hash(key, at));
        if (slot < 0) {
            return 0;
        }
        lru.touch(slot);
        return values.address(id(), slot);
    }

    @Override
    public long bpfUpdate(Cpu cpu, byte[] key, int keyAt, byte[] value, int valueAt, long flags) {
        int c = perCpu ? cpuIndex(cpu) : 0;
        return perCpu
                ? updatePerCpu(key, keyAt, value, valueAt, flags, c)
                : update(key, keyAt, value, valueAt, flags, c);
    }

    @Override
    public long bpfDelete(Cpu cpu, byte[] key, int at) {
        return delete(key, at);
    }

    @Override
    protected byte[] userLookup(byte[] key) {
        int slot = table.find(key, 0, table.hash(key, 0));
        return slot < 0 ? null : values.readUser(slot);
    }

    @Override
    protected long userUpdate(byte[] key, byte[] value, long flags) {
        return perCpu ? updatePerCpu(key, 0, value, 0, flags, USER) : update(key, 0, value, 0, flags, USER);
    }

    @Override
    protected long userDelete(byte[] key) {
        return delete(key, 0);
    }

    @Override
    protected byte[] userNextKey(byte[] key) {
        int slot = table.nextSlot(key, 0);
        return slot < 0 ? null : table.keyOf(slot);
    }

    private static long checkFlags(int old, long flags) {
        if (old >= 0 && flags == MapFlags.NOEXIST) {
            return Errno.EEXIST.negative();
        }
        if (old < 0 && flags == MapFlags.EXIST) {
            return Errno.ENOENT.negative();
        }
        return 0;
    }

    /** htab_lru_map_update_elem. */
    private long update(byte[] key, int keyAt, byte[] value, int valueAt, long flags, int cpu) {
        if (Long.compareUnsigned(flags, MapFlags.EXIST) > 0) {
            return Errno.EINVAL.negative();
        }
        // the slot comes first: getting one may evict, which takes bucket locks
        int slot = lru.pop(table);
        if (slot < 0) {
            return Errno.ENOMEM.negative();
        }
        int hash = table.hash(key, keyAt);
        int bucket = table.bucket(hash);
        table.setKey(slot, key, keyAt, hash);
        if (cpu == USER) {
            values.writeUser(slot, value);
        } else {
            values.write(slot, cpu, value, valueAt);
        }
        int old;
        long result;
        synchronized (table.lock(bucket)) {
            old = table.findLocked(bucket, key, keyAt, hash);
            result = checkFlags(old, flags);
            if (result == 0) {
                table.linkHead(bucket, slot);
                if (old >= 0) {
                    lru.touch(slot);
                    table.unlink(bucket, old);
                }
            }
        }
        if (result != 0) {
            lru.release(slot);
        } else if (old >= 0) {
            lru.release(old);
        }
        return result;
    }

    /** __htab_lru_percpu_map_update_elem. */
    private long updatePerCpu(byte[] key, int keyAt, byte[] value, int valueAt, long flags, int cpu) {
        if (Long.compareUnsigned(flags, MapFlags.EXIST) > 0) {
            return Errno.EINVAL.negative();
        }
        int slot = -1;
        if (flags != MapFlags.EXIST) {
            slot = lru.pop(table);
            if (slot < 0) {
                return Errno.ENOMEM.negative();
            }
        }
        int hash = table.hash(key, keyAt);
        int bucket = table.bucket(hash);
        long result;
        synchronized (table.lock(bucket)) {
            int old = table.findLocked(bucket, key, keyAt, hash);
            result = checkFlags(old, flags);
            if (result == 0 && old >= 0) {
                lru.touch(old);
                if (cpu == USER) {
                    values.writeUser(old, value);
                } else {
                    values.write(old, cpu, value, valueAt);
                }
            } else if (result == 0) {
                table.setKey(slot, key, keyAt, hash);
                if (cpu == USER) {
                    values.writeUser(slot, value);
                } else {
                    values.init(slot, cpu, value, valueAt);
                }
                table.linkHead(bucket, slot);
                slot = -1;
            }
        }
        if (slot >= 0) {
            lru.release(slot);
        }
        return result;
    }

    /** htab_lru_map_delete_elem. */
    private long delete(byte[] key, int at) {
        int hash = table.hash(key, at);
        int bucket = table.bucket(hash);
        int slot;
        synchronized (table.lock(bucket)) {
            slot = table.findLocked(bucket, key, at, hash);
            if (slot < 0) {
                return Errno.ENOENT.negative();
            }
            table.unlink(bucket, slot);
        }
        lru.release(slot);
        return 0;
    }
}
