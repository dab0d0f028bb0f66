package io.jxdp.xdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxdp.asm.Assembler;
import io.jxdp.asm.Syntax;
import io.jxdp.isa.Program;
import io.jxdp.vm.Cpu;
import io.jxdp.vm.LoadedProgram;
import io.jxdp.vm.Vm;
import io.jxdp.vm.VmOptions;
import io.jxdp.vm.maps.BpfMap;
import io.jxdp.vm.maps.Maps;
import io.jxdp.vm.memory.AddressSpace;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cpumap path: redirect, bulk queues, rings, consumers, replacement; counters add up in both modes. */
class CpumapRuntimeTest {
    /** Redirects each frame to cpumap key (first byte % 2) + 1, with XDP_DROP on a miss. */
    static final String REDIRECT = String.join(
            "\n",
            ".map cpu_map type=cpumap key=4 value=8 max_entries=4",
            "    r2 = *(u32 *)(r1 + 0)",
            "    r3 = *(u32 *)(r1 + 4)",
            "    r4 = r2",
            "    r4 += 1",
            "    r0 = 1",
            "    if r4 > r3 goto out",
            "    r2 = *(u8 *)(r2 + 0)",
            "    r2 &= 1",
            "    r2 += 1",
            "    r1 = cpu_map ll",
            "    r3 = 1",
            "    call 51",
            "out:",
            "    exit",
            "");

    /** A cpumap program that drops frames whose second byte is odd. */
    static final String SECOND = String.join(
            "\n",
            "    r2 = *(u32 *)(r1 + 0)",
            "    r3 = *(u32 *)(r1 + 4)",
            "    r4 = r2",
            "    r4 += 2",
            "    r0 = 2",
            "    if r4 > r3 goto out",
            "    r0 = *(u8 *)(r2 + 1)",
            "    r0 &= 1",
            "    r0 ^= 1",
            "    r0 += 1",
            "out:",
            "    exit",
            "");

    private final AddressSpace space = new AddressSpace();
    private List<BpfMap> maps = new ArrayList<>();

    private LoadedProgram load(String text) {
        Program p = Assembler.assemble(text, "test.bpf", Syntax.LLVM);
        maps = new ArrayList<>();
        for (var def : p.maps()) {
            maps.add(Maps.create(def, space, 4));
        }
        return Vm.load(p, maps, VmOptions.defaults());
    }

    private XdpRuntime runtime(XdpRuntime.Mode mode, long perQueue, int queues, int consumerBatches) {
        return XdpRuntime.builder(load(REDIRECT), new XdpRuntimeTest.CountingFeed(queues, perQueue))
                .mode(mode)
                .rxQueues(queues)
                .consumerBatches(consumerBatches)
                .maps(maps)
                .cpumapProgram(7, Vm.load(Assembler.assemble(SECOND, "second.bpf", Syntax.LLVM), VmOptions.defaults()))
                .cpus(id -> new Cpu(id, space))
                .build();
    }

    @Test
    void redirectedFramesReachTheConsumersAndEveryFrameIsCounted() throws Exception {
        for (XdpRuntime.Mode mode : XdpRuntime.Mode.values()) {
            XdpRuntime rt = runtime(mode, 10_000, 2, 64);
            rt.updateCpumap(1, 2048, 0);
            rt.updateCpumap(2, 2048, 7);
            rt.run();
            RuntimeStats s = rt.stats();
            assertEquals(List.of(), s.violations(), mode.name());
            assertEquals(20_000, s.rxTotal(RuntimeStats.Rx::redirect), mode.name());
            RuntimeStats.Kthread cpu1 = s.kthreads().get(0);
            RuntimeStats.Kthread cpu2 = s.kthreads().get(1);
            // threaded, four threads share two cores: a consumer that gets no CPU lets its ring fill
            long drops = s.enqueueTotal(RuntimeStats.Enqueue::drops);
            if (mode == XdpRuntime.Mode.DETERMINISTIC) {
                assertEquals(0, drops);
            }
            assertEquals(20_000 - drops, cpu1.consumed() + cpu2.consumed(), mode.name());
            assertEquals(cpu1.consumed(), cpu1.pass(), mode.name());
            // the second program drops frames whose second byte is odd: none here, the feed writes 0
            assertEquals(cpu2.consumed(), cpu2.progPass(), mode.name());
        }
    }

    @Test
    void aFullRingDropsAndCountsInTheEnqueueRow() throws Exception {
        // deterministic: two RX queues of 64 frames per step against one slow consumer (1 batch per step)
        XdpRuntime rt = runtime(XdpRuntime.Mode.DETERMINISTIC, 5_000, 2, 1);
        rt.updateCpumap(1, 64, 0);
        rt.updateCpumap(2, 64, 0);
        rt.run();
        RuntimeStats s = rt.stats();
        assertEquals(List.of(), s.violations());
        long drops = s.enqueueTotal(RuntimeStats.Enqueue::drops);
        assertTrue(drops > 0, "the ring must overflow");
        assertEquals(10_000, s.enqueueTotal(RuntimeStats.Enqueue::processed));
        assertEquals(10_000 - drops, s.kthreadTotal(RuntimeStats.Kthread::consumed));
        // the same input gives the same counters every time
        XdpRuntime again = runtime(XdpRuntime.Mode.DETERMINISTIC, 5_000, 2, 1);
        again.updateCpumap(1, 64, 0);
        again.updateCpumap(2, 64, 0);
        again.run();
        assertEquals(s.enqueues(), again.stats().enqueues());
        assertEquals(s.kthreads(), again.stats().kthreads());
    }

    @Test
    void replacingAndDeletingEntriesWhileTrafficFlowsLosesNothing() throws Exception {
        XdpRuntime rt = runtime(XdpRuntime.Mode.DETERMINISTIC, 20_000, 1, 64);
        rt.updateCpumap(1, 256, 0);
        rt.updateCpumap(2, 256, 0);
        int steps = 0;
        while (rt.step()) {
            if (++steps % 10 == 0) {
                rt.updateCpumap(1 + steps / 10 % 2, 128 + steps % 7, 0); // replace one of them
            }
            if (steps == 95) {
                rt.deleteCpumap(2); // later frames for key 2 miss and are dropped by the program (flags 1)
            }
        }
        RuntimeStats s = rt.stats();
        assertEquals(List.of(), s.violations());
        assertEquals(0, s.enqueueTotal(RuntimeStats.Enqueue::drops));
        assertEquals(s.rxTotal(RuntimeStats.Rx::redirect), s.kthreadTotal(RuntimeStats.Kthread::consumed));
        assertEquals(20_000, s.rxTotal(RuntimeStats.Rx::redirect) + s.rxTotal(RuntimeStats.Rx::drop));
    }
}
