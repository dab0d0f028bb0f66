package io.jxdp.vm.maps;

import io.jxdp.isa.MapDef;
import io.jxdp.isa.MapType;
import io.jxdp.vm.Cpu;
import io.jxdp.vm.Errno;
import io.jxdp.vm.memory.AddressSpace;
import io.jxdp.vm.memory.Region;

/**
 * {@code BPF_MAP_TYPE_HASH} and {@code BPF_MAP_TYPE_PERCPU_HASH} with preallocated elements
 * (kernel/bpf/hashtab.c). An insert takes a slot from the free list, -E2BIG when none is left; a
 * delete returns the slot to it at once.
 *
 * <p>As in the kernel, updating an existing key of a HASH map does not write over the old value:
 * the new value goes into a spare slot (the kernel's per-CPU {@code extra_elems}) linked at the
 * head of the bucket, and the old slot becomes the spare. A program that looked the key up before
 * keeps reading the old value. Per-CPU values are updated in place, as the kernel does.
 */
public final class BpfHashMap extends BpfMap {
    /** The cpu argument of {@link #update} for a write from user space. */
    private static final int USER = -1;

    private final boolean perCpu;
    private final HashTab table;
    private final ValueStore values;
    /** Slots for new keys: max_entries of them. Guarded by itself. */
    private final SlotStack free;
    /** Spare slots for replacing an existing key's element. Guarded by {@link #free}. */
    private final SlotStack extras;

    BpfHashMap(MapDef def, AddressSpace space, int nCpus, int seed) {
        super(def, space, nCpus, def.maxEntries());
        this.perCpu = def.type() == MapType.PERCPU_HASH;
        int max = def.maxEntries();
        int spare = perCpu ? 0 : nCpus + 1;
        int slots = max + spare;
        this.table = new HashTab(def.keySize(), slots, max, seed, false);
        this.values = new ValueStore(
                id(), this, def.valueSize(), slots, nCpus, perCpu, (def.flags() & MapFlags.RDONLY_PROG) == 0);
        this.free = new SlotStack(slots, 0, max);
        this.extras = new SlotStack(slots, max, spare);
    }

    @Override
    protected Region regionFor(int cpuId) {
        return values.region(cpuId);
    }

    /** The number of keys (racy while others write). */
    public int size() {
        return table.count();
    }

    @Override
    public long bpfLookup(Cpu cpu, byte[] key, int at) {
        int slot = table.find(key, at, table.hash(key, at));
        return slot < 0 ? 0 : values.address(id(), slot);
    }

    @Override
    public long bpfUpdate(Cpu cpu, byte[] key, int keyAt, byte[] value, int valueAt, long flags) {
        return update(key, keyAt, value, valueAt, flags, perCpu ? cpuIndex(cpu) : 0);
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
        return update(key, 0, value, 0, flags, USER);
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

    /**
     * htab_map_update_elem and, for per-CPU maps, __htab_percpu_map_update_elem, in their order of
     * checks.
     *
     * @param cpu the writing program's CPU, or {@link #USER} for a value in the syscall's layout
     */
    private long update(byte[] key, int keyAt, byte[] value, int valueAt, long flags, int cpu) {
        long plain = perCpu ? flags : flags & ~MapFlags.F_LOCK;
        if (Long.compareUnsigned(plain, MapFlags.EXIST) > 0 || (flags & MapFlags.F_LOCK) != 0) {
            return Errno.EINVAL.negative(); // unknown flags, or BPF_F_LOCK without a bpf_spin_lock
        }
        int hash = table.hash(key, keyAt);
        int bucket = table.bucket(hash);
        synchronized (table.lock(bucket)) {
            int old = table.findLocked(bucket, key, keyAt, hash);
            if (old >= 0 && plain == MapFlags.NOEXIST) {
                return Errno.EEXIST.negative();
            }
            if (old < 0 && plain == MapFlags.EXIST) {
                return Errno.ENOENT.negative();
            }
            if (old >= 0 && perCpu) {
                writeValue(old, value, valueAt, cpu, false);
                return 0;
            }
            int slot;
            synchronized (free) {
                slot = old >= 0 ? extras.pop() : free.pop();
            }
            if (slot < 0) {
                if (old < 0) {
                    return Errno.E2BIG.negative();
                }
                // every spare is in use by concurrent replacements: write in place rather than fail
                writeValue(old, value, valueAt, cpu, false);
                return 0;
            }
            table.setKey(slot, key, keyAt, hash);
            writeValue(slot, value, valueAt, cpu, true);
            table.linkHead(bucket, slot); // concurrent lookups find the new element before the old
            if (old >= 0) {
                table.unlink(bucket, old);
                synchronized (free) {
                    extras.push(old);
                }
            }
            return 0;
        }
    }

    private void writeValue(int slot, byte[] value, int valueAt, int cpu, boolean fresh) {
        if (cpu == USER) {
            values.writeUser(slot, value);
        } else if (fresh) {
            values.init(slot, cpu, value, valueAt);
        } else {
            values.write(slot, cpu, value, valueAt);
        }
    }

    /** htab_map_delete_elem: -ENOENT for a missing key; the slot is free for the next insert at once. */
    private long delete(byte[] key, int at) {
        int hash = table.hash(key, at);
        int bucket = table.bucket(hash);
        synchronized (table.lock(bucket)) {
            int slot = table.findLocked(bucket, key, at, hash);
            if (slot < 0) {
                return Errno.ENOENT.negative();
            }
            table.unlink(bucket, slot);
            synchronized (free) {
                free.push(slot);
            }
            return 0;
        }
    }
}
