package io.jxdp.bench;

import io.jxdp.asm.Assembler;
import io.jxdp.asm.Syntax;
import io.jxdp.isa.Program;
import io.jxdp.packet.TrafficProfile;
import io.jxdp.vm.Cpu;
import io.jxdp.vm.EngineKind;
import io.jxdp.vm.LoadedProgram;
import io.jxdp.vm.Vm;
import io.jxdp.vm.VmOptions;
import io.jxdp.vm.maps.BpfMap;
import io.jxdp.vm.maps.Maps;
import io.jxdp.vm.memory.AddressSpace;
import io.jxdp.xdp.RuntimeStats;
import io.jxdp.xdp.XdpRuntime;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code jxdp bench cpumap}: the threaded runtime at full speed, one RX thread (and one consumer
 * thread where there is a cpumap), 60-byte frames (pktgen's 64 bytes on the wire less the FCS),
 * measured over a window after a warm-up. Each scenario prints RX Mpps, consumer Mpps, ring-full
 * drops and the bulk-average beside what the kernel reaches (XDP-CPUMAP.md) on this machine class.
 *
 * <p>Options: {@code --seconds=N} per scenario (default 5), {@code --engine=interpreter|jit}.
 */
public final class CpumapBench {
    /** XDP_DROP: drop everything on the RX CPU. */
    static final String DROP = "r0 = 1\nexit\n";
    /** Redirect everything to cpumap entry 1, without touching the packet (xdp_redirect_cpu's no_touch). */
    static final String REDIRECT = ".map cpu_map type=cpumap key=4 value=8 max_entries=4\n"
            + "r1 = cpu_map ll\nr2 = 1\nr3 = 0\ncall 51\nexit\n";
    /** The cpumap's second program for "remote drop", as xdp-bench's --remote-action drop. */
    static final String REMOTE_DROP = "r0 = 1\nexit\n";

    private CpumapBench() {}

    public static void main(String[] args) throws Exception {
        run(args, System.out);
    }

    /** One row of the table. */
    record Result(
            String name,
            double rxMpps,
            double consumerMpps,
            long drops,
            double bulkAverage,
            double rxCpu,
            double consumerCpu,
            String kernel) {}

    public static void run(String[] args, PrintStream out) throws Exception {
        double seconds = 5;
        EngineKind engine = EngineKind.JIT;
        for (String a : args) {
            if (a.startsWith("--seconds=")) {
                try {
                    seconds = Double.parseDouble(a.substring("--seconds=".length()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(
                            "--seconds needs a number, got '" + a.substring("--seconds=".length()) + "'");
                }
            } else if (a.startsWith("--engine=")) {
                engine = EngineKind.ofCliName(a.substring("--engine=".length()));
                if (engine == null) {
                    throw new IllegalArgumentException("--engine must be interpreter or jit");
                }
            } else {
                throw new IllegalArgumentException("unknown option " + a + " (options: --seconds=N, --engine=E)");
            }
        }
        out.println(Machine.describe());
        out.printf(
                Locale.ROOT,
                "engine %s, 1 RX thread, 60-byte frames, %.0f s measured per scenario after %.0f s of warm-up%n%n",
                engine.cliName(),
                seconds,
                Math.min(2, seconds));
        List<Result> results = new ArrayList<>();
        results.add(measure(
                "XDP_DROP on the RX CPU", DROP, null, engine, seconds, "18.07 Mpps (24 Mpps/core in the XDP paper)"));
        results.add(measure(
                "redirect to cpumap, remote drop",
                REDIRECT,
                REMOTE_DROP,
                engine,
                seconds,
                "13.28 Mpps RX, 13.24 consumed"));
        results.add(measure(
                "redirect to cpumap, remote pass (counted)",
                REDIRECT,
                null,
                engine,
                seconds,
                "8.75 RX, 0.68 consumed (full stack)"));
        out.printf(
                Locale.ROOT,
                "%-42s %9s %10s %12s %9s %7s %7s   %s%n",
                "scenario",
                "RX Mpps",
                "cons Mpps",
                "ring drops",
                "bulk-avg",
                "RX cpu",
                "cons cpu",
                "kernel 6.18, 2 vCPUs");
        for (Result r : results) {
            out.printf(
                    Locale.ROOT,
                    "%-42s %9.2f %10s %12s %9s %6.0f%% %7s   %s%n",
                    r.name(),
                    r.rxMpps(),
                    Double.isNaN(r.consumerMpps()) ? "-" : String.format(Locale.ROOT, "%.2f", r.consumerMpps()),
                    r.drops() < 0 ? "-" : String.format(Locale.ROOT, "%,d", r.drops()),
                    Double.isNaN(r.bulkAverage()) ? "-" : String.format(Locale.ROOT, "%.2f", r.bulkAverage()),
                    100 * r.rxCpu(),
                    Double.isNaN(r.consumerCpu()) ? "-" : String.format(Locale.ROOT, "%.0f%%", 100 * r.consumerCpu()),
                    r.kernel());
        }
        out.println();
        out.println(
                "Targets (issue): 14.88 Mpps delivered to the consumer (10 GbE at 64 bytes), 24 Mpps XDP_DROP per RX thread.");
    }

    static Result measure(
            String name, String rxText, String secondText, EngineKind engine, double seconds, String kernel)
            throws Exception {
        AddressSpace space = new AddressSpace();
        Program rxProgram = Assembler.assemble(rxText, "bench.bpf", Syntax.LLVM);
        List<BpfMap> maps = new ArrayList<>();
        for (var def : rxProgram.maps()) {
            maps.add(Maps.create(def, space, 2));
        }
        VmOptions options = VmOptions.defaults().withEngine(engine);
        LoadedProgram rx = Vm.load(rxProgram, maps, options);
        TrafficProfile profile = TrafficProfile.builder()
                .seed(1)
                .flows(1024)
                .frameSize(60)
                .rxQueues(1)
                .build();
        XdpRuntime.Builder b = XdpRuntime.builder(rx, new ReplayFeed(profile, 4096, Long.MAX_VALUE))
                .mode(XdpRuntime.Mode.THREADED)
                .busyPoll(true)
                .rxQueues(1)
                .maps(maps)
                .cpus(id -> new Cpu(id, space));
        if (secondText != null) {
            b.cpumapProgram(1, Vm.load(Assembler.assemble(secondText, "second.bpf", Syntax.LLVM), options));
        }
        XdpRuntime runtime = b.build();
        if (!runtime.cpumaps().isEmpty()) {
            runtime.updateCpumap(1, 2048, secondText != null ? 1 : 0);
        }
        runtime.start();
        Thread.sleep((long) (1000 * Math.min(2, seconds)));
        RuntimeStats before = runtime.stats();
        Thread.sleep((long) (1000 * seconds));
        RuntimeStats after = runtime.stats();
        runtime.stop();
        double wall = (after.elapsedNanos() - before.elapsedNanos()) / 1e9;
        double rxMpps =
                (after.rxTotal(RuntimeStats.Rx::received) - before.rxTotal(RuntimeStats.Rx::received)) / wall / 1e6;
        double rxCpu =
                (after.rxTotal(RuntimeStats.Rx::cpuNanos) - before.rxTotal(RuntimeStats.Rx::cpuNanos)) / 1e9 / wall;
        if (runtime.cpumaps().isEmpty()) {
            return new Result(name, rxMpps, Double.NaN, -1, Double.NaN, rxCpu, Double.NaN, kernel);
        }
        double consumed = (after.kthreadTotal(RuntimeStats.Kthread::consumed)
                        - before.kthreadTotal(RuntimeStats.Kthread::consumed))
                / wall
                / 1e6;
        long drops = after.enqueueTotal(RuntimeStats.Enqueue::drops) - before.enqueueTotal(RuntimeStats.Enqueue::drops);
        long processed = after.enqueueTotal(RuntimeStats.Enqueue::processed)
                - before.enqueueTotal(RuntimeStats.Enqueue::processed);
        long events =
                after.enqueueTotal(RuntimeStats.Enqueue::events) - before.enqueueTotal(RuntimeStats.Enqueue::events);
        double consCpu = (after.kthreadTotal(RuntimeStats.Kthread::cpuNanos)
                        - before.kthreadTotal(RuntimeStats.Kthread::cpuNanos))
                / 1e9
                / wall;
        return new Result(
                name,
                rxMpps,
                consumed,
                drops,
                events == 0 ? Double.NaN : (double) processed / events,
                rxCpu,
                consCpu,
                kernel);
    }
}
