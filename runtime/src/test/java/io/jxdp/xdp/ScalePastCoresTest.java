package io.jxdp.xdp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jxdp.asm.Assembler;
import io.jxdp.asm.Syntax;
import io.jxdp.isa.Program;
import io.jxdp.vm.Cpu;
import io.jxdp.vm.Vm;
import io.jxdp.vm.VmOptions;
import io.jxdp.vm.maps.BpfMap;
import io.jxdp.vm.maps.Maps;
import io.jxdp.vm.memory.AddressSpace;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * More RX queues and cpumap entries than the machine has cores (8 RX, 16 consumers; this machine
 * class has 2): exact in threaded mode, and the same counters every time in deterministic mode.
 */
class ScalePastCoresTest {
    private static final int KEYS = 16;
    private static final String RX = AccountingPropertyTest.RX
            .replace("max_entries=8", "max_entries=" + KEYS)
            .replace("r2 %= 5", "r2 %= " + KEYS);

    private static XdpRuntime runtime(XdpRuntime.Mode mode, long seed) {
        AddressSpace space = new AddressSpace();
        Program p = Assembler.assemble(RX, "rx.bpf", Syntax.LLVM);
        List<BpfMap> maps = new ArrayList<>();
        for (var d : p.maps()) {
            maps.add(Maps.create(d, space, KEYS));
        }
        XdpRuntime rt = XdpRuntime.builder(
                        Vm.load(p, maps, VmOptions.defaults()), new AccountingPropertyTest.RandomFeed(seed, 8, 5_000))
                .mode(mode)
                .rxQueues(8)
                .consumerBatches(2)
                .maps(maps)
                .cpus(id -> new Cpu(id, space))
                .build();
        for (int key = 0; key < KEYS; key++) {
            rt.updateCpumap(key, 64, 0);
        }
        return rt;
    }

    /** Every counter but times, which no mode can repeat. */
    private static String counters(RuntimeStats s) {
        StringBuilder b = new StringBuilder();
        s.rx().forEach(r -> b.append(r.queue())
                .append(' ')
                .append(r.received())
                .append(' ')
                .append(r.exception())
                .append(' ')
                .append(r.drop())
                .append(' ')
                .append(r.pass())
                .append(' ')
                .append(r.tx())
                .append(' ')
                .append(r.redirectCpumap())
                .append(' ')
                .append(r.redirectError())
                .append('\n'));
        s.enqueues().forEach(e -> b.append(e).append('\n'));
        s.kthreads()
                .forEach(k -> b.append(k.cpu())
                        .append(' ')
                        .append(k.consumed())
                        .append(' ')
                        .append(k.pass())
                        .append(' ')
                        .append(k.sched())
                        .append('\n'));
        return b.toString();
    }

    @Test
    void deterministicRunsRepeatExactly() throws Exception {
        XdpRuntime first = runtime(XdpRuntime.Mode.DETERMINISTIC, 3);
        first.run();
        XdpRuntime second = runtime(XdpRuntime.Mode.DETERMINISTIC, 3);
        second.run();
        RuntimeStats s = first.stats();
        assertEquals(List.of(), s.violations());
        assertEquals(8 * 5_000L, s.rxTotal(RuntimeStats.Rx::received));
        assertEquals(KEYS, s.kthreads().size());
        assertEquals(counters(s), counters(second.stats()));
    }

    @Test
    void threadedRunsAddUpExactly() throws Exception {
        for (long seed = 1; seed <= 5; seed++) {
            XdpRuntime rt = runtime(XdpRuntime.Mode.THREADED, seed);
            rt.run();
            RuntimeStats s = rt.stats();
            assertEquals(List.of(), s.violations(), "seed " + seed);
            assertEquals(8 * 5_000L, s.rxTotal(RuntimeStats.Rx::received), "seed " + seed);
            assertEquals(KEYS, s.kthreads().size(), "seed " + seed);
        }
    }
}
