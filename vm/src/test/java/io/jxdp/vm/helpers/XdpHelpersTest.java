package io.jxdp.vm.helpers;

import static io.jxdp.vm.helpers.MapHelpersTest.u32;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jxdp.isa.MapDef;
import io.jxdp.isa.MapType;
import io.jxdp.vm.Cpu;
import io.jxdp.vm.FaultKind;
import io.jxdp.vm.RedirectInfo;
import io.jxdp.vm.VmFault;
import io.jxdp.vm.maps.BpfMap;
import io.jxdp.vm.maps.CpuMap;
import io.jxdp.vm.maps.DeviceMap;
import io.jxdp.vm.maps.MapFlags;
import io.jxdp.vm.maps.Maps;
import io.jxdp.vm.memory.AddressSpace;
import io.jxdp.vm.memory.Memory;
import io.jxdp.vm.memory.XdpContext;
import org.junit.jupiter.api.Test;

class XdpHelpersTest {
    private final AddressSpace space = new AddressSpace();
    private final Cpu cpu = new Cpu(0, space);
    private final long ctx = Memory.contextPointer();

    private CpuMap cpumap() {
        CpuMap m = (CpuMap) Maps.create(new MapDef("cpu_map", MapType.CPUMAP, 4, 4, 4), space, 2);
        m.update(u32(1), u32(192), MapFlags.ANY);
        return m;
    }

    @Test
    void redirectRecordsAnIfindex() {
        assertEquals(4, XdpHelpers.redirect(cpu, 0x1_0000_0007L, 0, 0, 0, 0)); // the ifindex is a u32
        assertEquals(RedirectInfo.Kind.IFINDEX, cpu.redirect().kind());
        assertEquals(7, cpu.redirect().targetIndex());
        assertEquals(0, XdpHelpers.redirect(cpu, 9, 1, 0, 0, 0)); // any flag: XDP_ABORTED
        assertEquals(7, cpu.redirect().targetIndex());
        cpu.clearRedirect();
        assertEquals(RedirectInfo.Kind.NONE, cpu.redirect().kind());
    }

    @Test
    void redirectMapToACpumap() {
        CpuMap m = cpumap();
        assertEquals(4, XdpHelpers.redirectMap(cpu, m.handle(), 1, 0, 0, 0));
        RedirectInfo ri = cpu.redirect();
        assertEquals(RedirectInfo.Kind.MAP, ri.kind());
        assertEquals(MapType.CPUMAP, ri.mapType());
        assertEquals(m.id(), ri.mapId());
        assertSame(m, ri.map());
        assertSame(m.entry(1), ri.target());
        assertEquals(1, ri.targetIndex());
        assertEquals("redirect to cpumap map cpu_map key 1", ri.toString());
        // a miss returns the low two bits of the flags; the state loses the map but keeps the index
        assertEquals(2, XdpHelpers.redirectMap(cpu, m.handle(), 0, 2, 0, 0));
        assertEquals(RedirectInfo.Kind.IFINDEX, ri.kind());
        assertEquals(RedirectInfo.IFINDEX_MAP_ID, ri.mapId());
        assertEquals(1, ri.targetIndex());
        assertNull(ri.map());
        assertEquals(0, XdpHelpers.redirectMap(cpu, m.handle(), 9, 0, 0, 0)); // out of range, flags 0: ABORTED
        assertEquals(0, XdpHelpers.redirectMap(cpu, m.handle(), 1, MapFlags.F_BROADCAST, 0, 0)); // no flags on a cpumap
        assertEquals(4, XdpHelpers.redirectMap(cpu, m.handle(), 0x7_0000_0001L, 3, 0, 0)); // key is a u32: 1
        assertSame(m.entry(1), ri.target()); // the last call wins
    }

    @Test
    void redirectMapToDevmapsAndBroadcast() {
        DeviceMap dev = (DeviceMap) Maps.create(new MapDef("tx", MapType.DEVMAP_HASH, 4, 4, 4), space, 1);
        dev.update(u32(100), u32(3), MapFlags.ANY);
        assertEquals(4, XdpHelpers.redirectMap(cpu, dev.handle(), 100, 0, 0, 0));
        assertSame(dev.entry(100), cpu.redirect().target());
        assertEquals(1, XdpHelpers.redirectMap(cpu, dev.handle(), 5, 1, 0, 0));
        long flags = MapFlags.F_BROADCAST | MapFlags.F_EXCLUDE_INGRESS;
        assertEquals(4, XdpHelpers.redirectMap(cpu, dev.handle(), 5, flags, 0, 0)); // broadcast needs no hit
        assertNull(cpu.redirect().target());
        assertEquals(flags, cpu.redirect().flags());
        assertEquals(true, cpu.redirect().broadcast());
        assertEquals(0, XdpHelpers.redirectMap(cpu, dev.handle(), 100, 1 << 5, 0, 0));
        BpfMap array = Maps.create(new MapDef("a", MapType.ARRAY, 4, 4, 1), space, 1);
        assertEquals(
                FaultKind.BAD_HELPER_ARGUMENT,
                assertThrows(VmFault.class, () -> XdpHelpers.redirectMap(cpu, array.handle(), 0, 0, 0, 0))
                        .kind());
    }

    private XdpContext frame(int data, int length) {
        XdpContext x = cpu.memory().xdp();
        byte[] buffer = new byte[XdpContext.PAGE_SIZE];
        for (int i = 0; i < length; i++) {
            buffer[data + i] = (byte) (i + 1);
        }
        x.attach(buffer, data, data + length, XdpContext.PAGE_SIZE - XdpContext.TAILROOM, 1, 0);
        return x;
    }

    @Test
    void adjustHeadKeepsRoomForAnXdpFrameAndAnEthernetHeader() {
        XdpContext x = frame(256, 64);
        assertEquals(-22, XdpHelpers.xdpAdjustHead(cpu, ctx, -217, 0, 0, 0)); // data would be 39
        assertEquals(0, XdpHelpers.xdpAdjustHead(cpu, ctx, -216, 0, 0, 0));
        assertEquals(40, x.data());
        assertEquals(0, XdpHelpers.xdpAdjustHead(cpu, ctx, 216 + 50, 0, 0, 0)); // 14 bytes left
        assertEquals(306, x.data());
        assertEquals(-22, XdpHelpers.xdpAdjustHead(cpu, ctx, 1, 0, 0, 0));
        assertEquals(51, cpu.memory().loadB(3L << 32 | 306, 0)); // packet byte 50 is now the first
        assertEquals(-22, XdpHelpers.xdpAdjustHead(cpu, ctx, Integer.MIN_VALUE, 0, 0, 0));
        // with metadata, the metadata moves along and its room counts
        x = frame(256, 64);
        assertEquals(0, XdpHelpers.xdpAdjustMeta(cpu, ctx, -8, 0, 0, 0));
        cpu.memory().storeDW(3L << 32 | 248, 0x1122334455667788L, 0);
        assertEquals(-22, XdpHelpers.xdpAdjustHead(cpu, ctx, -209, 0, 0, 0));
        assertEquals(0, XdpHelpers.xdpAdjustHead(cpu, ctx, -208, 0, 0, 0));
        assertEquals(40, x.dataMeta());
        assertEquals(48, x.data());
        assertEquals(0x1122334455667788L, cpu.memory().loadDW(3L << 32 | 40, 0));
    }

    @Test
    void adjustMetaLimits() {
        XdpContext x = frame(256, 64);
        assertEquals(-22, XdpHelpers.xdpAdjustMeta(cpu, ctx, 4, 0, 0, 0)); // past data
        assertEquals(-13, XdpHelpers.xdpAdjustMeta(cpu, ctx, -3, 0, 0, 0)); // not a multiple of 4
        assertEquals(0, XdpHelpers.xdpAdjustMeta(cpu, ctx, -216, 0, 0, 0));
        assertEquals(40, x.dataMeta());
        assertEquals(-22, XdpHelpers.xdpAdjustMeta(cpu, ctx, -4, 0, 0, 0)); // into the xdp_frame
        assertEquals(0, XdpHelpers.xdpAdjustMeta(cpu, ctx, 216, 0, 0, 0));
        x = frame(400, 64); // room for more than 255 bytes of metadata
        assertEquals(0, XdpHelpers.xdpAdjustMeta(cpu, ctx, -252, 0, 0, 0));
        assertEquals(-13, XdpHelpers.xdpAdjustMeta(cpu, ctx, -4, 0, 0, 0)); // 256 > 255
        assertEquals(148, x.dataMeta());
        // programs see the metadata through data_meta
        assertEquals(3L << 32 | 148, cpu.memory().loadW(ctx + XdpContext.DATA_META, 0));
    }

    @Test
    void adjustTailStaysWithinTheFrameAndZeroesWhatItGrows() {
        XdpContext x = frame(256, 64);
        byte[] buffer = x.buffer();
        buffer[320] = 99; // stale bytes beyond the packet
        assertEquals(-22, XdpHelpers.xdpAdjustTail(cpu, ctx, -51, 0, 0, 0)); // below ETH_HLEN
        assertEquals(0, XdpHelpers.xdpAdjustTail(cpu, ctx, -50, 0, 0, 0));
        assertEquals(14, x.length());
        assertEquals(0, XdpHelpers.xdpAdjustTail(cpu, ctx, 3776 - 270, 0, 0, 0)); // up to the frame's end
        assertEquals(3776, x.dataEnd());
        assertEquals(0, buffer[320]);
        assertEquals(0, buffer[271]);
        assertEquals(-22, XdpHelpers.xdpAdjustTail(cpu, ctx, 1, 0, 0, 0));
        assertEquals(-22, XdpHelpers.xdpAdjustTail(cpu, ctx, Integer.MAX_VALUE, 0, 0, 0));
        assertEquals(0, cpu.memory().loadB(3L << 32 | 3775, 0));
        assertThrows(VmFault.class, () -> cpu.memory().loadB(3L << 32 | 3776, 0));
    }

    @Test
    void theAdjustHelpersWantTheContext() {
        frame(256, 64);
        VmFault f = assertThrows(VmFault.class, () -> XdpHelpers.xdpAdjustHead(cpu, 3L << 32 | 256, 14, 0, 0, 0));
        assertEquals(FaultKind.BAD_HELPER_ARGUMENT, f.kind());
    }
}
