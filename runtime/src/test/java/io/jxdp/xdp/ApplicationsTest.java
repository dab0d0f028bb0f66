package io.jxdp.xdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxdp.asm.Assembler;
import io.jxdp.asm.Syntax;
import io.jxdp.isa.Program;
import io.jxdp.packet.TrafficGenerator;
import io.jxdp.packet.TrafficProfile;
import io.jxdp.programs.ProgramResources;
import io.jxdp.vm.Cpu;
import io.jxdp.vm.LoadedProgram;
import io.jxdp.vm.Vm;
import io.jxdp.vm.VmOptions;
import io.jxdp.vm.maps.BpfMap;
import io.jxdp.vm.maps.Maps;
import io.jxdp.vm.memory.AddressSpace;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The locality scenario's applications, socket flow table and counting sinks, against the programs. */
class ApplicationsTest {
    private static final int[] APP_CPUS = {0, 1, 2, 3};
    private static final long PACKETS = 20_000;

    private static TrafficProfile profile(int flows) {
        return TrafficProfile.builder().seed(7).flows(flows).rxQueues(2).build();
    }

    @Test
    void theHashIsTheProgramsSuperFastHash() {
        // values of programs/c/common.h's hash_word, compiled with gcc and printed
        assertEquals(408959195, Applications.hashWord(0x12345678, 15485863 + 6));
        assertEquals(6802063, Applications.hashWord(0xdeadbeef, Applications.hashWord(0xc0a80001, 15485863 + 17)));
    }

    @Test
    void everyGeneratedFrameHasItsFlowsOwner() {
        TrafficGenerator g = new TrafficGenerator(profile(1024));
        Applications apps = Applications.of(g, APP_CPUS);
        TrafficGenerator.Stream s = g.stream();
        byte[] frame = new byte[g.maxFrameLength()];
        for (int i = 0; i < 5_000; i++) {
            int len = s.next(frame, 0);
            assertEquals(APP_CPUS[s.flow() % 4], apps.ownerOf(frame, 0, len), "packet " + i);
        }
        assertEquals(-1, apps.ownerOf(new byte[60], 0, 60)); // not IPv4
    }

    @Test
    void sinkNamesGiveTheStacksCpu() {
        assertEquals(1, LocalitySinks.stackCpu("pass-rx1"));
        assertEquals(11, LocalitySinks.stackCpu("pass-cpu11"));
        assertEquals(-1, LocalitySinks.stackCpu("drop-cpu2"));
        assertEquals(-1, LocalitySinks.stackCpu("tx-rx0"));
    }

    /**
     * RSS only: a frame is local when RSS put its flow on its application's CPU. RFS: local unless
     * its flow lost its table entry and spreading (cpus_available[hash % 4]) picks another CPU.
     * Both computed here from the generator, then compared with the runs.
     */
    @Test
    void theRunsCountExactlyWhatTheSteeringImplies() throws Exception {
        TrafficGenerator g = new TrafficGenerator(profile(4096));
        Applications apps = Applications.of(g, APP_CPUS);
        Map<Integer, Integer> lastWriter = new HashMap<>();
        for (int f = 0; f < g.flowCount(); f++) {
            lastWriter.put(Applications.flowHash(g.flow(f)) & 32767, f);
        }
        long rssLocal = 0;
        long rfsLocal = 0;
        TrafficGenerator.Stream s = g.stream();
        byte[] frame = new byte[g.maxFrameLength()];
        for (long i = 0; i < PACKETS; i++) {
            s.next(frame, 0);
            int f = s.flow();
            int owner = APP_CPUS[f % 4];
            int hash = Applications.flowHash(g.flow(f));
            rssLocal += g.flowQueue(f) == owner ? 1 : 0;
            boolean recorded = lastWriter.get(hash & 32767) == f;
            rfsLocal += recorded || APP_CPUS[Integer.remainderUnsigned(hash, 4)] == owner ? 1 : 0;
        }
        LocalitySinks.Totals rss = run("rss_only.bpf", apps, g.profile());
        LocalitySinks.Totals rfs = run("rfs_steer.bpf", apps, g.profile());
        assertEquals(new LocalitySinks.Totals(rssLocal, PACKETS - rssLocal, 0), rss);
        assertEquals(new LocalitySinks.Totals(rfsLocal, PACKETS - rfsLocal, 0), rfs);
        assertTrue(rfsLocal < PACKETS, "4,096 flows in 32,768 entries collide: some flows fall back");
    }

    private static LocalitySinks.Totals run(String name, Applications apps, TrafficProfile profile) throws Exception {
        AddressSpace space = new AddressSpace();
        Program p = Assembler.assemble(ProgramResources.read(name), name, Syntax.AUTO);
        List<BpfMap> maps = new ArrayList<>();
        Map<String, BpfMap> byName = new HashMap<>();
        for (var def : p.maps()) {
            BpfMap m = Maps.create(def, space, 4);
            maps.add(m);
            byName.put(def.name(), m);
        }
        LoadedProgram prog = Vm.load(p, maps, VmOptions.defaults());
        LocalitySinks sinks = new LocalitySinks(n -> PacketSink.NONE, apps);
        XdpRuntime rt = XdpRuntime.builder(prog, new GeneratorFeed(profile, PACKETS))
                .rxQueues(2)
                .maps(maps)
                .cpus(id -> new Cpu(id, space))
                .sinks(sinks)
                .build();
        if (byName.containsKey(Applications.TABLE)) {
            apps.record(byName.get(Applications.TABLE));
            for (int i = 0; i < 4; i++) {
                rt.updateCpumap(APP_CPUS[i], 2048, 0);
                byName.get("cpus_available").update(le32(i), le32(APP_CPUS[i]), 0);
            }
            byName.get("cpus_count").update(le32(0), le32(4), 0);
        }
        rt.run();
        assertEquals(List.of(), rt.stats().violations());
        return sinks.totals();
    }

    private static byte[] le32(int v) {
        return new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)};
    }
}
