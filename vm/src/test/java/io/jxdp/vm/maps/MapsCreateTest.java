package io.jxdp.vm.maps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxdp.isa.MapDef;
import io.jxdp.isa.MapType;
import io.jxdp.vm.Errno;
import io.jxdp.vm.memory.AddressSpace;
import io.jxdp.vm.memory.Addresses;
import org.junit.jupiter.api.Test;

class MapsCreateTest {
    private static BpfMap create(MapType type, int key, int value, int max, int flags) {
        return Maps.create(new MapDef("m", type, key, value, max, flags, null), new AddressSpace(), 2);
    }

    private static Errno refused(MapType type, int key, int value, int max, int flags) {
        return assertThrows(MapException.class, () -> create(type, key, value, max, flags))
                .errno();
    }

    @Test
    void arrayChecks() {
        assertEquals(Errno.EINVAL, refused(MapType.ARRAY, 8, 4, 1, 0));
        assertEquals(Errno.EINVAL, refused(MapType.ARRAY, 4, 0, 1, 0));
        assertEquals(Errno.EINVAL, refused(MapType.ARRAY, 4, 4, 0, 0));
        assertEquals(Errno.EINVAL, refused(MapType.ARRAY, 4, 4, 1, MapFlags.NO_PREALLOC));
        assertEquals(Errno.EINVAL, refused(MapType.ARRAY, 4, 4, 1, MapFlags.RDONLY_PROG | MapFlags.WRONLY_PROG));
        assertEquals(Errno.EINVAL, refused(MapType.ARRAY, 4, 4, 1, MapFlags.PRESERVE_ELEMS));
        assertEquals(Errno.EINVAL, refused(MapType.PERCPU_ARRAY, 4, 4, 1, MapFlags.MMAPABLE));
        assertEquals(Errno.EINVAL, refused(MapType.PERCPU_ARRAY, 4, 4, 1, MapFlags.NUMA_NODE));
        assertEquals(Errno.E2BIG, refused(MapType.PERCPU_ARRAY, 4, 32 * 1024 + 1, 1, 0));
        assertEquals(Errno.E2BIG, refused(MapType.ARRAY, 4, -1, 1, 0)); // value_size 2^32 - 1 > INT_MAX
        assertEquals(Errno.ENOMEM, refused(MapType.ARRAY, 4, 8, 1 << 28, 0)); // 2 GiB
        assertInstanceOf(ArrayMap.class, create(MapType.ARRAY, 4, 4, 1, MapFlags.MMAPABLE | MapFlags.RDONLY_PROG));
        assertInstanceOf(ArrayMap.class, create(MapType.PERCPU_ARRAY, 4, 32 * 1024, 1, 0));
    }

    @Test
    void hashChecks() {
        assertEquals(Errno.EINVAL, refused(MapType.HASH, 0, 4, 1, 0));
        assertEquals(Errno.EINVAL, refused(MapType.HASH, 4, 0, 1, 0));
        assertEquals(Errno.EINVAL, refused(MapType.HASH, 4, 4, 0, 0));
        assertEquals(Errno.EINVAL, refused(MapType.HASH, 4, 4, 1, MapFlags.MMAPABLE));
        assertEquals(Errno.EINVAL, refused(MapType.HASH, 4, 4, 1, MapFlags.NO_COMMON_LRU));
        assertEquals(Errno.EINVAL, refused(MapType.PERCPU_HASH, 4, 4, 1, MapFlags.NUMA_NODE));
        assertEquals(Errno.EINVAL, refused(MapType.LRU_HASH, 4, 4, 2, MapFlags.NO_COMMON_LRU | MapFlags.NUMA_NODE));
        assertEquals(Errno.ENOTSUPP, refused(MapType.LRU_HASH, 4, 4, 1, MapFlags.NO_PREALLOC));
        assertEquals(Errno.E2BIG, refused(MapType.HASH, 4, (4 << 20) - 52, 1, 0)); // key + value = KMALLOC_MAX - 48
        assertEquals(Errno.E2BIG, refused(MapType.PERCPU_HASH, 4, 32 * 1024 + 1, 1, 0));
        assertEquals(Errno.E2BIG, refused(MapType.HASH, 4, 4, (1 << 31) + 1, 0)); // a negative int is a huge u32
        assertInstanceOf(BpfHashMap.class, create(MapType.HASH, 4, (4 << 20) - 53, 1, MapFlags.NO_PREALLOC));
        assertInstanceOf(LruHashMap.class, create(MapType.LRU_PERCPU_HASH, 16, 8, 4, MapFlags.ZERO_SEED));
    }

    @Test
    void perCpuLruListsRoundMaxEntriesToTheCpus() {
        assertEquals(
                6, create(MapType.LRU_HASH, 4, 4, 5, MapFlags.NO_COMMON_LRU).maxEntries());
        assertEquals(5, create(MapType.LRU_HASH, 4, 4, 5, 0).maxEntries());
    }

    @Test
    void redirectMapChecks() {
        assertEquals(Errno.EINVAL, refused(MapType.CPUMAP, 8, 4, 2, 0));
        assertEquals(Errno.EINVAL, refused(MapType.CPUMAP, 4, 12, 2, 0));
        assertEquals(Errno.EINVAL, refused(MapType.CPUMAP, 4, 4, 0, 0));
        assertEquals(Errno.EINVAL, refused(MapType.CPUMAP, 4, 4, 2, MapFlags.RDONLY));
        assertEquals(Errno.E2BIG, refused(MapType.CPUMAP, 4, 8, CpuMap.NR_CPUS + 1, 0));
        // more entries than possible CPUs is fine at creation (the kernel bounds it by NR_CPUS only)
        assertInstanceOf(CpuMap.class, create(MapType.CPUMAP, 4, 8, 64, MapFlags.NUMA_NODE));
        assertEquals(Errno.EINVAL, refused(MapType.DEVMAP, 4, 16, 2, 0));
        assertEquals(Errno.EINVAL, refused(MapType.DEVMAP_HASH, 4, 4, 2, MapFlags.NO_PREALLOC));
        assertInstanceOf(DevMap.class, create(MapType.DEVMAP, 4, 4, 2, MapFlags.RDONLY));
        assertInstanceOf(DevHashMap.class, create(MapType.DEVMAP_HASH, 4, 8, 2, 0));
    }

    @Test
    void errorsNameTheErrno() {
        MapException e = assertThrows(MapException.class, () -> create(MapType.CPUMAP, 4, 4, 9000, 0));
        assertEquals("cannot create cpumap map m: max_entries 9000 exceeds NR_CPUS (8192) (-E2BIG)", e.getMessage());
        assertEquals(7, e.number());
        assertEquals(Errno.EOPNOTSUPP, refused(MapType.SOCKMAP, 4, 4, 1, 0)); // no sockets in jxdp
        assertEquals(
                Errno.EINVAL, refused(MapType.LPM_TRIE, 8, 4, 1, 0)); // as the kernel: BPF_F_NO_PREALLOC is required
        assertEquals(Errno.EINVAL, refused(MapType.ARRAY, 4, 4, 1, MapFlags.RDONLY | MapFlags.WRONLY));
    }

    @Test
    void mapsGetSharedRegionIdsAndHandles() {
        AddressSpace space = new AddressSpace();
        BpfMap a = Maps.create(new MapDef("a", MapType.ARRAY, 4, 4, 1), space, 1);
        BpfMap b = Maps.create(new MapDef("b", MapType.HASH, 4, 4, 1), space, 1);
        assertEquals(Addresses.FIRST_SHARED, a.id());
        assertEquals(Addresses.FIRST_SHARED + 1, b.id());
        assertEquals(5L << 32 | b.id(), b.handle());
        assertTrue(space.owner(b.id()) == b);
    }
}
