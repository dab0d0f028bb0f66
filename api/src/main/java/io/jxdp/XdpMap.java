package io.jxdp;

import io.jxdp.isa.MapType;
import io.jxdp.vm.Errno;
import io.jxdp.vm.maps.BpfMap;
import io.jxdp.vm.maps.MapException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A map of a loaded program, as user space sees it through the {@code bpf()} syscall: lookups,
 * updates, deletes and iteration, with the kernel's checks. Keys and values are {@code byte[]}
 * of the map's sizes, or numbers ({@code long}, {@code int}) for maps whose keys or values are 1,
 * 2, 4 or 8 bytes, stored little-endian as on x86-64 and read back unsigned. A per-CPU map holds
 * one value per possible CPU; its values are read and written labelled by CPU number.
 *
 * <p>Failures are {@link MapException}s carrying the kernel's errno and naming it ({@code ...
 * (-E2BIG)}): {@code -EEXIST} for {@link UpdateFlag#NOEXIST} on an existing key, {@code -E2BIG}
 * for a full hash map or an array index out of range, {@code -ENOENT} for a delete of a missing
 * key, {@code -EINVAL} for a delete from an array or a key or value of the wrong size. A lookup of
 * a missing key, which the syscall reports as {@code -ENOENT}, is an empty result instead. Any
 * number of threads may use a map while programs run, as in the kernel.
 */
public final class XdpMap {
    private final BpfMap map;

    XdpMap(BpfMap map) {
        this.map = map;
    }

    /** The name the program gives the map. */
    public String name() {
        return map.def().name();
    }

    /** The map's type ({@code HASH}, {@code ARRAY}, {@code PERCPU_ARRAY}, {@code CPUMAP}, ...). */
    public MapType type() {
        return map.type();
    }

    /** The size of a key in bytes. */
    public int keySize() {
        return map.keySize();
    }

    /** The size of one value in bytes (one CPU's, for a per-CPU map). */
    public int valueSize() {
        return map.valueSize();
    }

    /** The capacity. */
    public int maxEntries() {
        return map.maxEntries();
    }

    /** True if each CPU has its own value for each key. */
    public boolean perCpu() {
        return map.type().isPerCpu();
    }

    /** The possible CPUs: how many values a per-CPU map keeps per key. */
    public int cpus() {
        return map.nCpus();
    }

    // ---- byte[] keys and values ---------------------------------------------------------------

    /** The value for {@code key}, or empty if there is none. */
    public Optional<byte[]> lookup(byte[] key) {
        requireShared();
        return Optional.ofNullable(userLookup(key));
    }

    /** Stores {@code value} for {@code key}, creating or replacing the entry. */
    public void update(byte[] key, byte[] value) {
        update(key, value, UpdateFlag.ANY);
    }

    /** Stores {@code value} for {@code key} as {@code flag} allows. */
    public void update(byte[] key, byte[] value, UpdateFlag flag) {
        requireShared();
        map.update(key, value, flag.bits());
    }

    /** Removes the entry for {@code key}. */
    public void delete(byte[] key) {
        map.delete(key);
    }

    /** Every key, in the map's iteration order ({@code bpf_map_get_next_key}'s). */
    public List<byte[]> keys() {
        return map.keys();
    }

    /** Every entry (key, value), in the map's iteration order; a snapshot. */
    public List<Map.Entry<byte[], byte[]>> entries() {
        requireShared();
        List<Map.Entry<byte[], byte[]>> out = new ArrayList<>();
        for (byte[] k : map.keys()) {
            byte[] v = userLookup(k);
            if (v != null) {
                out.add(Map.entry(k, v));
            }
        }
        return out;
    }

    // ---- numbers ------------------------------------------------------------------------------

    /** The value for {@code key} as an unsigned number, or empty if there is none. */
    public OptionalLong lookupLong(long key) {
        requireShared();
        byte[] v = userLookup(key(key));
        return v == null ? OptionalLong.empty() : OptionalLong.of(LittleEndian.decode(v, 0, valueSize(), "a value"));
    }

    /** The value for {@code key} of a map with 4-byte (or smaller) values, or empty. */
    public OptionalInt lookupInt(long key) {
        if (valueSize() > 4) {
            throw new IllegalArgumentException(describe() + " has " + valueSize() + "-byte values: use lookupLong");
        }
        OptionalLong v = lookupLong(key);
        return v.isPresent() ? OptionalInt.of((int) v.getAsLong()) : OptionalInt.empty();
    }

    /** Stores the number {@code value} for the number {@code key}, creating or replacing the entry. */
    public void update(long key, long value) {
        update(key, value, UpdateFlag.ANY);
    }

    /** Stores the number {@code value} for the number {@code key} as {@code flag} allows. */
    public void update(long key, long value, UpdateFlag flag) {
        update(key(key), LittleEndian.encode(value, valueSize(), describe() + "'s value"), flag);
    }

    /** Removes the entry for the number {@code key}. */
    public void delete(long key) {
        delete(key(key));
    }

    /** Every key as an unsigned number, in the map's iteration order. */
    public List<Long> longKeys() {
        List<Long> out = new ArrayList<>();
        for (byte[] k : map.keys()) {
            out.add(LittleEndian.decode(k, 0, keySize(), describe() + "'s key"));
        }
        return out;
    }

    /** Every entry with key and value as unsigned numbers, in the map's iteration order; a snapshot. */
    public Map<Long, Long> longEntries() {
        requireShared();
        Map<Long, Long> out = new LinkedHashMap<>();
        for (byte[] k : map.keys()) {
            byte[] v = userLookup(k);
            if (v != null) {
                out.put(
                        LittleEndian.decode(k, 0, keySize(), describe() + "'s key"),
                        LittleEndian.decode(v, 0, valueSize(), "a value"));
            }
        }
        return out;
    }

    // ---- per-CPU values -----------------------------------------------------------------------

    /** Every CPU's value for {@code key}, by CPU number (0 to {@link #cpus()} - 1), or empty. */
    public Optional<Map<Integer, byte[]>> lookupPerCpu(byte[] key) {
        requirePerCpu();
        byte[] all = userLookup(key);
        if (all == null) {
            return Optional.empty();
        }
        Map<Integer, byte[]> out = new LinkedHashMap<>();
        int stride = stride();
        for (int cpu = 0; cpu < cpus(); cpu++) {
            out.put(cpu, Arrays.copyOfRange(all, cpu * stride, cpu * stride + valueSize()));
        }
        return Optional.of(out);
    }

    /** Every CPU's value for the number {@code key} as an unsigned number, by CPU number, or empty. */
    public Optional<Map<Integer, Long>> lookupPerCpuLong(long key) {
        return lookupPerCpu(key(key)).map(values -> {
            Map<Integer, Long> out = new LinkedHashMap<>();
            values.forEach((cpu, v) -> out.put(cpu, LittleEndian.decode(v, 0, valueSize(), "a value")));
            return out;
        });
    }

    /**
     * Stores one value per CPU for {@code key}: {@code values.get(cpu)} for every CPU number, as
     * the syscall takes them.
     */
    public void updatePerCpu(byte[] key, List<byte[]> values, UpdateFlag flag) {
        requirePerCpu();
        if (values.size() != cpus()) {
            throw new MapException(
                    Errno.EINVAL, describe() + ": a per-CPU value has " + cpus() + " parts, not " + values.size());
        }
        int stride = stride();
        byte[] all = new byte[cpus() * stride];
        for (int cpu = 0; cpu < cpus(); cpu++) {
            byte[] v = values.get(cpu);
            if (v.length != valueSize()) {
                throw new MapException(
                        Errno.EINVAL,
                        describe() + ": CPU " + cpu + "'s value has " + v.length + " bytes, not " + valueSize());
            }
            System.arraycopy(v, 0, all, cpu * stride, v.length);
        }
        map.update(key, all, flag.bits());
    }

    /** Stores the number {@code values.get(cpu)} for every CPU number under the number {@code key}. */
    public void updatePerCpuLong(long key, List<Long> values, UpdateFlag flag) {
        List<byte[]> encoded = new ArrayList<>();
        for (long v : values) {
            encoded.add(LittleEndian.encode(v, valueSize(), describe() + "'s value"));
        }
        updatePerCpu(key(key), encoded, flag);
    }

    // ---- internals ----------------------------------------------------------------------------

    /** The value, or null for the syscall's -ENOENT; other errnos pass. */
    private byte[] userLookup(byte[] key) {
        try {
            return map.lookup(key);
        } catch (MapException e) {
            if (e.errno() == Errno.ENOENT) {
                return null;
            }
            throw e;
        }
    }

    private byte[] key(long key) {
        return LittleEndian.encode(key, keySize(), describe() + "'s key");
    }

    /** Per-CPU values are padded to 8 bytes each on the syscall's side. */
    private int stride() {
        return (valueSize() + 7) & ~7;
    }

    private void requirePerCpu() {
        if (!perCpu()) {
            throw new IllegalStateException(describe() + " is not a per-CPU map: use lookup and update");
        }
    }

    private void requireShared() {
        if (perCpu()) {
            throw new IllegalStateException(
                    describe() + " has a value per CPU: use lookupPerCpu and updatePerCpu (values by CPU)");
        }
    }

    private String describe() {
        return map.describe();
    }

    BpfMap bpfMap() {
        return map;
    }

    /** {@code "hash map flows (key 4, value 8, max_entries 1024)"}. */
    @Override
    public String toString() {
        return describe() + " (key " + keySize() + ", value " + valueSize() + ", max_entries " + maxEntries() + ")";
    }
}
