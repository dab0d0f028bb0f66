package io.jxdp.vm.maps;

import io.jxdp.isa.MapDef;
import io.jxdp.isa.MapType;
import io.jxdp.vm.Cpu;
import io.jxdp.vm.Errno;
import io.jxdp.vm.FaultKind;
import io.jxdp.vm.VmFault;
import io.jxdp.vm.memory.AddressSpace;
import io.jxdp.vm.memory.Addresses;
import io.jxdp.vm.memory.Region;
import java.util.ArrayList;
import java.util.List;

/**
 * A map as the engines see it: registered in an {@link AddressSpace}, whose region id gives both
 * its handle (what an {@code lddw} of the map loads, {@code 5 << 32 | id}) and the region its
 * values live in. {@link Maps#create} makes one of the kernel's types, with the kernel's checks.
 *
 * <p>A map has two faces, as in the kernel. The BPF face ({@code bpf*} methods) is what helpers
 * call: keys and values are read in place from the program's memory ({@code bytes[at...]}),
 * results are addresses or negative errnos, nothing is allocated on the lookup path. The user face
 * ({@link #lookup}, {@link #update}, {@link #delete}, {@link #nextKey}) is the {@code bpf()}
 * syscall's: byte arrays in and out, failures as {@link MapException}; values of per-CPU maps are
 * {@code nCpus} values, each padded to 8 bytes.
 *
 * <p>Both faces may be used by any number of threads at once.
 */
public abstract class BpfMap {
    private final MapDef def;
    private final int id;
    private final int nCpus;
    private final int maxEntries;
    private final AddressSpace space;
    /** Region ids through which any Cpu sees one CPU's copy of a per-CPU map (0: not made yet). */
    private final int[] cpuViews;

    protected BpfMap(MapDef def, AddressSpace space) {
        this(def, space, 1, def.maxEntries());
    }

    /**
     * @param nCpus the possible CPUs: per-CPU maps keep this many copies
     * @param maxEntries the capacity, which the kernel may round from {@code def.maxEntries()}
     */
    protected BpfMap(MapDef def, AddressSpace space, int nCpus, int maxEntries) {
        this.def = def;
        this.nCpus = nCpus;
        this.maxEntries = maxEntries;
        this.space = space;
        this.cpuViews = new int[def.type().isPerCpu() ? nCpus : 0];
        this.id = space.register(this, this::regionFor);
    }

    public MapDef def() {
        return def;
    }

    public MapType type() {
        return def.type();
    }

    public int keySize() {
        return def.keySize();
    }

    public int valueSize() {
        return def.valueSize();
    }

    /** The capacity in force (LRU maps with {@code BPF_F_NO_COMMON_LRU} round it to a multiple of the CPUs). */
    public int maxEntries() {
        return maxEntries;
    }

    /** The possible CPUs the map was made for. */
    public int nCpus() {
        return nCpus;
    }

    /** The region id of the map's values, also its id in handles. */
    public int id() {
        return id;
    }

    /** What an {@code lddw} of this map loads; helpers turn it back into the map. */
    public long handle() {
        return Addresses.address(Addresses.MAP_HANDLE, id);
    }

    /** For messages: {@code "hash map flows"}. */
    public String describe() {
        return def.type().bpftoolName() + " map " + def.name();
    }

    /**
     * The address an {@code lddw} of {@code BPF_PSEUDO_MAP_VALUE} at {@code offset} loads (global
     * data), or -1 if this map type has no direct value access (as in the kernel, only arrays do).
     */
    public long directValueAddress(int offset) {
        return -1;
    }

    /** The region Cpu {@code cpuId} sees at this map's id, or null. */
    protected abstract Region regionFor(int cpuId);

    // ---- the BPF face --------------------------------------------------------------------------

    /**
     * {@code bpf_map_lookup_elem}: the address of the value for the key at {@code key[at...]}, or 0.
     * Map types the verifier refuses this helper for fault.
     */
    public long bpfLookup(Cpu cpu, byte[] key, int at) {
        throw refused(cpu, "bpf_map_lookup_elem");
    }

    /** {@code bpf_map_update_elem}: 0 or a negative errno. */
    public long bpfUpdate(Cpu cpu, byte[] key, int keyAt, byte[] value, int valueAt, long flags) {
        throw refused(cpu, "bpf_map_update_elem");
    }

    /** {@code bpf_map_delete_elem}: 0 or a negative errno. */
    public long bpfDelete(Cpu cpu, byte[] key, int at) {
        throw refused(cpu, "bpf_map_delete_elem");
    }

    /** {@code bpf_map_push_elem}: the value at {@code value[at...]}; 0 or a negative errno. */
    public long bpfPush(Cpu cpu, byte[] value, int at, long flags) {
        throw refused(cpu, "bpf_map_push_elem");
    }

    /** {@code bpf_map_pop_elem}: the value copied to {@code out[at...]}; 0 or a negative errno. */
    public long bpfPop(Cpu cpu, byte[] out, int at) {
        throw refused(cpu, "bpf_map_pop_elem");
    }

    /** {@code bpf_map_peek_elem}: as pop, without removing the value (a bloom filter reads it instead). */
    public long bpfPeek(Cpu cpu, byte[] out, int at) {
        throw refused(cpu, "bpf_map_peek_elem");
    }

    /**
     * {@code bpf_map_lookup_percpu_elem}: the address of CPU {@code targetCpu}'s copy of the value
     * for the key, or 0 (no such key, or no such CPU). Another CPU's copy is reached through a
     * region id of its own, made the first time it is asked for, since the map's own id resolves to
     * the calling Cpu's copy. Map types that are not per-CPU fault: the verifier refuses them.
     */
    public final long bpfLookupOnCpu(Cpu cpu, byte[] key, int at, long targetCpu) {
        if (!type().isPerCpu()) {
            throw refused(cpu, "bpf_map_lookup_percpu_elem");
        }
        if (targetCpu < 0 || targetCpu >= nCpus) {
            return 0;
        }
        long addr = bpfLookup(cpu, key, at);
        if (addr == 0 || targetCpu == cpu.id()) {
            return addr;
        }
        return Addresses.address(cpuView((int) targetCpu), Addresses.offset(addr));
    }

    private int cpuView(int targetCpu) {
        synchronized (cpuViews) {
            if (cpuViews[targetCpu] == 0) {
                cpuViews[targetCpu] = space.register(this, anyCpu -> regionFor(targetCpu));
            }
            return cpuViews[targetCpu];
        }
    }

    /** The fault for a helper the kernel's verifier never lets a program call on this map type. */
    protected VmFault refused(Cpu cpu, String helper) {
        return new VmFault(
                FaultKind.BAD_HELPER_ARGUMENT,
                cpu.pc,
                handle(),
                helper + " on " + describe() + ": the kernel's verifier does not allow this helper on a "
                        + type().bpftoolName() + " map");
    }

    /** The index of {@code cpu}'s copy in a per-CPU map. */
    protected final int cpuIndex(Cpu cpu) {
        int c = cpu.id();
        if (c < 0 || c >= nCpus) {
            throw new IllegalStateException(
                    "cpu " + c + " runs a program using " + describe() + ", made for " + nCpus + " CPUs");
        }
        return c;
    }

    // ---- the user face -------------------------------------------------------------------------

    /** The size of a value on the user face: {@code value_size}, or {@code nCpus * round_up(value_size, 8)} for per-CPU maps. */
    public int userValueSize() {
        return type().isPerCpu() ? nCpus * roundUp8(valueSize()) : valueSize();
    }

    /**
     * The value stored for {@code key} ({@link #userValueSize()} bytes).
     *
     * @throws MapException -ENOENT if there is none, -EPERM if the map is write-only for user space
     */
    public final byte[] lookup(byte[] key) {
        checkKey(key);
        if ((def.flags() & MapFlags.WRONLY) != 0) {
            throw new MapException(Errno.EPERM, describe() + " is write-only (BPF_F_WRONLY)");
        }
        byte[] value = userLookup(key);
        if (value == null) {
            throw new MapException(Errno.ENOENT, describe() + ": no entry for key " + hex(key));
        }
        return value;
    }

    /**
     * Stores {@code value} for {@code key}.
     *
     * @param flags {@link MapFlags#ANY}, {@link MapFlags#NOEXIST} or {@link MapFlags#EXIST}
     * @throws MapException with the kernel's errno (-EEXIST, -ENOENT, -E2BIG, -EINVAL, ...)
     */
    public final void update(byte[] key, byte[] value, long flags) {
        checkKey(key);
        if (value == null || value.length != userValueSize()) {
            throw new MapException(
                    Errno.EINVAL,
                    describe() + ": a value has " + userValueSize() + " bytes, not "
                            + (value == null ? "none" : value.length));
        }
        checkWritable();
        if ((flags & MapFlags.F_LOCK) != 0) {
            throw new MapException(Errno.EINVAL, describe() + ": BPF_F_LOCK needs a bpf_spin_lock in the value");
        }
        long result = userUpdate(key, value, flags);
        if (result < 0) {
            throw failure(result, "update of key " + hex(key) + " with flags " + flags);
        }
    }

    /** Removes the entry for {@code key}; throws with the kernel's errno (-ENOENT, -EINVAL for arrays). */
    public final void delete(byte[] key) {
        checkKey(key);
        checkWritable();
        long result = userDelete(key);
        if (result < 0) {
            throw failure(result, "delete of key " + hex(key));
        }
    }

    /**
     * The key after {@code key} in the map's order (the first key if {@code key} is null or not in
     * the map), or null when there is none: what the syscall reports as -ENOENT.
     */
    public final byte[] nextKey(byte[] key) {
        if (key != null) {
            checkKey(key);
        }
        if ((def.flags() & MapFlags.WRONLY) != 0) {
            throw new MapException(Errno.EPERM, describe() + " is write-only (BPF_F_WRONLY)");
        }
        return userNextKey(key);
    }

    /**
     * Pushes a value into a queue, stack or bloom filter (the syscall's update of a keyless map).
     *
     * @param flags {@link MapFlags#ANY}, or {@link MapFlags#EXIST} to make room in a full queue or stack
     * @throws MapException with the kernel's errno (-E2BIG when full, -EINVAL for bad flags)
     */
    public final void push(byte[] value, long flags) {
        if (value == null || value.length != valueSize()) {
            throw new MapException(
                    Errno.EINVAL,
                    describe() + ": a value has " + valueSize() + " bytes, not "
                            + (value == null ? "none" : value.length));
        }
        checkWritable();
        long result = userPush(value, flags);
        if (result < 0) {
            throw failure(result, "push with flags " + flags);
        }
    }

    /** The next value of a queue or stack, removed; -ENOENT when empty. */
    public final byte[] pop() {
        return take(true);
    }

    /** The next value of a queue or stack, kept; -ENOENT when empty. */
    public final byte[] peek() {
        return take(false);
    }

    private byte[] take(boolean delete) {
        byte[] out = new byte[valueSize()];
        long result = userPop(out, delete);
        if (result < 0) {
            throw failure(result, delete ? "pop" : "peek");
        }
        return out;
    }

    /** 0 or a negative errno. */
    protected long userPush(byte[] value, long flags) {
        return Errno.EINVAL.negative();
    }

    /** 0 or a negative errno; the value goes to {@code out}. */
    protected long userPop(byte[] out, boolean delete) {
        return Errno.EINVAL.negative();
    }

    /** Every key, in {@link #nextKey} order (a snapshot that concurrent updates may skew, as a syscall walk can). */
    public final List<byte[]> keys() {
        List<byte[]> keys = new ArrayList<>();
        for (byte[] k = nextKey(null); k != null && keys.size() <= maxEntries; k = nextKey(k)) {
            keys.add(k);
        }
        return keys;
    }

    /** The value for {@code key}, or null. */
    protected byte[] userLookup(byte[] key) {
        throw unsupported("lookup");
    }

    /** 0 or a negative errno; {@code key} and {@code value} have the right sizes. */
    protected long userUpdate(byte[] key, byte[] value, long flags) {
        throw unsupported("update");
    }

    /** 0 or a negative errno. */
    protected long userDelete(byte[] key) {
        throw unsupported("delete");
    }

    /** The next key or null; {@code key} may be null. */
    protected byte[] userNextKey(byte[] key) {
        throw unsupported("get_next_key");
    }

    private MapException unsupported(String op) {
        return new MapException(Errno.EOPNOTSUPP, describe() + ": " + op + " is not supported");
    }

    private void checkKey(byte[] key) {
        if (key == null || key.length != keySize()) {
            throw new MapException(
                    Errno.EINVAL,
                    describe() + ": a key has " + keySize() + " bytes, not " + (key == null ? "none" : key.length));
        }
    }

    private void checkWritable() {
        if ((def.flags() & MapFlags.RDONLY) != 0) {
            throw new MapException(Errno.EPERM, describe() + " is read-only (BPF_F_RDONLY)");
        }
    }

    private MapException failure(long result, String what) {
        Errno e = Errno.of(result);
        if (e == null) {
            e = Errno.EINVAL;
        }
        String why = switch (e) {
            case EEXIST -> ": the key exists and BPF_NOEXIST was given";
            case ENOENT -> type().isKeyless() ? ": the map is empty" : ": no such key";
            case ENOSPC -> ": the trie is full";
            case E2BIG ->
                type() == MapType.HASH
                                || type() == MapType.PERCPU_HASH
                                || type() == MapType.DEVMAP_HASH
                                || type().isKeyless()
                        ? ": the map is full"
                        : ": the key is out of range";
            default -> "";
        };
        return new MapException(e, describe() + ": " + what + why);
    }

    static int roundUp8(int n) {
        return (n + 7) & ~7;
    }

    static String hex(byte[] bytes) {
        StringBuilder s = new StringBuilder();
        for (byte b : bytes) {
            s.append(String.format("%02x", b & 0xff));
        }
        return s.length() == 0 ? "(empty)" : s.toString();
    }
}
