package io.jxdp.xdp;

import io.jxdp.isa.MapType;
import io.jxdp.vm.BoundFacts;
import io.jxdp.vm.Cpu;
import io.jxdp.vm.LoadedProgram;
import io.jxdp.vm.RedirectInfo;
import io.jxdp.vm.maps.BpfMap;
import io.jxdp.vm.maps.CpuMap;
import io.jxdp.vm.maps.CpuMapEntry;
import io.jxdp.vm.maps.DevMapEntry;
import io.jxdp.vm.maps.DeviceMap;
import io.jxdp.vm.maps.MapFlags;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * The emulated XDP datapath of {@code ARCHITECTURE.md}: RX queues running a program, cpumap
 * entries with bulk queues, rings and consumers, sinks, and exact counters. Threaded mode runs one
 * thread per RX queue and per consumer; deterministic mode steps them all on the caller's thread in
 * a fixed order, so the same input gives the same counters every time.
 */
public final class XdpRuntime {
    /** How the runtime uses threads. */
    public enum Mode {
        THREADED,
        DETERMINISTIC
    }

    private final Mode mode;
    private final boolean busyPoll;
    private final int[] rxCpus;
    private final int[] consumerCpus;
    private final int consumerBatches;
    private final int[] pace;
    private final int phaseSteps;
    private final RxQueue[] queues;
    private final List<CpumapTable> cpumaps = new ArrayList<>();
    private final Set<Integer> devices;
    private final Map<Integer, LoadedProgram> cpumapPrograms;
    private final IntFunction<Cpu> cpus;
    private final Function<String, PacketSink> sinkFactory;
    private final List<PacketSink> openSinks = new ArrayList<>();
    private final Consumer<String> warnings;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();
    private final List<Thread> rxThreads = new ArrayList<>();
    private final List<Thread> consumerThreads = new ArrayList<>();
    private final long startNanos = System.nanoTime();
    private volatile boolean rxStopped;
    /** The first error a datapath thread hit (a sink that cannot write, a bug); the run stops on it. */
    private final java.util.concurrent.atomic.AtomicReference<Throwable> failure =
            new java.util.concurrent.atomic.AtomicReference<>();

    private long steps;
    private volatile boolean started;

    private XdpRuntime(Builder b) {
        this.mode = b.mode;
        this.busyPoll = b.busyPoll;
        this.rxCpus = b.rxCpus.clone();
        this.consumerCpus = b.consumerCpus.clone();
        this.consumerBatches = b.consumerBatches;
        this.pace = b.pace.clone();
        this.phaseSteps = b.phaseSteps;
        this.cpumapPrograms = Map.copyOf(b.cpumapPrograms);
        this.cpus = b.cpus;
        this.sinkFactory = b.sinks;
        this.warnings = b.warnings;
        this.queues = new RxQueue[b.rxQueues];
        for (int q = 0; q < queues.length; q++) {
            FramePool pool = new FramePool(b.framesPerQueue);
            FrameSinks s = rxSinks(q);
            queues[q] = new RxQueue(q, cpus.apply(q), b.program, b.feed, pool, this, b.ifindex, s);
            queues[q].limit(b.packetsPerQueue);
        }
        this.devices = Set.copyOf(b.devices);
        for (BpfMap m : b.maps) {
            if (m instanceof CpuMap c) {
                c.setProgramCheck(cpumapPrograms::containsKey);
                cpumaps.add(new CpumapTable(c, this::pollClock, this::newEntry, this::startEntry));
            } else if (m instanceof DeviceMap d) {
                d.setDeviceCheck(devices::contains);
            }
        }
    }

    /**
     * Starts building a runtime for a program and a packet feed.
     *
     * @throws IllegalArgumentException if the program was loaded with facts verified for the memory calling convention
     */
    public static Builder builder(LoadedProgram program, PacketFeed feed) {
        BoundFacts.requireXdp(program, "the XDP runtime");
        return new Builder(program, feed);
    }

    // ---- cpumap control (any thread, while traffic flows) -------------------------------------

    /** The cpumaps the program uses; update them (user side) to add, replace or delete entries. */
    public List<CpuMap> cpumaps() {
        return cpumaps.stream().map(CpumapTable::map).toList();
    }

    /**
     * Adds or replaces entry {@code key} of the first cpumap: a ring of {@code qsize}, an optional
     * second program ({@code progId} 0 for none). The map's kernel checks apply.
     */
    public void updateCpumap(int key, int qsize, int progId) {
        CpuMap map = firstCpumap();
        byte[] k = le32(key);
        byte[] v = map.valueSize() == 8
                ? java.nio.ByteBuffer.allocate(8)
                        .order(java.nio.ByteOrder.LITTLE_ENDIAN)
                        .putInt(qsize)
                        .putInt(progId)
                        .array()
                : le32(qsize);
        if (progId != 0 && map.valueSize() != 8) {
            throw new IllegalArgumentException(
                    "cpumap " + map.def().name() + " has 4-byte values: no room for a program");
        }
        map.update(k, v, 0);
    }

    /** Deletes entry {@code key} of the first cpumap; frames already queued to it are still processed. */
    public void deleteCpumap(int key) {
        firstCpumap().delete(le32(key));
    }

    private CpuMap firstCpumap() {
        if (cpumaps.isEmpty()) {
            throw new IllegalStateException("the program uses no cpumap");
        }
        return cpumaps.get(0).map();
    }

    private static byte[] le32(int v) {
        return new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)};
    }

    private CpumapEntry newEntry(int key, int qsize, int progId) {
        LoadedProgram prog = progId == 0 ? null : cpumapPrograms.get(progId);
        Cpu cpu = cpus.apply(key);
        return new CpumapEntry(key, qsize, progId, prog, cpu, queues.length, consumerSinks(key));
    }

    private void startEntry(CpumapEntry entry) {
        if (mode == Mode.THREADED && started) {
            startConsumer(entry);
        }
    }

    private long[] pollClock() {
        long[] polls = new long[queues.length];
        for (int i = 0; i < queues.length; i++) {
            polls[i] = queues[i].counters.polls;
        }
        return polls;
    }

    // ---- redirect targets -----------------------------------------------------------------------

    /** The cpumap entry the program on {@code cpu} redirected to, or null if it picked no cpumap entry. */
    CpumapEntry cpumapTarget(Cpu cpu) {
        RedirectInfo ri = cpu.redirect();
        if (ri.mapType() != MapType.CPUMAP) {
            return null;
        }
        CpuMapEntry e = (CpuMapEntry) ri.target();
        Object a = e.attachment();
        if (a != null) {
            return (CpumapEntry) a;
        }
        for (CpumapTable t : cpumaps) {
            if (t.map() == ri.map()) {
                return t.attach(e);
            }
        }
        return null;
    }

    /**
     * Sends the frame to the device the program picked ({@code bpf_redirect}, a devmap entry, a
     * devmap broadcast); false for a redirect error: no target, or a device that does not exist
     * ({@code -EINVAL} in {@code xdp_do_redirect}). The caller recycles the frame on false.
     */
    boolean deviceRedirect(Cpu cpu, Frame f) {
        RedirectInfo ri = cpu.redirect();
        switch (ri.kind()) {
            case IFINDEX -> {
                return toDevice(ri.targetIndex(), f, true);
            }
            case MAP -> {
                if (!(ri.map() instanceof DeviceMap d)) {
                    return false;
                }
                if (ri.broadcast()) {
                    for (int key = 0; key < d.maxEntries(); key++) {
                        DevMapEntry e = d.entry(key);
                        boolean excluded = (ri.flags() & MapFlags.F_EXCLUDE_INGRESS) != 0
                                && e != null
                                && e.ifindex() == f.ingressIfindex;
                        if (e != null && !excluded) {
                            toDevice(e.ifindex(), f, false);
                        }
                    }
                    f.recycle();
                    // a broadcast succeeds even when no entry takes a copy: dev_map_enqueue_multi returns 0
                    return true;
                }
                DevMapEntry e = (DevMapEntry) ri.target();
                return e != null && toDevice(e.ifindex(), f, true);
            }
            default -> {
                return false;
            }
        }
    }

    private boolean toDevice(int ifindex, Frame f, boolean recycle) {
        if (!devices.contains(ifindex)) {
            return false;
        }
        deviceSink(ifindex).accept(f.buffer, f.data, f.length(), f.timestampNanos);
        if (recycle) {
            f.recycle();
        }
        return true;
    }

    /** One sink per (device, thread): sinks are single-threaded. */
    private final ThreadLocal<Map<Integer, PacketSink>> deviceSinks = ThreadLocal.withInitial(HashMap::new);

    private PacketSink deviceSink(int ifindex) {
        return deviceSinks
                .get()
                .computeIfAbsent(
                        ifindex,
                        i -> sink("dev" + i + "-"
                                + Thread.currentThread().getName().replace('/', '-')));
    }

    // ---- running --------------------------------------------------------------------------------

    /** Runs until every RX queue's feed is exhausted or its limit reached and everything queued is consumed. */
    public void run() throws InterruptedException {
        if (mode == Mode.DETERMINISTIC) {
            while (step()) {
                // each step polls every queue once and gives every consumer its batches
            }
        } else {
            start();
            awaitRx();
            stop();
        }
        closeSinks();
    }

    /**
     * Deterministic mode: one round — every RX queue polls once (in index order), then every
     * consumer takes its batches (in creation order).
     *
     * @return false once there is nothing left to do
     */
    public boolean step() {
        if (mode != Mode.DETERMINISTIC) {
            throw new IllegalStateException("step() is for deterministic mode");
        }
        boolean busy = false;
        int budget = pace[(int) (steps / phaseSteps % pace.length)];
        steps++;
        for (RxQueue q : queues) {
            if (!q.isDone() && !rxStopped) {
                busy |= q.poll(budget) > 0 || !q.isDone();
            } else if (!q.isStopped()) {
                q.markStopped();
            }
        }
        for (CpumapEntry e : entries()) {
            busy |= e.step(consumerBatches) > 0;
            busy |= !e.ring.isEmpty();
        }
        return busy;
    }

    /** Deterministic mode: frames one consumer can take per step. */
    public int consumerCapacityPerStep() {
        return consumerBatches * CpumapEntry.BATCH;
    }

    public Mode mode() {
        return mode;
    }

    /** Threaded mode: starts the RX and consumer threads. */
    public synchronized void start() {
        if (mode != Mode.THREADED || started) {
            return;
        }
        started = true;
        for (CpumapEntry e : entries()) {
            if (!e.isRetired()) {
                startConsumer(e);
            }
        }
        for (RxQueue q : queues) {
            Thread t = new Thread(() -> rxLoop(q), "xdp-rx-" + q.index);
            t.setDaemon(true);
            rxThreads.add(t);
            t.start();
        }
    }

    private void rxLoop(RxQueue q) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        boolean timing = mx.isCurrentThreadCpuTimeSupported();
        long cpuStart = timing ? mx.getCurrentThreadCpuTime() : 0;
        if (rxCpus.length > 0) {
            int cpu = rxCpus[q.index % rxCpus.length];
            String why = ThreadPlacement.pin(cpu);
            if (why != null) {
                warn("xdp-rx-" + q.index + " not pinned to cpu " + cpu + ": " + why);
            }
        }
        ThreadPlacement.Sampler where = new ThreadPlacement.Sampler();
        q.counters.cpusSeen |= ThreadPlacement.cpuBit();
        try {
            while (!rxStopped && !q.isDone()) {
                if (where.due()) {
                    q.counters.cpusSeen |= ThreadPlacement.cpuBit();
                }
                if (q.poll(RxQueue.NAPI_BUDGET) == 0 && !q.isDone()) {
                    q.counters.idlePolls++;
                    if (busyPoll) {
                        Thread.onSpinWait();
                    } else {
                        idleYield(); // an idle poller that parks politely, as a sleeping kthread would
                    }
                }
            }
        } catch (RuntimeException | Error e) {
            fail(e);
        } finally {
            try {
                q.flushAll(); // a poll cut short by an error may leave frames in bulk queues
            } catch (RuntimeException | Error e) {
                fail(e);
            }
            q.counters.cpusSeen |= ThreadPlacement.cpuBit();
            if (timing) {
                q.counters.cpuNanos = mx.getCurrentThreadCpuTime() - cpuStart;
            }
            // only now, with every bulk queue flushed, may the consumers see this queue as stopped
            q.markStopped();
        }
    }

    private synchronized void startConsumer(CpumapEntry e) {
        // consumers stop once every RX queue has stopped, i.e. made its last flush, and their ring is
        // empty: a consumer that stopped as soon as RX was asked to stop would miss that last flush
        Thread t = new Thread(
                () -> e.runLoop(
                        this::allRxStopped,
                        queues,
                        busyPoll,
                        consumerCpus.length == 0 ? -1 : consumerCpus[e.cpu % consumerCpus.length],
                        this::warn),
                "cpumap/" + e.cpu);
        t.setDaemon(true);
        consumerThreads.add(t);
        t.start();
    }

    /** Records a datapath thread's error (the first one is reported) and stops receiving. */
    void fail(Throwable e) {
        failure.compareAndSet(null, e);
        rxStopped = true;
    }

    /** The first error a datapath thread hit, if any; report it after the totals. */
    public java.util.Optional<Throwable> failure() {
        return java.util.Optional.ofNullable(failure.get());
    }

    /**
     * Asks the RX queues to stop after their current poll (any thread; Ctrl-C, a deadline). Frames
     * already received still go through their bulk queues, rings and consumers, so a stopped run's
     * counters add up exactly.
     */
    public void requestStop() {
        rxStopped = true;
    }

    private boolean allRxStopped() {
        for (RxQueue q : queues) {
            if (!q.isStopped()) {
                return false;
            }
        }
        return true;
    }

    /** True once every RX queue has stopped (its feed ran out or its limit was reached). */
    public boolean rxFinished() {
        return allRxStopped();
    }

    /** Threaded mode: waits until every RX queue is done. */
    public void awaitRx() throws InterruptedException {
        for (Thread t : rxThreads) {
            t.join();
        }
    }

    /**
     * Threaded mode: stops receiving (each RX queue finishes its poll and flushes its bulk queues),
     * lets every consumer drain its ring, and waits for them all, including consumers of entries
     * made while stopping.
     */
    public void stop() throws InterruptedException {
        rxStopped = true;
        for (Thread t : rxThreads) {
            t.join();
        }
        int joined = 0;
        for (; ; ) {
            List<Thread> consumers;
            synchronized (this) {
                if (joined == consumerThreads.size()) {
                    return;
                }
                consumers = new ArrayList<>(consumerThreads.subList(joined, consumerThreads.size()));
            }
            for (Thread t : consumers) {
                java.util.concurrent.locks.LockSupport.unpark(t);
                t.join();
            }
            joined += consumers.size();
        }
    }

    private List<CpumapEntry> entries() {
        List<CpumapEntry> all = new ArrayList<>();
        for (CpumapTable t : cpumaps) {
            all.addAll(t.entries());
        }
        return all;
    }

    private void closeSinks() {
        synchronized (openSinks) {
            for (PacketSink s : openSinks) {
                s.close();
            }
            openSinks.clear();
        }
    }

    // ---- sinks ----------------------------------------------------------------------------------

    private PacketSink sink(String name) {
        PacketSink s = sinkFactory.apply(name);
        synchronized (openSinks) {
            openSinks.add(s);
        }
        return s;
    }

    void warn(String message) {
        if (warned.size() < 64 && warned.add(message)) {
            warnings.accept(message);
        }
    }

    private FrameSinks rxSinks(int q) {
        return new FrameSinks(sink("pass-rx" + q), sink("tx-rx" + q), sink("drop-rx" + q), this);
    }

    private FrameSinks consumerSinks(int cpu) {
        // a cpumap program's XDP_TX is invalid (warned and dropped), so consumers have no TX sink
        return new FrameSinks(sink("pass-cpu" + cpu), PacketSink.NONE, sink("drop-cpu" + cpu), this);
    }

    // ---- statistics -----------------------------------------------------------------------------

    /** A snapshot of every counter; exact once the runtime has stopped. */
    public RuntimeStats stats() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        List<RuntimeStats.Rx> rx = new ArrayList<>();
        for (int i = 0; i < queues.length; i++) {
            RxCounters c = queues[i].counters;
            long cpuNanos = c.cpuNanos;
            if (i < rxThreads.size() && rxThreads.get(i).isAlive() && mx.isThreadCpuTimeSupported()) {
                cpuNanos = Math.max(0, mx.getThreadCpuTime(rxThreads.get(i).getId()));
            }
            rx.add(new RuntimeStats.Rx(
                    i,
                    c.received,
                    c.exception,
                    c.drop,
                    c.pass,
                    c.tx,
                    c.redirect,
                    c.redirectCpumap,
                    c.redirectDevice,
                    c.redirectError,
                    c.noBuffer,
                    c.tooLong,
                    cpuNanos,
                    c.idlePolls,
                    c.cpusSeen));
        }
        Map<Integer, RuntimeStats.Kthread> kthreads = new HashMap<>();
        Map<String, RuntimeStats.Enqueue> enqueues = new HashMap<>();
        for (CpumapEntry e : entries()) {
            KthreadCounters k = e.counters;
            long cpuNanos = k.cpuNanos;
            Thread t = e.thread();
            if (t != null && mx.isThreadCpuTimeSupported()) {
                cpuNanos = Math.max(cpuNanos, mx.getThreadCpuTime(t.getId())); // live, while the consumer runs
            }
            kthreads.merge(
                    e.cpu,
                    new RuntimeStats.Kthread(
                            e.cpu,
                            k.consumed,
                            k.pass,
                            k.drop,
                            k.redirect,
                            k.redirectError,
                            k.sched,
                            k.progPass,
                            k.progDrop,
                            k.progRedirect,
                            cpuNanos,
                            e.ring.isEmpty() ? 0 : 1,
                            k.idlePolls,
                            k.wakeups,
                            k.cpusSeen),
                    RuntimeStats.Kthread::plus);
            for (int q = 0; q < queues.length; q++) {
                EnqueueCounters c = e.enqueue[q];
                enqueues.merge(
                        q + ":" + e.cpu,
                        new RuntimeStats.Enqueue(q, e.cpu, c.processed, c.drops, c.events),
                        RuntimeStats.Enqueue::plus);
            }
        }
        return new RuntimeStats(
                System.nanoTime() - startNanos,
                steps,
                rx,
                new ArrayList<>(kthreads.values()),
                new ArrayList<>(enqueues.values()));
    }

    /** Builds a runtime. */
    public static final class Builder {
        private final LoadedProgram program;
        private final PacketFeed feed;
        private Mode mode = Mode.DETERMINISTIC;
        private boolean busyPoll;
        private int[] rxCpus = {};
        private int[] consumerCpus = {};
        private int consumerBatches = 8;
        private int[] pace = {RxQueue.NAPI_BUDGET};
        private int phaseSteps = 1;
        private int rxQueues = 1;
        private int framesPerQueue = 16384;
        private long packetsPerQueue = Long.MAX_VALUE;
        private int ifindex = 1;
        private final List<BpfMap> maps = new ArrayList<>();
        private final Set<Integer> devices = new java.util.HashSet<>(Set.of(1));
        private final Map<Integer, LoadedProgram> cpumapPrograms = new HashMap<>();
        private IntFunction<Cpu> cpus;
        private Function<String, PacketSink> sinks = name -> PacketSink.NONE;
        private Consumer<String> warnings = w -> {};

        private Builder(LoadedProgram program, PacketFeed feed) {
            this.program = Objects.requireNonNull(program);
            this.feed = Objects.requireNonNull(feed);
        }

        public Builder mode(Mode m) {
            this.mode = m;
            return this;
        }

        public Builder busyPoll(boolean b) {
            this.busyPoll = b;
            return this;
        }

        /**
         * Threaded mode: pins RX queue {@code i}'s thread to {@code cpus[i % cpus.length]} (through
         * OpenHFT affinity; a thread that cannot be pinned runs unpinned, with a warning).
         */
        public Builder rxCpus(int... cpus) {
            this.rxCpus = cpus.clone();
            return this;
        }

        /** Threaded mode: pins the consumer of cpumap key {@code k} to {@code cpus[k % cpus.length]}. */
        public Builder consumerCpus(int... cpus) {
            this.consumerCpus = cpus.clone();
            return this;
        }

        /** Deterministic mode: batches of 8 each consumer takes per step (its speed relative to RX). */
        public Builder consumerBatches(int n) {
            this.consumerBatches = n;
            return this;
        }

        /**
         * Deterministic mode: packets each RX queue takes per poll, phase by phase ({@code
         * phaseSteps} steps each, cycling), to offer a load that changes over time. The default
         * is the NAPI budget, 64, always.
         */
        public Builder pace(int[] packetsPerPoll, int stepsPerPhase) {
            if (packetsPerPoll.length == 0 || stepsPerPhase < 1) {
                throw new IllegalArgumentException("pace needs phases and a positive phase length");
            }
            for (int p : packetsPerPoll) {
                if (p < 0 || p > RxQueue.NAPI_BUDGET) {
                    throw new IllegalArgumentException(
                            "packets per poll must be 0 to " + RxQueue.NAPI_BUDGET + ", got " + p);
                }
            }
            this.pace = packetsPerPoll.clone();
            this.phaseSteps = stepsPerPhase;
            return this;
        }

        public Builder rxQueues(int n) {
            this.rxQueues = n;
            return this;
        }

        public Builder framesPerQueue(int n) {
            this.framesPerQueue = n;
            return this;
        }

        /** Each RX queue stops after this many received packets. */
        public Builder packetsPerQueue(long n) {
            this.packetsPerQueue = n;
            return this;
        }

        /** The RX device's ifindex (default 1); it exists as a redirect target too. */
        public Builder ifindex(int i) {
            this.devices.remove(this.ifindex);
            this.ifindex = i;
            this.devices.add(i);
            return this;
        }

        /** The maps the programs use: cpumaps get rings and consumers, devmaps point at devices. */
        public Builder maps(List<BpfMap> programMaps) {
            this.maps.addAll(programMaps);
            return this;
        }

        /** Emulated devices (sinks) that {@code bpf_redirect} and devmaps may send to, by ifindex. */
        public Builder devices(int... ifindexes) {
            for (int i : ifindexes) {
                this.devices.add(i);
            }
            return this;
        }

        /**
         * A second program cpumap entries can name by {@code progId}.
         *
         * @throws IllegalArgumentException if it was loaded with facts verified for the memory calling convention
         */
        public Builder cpumapProgram(int progId, LoadedProgram p) {
            BoundFacts.requireXdp(p, "a cpumap entry");
            cpumapPrograms.put(progId, p);
            return this;
        }

        /** Makes the Cpu for an emulated CPU number (bound to the maps' address space). */
        public Builder cpus(IntFunction<Cpu> factory) {
            this.cpus = factory;
            return this;
        }

        /** Opens a sink by name ({@code pass-rx0}, {@code pass-cpu2}, {@code tx-rx0}, {@code drop-cpu1}, ...). */
        public Builder sinks(Function<String, PacketSink> factory) {
            this.sinks = factory;
            return this;
        }

        public Builder warnings(Consumer<String> sink) {
            this.warnings = sink;
            return this;
        }

        public XdpRuntime build() {
            Objects.requireNonNull(cpus, "cpus");
            return new XdpRuntime(this);
        }
    }

    @SuppressWarnings("ThreadPriorityCheck") // yielding is the point: an idle poller gives its core away
    private static void idleYield() {
        Thread.yield();
    }
}
