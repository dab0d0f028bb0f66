package io.jxdp.cli;

import io.jxdp.asm.Assembler;
import io.jxdp.asm.Syntax;
import io.jxdp.isa.JxdpException;
import io.jxdp.isa.Program;
import io.jxdp.packet.TrafficProfile;
import io.jxdp.programs.ProgramResources;
import io.jxdp.verifier.ProgramType;
import io.jxdp.vm.Cpu;
import io.jxdp.vm.EngineKind;
import io.jxdp.vm.Environment;
import io.jxdp.vm.LoadedProgram;
import io.jxdp.vm.Vm;
import io.jxdp.vm.VmOptions;
import io.jxdp.vm.maps.BpfMap;
import io.jxdp.vm.maps.CpuMap;
import io.jxdp.xdp.AutoScaler;
import io.jxdp.xdp.CaptureFeed;
import io.jxdp.xdp.GeneratorFeed;
import io.jxdp.xdp.PacketFeed;
import io.jxdp.xdp.PacketSink;
import io.jxdp.xdp.XdpRuntime;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** What {@code jxdp run}'s options ask for, checked and built: program, maps, feed, runtime, controller. */
final class RunSetup {
    private static final int SECOND_PROGRAM_ID = 1;

    private final Args args;
    private final String command;
    private String programName;
    private Program program;
    private Program second;
    private String secondName;
    /** The license the program's object gives it; built-in programs are GPL. */
    private io.jxdp.verifier.VerifierOptions verifierBase = io.jxdp.verifier.VerifierOptions.defaults();

    private MapSet maps;
    private EngineKind engine;
    private XdpRuntime.Mode mode;
    private int rxQueues;
    private int[] cpus;
    private int[] rxCpus;
    private int[] consumerCpus;
    private int qsize;
    private long count;
    private long durationMs;
    /** --interval in seconds, 0 when not given. */
    private double interval;

    private int[] paceValues;
    private int phaseSteps;
    private int consumerBatches;
    private int[] devices;
    private String source;
    private PacketFeed feed;
    /** --load-maps, checked against the program's maps; null when not given. */
    private SavedMaps loadMaps;
    /** --save-maps, checked writable; null when not given. */
    private Path saveMaps;

    private RunSetup(Args args, String command) {
        this.args = args;
        this.command = command;
    }

    static RunSetup from(Args args, String command) throws java.io.IOException {
        RunSetup s = new RunSetup(args, command);
        s.parse();
        return s;
    }

    private void parse() throws java.io.IOException {
        rxQueues = args.intValue("rxq", 2, 1, 64);
        qsize = args.intValue("qsize", 2048, 1, 16384);
        cpus = cpuList(args.get("cpu") == null ? defaultCpus() : args.get("cpu"));
        mode = XdpRuntime.Mode.valueOf(args.choice("mode", "deterministic", "deterministic", "threaded")
                .toUpperCase(Locale.ROOT));
        engine = args.engine(EngineKind.JIT);
        durationMs = args.has("duration") ? (long) (1000 * doubleValue("duration", 0.001, 86_400)) : 0;
        if (durationMs > 0 && mode != XdpRuntime.Mode.THREADED) {
            throw new UsageException(command, "--duration needs --mode threaded (a deterministic run counts packets)");
        }
        rxCpus = pinList("rx-cpus");
        consumerCpus = pinList("consumer-cpus");
        count = args.longValue("count", durationMs > 0 ? Long.MAX_VALUE : 1_000_000, 1, Long.MAX_VALUE);
        interval = args.has("interval") ? doubleValue("interval", 0.001, 86_400) : 0;
        paceValues = pace();
        phaseSteps = args.intValue("phase-steps", 500, 1, Integer.MAX_VALUE);
        consumerBatches = args.intValue("consumer-batches", 8, 1, 1 << 20);
        devices = devices();
        if (args.has("out")) {
            Path out = Path.of(args.get("out"));
            OutputFile.checkDirectory("--out", out);
            String existing = existingCapture(out);
            if (existing != null && !args.has("force")) {
                throw new JxdpException(
                        "--out " + out + ": holds " + existing + " already; pass --force to replace capture files");
            }
        }
        if (args.has("dump-class")) {
            OutputFile.checkDirectory("--dump-class", Path.of(args.get("dump-class")));
        }
        loadPrograms();
        feed = feed();
        // what the maps are told before the run: checked now, applied once the runtime is built
        checkMapUpdates();
        checkCpusAgainstCpumap();
        checkSavedMaps();
    }

    /** --load-maps fits the program's maps; --save-maps may be written and is none of the inputs. */
    private void checkSavedMaps() {
        List<Path> inputs = new ArrayList<>();
        for (String option : new String[] {"pcap", "cpumap-prog", "load-maps"}) {
            if (args.has(option)) {
                inputs.add(Path.of(args.get(option)));
            }
        }
        if (args.positional().length == 1) {
            inputs.add(Path.of(args.positional()[0]));
        }
        if (args.has("load-maps")) {
            loadMaps = SavedMaps.read(Path.of(args.get("load-maps")));
            loadMaps.check(maps);
        }
        if (args.has("save-maps")) {
            saveMaps = Path.of(args.get("save-maps"));
            OutputFile.check(saveMaps, args.has("force"), inputs);
        }
    }

    /** Writes every map to --save-maps, if given (after the run). */
    void saveMaps() throws java.io.IOException {
        if (saveMaps != null) {
            OutputFile.write(
                    saveMaps,
                    SavedMaps.write(maps.byName().values(), maps.cpus())
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    args.has("force"),
                    List.of());
        }
    }

    /** A capture file already in {@code dir} (the first by name), or null. */
    private static String existingCapture(Path dir) throws java.io.IOException {
        if (!java.nio.file.Files.isDirectory(dir)) {
            return null;
        }
        try (var s = java.nio.file.Files.list(dir)) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".pcap"))
                    .sorted()
                    .findFirst()
                    .orElse(null);
        }
    }

    private String defaultCpus() {
        return rxQueues + "," + (rxQueues + 1);
    }

    private int[] cpuList(String list) {
        String[] parts = list.split(",", -1);
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Integer.parseInt(parts[i].strip());
            } catch (NumberFormatException e) {
                throw new UsageException(command, "--cpu needs CPU numbers separated by commas, got '" + list + "'");
            }
            if (out[i] < 0 || out[i] >= 4096) {
                throw new UsageException(command, "--cpu " + out[i] + " is not a CPU number (0 to 4095)");
            }
        }
        return out;
    }

    /** --rx-cpus / --consumer-cpus: CPUs of this machine to pin threads to (threaded mode only). */
    private int[] pinList(String option) {
        String list = args.get(option);
        if (list == null) {
            return new int[0];
        }
        if (mode != XdpRuntime.Mode.THREADED) {
            throw new UsageException(command, "--" + option + " needs --mode threaded (it pins threads)");
        }
        int machine = Runtime.getRuntime().availableProcessors();
        String[] parts = list.split(",", -1);
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Integer.parseInt(parts[i].strip());
            } catch (NumberFormatException e) {
                throw new UsageException(
                        command, "--" + option + " needs CPU numbers separated by commas, got '" + list + "'");
            }
            if (out[i] < 0 || out[i] >= machine) {
                throw new UsageException(
                        command,
                        "--" + option + " " + out[i] + ": this machine runs jxdp on CPUs 0 to " + (machine - 1));
            }
        }
        return out;
    }

    private double doubleValue(String option, double min, double max) {
        String v = args.get(option);
        try {
            double d = Double.parseDouble(v);
            if (!(d >= min && d <= max)) {
                throw new UsageException(
                        command, "--" + option + " must be between " + min + " and " + max + ", got " + v);
            }
            return d;
        } catch (NumberFormatException e) {
            throw new UsageException(command, "--" + option + " needs a number, got '" + v + "'");
        }
    }

    private void loadPrograms() throws java.io.IOException {
        String[] rest = args.positional();
        if (rest.length > 1) {
            throw new UsageException(command, "expected at most one PROG, got " + rest.length);
        }
        List<io.jxdp.isa.MapDef> defs = new ArrayList<>();
        ProgramSource src = null;
        if (rest.length == 1) {
            if (args.has("builtin")) {
                throw new UsageException(command, "give PROG or --builtin, not both");
            }
            src = ProgramSource.load(Path.of(rest[0]), ProgramSource.syntax(args), false, args.get("prog"));
            verifierBase = Verification.base(src);
            program = src.program();
            programName = rest[0];
            secondName = null;
            defs.addAll(src.objectMaps());
        } else {
            programName = args.has("builtin") ? args.get("builtin") : RunCommand.DEFAULT_PROGRAM;
            String text = ProgramResources.read(programName);
            if (text == null) {
                throw new UsageException(
                        command,
                        "no built-in program '" + programName + "' (there are: "
                                + String.join(", ", ProgramResources.ALL) + ")");
            }
            program = Assembler.assemble(text, "builtin:" + programName, Syntax.AUTO);
            defs.addAll(program.maps());
        }
        if (args.has("cpumap-prog") || args.has("cpumap-prog-name")) {
            ProgramSource s2 = args.has("cpumap-prog")
                    ? ProgramSource.load(
                            Path.of(args.get("cpumap-prog")),
                            ProgramSource.syntax(args),
                            false,
                            args.get("cpumap-prog-name"))
                    : secondFromObject(src);
            second = s2.program();
            secondName = s2.file().toString();
            for (io.jxdp.isa.MapDef d : s2.objectMaps()) {
                if (defs.stream().noneMatch(x -> x.name().equals(d.name()))) {
                    defs.add(d);
                }
            }
        }
        int maxCpu = Math.max(rxQueues - 1, java.util.Arrays.stream(cpus).max().orElse(0));
        maps = new MapSet(defs, maxCpu + 1);
    }

    private ProgramSource secondFromObject(ProgramSource src) throws java.io.IOException {
        if (src == null || src.elf() == null) {
            throw new UsageException(
                    command, "--cpumap-prog-name without --cpumap-prog picks from PROG's ELF object; PROG is not one");
        }
        return ProgramSource.load(src.file(), Syntax.AUTO, false, args.get("cpumap-prog-name"));
    }

    private PacketFeed feed() {
        if (args.has("pcap")) {
            source = "capture " + args.get("pcap") + (args.has("loop") ? " (looped)" : "");
            return new CaptureFeed(Path.of(args.get("pcap")), rxQueues, args.has("loop"), count);
        }
        boolean ddos = programName.contains("ddos");
        double attack = args.has("attack") ? doubleValue("attack", 0, 1) : ddos ? 0.5 : 0;
        String[] mix = (args.get("mix") == null ? "70,25,5" : args.get("mix")).split(",", -1);
        if (mix.length != 3) {
            throw new UsageException(command, "--mix needs three weights TCP,UDP,ICMP, got '" + args.get("mix") + "'");
        }
        TrafficProfile profile;
        try {
            profile = TrafficProfile.builder()
                    .seed(args.longValue("seed", 1, Long.MIN_VALUE, Long.MAX_VALUE))
                    .flows(args.intValue("flows", 1024, 1, TrafficProfile.MAX_FLOWS))
                    .frameSize(args.intValue("size", 60, TrafficProfile.MIN_FRAME, TrafficProfile.MAX_FRAME))
                    .ipv6Fraction(args.has("ipv6") ? doubleValue("ipv6", 0, 1) : 0)
                    .protocolMix(Double.parseDouble(mix[0]), Double.parseDouble(mix[1]), Double.parseDouble(mix[2]))
                    .rxQueues(rxQueues)
                    .skew(args.has("skew") ? doubleValue("skew", 0, 1) : 0)
                    .attackFraction(attack)
                    .build();
        } catch (NumberFormatException e) {
            throw new UsageException(command, "--mix needs numbers, got '" + args.get("mix") + "'");
        }
        source = "generated traffic: " + profile;
        return new GeneratorFeed(profile, count);
    }

    XdpRuntime runtime(PrintStream err) throws java.io.IOException {
        VmOptions vm = VmOptions.defaults()
                .withEngine(engine)
                .withWarnings(w -> err.println("jxdp run: warning: " + w))
                .withDumpClassDir(args.has("dump-class") ? Path.of(args.get("dump-class")) : null);
        boolean skip = args.has("no-verify");
        LoadedProgram rx = Vm.load(
                program,
                maps.bind(program),
                Verification.verified(program, programName, verifierBase, ProgramType.xdp(), skip, vm));
        Function<String, PacketSink> sinks = name -> PacketSink.NONE;
        if (args.has("out")) {
            sinks = new PcapSinks(Path.of(args.get("out")), args.has("force"));
        }
        // one environment for every CPU: virtual clocks in deterministic mode, so runs repeat exactly
        Environment env = mode == XdpRuntime.Mode.DETERMINISTIC ? Environment.deterministic() : Environment.real();
        XdpRuntime.Builder b = XdpRuntime.builder(rx, feed)
                .mode(mode)
                .pace(paceValues, phaseSteps)
                .rxQueues(rxQueues)
                .busyPoll(args.has("busy-poll"))
                .rxCpus(rxCpus)
                .consumerCpus(consumerCpus)
                .consumerBatches(consumerBatches)
                .maps(new ArrayList<>(maps.byName().values()))
                .cpus(id -> new Cpu(id, maps.space()).environment(env).trace(err::println))
                .sinks(sinks)
                .warnings(w -> err.println("jxdp run: warning: " + w));
        if (second != null) {
            b.cpumapProgram(
                    SECOND_PROGRAM_ID,
                    Vm.load(
                            second,
                            maps.bind(second),
                            Verification.verified(
                                    second, secondName, verifierBase, ProgramType.xdpCpumap(), skip, vm)));
        }
        for (int ifindex : devices) {
            b.devices(ifindex);
        }
        XdpRuntime runtime = b.build();
        if (loadMaps != null) {
            loadMaps.applyTo(maps.byName()); // after build: cpumap entries reach the runtime's listener
        }
        applyMapUpdates();
        if (!"autoscale".equals(args.get("controller"))) {
            setUpCpus(runtime, cpus);
        }
        return runtime;
    }

    private int[] devices() {
        String[] given = args.all("device");
        int[] out = new int[given.length];
        for (int i = 0; i < given.length; i++) {
            try {
                out[i] = Integer.parseInt(given[i]);
            } catch (NumberFormatException e) {
                out[i] = 0;
            }
            if (out[i] <= 0) {
                throw new UsageException(command, "--device needs a positive ifindex, got '" + given[i] + "'");
            }
        }
        return out;
    }

    private int[] pace() {
        if (!args.has("pace")) {
            return new int[] {64};
        }
        if (mode != XdpRuntime.Mode.DETERMINISTIC) {
            throw new UsageException(
                    command, "--pace shapes a deterministic run; threaded runs go as fast as they can");
        }
        String[] parts = args.get("pace").split(",", -1);
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Integer.parseInt(parts[i].strip());
            } catch (NumberFormatException e) {
                throw new UsageException(
                        command, "--pace needs packets per poll separated by commas, got '" + args.get("pace") + "'");
            }
            if (out[i] < 0 || out[i] > 64) {
                throw new UsageException(command, "--pace values must be 0 to 64 (the NAPI budget), got " + out[i]);
            }
        }
        if (java.util.Arrays.stream(out).allMatch(p -> p == 0)) {
            // polls that never take a packet would step forever
            throw new UsageException(
                    command,
                    "--pace needs a phase that takes packets (a value above 0), got '" + args.get("pace") + "'");
        }
        return out;
    }

    /** What xdp_redirect_cpu's loader does for --cpu: cpumap entries, and the config maps the samples read. */
    private void setUpCpus(XdpRuntime runtime, int[] list) {
        if (runtime.cpumaps().isEmpty()) {
            return;
        }
        CpuMap cpumap = runtime.cpumaps().get(0);
        for (int i = 0; i < list.length; i++) {
            if (list[i] >= cpumap.maxEntries()) {
                throw new JxdpException("--cpu " + list[i] + " is beyond cpumap "
                        + cpumap.def().name() + "'s " + cpumap.maxEntries() + " entries");
            }
            runtime.updateCpumap(list[i], qsize, second != null && cpumap.valueSize() == 8 ? SECOND_PROGRAM_ID : 0);
            BpfMap available = maps.byName().get("cpus_available");
            if (available != null && i < available.maxEntries()) {
                available.update(le32(i), le32(list[i]), 0);
            }
        }
        BpfMap countMap = maps.byName().get("cpus_count");
        if (countMap != null) {
            countMap.update(le32(0), le32(list.length), 0);
        }
    }

    AutoScaler autoScaler(XdpRuntime runtime, PrintStream err) {
        String controller = args.get("controller");
        if (controller == null) {
            return null;
        }
        if (!controller.equals("autoscale")) {
            throw new UsageException(command, "--controller must be autoscale, got '" + controller + "'");
        }
        BpfMap available = maps.byName().get("cpus_available");
        BpfMap countMap = maps.byName().get("cpus_count");
        if (available == null || countMap == null || runtime.cpumaps().isEmpty()) {
            throw new JxdpException("--controller autoscale needs a program that spreads over cpus_available/cpus_count"
                    + " through a cpumap (flow_spread.bpf, ddos_prefilter.bpf); " + programName + " has "
                    + String.join(", ", maps.byName().keySet()));
        }
        return new AutoScaler(runtime, available, countMap, cpus, 1, qsize, line -> err.println(line));
    }

    /** Each --map-update names a map of the program and gives a key and a value of its sizes. */
    private void checkMapUpdates() {
        String[] u = args.all("map-update");
        for (int i = 0; i + 2 < u.length; i += 3) {
            BpfMap m = maps.get(command, u[i]);
            byte[] key = Hex.decode(u[i + 1], "--map-update key");
            byte[] value = Hex.decode(u[i + 2], "--map-update value");
            if (key.length != m.keySize() || value.length != m.userValueSize()) {
                throw new UsageException(
                        command,
                        "--map-update " + u[i] + " needs a key of " + m.keySize() + " bytes and a value of "
                                + m.userValueSize() + " bytes, got " + key.length + " and " + value.length);
            }
        }
    }

    /** --cpu names entries the program's cpumap has, and the autoscaler has the maps it drives. */
    private void checkCpusAgainstCpumap() {
        BpfMap cpumap = maps.byName().values().stream()
                .filter(m -> m instanceof CpuMap)
                .findFirst()
                .orElse(null);
        if (cpumap != null && !"autoscale".equals(args.get("controller"))) {
            for (int cpu : cpus) {
                if (cpu >= cpumap.maxEntries()) {
                    throw new JxdpException("--cpu " + cpu + " is beyond cpumap "
                            + cpumap.def().name() + "'s " + cpumap.maxEntries() + " entries");
                }
            }
        }
        String controller = args.get("controller");
        if (controller != null && !controller.equals("autoscale")) {
            throw new UsageException(command, "--controller must be autoscale, got '" + controller + "'");
        }
        if (controller != null
                && (cpumap == null
                        || maps.byName().get("cpus_available") == null
                        || maps.byName().get("cpus_count") == null)) {
            throw new JxdpException("--controller autoscale needs a program that spreads over cpus_available/cpus_count"
                    + " through a cpumap (flow_spread.bpf, ddos_prefilter.bpf); " + programName + " has "
                    + String.join(", ", maps.byName().keySet()));
        }
    }

    private void applyMapUpdates() {
        String[] u = args.all("map-update");
        for (int i = 0; i + 2 < u.length; i += 3) {
            maps.get(command, u[i])
                    .update(Hex.decode(u[i + 1], "--map-update key"), Hex.decode(u[i + 2], "--map-update value"), 0);
        }
    }

    private static byte[] le32(int v) {
        return new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)};
    }

    MapSet maps() {
        return maps;
    }

    long durationMs() {
        return durationMs;
    }

    /** --interval: seconds (threaded) or thousands of steps (deterministic); 0 when not given. */
    double interval() {
        return interval;
    }

    boolean rxDone(XdpRuntime runtime) {
        return runtime.rxFinished();
    }

    String describe() {
        return String.format(
                Locale.ROOT,
                "Running %s on %d RX queue%s (%s engine, %s mode), cpumap CPUs %s, qsize %d%s%n%s",
                programName,
                rxQueues,
                rxQueues == 1 ? "" : "s",
                engine.cliName(),
                mode.name().toLowerCase(Locale.ROOT),
                java.util.Arrays.toString(cpus),
                qsize,
                second != null ? ", second program " + second.name() : "",
                source);
    }

    String describeJson() {
        return "{\"program\":\"" + Json.escape(programName) + "\",\"rx_queues\":" + rxQueues + ",\"engine\":\""
                + engine.cliName()
                + "\",\"mode\":\"" + mode.name().toLowerCase(Locale.ROOT) + "\",\"cpus\":"
                + java.util.Arrays.toString(cpus)
                + ",\"qsize\":" + qsize + ",\"source\":\"" + Json.escape(source) + "\"}";
    }
}
