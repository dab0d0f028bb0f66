package io.jxdp.vm.maps;

import static io.jxdp.vm.maps.ArrayMapTest.u32;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jxdp.isa.MapDef;
import io.jxdp.isa.MapType;
import io.jxdp.vm.Errno;
import io.jxdp.vm.memory.AddressSpace;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CpuMapTest {
    private final AddressSpace space = new AddressSpace();

    private CpuMap cpumap(int valueSize, int max) {
        return (CpuMap) Maps.create(new MapDef("cpu_map", MapType.CPUMAP, 4, valueSize, max), space, 2);
    }

    private static byte[] val(int qsize, int prog) {
        byte[] v = new byte[8];
        Keys.LE32.set(v, 0, qsize);
        Keys.LE32.set(v, 4, prog);
        return v;
    }

    private static Errno fails(Runnable op) {
        return assertThrows(MapException.class, op::run).errno();
    }

    @Test
    void updateChecksInTheKernelsOrder() {
        CpuMap m = cpumap(8, 4);
        assertEquals(Errno.EINVAL, fails(() -> m.update(u32(9), val(99999, 0), 3))); // flags first
        assertEquals(Errno.E2BIG, fails(() -> m.update(u32(4), val(99999, 0), MapFlags.NOEXIST)));
        assertEquals(Errno.EEXIST, fails(() -> m.update(u32(0), val(99999, 0), MapFlags.NOEXIST)));
        assertEquals(Errno.EOVERFLOW, fails(() -> m.update(u32(3), val(16385, 0), MapFlags.ANY)));
        assertEquals(Errno.ENODEV, fails(() -> m.update(u32(3), val(192, 0), MapFlags.ANY))); // 2 CPUs
        m.update(u32(1), val(16384, 0), MapFlags.EXIST); // EXIST is not checked against the slot
        assertEquals(16384, m.entry(1).qsize());
        m.setProgramCheck(id -> id == 7);
        assertEquals(Errno.ENOMEM, fails(() -> m.update(u32(1), val(64, 8), MapFlags.ANY)));
        m.update(u32(1), val(64, 7), MapFlags.ANY);
        assertEquals(7, m.entry(1).progId());
        m.update(u32(0), val(64, -1), MapFlags.ANY); // an fd of 0 or less means no program
        assertEquals(0, m.entry(0).progId());
    }

    @Test
    void lookupDeleteAndNextKey() {
        CpuMap m = cpumap(8, 4);
        assertEquals(Errno.ENOENT, fails(() -> m.lookup(u32(0))));
        assertEquals(Errno.ENOENT, fails(() -> m.lookup(u32(9))));
        m.update(u32(1), val(192, 5), MapFlags.ANY);
        assertArrayEquals(val(192, 5), m.lookup(u32(1)));
        m.update(u32(1), val(0, 0), MapFlags.ANY); // qsize 0 deletes
        assertNull(m.entry(1));
        assertEquals(Errno.EINVAL, fails(() -> m.delete(u32(4))));
        m.delete(u32(2)); // an empty slot deletes fine
        assertEquals(
                List.of(0, 1, 2, 3), m.keys().stream().map(k -> Keys.u32(k, 0)).toList());
        CpuMap small = cpumap(4, 2);
        small.update(u32(0), u32(128), MapFlags.ANY);
        assertArrayEquals(u32(128), small.lookup(u32(0)));
        assertNull(small.entry(-1));
    }

    @Test
    void theListenerSeesEveryChangeWithTheReplacedEntry() {
        CpuMap m = cpumap(8, 2);
        List<String> events = new ArrayList<>();
        List<CpuMapEntry> seen = new ArrayList<>();
        m.setListener(new CpuMapListener() {
            @Override
            public void entryUpdated(CpuMapEntry entry, CpuMapEntry replaced) {
                assertSame(entry, m.entry(entry.key())); // visible before the call
                events.add("updated " + entry + " replacing " + replaced);
                seen.add(entry);
            }

            @Override
            public void entryDeleted(CpuMapEntry removed) {
                assertNull(m.entry(removed.key()));
                events.add("deleted " + removed);
            }
        });
        m.update(u32(1), val(192, 0), MapFlags.ANY);
        m.update(u32(1), val(192, 0), MapFlags.ANY); // the same value makes a new entry, as in the kernel
        m.update(u32(1), val(0, 0), MapFlags.ANY);
        m.delete(u32(1)); // already empty: nothing to tell
        m.update(u32(0), val(64, 3), MapFlags.ANY);
        m.delete(u32(0));
        assertEquals(
                List.of(
                        "updated cpumap entry 1 {qsize 192} replacing null",
                        "updated cpumap entry 1 {qsize 192} replacing cpumap entry 1 {qsize 192}",
                        "deleted cpumap entry 1 {qsize 192}",
                        "updated cpumap entry 0 {qsize 64, prog 3} replacing null",
                        "deleted cpumap entry 0 {qsize 64, prog 3}"),
                events);
        assertNotSame(seen.get(0), seen.get(1));
        seen.get(0).attach("ring");
        assertEquals("ring", seen.get(0).attachment());
    }
}
