package io.jxdp.xdp;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
 * Every frame is accounted for, whatever happens: random configurations (queues, ring sizes,
 * consumer speeds), a program that returns every verdict (invalid ones too) and redirects to
 * cpumap entries that may be missing, second programs that pass, drop or return what a cpumap
 * program may not, and entries replaced and deleted while traffic flows — from another thread in
 * threaded mode. The identities of ARCHITECTURE.md must hold exactly at the end of every run.
 */
class AccountingPropertyTest {
    /** The first byte picks the verdict: ABORTED, DROP, PASS, TX, REDIRECT (to key b>>3 % 5, flags b>>6), or 7. */
    static final String RX = String.join(
            "\n",
            ".map cpu_map type=cpumap key=4 value=8 max_entries=8",
            "    r2 = *(u32 *)(r1 + 0)",
            "    r3 = *(u32 *)(r1 + 4)",
            "    r4 = r2",
            "    r4 += 1",
            "    r0 = 2",
            "    if r4 > r3 goto out",
            "    r5 = *(u8 *)(r2 + 0)",
            "    r0 = r5",
            "    r0 %= 6",
            "    if r0 == 5 goto invalid",
            "    if r0 != 4 goto out",
            "    r2 = r5",
            "    r2 >>= 3",
            "    r2 %= 5",
            "    r3 = r5",
            "    r3 >>= 6",
            "    r1 = cpu_map ll",
            "    call 51",
            "    goto out",
            "invalid:",
            "    r0 = 7",
            "out:",
            "    exit",
            "");

    /** Second programs: 0 pass, 1 drop, 2 by the second byte (PASS, DROP, TX: warned and dropped). */
    static final String[] SECOND = {
        "r0 = 2\nexit\n",
        "r0 = 1\nexit\n",
        String.join(
                "\n",
                "    r2 = *(u32 *)(r1 + 0)",
                "    r3 = *(u32 *)(r1 + 4)",
                "    r4 = r2",
                "    r4 += 2",
                "    r0 = 2",
                "    if r4 > r3 goto out",
                "    r0 = *(u8 *)(r2 + 1)",
                "    r0 %= 3",
                "    r0 += 1",
                "out:",
                "    exit",
                "")
    };

    /** Random packets of 1 to 100 bytes. */
    static final class RandomFeed implements PacketFeed {
        private final Random[] rnd;
        private final long[] left;

        RandomFeed(long seed, int queues, long perQueue) {
            rnd = new Random[queues];
            left = new long[queues];
            for (int q = 0; q < queues; q++) {
                rnd[q] = new Random(seed * 31 + q);
                left[q] = perQueue;
            }
        }

        @Override
        public int next(int queue, byte[] buffer, int offset, int max) {
            if (left[queue]-- <= 0) {
                return END;
            }
            int len = 1 + rnd[queue].nextInt(100);
            for (int i = 0; i < len; i++) {
                buffer[offset + i] = (byte) rnd[queue].nextInt();
            }
            return len;
        }
    }

    @Test
    void theIdentitiesHoldUnderChurnInBothModes() throws Exception {
        for (long seed = 1; seed <= 24; seed++) {
            for (XdpRuntime.Mode mode : XdpRuntime.Mode.values()) {
                check(seed, mode);
            }
        }
    }

    private void check(long seed, XdpRuntime.Mode mode) throws Exception {
        Random rnd = new Random(seed);
        AddressSpace space = new AddressSpace();
        Program p = Assembler.assemble(RX, "rx.bpf", Syntax.LLVM);
        List<BpfMap> maps = new ArrayList<>();
        for (var d : p.maps()) {
            maps.add(Maps.create(d, space, 8));
        }
        LoadedProgram rx = Vm.load(p, maps, VmOptions.defaults());
        int queues = 1 + rnd.nextInt(3);
        long perQueue = 2000L + rnd.nextInt(6000);
        XdpRuntime.Builder b = XdpRuntime.builder(rx, new RandomFeed(seed, queues, perQueue))
                .mode(mode)
                .rxQueues(queues)
                .consumerBatches(1 + rnd.nextInt(8))
                .maps(maps)
                .cpus(id -> new Cpu(id, space))
                .framesPerQueue(1024 + rnd.nextInt(4096));
        for (int i = 0; i < SECOND.length; i++) {
            b.cpumapProgram(
                    i + 1, Vm.load(Assembler.assemble(SECOND[i], "second.bpf", Syntax.LLVM), VmOptions.defaults()));
        }
        XdpRuntime rt = b.build();
        for (int key = 0; key < 5; key++) {
            if (rnd.nextInt(3) != 0) {
                rt.updateCpumap(key, 8 + rnd.nextInt(512), rnd.nextInt(4));
            }
        }
        Random churn = new Random(seed + 1000);
        if (mode == XdpRuntime.Mode.DETERMINISTIC) {
            while (rt.step()) {
                if (churn.nextInt(8) == 0) {
                    change(rt, churn);
                }
            }
        } else {
            AtomicBoolean done = new AtomicBoolean();
            Thread controller = new Thread(() -> {
                while (!done.get()) {
                    change(rt, churn);
                    Thread.onSpinWait();
                    try {
                        Thread.sleep(0, 200_000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            rt.start();
            controller.start();
            rt.awaitRx();
            done.set(true);
            controller.join();
            rt.stop();
        }
        rt.run();
        RuntimeStats s = rt.stats();
        String what = "seed " + seed + " " + mode;
        assertEquals(List.of(), s.violations(), what);
        assertEquals(
                queues * perQueue, s.rxTotal(RuntimeStats.Rx::received) + s.rxTotal(RuntimeStats.Rx::noBuffer), what);
        // every frame came back to its pool: none is lost in a queue, a ring or a retired entry
        assertEquals(
                0,
                s.kthreads().stream().mapToInt(RuntimeStats.Kthread::busyRings).sum(),
                what);
    }

    private static void change(XdpRuntime rt, Random rnd) {
        int key = rnd.nextInt(5);
        if (rnd.nextInt(3) == 0) {
            rt.deleteCpumap(key);
        } else {
            rt.updateCpumap(key, 8 + rnd.nextInt(512), rnd.nextInt(4));
        }
    }
}
