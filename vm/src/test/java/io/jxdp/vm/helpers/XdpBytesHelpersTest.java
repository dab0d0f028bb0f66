package io.jxdp.vm.helpers;

import static io.jxdp.vm.helpers.MapHelpersTest.u32;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jxdp.isa.MapDef;
import io.jxdp.isa.MapType;
import io.jxdp.vm.Cpu;
import io.jxdp.vm.Environment;
import io.jxdp.vm.FaultKind;
import io.jxdp.vm.VmFault;
import io.jxdp.vm.maps.BpfMap;
import io.jxdp.vm.maps.MapFlags;
import io.jxdp.vm.maps.Maps;
import io.jxdp.vm.memory.AddressSpace;
import io.jxdp.vm.memory.Memory;
import io.jxdp.vm.memory.XdpContext;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** xdp_get_buff_len, xdp_load_bytes, xdp_store_bytes, check_mtu and map_lookup_percpu_elem. */
class XdpBytesHelpersTest {
    private final AddressSpace space = new AddressSpace();
    private final Cpu cpu = new Cpu(0, space);
    private final long ctx = Memory.contextPointer();
    private final byte[] mem = new byte[64];
    private final long buf = cpu.memory().attachMemory(mem);

    /** A 100-byte frame of bytes 1, 2, 3, ... received on {@code ifindex}. */
    private XdpContext frame(int ifindex) {
        XdpContext x = cpu.memory().xdp();
        byte[] buffer = new byte[XdpContext.PAGE_SIZE];
        for (int i = 0; i < 100; i++) {
            buffer[XdpContext.HEADROOM + i] = (byte) (i + 1);
        }
        x.attach(
                buffer,
                XdpContext.HEADROOM,
                XdpContext.HEADROOM + 100,
                XdpContext.PAGE_SIZE - XdpContext.TAILROOM,
                ifindex,
                0);
        return x;
    }

    @Test
    void loadAndStoreBytesCopyBetweenTheFrameAndMemory() {
        XdpContext x = frame(1);
        assertEquals(100, XdpHelpers.xdpGetBuffLen(cpu, ctx, 0, 0, 0, 0));
        assertEquals(0, XdpHelpers.xdpLoadBytes(cpu, ctx, 96, buf, 4, 0));
        assertArrayEquals(new byte[] {97, 98, 99, 100}, java.util.Arrays.copyOf(mem, 4));
        mem[0] = -1;
        mem[1] = -2;
        assertEquals(0, XdpHelpers.xdpStoreBytes(cpu, ctx, 0, buf, 2, 0));
        assertEquals(-1, x.buffer()[XdpContext.HEADROOM]);
        assertEquals(-2, x.buffer()[XdpContext.HEADROOM + 1]);
        assertEquals(3, x.buffer()[XdpContext.HEADROOM + 2]);
        assertEquals(-22, XdpHelpers.xdpLoadBytes(cpu, ctx, 97, buf, 4, 0)); // past the end
        assertEquals(-22, XdpHelpers.xdpStoreBytes(cpu, ctx, 100, buf, 1, 0));
        assertEquals(-14, XdpHelpers.xdpLoadBytes(cpu, ctx, 0x10000, buf, 1, 0)); // offset above 0xffff
        assertEquals(-14, XdpHelpers.xdpLoadBytes(cpu, ctx, 0, buf, 0x10000, 0));
        assertEquals(0, XdpHelpers.xdpLoadBytes(cpu, ctx, 100, buf, 0, 0)); // nothing, at the very end
        x.adjustHead(10);
        assertEquals(90, XdpHelpers.xdpGetBuffLen(cpu, ctx, 0, 0, 0, 0));
        assertEquals(0, XdpHelpers.xdpLoadBytes(cpu, ctx, 0, buf, 1, 0)); // offsets count from data
        assertEquals(11, mem[0]);
    }

    @Test
    void aBufferOutsideMemoryFaults() {
        frame(1);
        VmFault f = assertThrows(VmFault.class, () -> XdpHelpers.xdpLoadBytes(cpu, ctx, 0, buf + 60, 8, 0));
        assertEquals(FaultKind.OUT_OF_BOUNDS, f.kind());
        VmFault notCtx = assertThrows(VmFault.class, () -> XdpHelpers.xdpGetBuffLen(cpu, buf, 0, 0, 0, 0));
        assertEquals(FaultKind.BAD_HELPER_ARGUMENT, notCtx.kind());
    }

    private int mtuLen() {
        return ByteBuffer.wrap(mem, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    private void setMtuLen(int v) {
        ByteBuffer.wrap(mem, 0, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(v);
    }

    @Test
    void checkMtuAsBpfXdpCheckMtu() {
        cpu.environment(Environment.deterministic()
                .withDevice(new Environment.NetDevice(2, "eth0", 1500, 0x0200_0000_0001L))
                .withDevice(new Environment.NetDevice(3, "eth1", 100, 0)));
        frame(1); // on lo: MTU 65536
        setMtuLen(0);
        assertEquals(0, XdpHelpers.checkMtu(cpu, ctx, 0, buf, 0, 0));
        assertEquals(65536, mtuLen());
        setMtuLen(0);
        // eth1: 100 + 14 bytes fit a 100-byte frame; 15 more do not
        assertEquals(0, XdpHelpers.checkMtu(cpu, ctx, 3, buf, 14, 0));
        assertEquals(100, mtuLen());
        setMtuLen(0);
        assertEquals(1, XdpHelpers.checkMtu(cpu, ctx, 3, buf, 15, 0));
        // a given mtu_len is checked (plus the L2 header) instead of the frame
        setMtuLen(1500);
        assertEquals(0, XdpHelpers.checkMtu(cpu, ctx, 2, buf, 0, 0));
        setMtuLen(1501);
        assertEquals(1, XdpHelpers.checkMtu(cpu, ctx, 2, buf, 0, 0));
        assertEquals(1500, mtuLen());
        setMtuLen(1501);
        assertEquals(0, XdpHelpers.checkMtu(cpu, ctx, 2, buf, -1, 0)); // len_diff is signed
        assertEquals(-19, XdpHelpers.checkMtu(cpu, ctx, 9, buf, 0, 0)); // no device 9
        assertEquals(-22, XdpHelpers.checkMtu(cpu, ctx, 0, buf, 0, 1)); // BPF_MTU_CHK_SEGS: not for XDP
        frame(7); // an undescribed receiving device is an Ethernet NIC with MTU 1500
        setMtuLen(0);
        assertEquals(0, XdpHelpers.checkMtu(cpu, ctx, 0, buf, 0, 0));
        assertEquals(1500, mtuLen());
        assertEquals(0, XdpHelpers.checkMtu(cpu, ctx, 7, buf, 0, 0));
    }

    @Test
    void lookupPercpuElemReachesEveryCpusCopy() {
        BpfMap map = Maps.create(new MapDef("pc", MapType.PERCPU_ARRAY, 4, 8, 2), space, 3);
        byte[] all = new byte[24];
        for (int c = 0; c < 3; c++) {
            all[8 * c] = (byte) (10 + c);
        }
        map.update(u32(1), all, MapFlags.ANY);
        System.arraycopy(u32(1), 0, mem, 8, 4);
        Cpu cpu1 = new Cpu(1, space);
        byte[] mem1 = new byte[16];
        long key = cpu1.memory().attachMemory(mem1);
        System.arraycopy(u32(1), 0, mem1, 0, 4);
        for (int target = 0; target < 3; target++) {
            long a = MapHelpers.mapLookupPercpuElem(cpu1, map.handle(), key, target, 0, 0);
            assertEquals(10 + target, cpu1.memory().loadB(a, 0), "cpu " + target);
            long b = MapHelpers.mapLookupPercpuElem(cpu, map.handle(), buf + 8, target, 0, 0);
            assertEquals(10 + target, cpu.memory().loadB(b, 0), "cpu " + target);
        }
        // a write through another CPU's pointer lands in that CPU's copy
        long a2 = MapHelpers.mapLookupPercpuElem(cpu1, map.handle(), key, 2, 0, 0);
        cpu1.memory().storeB(a2, 99, 0);
        assertEquals(99, map.lookup(u32(1))[16]);
        assertEquals(0, MapHelpers.mapLookupPercpuElem(cpu1, map.handle(), key, 3, 0, 0)); // no CPU 3
        System.arraycopy(u32(2), 0, mem1, 0, 4);
        assertEquals(0, MapHelpers.mapLookupPercpuElem(cpu1, map.handle(), key, 0, 0, 0)); // no key 2
        BpfMap plain = Maps.create(new MapDef("a", MapType.ARRAY, 4, 8, 2), space, 3);
        VmFault f =
                assertThrows(VmFault.class, () -> MapHelpers.mapLookupPercpuElem(cpu1, plain.handle(), key, 0, 0, 0));
        assertEquals(FaultKind.BAD_HELPER_ARGUMENT, f.kind());
    }

    @Test
    void lookupPercpuElemOnAPercpuHash() {
        BpfMap map = Maps.create(new MapDef("h", MapType.PERCPU_HASH, 4, 4, 8), space, 2);
        map.update(u32(5), new byte[] {1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0}, MapFlags.ANY);
        System.arraycopy(u32(5), 0, mem, 0, 4);
        assertEquals(2, cpu.memory().loadW(MapHelpers.mapLookupPercpuElem(cpu, map.handle(), buf, 1, 0, 0), 0));
        assertEquals(1, cpu.memory().loadW(MapHelpers.mapLookupPercpuElem(cpu, map.handle(), buf, 0, 0, 0), 0));
    }
}
