package io.jxdp.vm.maps;

import static io.jxdp.vm.maps.ArrayMapTest.u32;
import static io.jxdp.vm.maps.ArrayMapTest.u64;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jxdp.isa.MapDef;
import io.jxdp.isa.MapType;
import io.jxdp.vm.Cpu;
import io.jxdp.vm.Errno;
import io.jxdp.vm.memory.AddressSpace;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HashMapTest {
    private final AddressSpace space = new AddressSpace();

    private BpfHashMap hash(MapType type, int max, int flags) {
        return (BpfHashMap) Maps.create(new MapDef("h", type, 4, 8, max, flags, null), space, 2);
    }

    private static Errno fails(Runnable op) {
        return assertThrows(MapException.class, op::run).errno();
    }

    @Test
    void jhashMatchesLookup3TestVectors() {
        // Bob Jenkins' lookup3.c driver5: hashlittle is the kernel's jhash
        assertEquals(0xdeadbeef, Jhash.hash(new byte[0], 0, 0, 0));
        assertEquals(0xbd5b7dde, Jhash.hash(new byte[0], 0, 0, 0xdeadbeef));
        byte[] text = "Four score and seven years ago".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0x17770551, Jhash.hash(text, 0, 30, 0));
        assertEquals(0xcd628161, Jhash.hash(text, 0, 30, 1));
        byte[] shifted = new byte[33];
        System.arraycopy(text, 0, shifted, 3, 30);
        assertEquals(0x17770551, Jhash.hash(shifted, 3, 30, 0)); // read in place at any offset
    }

    @Test
    void updateFlagsAndErrnos() {
        BpfHashMap m = hash(MapType.HASH, 2, 0);
        assertEquals(Errno.ENOENT, fails(() -> m.lookup(u32(1))));
        assertEquals(Errno.ENOENT, fails(() -> m.update(u32(1), u64(1), MapFlags.EXIST)));
        m.update(u32(1), u64(10), MapFlags.NOEXIST);
        assertEquals(Errno.EEXIST, fails(() -> m.update(u32(1), u64(11), MapFlags.NOEXIST)));
        m.update(u32(1), u64(12), MapFlags.EXIST);
        m.update(u32(2), u64(20), MapFlags.ANY);
        assertEquals(Errno.E2BIG, fails(() -> m.update(u32(3), u64(30), MapFlags.ANY)));
        m.update(u32(2), u64(21), MapFlags.ANY); // replacing works in a full map
        assertEquals(Errno.EINVAL, fails(() -> m.update(u32(1), u64(1), 3)));
        assertEquals(Errno.EINVAL, fails(() -> m.update(u32(1), u64(1), MapFlags.F_LOCK)));
        assertArrayEquals(u64(12), m.lookup(u32(1)));
        assertArrayEquals(u64(21), m.lookup(u32(2)));
        m.delete(u32(1));
        assertEquals(Errno.ENOENT, fails(() -> m.delete(u32(1))));
        m.update(u32(3), u64(30), MapFlags.NOEXIST); // the freed slot is reused at once
        assertEquals(2, m.size());
        MapException full = assertThrows(MapException.class, () -> m.update(u32(4), u64(1), MapFlags.ANY));
        assertEquals("hash map h: update of key 04000000 with flags 0: the map is full (-E2BIG)", full.getMessage());
    }

    @Test
    void bpfFaceErrnosMatchTheUserFace() {
        BpfHashMap m = hash(MapType.HASH, 1, 0);
        Cpu cpu = new Cpu(0, space);
        assertEquals(0, m.bpfLookup(cpu, u32(5), 0));
        assertEquals(Errno.ENOENT.negative(), m.bpfUpdate(cpu, u32(5), 0, u64(1), 0, MapFlags.EXIST));
        assertEquals(0, m.bpfUpdate(cpu, u32(5), 0, u64(1), 0, MapFlags.ANY));
        assertEquals(Errno.EEXIST.negative(), m.bpfUpdate(cpu, u32(5), 0, u64(1), 0, MapFlags.NOEXIST));
        assertEquals(Errno.E2BIG.negative(), m.bpfUpdate(cpu, u32(6), 0, u64(1), 0, MapFlags.ANY));
        assertEquals(Errno.EINVAL.negative(), m.bpfUpdate(cpu, u32(5), 0, u64(1), 0, 1L << 32));
        assertEquals(0, m.bpfDelete(cpu, u32(5), 0));
        assertEquals(Errno.ENOENT.negative(), m.bpfDelete(cpu, u32(5), 0));
    }

    @Test
    void updatingAKeyLinksANewElementAndLeavesTheOldValueToEarlierReaders() {
        BpfHashMap m = hash(MapType.HASH, 4, 0);
        Cpu cpu = new Cpu(0, space);
        m.update(u32(7), u64(100), MapFlags.ANY);
        long before = m.bpfLookup(cpu, u32(7), 0);
        m.update(u32(7), u64(200), MapFlags.ANY);
        long after = m.bpfLookup(cpu, u32(7), 0);
        assertNotEquals(before, after);
        assertEquals(100, cpu.memory().loadDW(before, 0)); // as htab_map_update_elem's extra_elems
        assertEquals(200, cpu.memory().loadDW(after, 0));
        // a per-CPU hash updates in place
        BpfHashMap p = hash(MapType.PERCPU_HASH, 4, 0);
        p.update(u32(7), new byte[16], MapFlags.ANY);
        long addr = p.bpfLookup(cpu, u32(7), 0);
        p.update(u32(7), new byte[] {5, 0, 0, 0, 0, 0, 0, 0, 6, 0, 0, 0, 0, 0, 0, 0}, MapFlags.ANY);
        assertEquals(addr, p.bpfLookup(cpu, u32(7), 0));
        assertEquals(5, cpu.memory().loadDW(addr, 0));
        assertEquals(6, new Cpu(1, space).memory().loadDW(addr, 0));
    }

    @Test
    void aProgramInsertIntoAPerCpuHashZeroesTheOtherCpus() {
        BpfHashMap p = hash(MapType.PERCPU_HASH, 4, 0);
        p.update(u32(1), new byte[] {1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2}, MapFlags.ANY);
        p.delete(u32(1));
        assertEquals(0, p.bpfUpdate(new Cpu(1, space), u32(1), 0, u64(9), 0, MapFlags.NOEXIST));
        assertArrayEquals(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 9, 0, 0, 0, 0, 0, 0, 0}, p.lookup(u32(1)));
        assertEquals(0, p.bpfUpdate(new Cpu(0, space), u32(1), 0, u64(3), 0, MapFlags.EXIST)); // in place, one CPU
        assertArrayEquals(new byte[] {3, 0, 0, 0, 0, 0, 0, 0, 9, 0, 0, 0, 0, 0, 0, 0}, p.lookup(u32(1)));
    }

    @Test
    void iterationFollowsTheKernelsBuckets() {
        BpfHashMap m = hash(MapType.HASH, 64, MapFlags.ZERO_SEED);
        List<Integer> inserted = new ArrayList<>();
        for (int k = 100; k < 140; k++) {
            m.update(u32(k), u64(k), MapFlags.ANY);
            inserted.add(k);
        }
        // bucket jhash(key) & 63 ascending; within a bucket the latest insert first (added at the head)
        List<Integer> expected = new ArrayList<>(inserted);
        expected.sort(Comparator.<Integer>comparingInt(k -> Jhash.hash(u32(k), 0, 4, 0) & 63)
                .thenComparing(Comparator.<Integer>reverseOrder()));
        List<Integer> walked = new ArrayList<>();
        for (byte[] k = m.nextKey(null); k != null; k = m.nextKey(k)) {
            walked.add(Keys.u32(k, 0));
        }
        assertEquals(expected, walked);
        assertArrayEquals(m.nextKey(null), m.nextKey(u32(99))); // a missing key starts over
        assertNull(m.nextKey(u32(walked.get(walked.size() - 1))));
    }

    @Test
    void randomSeedsStillFindEveryKey() {
        BpfHashMap m = hash(MapType.HASH, 1000, 0);
        Set<Integer> keys = new HashSet<>();
        for (int k = 0; k < 1000; k++) {
            m.update(u32(k * 7919), u64(k), MapFlags.NOEXIST);
            keys.add(k * 7919);
        }
        for (int k = 0; k < 1000; k++) {
            assertArrayEquals(u64(k), m.lookup(u32(k * 7919)));
        }
        Set<Integer> walked = new HashSet<>();
        m.keys().forEach(k -> walked.add(Keys.u32(k, 0)));
        assertEquals(keys, walked);
    }

    @Test
    void oddKeySizesHashAndCompareAllTheirBytes() {
        BpfMap m = Maps.create(new MapDef("k", MapType.HASH, 13, 4, 8), space, 1);
        byte[] a = "abcdefghijklm".getBytes(StandardCharsets.US_ASCII);
        byte[] b = "abcdefghijklM".getBytes(StandardCharsets.US_ASCII);
        m.update(a, u32(1), MapFlags.ANY);
        m.update(b, u32(2), MapFlags.ANY);
        assertArrayEquals(u32(1), m.lookup(a));
        assertArrayEquals(u32(2), m.lookup(b));
    }
}
