package io.jxdp.vm.maps;

import static io.jxdp.vm.maps.ArrayMapTest.u32;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jxdp.isa.MapDef;
import io.jxdp.isa.MapType;
import io.jxdp.vm.Cpu;
import io.jxdp.vm.Errno;
import io.jxdp.vm.FaultKind;
import io.jxdp.vm.VmFault;
import io.jxdp.vm.memory.AddressSpace;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DevMapTest {
    private final AddressSpace space = new AddressSpace();
    private final Cpu cpu = new Cpu(0, space);

    private DeviceMap devmap(MapType type, int valueSize, int max) {
        return (DeviceMap) Maps.create(new MapDef("tx_port", type, 4, valueSize, max), space, 2);
    }

    private static byte[] val(int ifindex, int prog) {
        byte[] v = new byte[8];
        Keys.LE32.set(v, 0, ifindex);
        Keys.LE32.set(v, 4, prog);
        return v;
    }

    private static Errno fails(Runnable op) {
        return assertThrows(MapException.class, op::run).errno();
    }

    @Test
    void devmapUpdateChecks() {
        DeviceMap m = devmap(MapType.DEVMAP, 8, 4);
        assertEquals(Errno.EINVAL, fails(() -> m.update(u32(0), val(3, 0), 3)));
        assertEquals(Errno.E2BIG, fails(() -> m.update(u32(4), val(3, 0), MapFlags.ANY)));
        assertEquals(Errno.EEXIST, fails(() -> m.update(u32(0), val(3, 0), MapFlags.NOEXIST)));
        assertEquals(Errno.EINVAL, fails(() -> m.update(u32(0), val(0, 5), MapFlags.ANY))); // a program, no device
        m.setDeviceCheck(ifindex -> ifindex == 3);
        assertEquals(Errno.EINVAL, fails(() -> m.update(u32(0), val(4, 0), MapFlags.ANY)));
        m.setProgramCheck(id -> false);
        assertEquals(Errno.EINVAL, fails(() -> m.update(u32(0), val(3, 9), MapFlags.ANY)));
        m.update(u32(0), val(3, 0), MapFlags.EXIST);
        assertArrayEquals(val(3, 0), m.lookup(u32(0)));
        assertEquals(3, m.entry(0).ifindex());
        m.update(u32(0), val(0, 0), MapFlags.ANY); // ifindex 0 empties the slot
        assertEquals(Errno.ENOENT, fails(() -> m.lookup(u32(0))));
        m.delete(u32(1));
        assertEquals(Errno.EINVAL, fails(() -> m.delete(u32(4))));
        assertEquals(4, m.keys().size());
    }

    @Test
    void programsReadDevmapValuesButCannotWriteThem() {
        DeviceMap m = devmap(MapType.DEVMAP, 8, 4);
        m.update(u32(2), val(7, 11), MapFlags.ANY);
        long addr = m.bpfLookup(cpu, u32(2), 0);
        assertEquals(7, cpu.memory().loadW(addr, 0));
        assertEquals(11, cpu.memory().loadW(addr + 4, 0));
        assertEquals(
                FaultKind.READ_ONLY,
                assertThrows(VmFault.class, () -> cpu.memory().storeW(addr, 1, 0))
                        .kind());
        assertEquals(0, m.bpfLookup(cpu, u32(1), 0));
        assertEquals(
                FaultKind.BAD_HELPER_ARGUMENT,
                assertThrows(VmFault.class, () -> m.bpfUpdate(cpu, u32(1), 0, val(1, 0), 0, 0))
                        .kind());
    }

    @Test
    void devmapHashFollowsItsOwnRules() {
        DeviceMap m = devmap(MapType.DEVMAP_HASH, 4, 2);
        assertEquals(Errno.EINVAL, fails(() -> m.update(u32(5), u32(0), MapFlags.ANY))); // ifindex 0
        m.update(u32(5), u32(3), MapFlags.EXIST); // BPF_EXIST does not need the key here (the kernel's quirk)
        assertEquals(Errno.EEXIST, fails(() -> m.update(u32(5), u32(3), MapFlags.NOEXIST)));
        m.update(u32(1000), u32(4), MapFlags.NOEXIST);
        assertEquals(Errno.E2BIG, fails(() -> m.update(u32(6), u32(4), MapFlags.ANY)));
        m.update(u32(5), u32(8), MapFlags.ANY); // replacing works in a full map
        assertEquals(8, m.entry(5).ifindex());
        assertArrayEquals(u32(4), m.lookup(u32(1000)));
        long addr = m.bpfLookup(cpu, u32(5), 0);
        assertEquals(8, cpu.memory().loadW(addr, 0));
        m.delete(u32(5));
        assertEquals(Errno.ENOENT, fails(() -> m.delete(u32(5))));
        assertNull(m.entry(5));
        assertEquals(0, m.bpfLookup(cpu, u32(5), 0));
    }

    @Test
    void devmapHashIteratesByKeyBucketsNewestFirst() {
        DeviceMap m = devmap(MapType.DEVMAP_HASH, 4, 4); // 4 buckets, key & 3
        for (int k : new int[] {5, 1, 2, 12, 7}) {
            if (k == 7) {
                m.delete(u32(12));
            }
            m.update(u32(k), u32(1), MapFlags.ANY);
        }
        List<Integer> walked = new ArrayList<>();
        for (byte[] k = m.nextKey(null); k != null; k = m.nextKey(k)) {
            walked.add(Keys.u32(k, 0));
        }
        assertEquals(List.of(1, 5, 2, 7), walked);
        assertArrayEquals(u32(1), m.nextKey(u32(12))); // a missing key starts over
    }

    @Test
    void theListenerSeesDevmapChanges() {
        DeviceMap m = devmap(MapType.DEVMAP_HASH, 8, 4);
        List<String> events = new ArrayList<>();
        m.setListener(new DevMapListener() {
            @Override
            public void entryUpdated(DevMapEntry entry, DevMapEntry replaced) {
                events.add("updated " + entry + " replacing " + replaced);
            }

            @Override
            public void entryDeleted(DevMapEntry removed) {
                events.add("deleted " + removed);
            }
        });
        m.update(u32(9), val(2, 0), MapFlags.ANY);
        m.update(u32(9), val(3, 4), MapFlags.ANY);
        m.delete(u32(9));
        assertEquals(
                List.of(
                        "updated devmap entry 9 {ifindex 2} replacing null",
                        "updated devmap entry 9 {ifindex 3, prog 4} replacing devmap entry 9 {ifindex 2}",
                        "deleted devmap entry 9 {ifindex 3, prog 4}"),
                events);
    }
}
