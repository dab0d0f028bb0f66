package io.jxdp.vm.maps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jxdp.isa.MapDef;
import io.jxdp.isa.MapType;
import io.jxdp.vm.Cpu;
import io.jxdp.vm.Errno;
import io.jxdp.vm.memory.AddressSpace;
import io.jxdp.vm.memory.Addresses;
import org.junit.jupiter.api.Test;

class ArrayMapTest {
    private final AddressSpace space = new AddressSpace();

    static byte[] u32(int v) {
        return Keys.u32Bytes(v);
    }

    static byte[] u64(long v) {
        byte[] b = new byte[8];
        Keys.LE64.set(b, 0, v);
        return b;
    }

    private static Errno fails(Runnable op) {
        return assertThrows(MapException.class, op::run).errno();
    }

    @Test
    void userFaceFollowsArrayMapSemantics() {
        BpfMap m = Maps.create(new MapDef("a", MapType.ARRAY, 4, 8, 3), space, 2);
        assertArrayEquals(new byte[8], m.lookup(u32(2))); // zero-initialized, never missing
        m.update(u32(1), u64(42), MapFlags.ANY);
        m.update(u32(1), u64(43), MapFlags.EXIST);
        assertArrayEquals(u64(43), m.lookup(u32(1)));
        assertEquals(Errno.EEXIST, fails(() -> m.update(u32(0), u64(1), MapFlags.NOEXIST)));
        assertEquals(Errno.EINVAL, fails(() -> m.update(u32(0), u64(1), 3)));
        assertEquals(Errno.EINVAL, fails(() -> m.update(u32(0), u64(1), MapFlags.F_LOCK)));
        assertEquals(Errno.E2BIG, fails(() -> m.update(u32(3), u64(1), MapFlags.ANY)));
        assertEquals(Errno.ENOENT, fails(() -> m.lookup(u32(3))));
        assertEquals(Errno.EINVAL, fails(() -> m.delete(u32(1))));
        assertEquals(Errno.EINVAL, fails(() -> m.lookup(new byte[8]))); // wrong key size
        assertEquals(Errno.EINVAL, fails(() -> m.update(u32(0), new byte[4], MapFlags.ANY))); // wrong value size
    }

    @Test
    void nextKeyWalksIndexes() {
        BpfMap m = Maps.create(new MapDef("a", MapType.ARRAY, 4, 4, 3), space, 1);
        assertArrayEquals(u32(0), m.nextKey(null));
        assertArrayEquals(u32(1), m.nextKey(u32(0)));
        assertArrayEquals(u32(2), m.nextKey(u32(1)));
        assertNull(m.nextKey(u32(2)));
        assertArrayEquals(u32(0), m.nextKey(u32(7))); // out of range: start over
        assertEquals(3, m.keys().size());
    }

    @Test
    void bpfFaceReturnsValueAddressesAndErrnos() {
        BpfMap m = Maps.create(new MapDef("a", MapType.ARRAY, 4, 12, 4), space, 1);
        Cpu cpu = new Cpu(0, space);
        assertEquals(Addresses.address(m.id(), 2 * 16), m.bpfLookup(cpu, u32(2), 0)); // stride round_up(12, 8)
        assertEquals(0, m.bpfLookup(cpu, u32(4), 0));
        assertEquals(0, m.bpfLookup(cpu, u32(-1), 0));
        byte[] value = new byte[20];
        value[8] = 9; // the value starts at offset 8 of the array
        assertEquals(0, m.bpfUpdate(cpu, u32(1), 0, value, 8, MapFlags.ANY));
        assertEquals(9, m.lookup(u32(1))[0]);
        assertEquals(Errno.EEXIST.negative(), m.bpfUpdate(cpu, u32(1), 0, value, 8, MapFlags.NOEXIST));
        assertEquals(Errno.E2BIG.negative(), m.bpfUpdate(cpu, u32(9), 0, value, 8, MapFlags.F_LOCK)); // range first
        assertEquals(Errno.EINVAL.negative(), m.bpfUpdate(cpu, u32(1), 0, value, 8, MapFlags.F_LOCK));
        assertEquals(Errno.EINVAL.negative(), m.bpfUpdate(cpu, u32(1), 0, value, 8, 3));
        assertEquals(Errno.EINVAL.negative(), m.bpfDelete(cpu, u32(1), 0));
    }

    @Test
    void perCpuValuesArePaddedToEightBytesPerCpu() {
        BpfMap m = Maps.create(new MapDef("p", MapType.PERCPU_ARRAY, 4, 4, 2), space, 3);
        assertEquals(24, m.userValueSize());
        byte[] v = new byte[24];
        v[0] = 1;
        v[8] = 2;
        v[16] = 3;
        v[20] = 7; // padding bytes are copied too, as bpf_long_memcpy does
        m.update(u32(1), v, MapFlags.ANY);
        assertArrayEquals(v, m.lookup(u32(1)));
        Cpu cpu1 = new Cpu(1, space);
        long addr = m.bpfLookup(cpu1, u32(1), 0);
        assertEquals(2, cpu1.memory().loadW(addr, 0));
        assertEquals(3, new Cpu(2, space).memory().loadW(addr, 0)); // same address, another CPU's copy
        assertEquals(0, m.bpfUpdate(cpu1, u32(1), 0, u32(99), 0, MapFlags.EXIST)); // this CPU only
        assertArrayEquals(
                new byte[] {1, 0, 0, 0, 0, 0, 0, 0, 99, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 7, 0, 0, 0}, m.lookup(u32(1)));
    }

    @Test
    void globalDataStartsWithItsContentsAndHasDirectAccess() {
        MapDef def = new MapDef(".rodata", MapType.ARRAY, 4, 6, 1, MapFlags.RDONLY_PROG, new byte[] {1, 2, 3});
        BpfMap m = Maps.create(def, space, 1);
        assertArrayEquals(new byte[] {1, 2, 3, 0, 0, 0}, m.lookup(u32(0)));
        assertEquals(Addresses.address(m.id(), 5), m.directValueAddress(5));
        assertEquals(-1, m.directValueAddress(6));
        Cpu cpu = new Cpu(0, space);
        assertEquals(0x030201, cpu.memory().loadW(m.directValueAddress(0), 0));
        assertThrows(io.jxdp.vm.VmFault.class, () -> cpu.memory().storeB(m.directValueAddress(0), 1, 0)); // read-only
        BpfMap two = Maps.create(new MapDef("two", MapType.ARRAY, 4, 4, 2), space, 1);
        assertEquals(-1, two.directValueAddress(0));
    }

    @Test
    void accessFlagsLimitTheUserFace() {
        BpfMap ro = Maps.create(new MapDef("ro", MapType.ARRAY, 4, 4, 1, MapFlags.RDONLY, null), space, 1);
        assertEquals(Errno.EPERM, fails(() -> ro.update(u32(0), u32(1), MapFlags.ANY)));
        ro.lookup(u32(0));
        BpfMap wo = Maps.create(new MapDef("wo", MapType.ARRAY, 4, 4, 1, MapFlags.WRONLY, null), space, 1);
        assertEquals(Errno.EPERM, fails(() -> wo.lookup(u32(0))));
        wo.update(u32(0), u32(1), MapFlags.ANY);
    }
}
