package io.jxdp.vm.maps;

import io.jxdp.isa.MapDef;
import io.jxdp.isa.MapType;
import io.jxdp.vm.Cpu;
import io.jxdp.vm.Errno;
import io.jxdp.vm.memory.AddressSpace;
import io.jxdp.vm.memory.Addresses;
import io.jxdp.vm.memory.Region;

/**
 * {@code BPF_MAP_TYPE_ARRAY} and {@code BPF_MAP_TYPE_PERCPU_ARRAY} (kernel/bpf/arraymap.c): every
 * index below max_entries exists from creation, zeroed; an in-range lookup never misses, inserts
 * ({@code BPF_NOEXIST}) always fail with -EEXIST and deletes with -EINVAL. Programs access values
 * in place, without locks, as in the kernel: concurrent writers race unless they use atomics.
 */
public final class ArrayMap extends BpfMap {
    private final ValueStore values;

    ArrayMap(MapDef def, AddressSpace space, int nCpus) {
        super(def, space, nCpus, def.maxEntries());
        boolean perCpu = def.type() == MapType.PERCPU_ARRAY;
        this.values = new ValueStore(
                id(),
                this,
                def.valueSize(),
                def.maxEntries(),
                nCpus,
                perCpu,
                (def.flags() & MapFlags.RDONLY_PROG) == 0);
        byte[] initial = def.initialValue();
        if (initial != null) {
            // global data (.data, .rodata, .bss): entry 0 starts with the section's bytes
            System.arraycopy(initial, 0, values.bytes(0), 0, Math.min(initial.length, def.valueSize()));
        }
    }

    @Override
    protected Region regionFor(int cpuId) {
        return values.region(cpuId);
    }

    /** As array_map_direct_value_addr: only one-entry arrays, offsets inside the value. */
    @Override
    public long directValueAddress(int offset) {
        if (type() != MapType.ARRAY || maxEntries() != 1 || offset < 0 || offset >= valueSize()) {
            return -1;
        }
        return Addresses.address(id(), offset);
    }

    @Override
    public long bpfLookup(Cpu cpu, byte[] key, int at) {
        int index = Keys.u32(key, at);
        return Keys.below(index, maxEntries()) ? values.address(id(), index) : 0;
    }

    /** array_map_update_elem; for a per-CPU array a program writes its own CPU's copy. */
    @Override
    public long bpfUpdate(Cpu cpu, byte[] key, int keyAt, byte[] value, int valueAt, long flags) {
        int index = Keys.u32(key, keyAt);
        if (Long.compareUnsigned(flags & ~MapFlags.F_LOCK, MapFlags.EXIST) > 0) {
            return Errno.EINVAL.negative();
        }
        if (!Keys.below(index, maxEntries())) {
            return Errno.E2BIG.negative();
        }
        if ((flags & MapFlags.NOEXIST) != 0) {
            return Errno.EEXIST.negative(); // every element exists
        }
        if ((flags & MapFlags.F_LOCK) != 0) {
            return Errno.EINVAL.negative(); // no bpf_spin_lock in jxdp values
        }
        values.write(index, values.perCpu ? cpuIndex(cpu) : 0, value, valueAt);
        return 0;
    }

    @Override
    public long bpfDelete(Cpu cpu, byte[] key, int at) {
        return Errno.EINVAL.negative();
    }

    @Override
    protected byte[] userLookup(byte[] key) {
        int index = Keys.u32(key, 0);
        return Keys.below(index, maxEntries()) ? values.readUser(index) : null;
    }

    /** array_map_update_elem / bpf_percpu_array_update from the syscall. */
    @Override
    protected long userUpdate(byte[] key, byte[] value, long flags) {
        int index = Keys.u32(key, 0);
        if (Long.compareUnsigned(flags, MapFlags.EXIST) > 0) {
            return Errno.EINVAL.negative();
        }
        if (!Keys.below(index, maxEntries())) {
            return Errno.E2BIG.negative();
        }
        if ((flags & MapFlags.NOEXIST) != 0) {
            return Errno.EEXIST.negative();
        }
        values.writeUser(index, value);
        return 0;
    }

    @Override
    protected long userDelete(byte[] key) {
        return Errno.EINVAL.negative();
    }

    @Override
    protected byte[] userNextKey(byte[] key) {
        return Keys.nextIndex(key, maxEntries());
    }
}
