package io.jxdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jxdp.packet.TrafficProfile;
import io.jxdp.programs.ProgramResources;
import io.jxdp.xdp.RuntimeStats;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cpumap datapath built through the API: counters exact in deterministic mode, and adding up in both. */
class DatapathTest {
    private static XdpProgram touchData() {
        XdpProgram p =
                Jxdp.loader().cpus(4).assemble("touch_data.bpf", ProgramResources.read("xdp_redirect_cpu/touch_data"));
        p.map("cpus_available").update(0, 2);
        return p;
    }

    @Test
    void generatedTrafficReachesTheConsumerAndEveryFrameIsCounted() throws Exception {
        XdpProgram p = touchData();
        RuntimeStats s = Datapath.builder(p)
                .rxQueues(2)
                .cpumapEntry(2, 2048)
                .consumerBatches(16) // 128 frames a step, what two RX queues bring
                .traffic(TrafficProfile.builder().rxQueues(2).build(), 10_000)
                .run();
        assertEquals(List.of(), s.violations());
        assertEquals(10_000, s.rxTotal(RuntimeStats.Rx::received));
        assertEquals(10_000, s.rxTotal(RuntimeStats.Rx::redirectCpumap));
        assertEquals(0, s.enqueueTotal(RuntimeStats.Enqueue::drops));
        assertEquals(1, s.kthreads().size());
        assertEquals(2, s.kthreads().get(0).cpu());
        assertEquals(10_000, s.kthreads().get(0).pass());
        // the program counted every frame in rx_cnt, per CPU: RX queue q runs on CPU q
        long counted = 0;
        for (byte[] v : p.map("rx_cnt").lookupPerCpu(new byte[4]).orElseThrow().values()) {
            counted += LittleEndian.decode(v, 0, 8, "processed");
        }
        assertEquals(10_000, counted);
    }

    @Test
    void aSecondProgramRunsOnTheConsumerAndListedPacketsAreDealtToTheQueues() throws Exception {
        XdpProgram p = touchData();
        XdpProgram drop = Jxdp.loader()
                .sharingMapsWith(p)
                .assemble("cpumap_drop.bpf", ProgramResources.read("xdp_redirect_cpu/cpumap_drop"));
        List<byte[]> packets = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            byte[] f = new byte[60];
            f[12] = 0x08;
            packets.add(f);
        }
        RuntimeStats s = Datapath.builder(p)
                .rxQueues(3)
                .cpumapEntry(2, 256, drop)
                .packets(packets)
                .run();
        assertEquals(List.of(), s.violations());
        assertEquals(
                List.of(100L, 100L, 100L),
                s.rx().stream().map(RuntimeStats.Rx::received).toList());
        assertEquals(300, s.kthreads().get(0).progDrop());
        assertEquals(300, s.kthreads().get(0).drop());
    }

    @Test
    void threadedRunsAccountForEveryFrame() throws Exception {
        RuntimeStats s = Datapath.builder(touchData())
                .rxQueues(2)
                .cpumapEntry(2, 2048)
                .traffic(TrafficProfile.builder().rxQueues(2).build(), 20_000)
                .threaded(false)
                .run();
        assertEquals(List.of(), s.violations());
        assertEquals(20_000, s.rxTotal(RuntimeStats.Rx::received));
    }

    @Test
    void aSecondProgramMustShareTheMaps() {
        XdpProgram p = touchData();
        XdpProgram alone = Jxdp.loader().assemble("drop.bpf", "r0 = 1\nexit\n");
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> Datapath.builder(p).cpumapEntry(2, 256, alone));
        assertEquals(
                "drop.bpf does not share touch_data.bpf's maps: load it with Jxdp.loader().sharingMapsWith(program)",
                e.getMessage());
    }
}
