package io.jxdp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jxdp.vm.Errno;
import io.jxdp.vm.maps.MapException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Typed map access with the kernel's errnos. */
class XdpMapTest {
    private static final String MAPS = String.join(
            "\n",
            ".map h type=hash key=4 value=8 max_entries=2",
            ".map a type=array key=4 value=4 max_entries=4",
            ".map pc type=percpu_array key=4 value=8 max_entries=1",
            ".map wide type=hash key=16 value=3 max_entries=4",
            "    r0 = 2",
            "    exit",
            "");

    private final XdpProgram program = Jxdp.loader().cpus(4).assemble("maps.bpf", MAPS);

    @Test
    void hashMapsTakeNumbersAndFailWithTheKernelsErrnos() {
        XdpMap h = program.map("h");
        h.update(1, 10);
        h.update(2, 20);
        MapException full = assertThrows(MapException.class, () -> h.update(3, 30));
        assertEquals(Errno.E2BIG, full.errno());
        assertEquals("hash map h: update of key 03000000 with flags 0: the map is full (-E2BIG)", full.getMessage());
        MapException exists = assertThrows(MapException.class, () -> h.update(1, 11, UpdateFlag.NOEXIST));
        assertEquals(Errno.EEXIST, exists.errno());
        assertEquals(
                Errno.ENOENT,
                assertThrows(MapException.class, () -> h.update(5, 1, UpdateFlag.EXIST))
                        .errno());
        assertEquals(OptionalLong.of(10), h.lookupLong(1));
        assertEquals(OptionalLong.empty(), h.lookupLong(9));
        assertEquals(Map.of(1L, 10L, 2L, 20L), h.longEntries());
        assertEquals(List.of(1L, 2L), h.longKeys().stream().sorted().toList());
        assertEquals(
                Errno.ENOENT,
                assertThrows(MapException.class, () -> h.delete(9)).errno());
        h.delete(1);
        assertEquals(Map.of(2L, 20L), h.longEntries());
        assertThrows(IllegalArgumentException.class, () -> h.lookupInt(2)); // 8-byte values
    }

    @Test
    void arraysHoldLittleEndianNumbersReadBackUnsigned() {
        XdpMap a = program.map("a");
        assertEquals(OptionalInt.of(0), a.lookupInt(3));
        a.update(3, -1);
        assertEquals(OptionalInt.of(-1), a.lookupInt(3));
        assertEquals(OptionalLong.of(0xffff_ffffL), a.lookupLong(3));
        assertArrayEquals(
                new byte[] {-1, -1, -1, -1}, a.lookup(new byte[] {3, 0, 0, 0}).orElseThrow());
        a.update(new byte[] {2, 0, 0, 0}, new byte[] {1, 2, 0, 0});
        assertEquals(OptionalLong.of(0x0201), a.lookupLong(2));
        assertEquals(
                Errno.E2BIG,
                assertThrows(MapException.class, () -> a.update(4, 1)).errno());
        assertEquals(
                Errno.EINVAL,
                assertThrows(MapException.class, () -> a.delete(0)).errno());
        // a number the value cannot hold is refused before the map sees it
        assertThrows(IllegalArgumentException.class, () -> a.update(0, 1L << 32));
        assertEquals(4, a.entries().size());
    }

    @Test
    void perCpuValuesAreLabelledByCpu() {
        XdpMap pc = program.map("pc");
        assertEquals(4, pc.cpus());
        pc.updatePerCpuLong(0, List.of(1L, 2L, 3L, 4L), UpdateFlag.ANY);
        assertEquals(Optional.of(Map.of(0, 1L, 1, 2L, 2, 3L, 3, 4L)), pc.lookupPerCpuLong(0));
        assertArrayEquals(
                new byte[] {3, 0, 0, 0, 0, 0, 0, 0},
                pc.lookupPerCpu(new byte[4]).orElseThrow().get(2));
        assertThrows(IllegalStateException.class, () -> pc.lookupLong(0));
        assertEquals(
                Errno.EINVAL,
                assertThrows(MapException.class, () -> pc.updatePerCpuLong(0, List.of(1L), UpdateFlag.ANY))
                        .errno());
    }

    @Test
    void keysOfOtherSizesAreBytes() {
        XdpMap wide = program.map("wide");
        byte[] key = new byte[16];
        key[15] = 1;
        wide.update(key, new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {1, 2, 3}, wide.lookup(key).orElseThrow());
        assertThrows(IllegalArgumentException.class, () -> wide.lookupLong(1));
        assertEquals(
                Errno.EINVAL,
                assertThrows(MapException.class, () -> wide.update(new byte[4], new byte[3]))
                        .errno());
        assertEquals("hash map wide (key 16, value 3, max_entries 4)", wide.toString());
    }
}
