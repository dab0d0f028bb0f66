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
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Threaded runs stopped from outside while traffic flows (a deadline, Ctrl-C: {@link
 * XdpRuntime#requestStop}) end exactly: RX stops after its poll and flushes its bulk queues, every
 * consumer drains its ring, and only then are the counters read. Random configurations, ring
 * sizes down to 8 (so rings overflow), up to 8 RX queues and 16 cpumap entries on whatever cores
 * the machine has, and entries replaced and deleted while traffic flows. A failure names its seed.
 */
class ThreadedEndingsPropertyTest {
    private static final int KEYS = 16;

    /** As {@link AccountingPropertyTest#RX}, over 16 keys: every verdict, redirects to keys that may be empty. */
    private static final String RX = AccountingPropertyTest.RX
            .replace("max_entries=8", "max_entries=" + KEYS)
            .replace("r2 %= 5", "r2 %= " + KEYS);

    @Test
    void runsStoppedWhileTrafficFlowsAddUpExactly() throws Exception {
        for (long seed = 1; seed <= 40; seed++) {
            check(seed);
        }
    }

    private static void check(long seed) throws Exception {
        Random rnd = new Random(seed);
        AddressSpace space = new AddressSpace();
        Program p = Assembler.assemble(RX, "rx.bpf", Syntax.LLVM);
        List<BpfMap> maps = new ArrayList<>();
        for (var d : p.maps()) {
            maps.add(Maps.create(d, space, KEYS));
        }
        LoadedProgram rx = Vm.load(p, maps, VmOptions.defaults());
        int queues = 1 + rnd.nextInt(8);
        // an endless feed: only the stop ends the run
        AccountingPropertyTest.RandomFeed feed = new AccountingPropertyTest.RandomFeed(seed, queues, Long.MAX_VALUE);
        XdpRuntime.Builder b = XdpRuntime.builder(rx, feed)
                .mode(XdpRuntime.Mode.THREADED)
                .busyPoll(rnd.nextBoolean())
                .rxQueues(queues)
                .maps(maps)
                .cpus(id -> new Cpu(id, space))
                .framesPerQueue(256 + rnd.nextInt(4096));
        for (int i = 0; i < AccountingPropertyTest.SECOND.length; i++) {
            b.cpumapProgram(
                    i + 1,
                    Vm.load(
                            Assembler.assemble(AccountingPropertyTest.SECOND[i], "second.bpf", Syntax.LLVM),
                            VmOptions.defaults()));
        }
        XdpRuntime rt = b.build();
        boolean overflow = rnd.nextBoolean();
        for (int key = 0; key < KEYS; key++) {
            if (rnd.nextInt(4) != 0) {
                rt.updateCpumap(key, overflow ? 8 : 8 + rnd.nextInt(2048), rnd.nextInt(4));
            }
        }
        boolean churn = rnd.nextBoolean();
        Random changes = new Random(seed + 1000);
        AtomicBoolean done = new AtomicBoolean();
        Thread controller = new Thread(() -> {
            while (churn && !done.get()) {
                int key = changes.nextInt(KEYS);
                if (changes.nextInt(3) == 0) {
                    rt.deleteCpumap(key);
                } else {
                    rt.updateCpumap(key, 8 + changes.nextInt(512), changes.nextInt(4));
                }
                try {
                    Thread.sleep(0, 300_000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        rt.start();
        controller.start();
        Thread.sleep(5 + rnd.nextInt(60));
        // on a loaded machine the RX threads may not have run yet: stop only once traffic flows
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (rt.stats().rxTotal(RuntimeStats.Rx::received) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        rt.requestStop(); // what --duration's deadline and Ctrl-C do
        rt.stop();
        done.set(true);
        controller.join();
        rt.run();
        RuntimeStats s = rt.stats();
        String what = "seed " + seed + " (queues " + queues + ", overflow " + overflow + ", churn " + churn + ")";
        assertEquals(List.of(), s.violations(), what);
        assertTrue(s.rxTotal(RuntimeStats.Rx::received) > 0, what);
        assertEquals(
                0,
                s.kthreads().stream().mapToInt(RuntimeStats.Kthread::busyRings).sum(),
                what);
        assertTrue(rt.failure().isEmpty(), what);
    }
}
