package io.jxdp.vm.helpers;

import static io.jxdp.vm.helpers.MapHelpersTest.u32;
import static io.jxdp.vm.helpers.MapHelpersTest.u64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jxdp.isa.MapDef;
import io.jxdp.isa.MapType;
import io.jxdp.vm.Cpu;
import io.jxdp.vm.maps.BpfMap;
import io.jxdp.vm.maps.MapFlags;
import io.jxdp.vm.maps.Maps;
import io.jxdp.vm.memory.AddressSpace;
import io.jxdp.vm.memory.Memory;
import java.lang.management.ManagementFactory;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/** The per-packet helpers must not allocate: map lookups and redirects run for every frame. */
class HotPathAllocationTest {
    private static final int CALLS = 200_000;

    private static long allocatedBy(LongSupplier body) {
        var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int i = 0; i < CALLS; i++) {
            sink += body.getAsLong(); // warm up, so the JIT has compiled what it will
        }
        long id = Thread.currentThread().getId();
        long before = bean.getThreadAllocatedBytes(id);
        for (int i = 0; i < CALLS; i++) {
            sink += body.getAsLong();
        }
        long allocated = bean.getThreadAllocatedBytes(id) - before;
        assertTrue(sink != 42);
        return allocated;
    }

    @Test
    void lookupsAndRedirectsAllocateNothing() {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean);
        AddressSpace space = new AddressSpace();
        Cpu cpu = new Cpu(0, space);
        BpfMap hash = Maps.create(new MapDef("h", MapType.HASH, 16, 8, 1024), space, 1);
        BpfMap lru = Maps.create(new MapDef("l", MapType.LRU_HASH, 16, 8, 1024), space, 1);
        BpfMap cpumap = Maps.create(new MapDef("c", MapType.CPUMAP, 4, 4, 2), space, 1);
        BpfMap devhash = Maps.create(new MapDef("d", MapType.DEVMAP_HASH, 4, 4, 8), space, 1);
        byte[] key = new byte[16];
        key[3] = 7;
        hash.update(key, u64(1), MapFlags.ANY);
        lru.update(key, u64(1), MapFlags.ANY);
        cpumap.update(u32(0), u32(64), MapFlags.ANY);
        devhash.update(u32(70), u32(2), MapFlags.ANY);
        // the key on the program's stack, as a program would pass it
        byte[] stack = cpu.memory().stackBytes();
        System.arraycopy(key, 0, stack, Memory.STACK_SIZE - 16, 16);
        long keyAddr = Memory.framePointer(0) - 16;
        assertEquals(hash.bpfLookup(cpu, key, 0), MapHelpers.mapLookupElem(cpu, hash.handle(), keyAddr, 0, 0, 0));
        long budget = CALLS / 8; // well under a byte per call: no allocation per call
        assertTrue(allocatedBy(() -> MapHelpers.mapLookupElem(cpu, hash.handle(), keyAddr, 0, 0, 0)) < budget);
        assertTrue(allocatedBy(() -> MapHelpers.mapLookupElem(cpu, lru.handle(), keyAddr, 0, 0, 0)) < budget);
        assertTrue(allocatedBy(() -> XdpHelpers.redirectMap(cpu, cpumap.handle(), 0, 0, 0, 0)) < budget);
        assertTrue(allocatedBy(() -> XdpHelpers.redirectMap(cpu, devhash.handle(), 70, 0, 0, 0)) < budget);
        assertTrue(allocatedBy(() -> XdpHelpers.redirectMap(cpu, devhash.handle(), 71, 2, 0, 0)) < budget);
    }
}
