package io.jxdp;

import io.jxdp.packet.TrafficProfile;
import io.jxdp.vm.Cpu;
import io.jxdp.xdp.CaptureFeed;
import io.jxdp.xdp.GeneratorFeed;
import io.jxdp.xdp.PacketFeed;
import io.jxdp.xdp.PacketSink;
import io.jxdp.xdp.RuntimeStats;
import io.jxdp.xdp.XdpRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * The emulated XDP datapath of {@code jxdp run}, built in code: RX queues run a program in NAPI
 * polls of 64 frames, {@code bpf_redirect_map} on a cpumap queues frames to the entries' rings, one
 * consumer per entry takes them (running a second program if the entry has one) and hands {@code
 * XDP_PASS} frames to the "network stack", a sink. {@link Builder#run()} returns every counter;
 * every frame is accounted for ({@link RuntimeStats#violations()} is empty).
 *
 * <pre>{@code
 * RuntimeStats stats = Datapath.builder(prog)
 *         .rxQueues(2)
 *         .cpumapEntry(2, 2048)
 *         .cpumapEntry(3, 2048)
 *         .traffic(TrafficProfile.builder().rxQueues(2).build(), 100_000)
 *         .run();
 * }</pre>
 *
 * By default it runs deterministically: every RX queue and consumer is stepped on the calling
 * thread in a fixed order, so the same input gives the same counters on any machine; {@link
 * Builder#threaded} runs real threads instead.
 */
public final class Datapath {
    private Datapath() {}

    /** Starts building a datapath whose RX queues run {@code program} (and use its maps). */
    public static Builder builder(XdpProgram program) {
        return new Builder(program);
    }

    /** What to build: queues, cpumap entries, traffic, mode, sinks. */
    public static final class Builder {
        private final XdpProgram program;
        private int rxQueues = 1;
        private final Map<Integer, Integer> qsizes = new LinkedHashMap<>();
        private final Map<Integer, XdpProgram> seconds = new LinkedHashMap<>();
        private IntFunction<PacketFeed> feed; // made for the number of RX queues
        private TrafficProfile profile;
        private XdpRuntime.Mode mode = XdpRuntime.Mode.DETERMINISTIC;
        private boolean busyPoll;
        private int consumerBatches = 8;
        private final List<Integer> devices = new ArrayList<>();
        private Function<String, PacketSink> sinks = name -> PacketSink.NONE;
        private Consumer<String> warnings = w -> {};

        private Builder(XdpProgram program) {
            this.program = Objects.requireNonNull(program, "program");
        }

        /** How many RX queues (default 1); queue {@code q} runs on CPU {@code q}. */
        public Builder rxQueues(int n) {
            if (n < 1 || n > program.programMaps().cpus()) {
                throw new IllegalArgumentException("rxQueues must be 1 to the program's "
                        + program.programMaps().cpus() + " CPUs (Loader.cpus), not " + n);
            }
            this.rxQueues = n;
            return this;
        }

        /**
         * An entry of the program's cpumap for {@code cpu}: a ring of {@code qsize} frames and a
         * consumer, as {@code xdp_redirect_cpu --cpu} sets up. The map's kernel checks apply when the
         * datapath is built.
         */
        public Builder cpumapEntry(int cpu, int qsize) {
            qsizes.put(cpu, qsize);
            seconds.remove(cpu);
            return this;
        }

        /**
         * An entry whose consumer runs {@code second} on each frame first (a cpumap program, {@code
         * SEC("xdp/cpumap")}); load it with {@link Loader#sharingMapsWith} this datapath's program.
         */
        public Builder cpumapEntry(int cpu, int qsize, XdpProgram second) {
            if (second.programMaps() != program.programMaps()) {
                throw new IllegalArgumentException(second.name() + " does not share " + program.name()
                        + "'s maps: load it with Jxdp.loader().sharingMapsWith(program)");
            }
            qsizes.put(cpu, qsize);
            seconds.put(cpu, second);
            return this;
        }

        /** Generated traffic: the first {@code count} packets of {@code profile} (whose RX queues must match). */
        public Builder traffic(TrafficProfile trafficProfile, long count) {
            this.profile = trafficProfile;
            this.feed = queues -> new GeneratorFeed(trafficProfile, count);
            return this;
        }

        /**
         * The frames of a pcap or pcapng file, dealt to the RX queues, {@code count} in all (looping
         * over the file if {@code loop}).
         */
        public Builder capture(Path file, boolean loop, long count) {
            this.profile = null;
            this.feed = queues -> new CaptureFeed(file, queues, loop, count);
            return this;
        }

        /** These packets, packet {@code i} on RX queue {@code i % rxQueues}. */
        public Builder packets(List<byte[]> frames) {
            this.profile = null;
            List<byte[]> copy = List.copyOf(frames);
            this.feed = queues -> new ListFeed(copy, queues);
            return this;
        }

        /** Real threads: one per RX queue and per consumer, spinning if {@code busyPoll}. */
        public Builder threaded(boolean spin) {
            this.mode = XdpRuntime.Mode.THREADED;
            this.busyPoll = spin;
            return this;
        }

        /** Deterministic mode: batches of 8 frames each consumer takes per step (default 8). */
        public Builder consumerBatches(int n) {
            this.consumerBatches = n;
            return this;
        }

        /** Devices (by ifindex) that {@code bpf_redirect} and devmaps may send to; ifindex 1 always exists. */
        public Builder devices(int... ifindexes) {
            for (int i : ifindexes) {
                devices.add(i);
            }
            return this;
        }

        /**
         * Where frames end, by sink name: {@code pass-rx0}, {@code tx-rx0}, {@code drop-rx0} for RX
         * queue 0, {@code pass-cpu2}, {@code drop-cpu2} for CPU 2's consumer, {@code dev3-...} for
         * device 3. The default keeps nothing (the counters count).
         */
        public Builder sinks(Function<String, PacketSink> factory) {
            this.sinks = Objects.requireNonNull(factory, "factory");
            return this;
        }

        /** Where the runtime reports what a user should know (a cpumap program's XDP_TX, say). */
        public Builder warnings(Consumer<String> sink) {
            this.warnings = Objects.requireNonNull(sink, "sink");
            return this;
        }

        /**
         * Builds the datapath, runs it until the traffic is exhausted and everything queued is
         * consumed, and returns every counter.
         *
         * @throws IllegalStateException if no traffic was given, or the program has no cpumap for the
         *     entries
         * @throws io.jxdp.vm.maps.MapException a cpumap entry the kernel would refuse, with its errno
         * @throws io.jxdp.isa.JxdpException if a capture cannot be read, naming the file
         */
        public RuntimeStats run() throws InterruptedException {
            if (feed == null) {
                throw new IllegalStateException("no traffic: give traffic(...), capture(...) or packets(...)");
            }
            if (profile != null && profile.rxQueues() != rxQueues) {
                throw new IllegalArgumentException(
                        "the traffic profile has " + profile.rxQueues() + " RX queues, the datapath " + rxQueues);
            }
            ProgramMaps maps = program.programMaps();
            PacketFeed packets = feed.apply(rxQueues);
            try {
                return run(maps, packets);
            } finally {
                if (packets instanceof CaptureFeed capture) {
                    closeCapture(capture);
                }
            }
        }

        private RuntimeStats run(ProgramMaps maps, PacketFeed packets) throws InterruptedException {
            XdpRuntime.Builder b = XdpRuntime.builder(program.loaded(), packets)
                    .mode(mode)
                    .busyPoll(busyPoll)
                    .consumerBatches(consumerBatches)
                    .rxQueues(rxQueues)
                    .maps(maps.all())
                    .cpus(id -> new Cpu(id, maps.space()))
                    .sinks(sinks)
                    .warnings(warnings);
            for (int ifindex : devices) {
                b.devices(ifindex);
            }
            Map<XdpProgram, Integer> ids = new LinkedHashMap<>();
            for (XdpProgram second : seconds.values()) {
                if (!ids.containsKey(second)) {
                    int id = ids.size() + 1;
                    ids.put(second, id);
                    b.cpumapProgram(id, second.loaded());
                }
            }
            XdpRuntime runtime = b.build();
            if (!qsizes.isEmpty() && runtime.cpumaps().isEmpty()) {
                throw new IllegalStateException(program.name() + " uses no cpumap: it has no entries to set up");
            }
            qsizes.forEach((cpu, qsize) -> {
                XdpProgram second = seconds.get(cpu);
                runtime.updateCpumap(cpu, qsize, second == null ? 0 : ids.get(second));
            });
            runtime.run();
            return runtime.stats();
        }

        private static void closeCapture(CaptureFeed capture) {
            try {
                capture.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
