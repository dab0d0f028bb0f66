package io.jxdp.vm.maps;

import io.jxdp.isa.MapDef;
import io.jxdp.vm.Errno;
import io.jxdp.vm.memory.AddressSpace;
import io.jxdp.vm.memory.Region;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntPredicate;

/**
 * {@code BPF_MAP_TYPE_CPUMAP} (kernel/bpf/cpumap.c): key a CPU, value {@code u32 qsize} or {@code
 * struct bpf_cpumap_val {u32 qsize; u32 prog fd/id}}. Only user space updates it; programs may only
 * {@code bpf_redirect_map} to it (other helpers fault, as the verifier refuses them). The runtime
 * reads entries with {@link #entry} and follows changes with a {@link CpuMapListener}.
 *
 * <p>The value's second word names a program by id (the kernel takes an fd there and reports the
 * id back on lookup); a value of 0 or less means none. {@link #setProgramCheck} decides which ids
 * are valid cpumap programs; a rejected one fails the update with -ENOMEM, as a bad fd does in the
 * kernel.
 */
public final class CpuMap extends BpfMap {
    /** The kernel's sanity limit on qsize. */
    public static final int MAX_QSIZE = 16384;
    /** CONFIG_NR_CPUS of x86-64 distribution kernels: the bound on max_entries at creation. */
    public static final int NR_CPUS = 8192;

    private final AtomicReferenceArray<CpuMapEntry> entries;
    private final Object updateLock = new Object();
    private volatile CpuMapListener listener;
    private volatile IntPredicate programCheck = id -> true;

    CpuMap(MapDef def, AddressSpace space, int nCpus) {
        super(def, space, nCpus, def.maxEntries());
        this.entries = new AtomicReferenceArray<>(def.maxEntries());
    }

    /** Programs have no access to cpumap values, so no Cpu sees a region here. */
    @Override
    protected Region regionFor(int cpuId) {
        return null;
    }

    /** The entry for CPU {@code key}, or null. */
    public CpuMapEntry entry(int key) {
        return Keys.below(key, maxEntries()) ? entries.get(key) : null;
    }

    public void setListener(CpuMapListener newListener) {
        synchronized (updateLock) {
            this.listener = newListener;
        }
    }

    /** Which program ids an update may name (default: any). */
    public void setProgramCheck(IntPredicate isCpumapProgram) {
        this.programCheck = isCpumapProgram;
    }

    @Override
    protected byte[] userLookup(byte[] key) {
        CpuMapEntry e = entry(Keys.u32(key, 0));
        if (e == null) {
            return null;
        }
        byte[] value = new byte[valueSize()];
        Keys.LE32.set(value, 0, e.qsize());
        if (valueSize() == 8) {
            Keys.LE32.set(value, 4, e.progId());
        }
        return value;
    }

    /** cpu_map_update_elem, in its order of checks; qsize 0 deletes. */
    @Override
    protected long userUpdate(byte[] key, byte[] value, long flags) {
        int cpu = Keys.u32(key, 0);
        int qsize = Keys.u32(value, 0);
        int prog = valueSize() == 8 ? Keys.u32(value, 4) : 0;
        if (Long.compareUnsigned(flags, MapFlags.EXIST) > 0) {
            return Errno.EINVAL.negative();
        }
        if (!Keys.below(cpu, maxEntries())) {
            return Errno.E2BIG.negative();
        }
        if (flags == MapFlags.NOEXIST) {
            return Errno.EEXIST.negative(); // every CPU slot "exists"
        }
        if (Integer.compareUnsigned(qsize, MAX_QSIZE) > 0) {
            return Errno.EOVERFLOW.negative();
        }
        if (cpu >= nCpus()) {
            return Errno.ENODEV.negative(); // not a possible CPU
        }
        CpuMapEntry fresh = null;
        if (qsize != 0) {
            int progId = prog > 0 ? prog : 0;
            if (progId != 0 && !programCheck.test(progId)) {
                return Errno.ENOMEM.negative(); // __cpu_map_entry_alloc fails on a bad program
            }
            fresh = new CpuMapEntry(cpu, qsize, progId);
        }
        replace(cpu, fresh);
        return 0;
    }

    /** cpu_map_delete_elem: -EINVAL out of range, 0 for an empty slot. */
    @Override
    protected long userDelete(byte[] key) {
        int cpu = Keys.u32(key, 0);
        if (!Keys.below(cpu, maxEntries())) {
            return Errno.EINVAL.negative();
        }
        replace(cpu, null);
        return 0;
    }

    @Override
    protected byte[] userNextKey(byte[] key) {
        return Keys.nextIndex(key, maxEntries());
    }

    /** __cpu_map_entry_replace: swap the slot, then tell the runtime. */
    private void replace(int cpu, CpuMapEntry fresh) {
        synchronized (updateLock) {
            CpuMapEntry old = entries.getAndSet(cpu, fresh);
            CpuMapListener l = listener;
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
}
