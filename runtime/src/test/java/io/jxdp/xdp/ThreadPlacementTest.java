package io.jxdp.xdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jxdp.asm.Assembler;
import io.jxdp.asm.Syntax;
import io.jxdp.isa.Program;
import io.jxdp.vm.Cpu;
import io.jxdp.vm.Vm;
import io.jxdp.vm.VmOptions;
import io.jxdp.vm.maps.BpfMap;
import io.jxdp.vm.maps.Maps;
import io.jxdp.vm.memory.AddressSpace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Pinning through OpenHFT affinity, and the CPU a thread ran on as /proc tells it. */
class ThreadPlacementTest {
    private static void assumePinning() {
        assumeTrue(Files.exists(Path.of("/proc/thread-self/stat")), "no /proc/thread-self (not Linux)");
        AtomicReference<String> why = new AtomicReference<>();
        Thread t = new Thread(() -> why.set(ThreadPlacement.pin(0)));
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        assumeTrue(why.get() == null, "cannot pin here: " + why.get());
    }

    @Test
    void aPinnedThreadRunsOnItsCpuAndProcSaysSo() throws Exception {
        assumePinning();
        int last = Runtime.getRuntime().availableProcessors() - 1;
        AtomicReference<String> why = new AtomicReference<>("not run");
        int[] seen = new int[1];
        Thread t = new Thread(() -> {
            why.set(ThreadPlacement.pin(last));
            seen[0] = ThreadPlacement.currentCpu(); // sched_setaffinity moves the caller before it returns
        });
        t.start();
        t.join();
        assertNull(why.get());
        assertEquals(last, seen[0]);
    }

    @Test
    void threadedRunsReportTheCpusTheirThreadsRanOn() throws Exception {
        assumePinning();
        AddressSpace space = new AddressSpace();
        Program p = Assembler.assemble(AccountingPropertyTest.RX, "rx.bpf", Syntax.LLVM);
        List<BpfMap> maps = new ArrayList<>();
        for (var d : p.maps()) {
            maps.add(Maps.create(d, space, 8));
        }
        int last = Runtime.getRuntime().availableProcessors() - 1;
        XdpRuntime rt = XdpRuntime.builder(
                        Vm.load(p, maps, VmOptions.defaults()), new AccountingPropertyTest.RandomFeed(7, 2, 20_000))
                .mode(XdpRuntime.Mode.THREADED)
                .rxQueues(2)
                .rxCpus(0)
                .consumerCpus(last)
                .maps(maps)
                .cpus(id -> new Cpu(id, space))
                .build();
        rt.updateCpumap(1, 256, 0);
        rt.updateCpumap(2, 256, 0);
        rt.run();
        RuntimeStats s = rt.stats();
        assertEquals(List.of(), s.violations());
        for (RuntimeStats.Rx r : s.rx()) {
            assertEquals("0", RuntimeStats.cpuList(r.cpusSeen()), "rx queue " + r.queue());
        }
        for (RuntimeStats.Kthread k : s.kthreads()) {
            assertEquals(Integer.toString(last), RuntimeStats.cpuList(k.cpusSeen()), "consumer " + k.cpu());
        }
    }

    @Test
    void cpuListsPrintTheBitsOfAMask() {
        assertEquals("?", RuntimeStats.cpuList(0));
        assertEquals("0,1,63", RuntimeStats.cpuList(0b11L | 1L << 63));
    }
}
