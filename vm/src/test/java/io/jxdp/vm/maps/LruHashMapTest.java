package io.jxdp.vm.maps;

import static io.jxdp.vm.maps.ArrayMapTest.u32;
import static io.jxdp.vm.maps.ArrayMapTest.u64;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jxdp.isa.MapDef;
import io.jxdp.isa.MapType;
import io.jxdp.vm.Cpu;
import io.jxdp.vm.Errno;
import io.jxdp.vm.memory.AddressSpace;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class LruHashMapTest {
    private final AddressSpace space = new AddressSpace();
    private final Cpu cpu = new Cpu(0, space);

    private LruHashMap lru(MapType type, int max) {
        return (LruHashMap) Maps.create(new MapDef("l", type, 4, 8, max), space, 2);
    }

    private static Set<Integer> keys(BpfMap m) {
        Set<Integer> keys = new TreeSet<>();
        m.keys().forEach(k -> keys.add(Keys.u32(k, 0)));
        return keys;
    }

    private static void fill(BpfMap m, int... keys) {
        for (int k : keys) {
            m.update(u32(k), u64(k), MapFlags.NOEXIST);
        }
    }

    @Test
    void theOldestElementIsEvictedInsteadOfE2big() {
        LruHashMap m = lru(MapType.LRU_HASH, 4);
        fill(m, 1, 2, 3, 4, 5);
        assertEquals(Set.of(2, 3, 4, 5), keys(m));
        fill(m, 6);
        assertEquals(Set.of(3, 4, 5, 6), keys(m));
    }

    @Test
    void aProgramsLookupGivesASecondChance() {
        LruHashMap m = lru(MapType.LRU_HASH, 4);
        fill(m, 1, 2, 3, 4);
        m.bpfLookup(cpu, u32(1), 0);
        fill(m, 5);
        assertEquals(Set.of(1, 3, 4, 5), keys(m));
        m.bpfLookup(cpu, u32(3), 0);
        m.bpfLookup(cpu, u32(4), 0);
        fill(m, 6); // 3 and 4 get their second chance; 1 had its own, and 5 was used after it
        assertEquals(Set.of(3, 4, 5, 6), keys(m)); // 1, as a true LRU would choose
    }

    @Test
    void userSpaceLookupsDoNotCountAsUse() {
        LruHashMap m = lru(MapType.LRU_HASH, 4);
        fill(m, 1, 2, 3, 4);
        m.lookup(u32(1)); // htab_lru_map_lookup_elem_sys leaves the reference bit alone
        fill(m, 5);
        assertEquals(Set.of(2, 3, 4, 5), keys(m));
    }

    @Test
    void updatesTakeAFreshSlotFirstAsTheKernelDoes() {
        LruHashMap m = lru(MapType.LRU_HASH, 4);
        fill(m, 1, 2, 3, 4);
        m.update(u32(4), u64(40), MapFlags.ANY); // replacing 4 in a full map evicts 1
        assertEquals(Set.of(2, 3, 4), keys(m));
        assertArrayEquals(u64(40), m.lookup(u32(4)));
        fill(m, 5);
        assertEquals(
                Errno.EEXIST,
                assertThrows(MapException.class, () -> m.update(u32(5), u64(0), MapFlags.NOEXIST))
                        .errno());
        assertEquals(Set.of(3, 4, 5), keys(m)); // the failed insert still evicted 2
        assertEquals(
                Errno.ENOENT,
                assertThrows(MapException.class, () -> m.update(u32(9), u64(0), MapFlags.EXIST))
                        .errno());
        assertEquals(
                Errno.EINVAL,
                assertThrows(MapException.class, () -> m.update(u32(9), u64(0), 3))
                        .errno());
        m.delete(u32(3));
        assertEquals(
                Errno.ENOENT,
                assertThrows(MapException.class, () -> m.delete(u32(3))).errno());
        assertEquals(Errno.ENOENT.negative(), m.bpfDelete(cpu, u32(3), 0));
    }

    @Test
    void aReplacedElementKeepsItsReferenceBit() {
        LruHashMap m = lru(MapType.LRU_HASH, 3);
        fill(m, 1, 2, 3);
        m.bpfLookup(cpu, u32(2), 0);
        m.update(u32(3), u64(30), MapFlags.ANY); // the slot for the new 3 comes from evicting 1
        assertEquals(Set.of(2, 3), keys(m));
        fill(m, 4); // takes the old 3's slot
        fill(m, 5); // 2 (looked up) and the new 3 (which inherited the old one's use) get a second chance
        assertEquals(Set.of(2, 3, 5), keys(m));
    }

    @Test
    void updatingTheLeastRecentlyUsedKeyOfAFullMapEvictsItFirst() {
        LruHashMap m = lru(MapType.LRU_HASH, 3);
        fill(m, 1, 2, 3);
        // htab_lru_map_update_elem pops (evicting 1) before it looks 1 up
        assertEquals(
                Errno.ENOENT,
                assertThrows(MapException.class, () -> m.update(u32(1), u64(10), MapFlags.EXIST))
                        .errno());
        assertEquals(Set.of(2, 3), keys(m));
    }

    @Test
    void perCpuLruUpdatesExistingValuesInPlace() {
        LruHashMap m = lru(MapType.LRU_PERCPU_HASH, 2);
        m.update(u32(1), new byte[16], MapFlags.ANY);
        m.update(u32(2), new byte[16], MapFlags.ANY);
        long addr = m.bpfLookup(cpu, u32(1), 0);
        m.update(u32(1), new byte[] {1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0}, MapFlags.EXIST);
        assertEquals(Set.of(1, 2), keys(m)); // BPF_EXIST takes no slot, so nothing is evicted
        assertEquals(addr, m.bpfLookup(cpu, u32(1), 0));
        assertEquals(2, new Cpu(1, space).memory().loadDW(addr, 0));
        assertEquals(0, m.bpfUpdate(new Cpu(1, space), u32(3), 0, u64(7), 0, MapFlags.ANY));
        assertEquals(Set.of(1, 3), keys(m)); // 2 was older than the looked-up 1
        assertArrayEquals(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 7, 0, 0, 0, 0, 0, 0, 0}, m.lookup(u32(3)));
    }
}
