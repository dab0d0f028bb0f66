package io.jxdp.vm.maps;

import io.jxdp.isa.MapDef;
import io.jxdp.isa.MapType;
import io.jxdp.vm.Errno;
import io.jxdp.vm.memory.AddressSpace;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Makes maps, with the checks the kernel's {@code BPF_MAP_CREATE} applies to each type and its
 * errnos (kernel/bpf/syscall.c map_create, arraymap.c array_map_alloc_check, hashtab.c
 * htab_map_alloc_check and htab_map_alloc, cpumap.c cpu_map_alloc, devmap.c dev_map_alloc_check).
 * Sizes are the kernel's u32s: a negative int in a {@link MapDef} counts as a huge one.
 */
public final class Maps {
    /** jxdp's bound on the storage of one map (the kernel's would be memory and memlock limits). */
    public static final long MAX_STORAGE_BYTES = 1L << 30;
    /** {@code KMALLOC_MAX_SIZE} (4 MiB on x86-64) less {@code sizeof(struct htab_elem)} (48). */
    static final long HTAB_KEY_VALUE_LIMIT = (4L << 20) - 48;
    /** {@code PCPU_MIN_UNIT_SIZE}: the bound on a per-CPU value. */
    static final int PCPU_MIN_UNIT_SIZE = 32 << 10;

    private static final int ARRAY_CREATE_FLAGS = MapFlags.NUMA_NODE
            | MapFlags.MMAPABLE
            | MapFlags.ACCESS_MASK
            | MapFlags.PRESERVE_ELEMS
            | MapFlags.INNER_MAP;
    private static final int HTAB_CREATE_FLAGS = MapFlags.NO_PREALLOC
            | MapFlags.NO_COMMON_LRU
            | MapFlags.NUMA_NODE
            | MapFlags.ACCESS_MASK
            | MapFlags.ZERO_SEED;
    private static final int LPM_CREATE_FLAGS = MapFlags.NO_PREALLOC | MapFlags.NUMA_NODE | MapFlags.ACCESS_MASK;
    private static final int QUEUE_STACK_CREATE_FLAGS = MapFlags.NUMA_NODE | MapFlags.ACCESS_MASK;
    private static final int BLOOM_CREATE_FLAGS = MapFlags.NUMA_NODE | MapFlags.ZERO_SEED | MapFlags.ACCESS_MASK;
    /** {@code KMALLOC_MAX_SIZE} on x86-64 (4 MiB). */
    static final long KMALLOC_MAX_SIZE = 4L << 20;
    /** {@code LPM_VAL_SIZE_MAX}: KMALLOC_MAX_SIZE less LPM_DATA_SIZE_MAX (256) and struct lpm_trie_node (24). */
    static final long LPM_VAL_SIZE_MAX = KMALLOC_MAX_SIZE - 256 - 24;

    /** PAGE_SIZE on x86-64: a ring buffer's size is a multiple of it. */
    static final long RING_PAGE_SIZE = 4096;

    private static final int DEV_CREATE_FLAGS = MapFlags.NUMA_NODE | MapFlags.RDONLY | MapFlags.WRONLY;

    private Maps() {}

    /**
     * Creates a map and registers it in {@code space}.
     *
     * @param nCpus the possible CPUs: per-CPU maps keep this many copies, a cpumap accepts these CPUs
     * @throws MapException with the kernel's errno if the kernel would refuse the definition
     *     (-EINVAL, -E2BIG, -ENOTSUPP), -ENOMEM beyond {@link #MAX_STORAGE_BYTES}, -EOPNOTSUPP for a
     *     type jxdp does not emulate
     */
    public static BpfMap create(MapDef def, AddressSpace space, int nCpus) {
        if (nCpus < 1) {
            throw new IllegalArgumentException("nCpus must be at least 1, not " + nCpus);
        }
        MapType type = def.type();
        if (!type.isSupported()) {
            throw fail(def, Errno.EOPNOTSUPP, "jxdp does not emulate " + type.bpftoolName() + " maps");
        }
        int flags = def.flags();
        if ((flags & MapFlags.RDONLY) != 0 && (flags & MapFlags.WRONLY) != 0) {
            throw fail(def, Errno.EINVAL, "BPF_F_RDONLY and BPF_F_WRONLY together");
        }
        if (def.mapExtra() != 0 && type != MapType.BLOOM_FILTER) {
            throw fail(def, Errno.EINVAL, "map_extra is for bloom filters");
        }
        if (def.initialValue() != null && (type != MapType.ARRAY || def.initialValue().length > def.valueSize())) {
            throw fail(def, Errno.EINVAL, "initial contents fit only the value of an array map");
        }
        return switch (type) {
            case ARRAY, PERCPU_ARRAY -> {
                checkArray(def);
                checkStorage(def, u32(def.maxEntries()) * storagePerSlot(def, nCpus, 0));
                yield new ArrayMap(def, space, nCpus);
            }
            case HASH, PERCPU_HASH, LRU_HASH, LRU_PERCPU_HASH -> createHash(def, space, nCpus);
            case LPM_TRIE -> {
                checkLpmTrie(def);
                checkStorage(
                        def, (u32(def.maxEntries()) + 1) * (roundUp8(u32(def.valueSize())) + u32(def.keySize()) + 40));
                yield new LpmTrie(def, space);
            }
            case QUEUE, STACK -> {
                checkQueueStack(def);
                checkStorage(def, (u32(def.maxEntries()) + 1) * u32(def.valueSize()));
                yield new QueueStackMap(def, space);
            }
            case BLOOM_FILTER -> createBloomFilter(def, space);
            case CPUMAP -> {
                checkRedirectMap(def, MapFlags.NUMA_NODE);
                if (u32(def.maxEntries()) > CpuMap.NR_CPUS) {
                    throw fail(
                            def,
                            Errno.E2BIG,
                            "max_entries " + u32(def.maxEntries()) + " exceeds NR_CPUS (" + CpuMap.NR_CPUS + ")");
                }
                yield new CpuMap(def, space, nCpus);
            }
            case DEVMAP, DEVMAP_HASH -> {
                checkRedirectMap(def, DEV_CREATE_FLAGS);
                if (type == MapType.DEVMAP_HASH && u32(def.maxEntries()) > 1L << 31) {
                    throw fail(def, Errno.EINVAL, "max_entries above 2^31");
                }
                checkStorage(def, (u32(def.maxEntries()) + 1) * (DeviceMap.STRIDE + 24L));
                yield type == MapType.DEVMAP ? new DevMap(def, space, nCpus) : new DevHashMap(def, space, nCpus);
            }
            case RINGBUF -> {
                checkRingBuf(def);
                checkStorage(def, 2 * u32(def.maxEntries()));
                yield new RingBufMap(def, space);
            }
            case PERF_EVENT_ARRAY -> {
                checkFdArray(def);
                yield new PerfEventArray(def, space);
            }
            default -> throw fail(def, Errno.EOPNOTSUPP, "jxdp does not emulate " + type.bpftoolName() + " maps");
        };
    }

    /** ringbuf_map_alloc: only BPF_F_NUMA_NODE, no key or value, a power-of-2 multiple of the page size. */
    private static void checkRingBuf(MapDef def) {
        long size = u32(def.maxEntries());
        if ((def.flags() & ~MapFlags.NUMA_NODE) != 0
                || def.keySize() != 0
                || def.valueSize() != 0
                || Long.bitCount(size) != 1
                || size % RING_PAGE_SIZE != 0) {
            throw fail(
                    def,
                    Errno.EINVAL,
                    "a ringbuf needs key and value size 0, max_entries a power of 2 and a multiple of the page size"
                            + " (4096), and no map_flags but BPF_F_NUMA_NODE");
        }
    }

    /** fd_array_map_alloc_check then array_map_alloc_check, for perf event arrays (value: a u32 fd). */
    private static void checkFdArray(MapDef def) {
        int flags = def.flags();
        if (def.valueSize() != 4 || (flags & (MapFlags.RDONLY_PROG | MapFlags.WRONLY_PROG)) != 0) {
            throw fail(
                    def,
                    Errno.EINVAL,
                    "a " + def.type().bpftoolName()
                            + " holds u32 descriptors (value size 4) and takes no BPF_F_RDONLY_PROG or BPF_F_WRONLY_PROG");
        }
        if (def.maxEntries() == 0
                || def.keySize() != 4
                || (flags & ~ARRAY_CREATE_FLAGS) != 0
                || (flags & (MapFlags.MMAPABLE | MapFlags.INNER_MAP)) != 0) {
            throw fail(
                    def,
                    Errno.EINVAL,
                    "a " + def.type().bpftoolName() + " needs key size 4, max_entries above 0 and valid map_flags");
        }
        if (u32(def.maxEntries()) > 1L << 31) {
            throw fail(def, Errno.E2BIG, "max_entries above 2^31");
        }
    }

    private static BpfMap createHash(MapDef def, AddressSpace space, int nCpus) {
        MapType type = def.type();
        int flags = def.flags();
        boolean perCpu = type.isPerCpu();
        boolean lru = type == MapType.LRU_HASH || type == MapType.LRU_PERCPU_HASH;
        boolean perCpuLru = (flags & MapFlags.NO_COMMON_LRU) != 0;
        if ((flags & ~HTAB_CREATE_FLAGS) != 0 || !accessOk(flags)) {
            throw fail(def, Errno.EINVAL, "map_flags 0x" + Integer.toHexString(flags) + " are not valid for this type");
        }
        if (!lru && perCpuLru) {
            throw fail(def, Errno.EINVAL, "BPF_F_NO_COMMON_LRU needs an LRU map");
        }
        if (lru && (flags & MapFlags.NO_PREALLOC) != 0) {
            throw fail(def, Errno.ENOTSUPP, "LRU maps are always preallocated (BPF_F_NO_PREALLOC)");
        }
        if ((flags & MapFlags.NUMA_NODE) != 0 && (perCpu || perCpuLru)) {
            throw fail(def, Errno.EINVAL, "BPF_F_NUMA_NODE with per-CPU values or lists");
        }
        long max = u32(def.maxEntries());
        long key = u32(def.keySize());
        long value = u32(def.valueSize());
        if (max == 0 || key == 0 || value == 0) {
            throw fail(def, Errno.EINVAL, "max_entries, key and value sizes must not be 0");
        }
        if (key + value >= HTAB_KEY_VALUE_LIMIT) {
            throw fail(
                    def,
                    Errno.E2BIG,
                    "key and value take " + (key + value) + " bytes, " + HTAB_KEY_VALUE_LIMIT + " at most");
        }
        if (perCpu && roundUp8(value) > PCPU_MIN_UNIT_SIZE) {
            throw fail(def, Errno.E2BIG, "a per-CPU value is at most " + PCPU_MIN_UNIT_SIZE + " bytes");
        }
        if (perCpuLru) {
            // each CPU's LRU list gets the same number of elements (htab_map_alloc)
            long up = (max + nCpus - 1) / nCpus * nCpus;
            max = up <= 0xffff_ffffL ? up : max / nCpus * nCpus;
        }
        if (max > 1L << 31) {
            throw fail(def, Errno.E2BIG, "max_entries above 2^31");
        }
        long slots = max + (lru || perCpu ? 0 : nCpus + 1);
        checkStorage(def, slots * storagePerSlot(def, nCpus, key + 12) + 4L * HashTab.roundUpPowerOfTwo((int) max));
        int seed = (flags & MapFlags.ZERO_SEED) != 0
                ? 0
                : ThreadLocalRandom.current().nextInt();
        return lru ? new LruHashMap(def, space, nCpus, (int) max, seed) : new BpfHashMap(def, space, nCpus, seed);
    }

    /** trie_alloc: BPF_F_NO_PREALLOC required, key 4 + 1..256 bytes, value 1..LPM_VAL_SIZE_MAX. */
    private static void checkLpmTrie(MapDef def) {
        int flags = def.flags();
        long key = u32(def.keySize());
        long value = u32(def.valueSize());
        if (def.maxEntries() == 0
                || (flags & MapFlags.NO_PREALLOC) == 0
                || (flags & ~LPM_CREATE_FLAGS) != 0
                || !accessOk(flags)
                || key < 5
                || key > 260
                || value < 1
                || value > LPM_VAL_SIZE_MAX) {
            throw fail(
                    def,
                    Errno.EINVAL,
                    "an LPM trie needs BPF_F_NO_PREALLOC, key size 5 to 260 (prefix length and data), a value"
                            + " size from 1 to " + LPM_VAL_SIZE_MAX + ", max_entries above 0 and valid map_flags");
        }
    }

    /** queue_stack_map_alloc_check. */
    private static void checkQueueStack(MapDef def) {
        int flags = def.flags();
        if (def.maxEntries() == 0
                || def.keySize() != 0
                || def.valueSize() == 0
                || (flags & ~QUEUE_STACK_CREATE_FLAGS) != 0
                || !accessOk(flags)) {
            throw fail(
                    def,
                    Errno.EINVAL,
                    "a " + def.type().bpftoolName()
                            + " needs key size 0, a value size and max_entries above 0, and valid map_flags");
        }
        if (u32(def.valueSize()) > KMALLOC_MAX_SIZE) {
            throw fail(def, Errno.E2BIG, "value size " + u32(def.valueSize()) + " is above " + KMALLOC_MAX_SIZE);
        }
    }

    /** bloom_map_alloc_check and bloom_map_alloc. */
    private static BpfMap createBloomFilter(MapDef def, AddressSpace space) {
        int flags = def.flags();
        if (u32(def.valueSize()) > KMALLOC_MAX_SIZE) {
            throw fail(def, Errno.E2BIG, "value size " + u32(def.valueSize()) + " is above " + KMALLOC_MAX_SIZE);
        }
        if (def.keySize() != 0
                || def.valueSize() == 0
                || def.maxEntries() == 0
                || (flags & ~BLOOM_CREATE_FLAGS) != 0
                || !accessOk(flags)
                || (def.mapExtra() & ~0xfL) != 0) {
            throw fail(
                    def,
                    Errno.EINVAL,
                    "a bloom filter needs key size 0, a value size and max_entries above 0, map_extra (hash"
                            + " functions) below 16 and valid map_flags");
        }
        int hashes = def.mapExtra() == 0 ? 5 : (int) def.mapExtra();
        long mask = BloomFilter.bitsetMask(u32(def.maxEntries()), hashes);
        checkStorage(def, (mask + 1) / 8);
        int seed = (flags & MapFlags.ZERO_SEED) != 0
                ? 0
                : ThreadLocalRandom.current().nextInt();
        return new BloomFilter(def, space, hashes, mask, seed);
    }

    /** array_map_alloc_check and the power-of-two rounding of array_map_alloc. */
    private static void checkArray(MapDef def) {
        boolean perCpu = def.type() == MapType.PERCPU_ARRAY;
        int flags = def.flags();
        if (def.maxEntries() == 0
                || def.keySize() != 4
                || def.valueSize() == 0
                || (flags & ~ARRAY_CREATE_FLAGS) != 0
                || !accessOk(flags)
                || (perCpu && (flags & MapFlags.NUMA_NODE) != 0)) {
            throw fail(
                    def,
                    Errno.EINVAL,
                    "an array needs key size 4, a value size and max_entries above 0, and valid map_flags");
        }
        if (def.type() != MapType.ARRAY && (flags & (MapFlags.MMAPABLE | MapFlags.INNER_MAP)) != 0) {
            throw fail(def, Errno.EINVAL, "BPF_F_MMAPABLE and BPF_F_INNER_MAP are for plain arrays");
        }
        if ((flags & MapFlags.PRESERVE_ELEMS) != 0) {
            throw fail(def, Errno.EINVAL, "BPF_F_PRESERVE_ELEMS is for perf event arrays");
        }
        long value = u32(def.valueSize());
        if (value > Integer.MAX_VALUE || (perCpu && roundUp8(value) > PCPU_MIN_UNIT_SIZE)) {
            throw fail(def, Errno.E2BIG, "value size " + value + " is too large");
        }
        if (u32(def.maxEntries()) > 1L << 31) {
            throw fail(def, Errno.E2BIG, "max_entries above 2^31");
        }
    }

    /** cpu_map_alloc and dev_map_alloc_check: key 4, value 4 or 8, max_entries above 0, few flags. */
    private static void checkRedirectMap(MapDef def, int allowedFlags) {
        if (def.maxEntries() == 0
                || def.keySize() != 4
                || (def.valueSize() != 4 && def.valueSize() != 8)
                || (def.flags() & ~allowedFlags) != 0) {
            throw fail(
                    def,
                    Errno.EINVAL,
                    "a " + def.type().bpftoolName()
                            + " needs key size 4, value size 4 or 8, max_entries above 0 and valid map_flags");
        }
    }

    /** bpf_map_flags_access_ok: not read-only and write-only for programs at once. */
    private static boolean accessOk(int flags) {
        int both = MapFlags.RDONLY_PROG | MapFlags.WRONLY_PROG;
        return (flags & both) != both;
    }

    private static long storagePerSlot(MapDef def, int nCpus, long extra) {
        return roundUp8(u32(def.valueSize())) * (def.type().isPerCpu() ? nCpus : 1) + extra;
    }

    private static void checkStorage(MapDef def, long bytes) {
        if (bytes > MAX_STORAGE_BYTES || bytes < 0) {
            throw fail(
                    def,
                    Errno.ENOMEM,
                    "needs " + bytes + " bytes, more than jxdp gives one map (" + MAX_STORAGE_BYTES + ")");
        }
    }

    private static long u32(int v) {
        return v & 0xffff_ffffL;
    }

    private static long roundUp8(long n) {
        return (n + 7) & ~7L;
    }

    private static MapException fail(MapDef def, Errno errno, String why) {
        return new MapException(errno, "cannot create " + def.type().bpftoolName() + " map " + def.name() + ": " + why);
    }
}
