package io.jxdp.cli;

import io.jxdp.packet.PcapWriter;
import io.jxdp.verifier.ProgramType;
import io.jxdp.vm.Cpu;
import io.jxdp.vm.Environment;
import io.jxdp.vm.LoadedProgram;
import io.jxdp.vm.Vm;
import io.jxdp.vm.VmOptions;
import io.jxdp.vm.XdpTestRun;
import io.jxdp.vm.maps.BpfMap;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code jxdp test-run PROG (--mem FILE | --data-in FILE...)}: the counterpart of {@code bpftool prog
 * run}. With {@code --data-in} the program gets an XDP context over each packet in turn (maps keep
 * their state from packet to packet) and the low 32 bits of r0 are reported, as the kernel does;
 * with {@code --mem} it runs on the conformance calling convention and r0 is reported whole.
 * Durations are averages over {@code --repeat} runs that follow a warm-up on a scratch copy of the
 * maps, so the warm-up leaves no trace in the state the user sees.
 */
final class TestRunCommand implements Command {
    /**
     * Scratch runs before the measured ones, so HotSpot has compiled what runs (the JIT's class
     * too): for repeated runs about this long, for a single run a token warm-up.
     */
    private static final long WARMUP_NANOS = 300_000_000L;

    @Override
    public String name() {
        return "test-run";
    }

    @Override
    public String summary() {
        return "run a program once or N times on a packet or on memory, like bpftool prog run";
    }

    @Override
    public int run(String[] argv, PrintStream out, PrintStream err) throws Exception {
        Options options = new Options();
        options.addOption(Option.builder()
                .longOpt("mem")
                .hasArg()
                .argName("FILE")
                .desc("memory for r1/r2 (conformance calling convention)")
                .get());
        options.addOption(Option.builder("i")
                .longOpt("data-in")
                .hasArg()
                .argName("FILE")
                .desc(
                        "a packet (an Ethernet frame), or a pcap/pcapng capture whose every frame runs (FILE#1, #2, ...); repeat for several, run in order")
                .get());
        options.addOption(Option.builder("o")
                .longOpt("data-out")
                .hasArg()
                .argName("FILE")
                .desc("write the packet as the program left it, one per --data-in (a capture's frames: a .pcap file)")
                .get());
        options.addOption(Option.builder("r")
                .longOpt("repeat")
                .hasArg()
                .argName("N")
                .desc("runs per packet (default 1)")
                .get());
        options.addOption(Option.builder("e")
                .longOpt("engine")
                .hasArg()
                .argName("ENGINE")
                .desc("jit (default) or interpreter")
                .get());
        options.addOption(Option.builder("j").longOpt("json").desc("print JSON").get());
        options.addOption(
                Option.builder().longOpt("raw").desc("PROG is raw bytecode").get());
        options.addOption(Option.builder("s")
                .longOpt("syntax")
                .hasArg()
                .argName("SYNTAX")
                .desc("ubpf, llvm or auto (default)")
                .get());
        options.addOption(Option.builder("p")
                .longOpt("prog")
                .hasArg()
                .argName("NAME")
                .desc("the program of an ELF object")
                .get());
        options.addOption(Option.builder()
                .longOpt("no-verify")
                .desc(Verification.NO_VERIFY_HELP)
                .get());
        options.addOption(Option.builder()
                .longOpt("ifindex")
                .hasArg()
                .argName("N")
                .desc("xdp_md.ingress_ifindex (default 1)")
                .get());
        options.addOption(Option.builder()
                .longOpt("rx-queue")
                .hasArg()
                .argName("N")
                .desc("xdp_md.rx_queue_index (default 0)")
                .get());
        options.addOption(Option.builder()
                .longOpt("map-update")
                .numberOfArgs(3)
                .argName("NAME KEY VALUE")
                .desc("set a map entry before running (key and value in hex bytes)")
                .get());
        options.addOption(Option.builder()
                .longOpt("dump-maps")
                .desc("print every map's entries after the run")
                .get());
        options.addOption(Option.builder()
                .longOpt("save-maps")
                .hasArg()
                .argName("FILE")
                .desc("write every map after the run to FILE (a saved-maps file; jxdp map reads it)")
                .get());
        options.addOption(Option.builder()
                .longOpt("load-maps")
                .hasArg()
                .argName("FILE")
                .desc("start the maps from a saved-maps file (before any --map-update)")
                .get());
        options.addOption(Option.builder()
                .longOpt("force")
                .desc("replace --data-out and --save-maps files that exist")
                .get());
        options.addOption(Option.builder()
                .longOpt("seed")
                .hasArg()
                .argName("N")
                .desc("seed bpf_get_prandom_u32 with N and run on virtual clocks, so runs repeat exactly")
                .get());
        options.addOption(Option.builder()
                .longOpt("dump-class")
                .hasArg()
                .argName("DIR")
                .desc("write the JIT's generated classes into DIR (for javap -c -l)")
                .get());
        Args args = Args.parse(name(), options, argv);
        if (args.help()) {
            Args.printHelp(
                    out,
                    "jxdp test-run PROG (--mem FILE | --data-in FILE...) [--repeat N] [--seed N] [--engine E] [--json] [--data-out FILE...]",
                    "Prints 'Return value: R, duration: Dns' per packet, as bpftool prog run does.\n"
                            + "Exit 0 ran, 1 the program was rejected or faulted, 2 a usage or input error (every input is read first).",
                    options);
            return 0;
        }
        Path progFile = Path.of(args.single("PROG"));
        String[] dataIn = args.all("data-in");
        String mem = args.get("mem");
        if ((mem == null) == (dataIn.length == 0)) {
            throw new UsageException(
                    name(),
                    mem == null ? "give --mem FILE or --data-in FILE" : "--mem and --data-in exclude each other");
        }
        String[] dataOut = args.all("data-out");
        if (dataOut.length > 0 && (mem != null || dataOut.length != dataIn.length)) {
            throw new UsageException(
                    name(), mem != null ? "--data-out goes with --data-in" : "give one --data-out per --data-in");
        }
        int repeat = args.intValue("repeat", 1, 1, 1_000_000_000);
        Long seed = args.has("seed") ? args.longValue("seed", 0, Long.MIN_VALUE, Long.MAX_VALUE) : null;
        XdpTestRun.Options xdp = XdpTestRun.Options.defaults()
                .withRepeat(repeat)
                .withIngress(
                        args.intValue("ifindex", XdpTestRun.LOOPBACK_IFINDEX, 0, Integer.MAX_VALUE),
                        args.intValue("rx-queue", 0, 0, 65535));
        Path dumpClass = args.has("dump-class") ? Path.of(args.get("dump-class")) : null;
        if (dumpClass != null) {
            OutputFile.checkDirectory("--dump-class", dumpClass);
        }
        VmOptions vmOptions = VmOptions.defaults()
                .withEngine(args.engine(io.jxdp.vm.EngineKind.JIT))
                .withDumpClassDir(dumpClass);

        // every input, and every output's place, before the program is verified or run
        ProgramSource src = ProgramSource.load(progFile, ProgramSource.syntax(args), args.has("raw"), args.get("prog"));
        byte[] memBytes = mem == null ? null : InputFile.read(Path.of(mem));
        byte[] memory = memBytes != null && memBytes.length == 0 ? null : memBytes;
        List<Frames> inputs = new ArrayList<>();
        List<Path> inputFiles = new ArrayList<>(List.of(progFile));
        for (String in : dataIn) {
            inputs.add(Frames.read(Path.of(in)));
            inputFiles.add(Path.of(in));
        }
        for (int k = 0; k < dataOut.length; k++) {
            OutputFile.check(Path.of(dataOut[k]), args.has("force"), inputFiles);
            if (inputs.get(k).capture() && !dataOut[k].endsWith(".pcap")) {
                throw new UsageException(
                        name(),
                        "--data-out " + dataOut[k] + ": " + dataIn[k]
                                + " is a capture; its output frames go to a capture file, whose name ends in .pcap");
            }
        }
        Path saveMaps = args.has("save-maps") ? Path.of(args.get("save-maps")) : null;
        SavedMaps loadMaps = args.has("load-maps") ? SavedMaps.read(Path.of(args.get("load-maps"))) : null;
        if (loadMaps != null) {
            inputFiles.add(Path.of(args.get("load-maps")));
        }
        if (saveMaps != null) {
            OutputFile.check(saveMaps, args.has("force"), inputFiles);
            for (String d : dataOut) {
                if (Path.of(d)
                        .toAbsolutePath()
                        .normalize()
                        .equals(saveMaps.toAbsolutePath().normalize())) {
                    throw new UsageException(name(), "--save-maps " + saveMaps + " is also a --data-out file");
                }
            }
        }
        int cpus = Math.max(1, Runtime.getRuntime().availableProcessors());
        MapSet maps = new MapSet(src.objectMaps(), cpus);
        MapSet scratch = new MapSet(src.objectMaps(), cpus);
        maps.bind(src.program());
        scratch.bind(src.program());
        if (loadMaps != null) {
            loadMaps.check(maps);
            loadMaps.applyTo(maps.byName());
            loadMaps.applyTo(scratch.byName());
        }
        applyUpdates(args.all("map-update"), maps, scratch);
        // the calling convention the verifier checks against (mem(0): r1 is NULL), so its facts hold for the run
        vmOptions = Verification.verified(
                src.program(),
                progFile.toString(),
                Verification.base(src),
                mem != null
                        ? ProgramType.mem(memory == null ? 0 : memory.length)
                        : Verification.typeOf(src, ProgramType.xdp()),
                args.has("no-verify"),
                vmOptions);
        LoadedProgram loaded = Vm.load(src.program(), maps.bind(src.program()), vmOptions);
        scratch.bind(src.program());
        // trace_printk lines go to stderr, as they would to trace_pipe; warm-up runs print nothing
        Cpu cpu = new Cpu(0, maps.space()).trace(err::println);
        Cpu warmCpu = new Cpu(0, scratch.space());
        if (seed != null) {
            cpu.environment(Environment.deterministic()).seedRandom(seed);
        }

        List<String> results = new ArrayList<>();
        if (mem != null) {
            warmUp(repeat, () -> Vm.runWithMemory(loaded, warmCpu, memory == null ? null : memory.clone()));
            byte[] m = memory == null ? null : memory.clone();
            long r0 = 0;
            long start = System.nanoTime();
            for (int i = 0; i < repeat; i++) {
                r0 = Vm.runWithMemory(loaded, cpu, m);
            }
            long avg = (System.nanoTime() - start) / repeat;
            results.add(result(Long.toUnsignedString(r0), avg, repeat, args.has("json"), null));
        } else {
            // bpftool's plain line for one packet; a name on each line as soon as there are several
            boolean labelled = inputs.size() > 1 || inputs.get(0).capture();
            for (int k = 0; k < inputs.size(); k++) {
                Frames in = inputs.get(k);
                byte[] first = in.frames().get(0).bytes();
                warmUp(repeat, () -> XdpTestRun.run(loaded, warmCpu, first.clone(), xdp.withRepeat(1000)));
                PcapWriter capture = dataOut.length > 0 && in.capture()
                        ? PcapWriter.create(Path.of(dataOut[k]), args.has("force"))
                        : null;
                try {
                    for (Frames.Frame f : in.frames()) {
                        XdpTestRun.Result r =
                                XdpTestRun.run(loaded, cpu, f.bytes().clone(), xdp);
                        if (capture != null) {
                            byte[] packet = r.packet();
                            capture.write(packet, 0, packet.length, f.timestampNanos());
                        } else if (dataOut.length > 0) {
                            OutputFile.write(Path.of(dataOut[k]), r.dataOut(), args.has("force"), inputFiles);
                        }
                        results.add(result(
                                Long.toString(r.retval()),
                                r.durationNs(),
                                repeat,
                                args.has("json"),
                                labelled ? f.label() : null));
                    }
                } finally {
                    if (capture != null) {
                        capture.close();
                    }
                }
            }
        }
        if (args.has("json")) {
            out.println(
                    results.size() == 1
                                    && dataIn.length <= 1
                                    && (inputs.isEmpty() || !inputs.get(0).capture())
                            ? results.get(0)
                            : "[" + String.join(",", results) + "]");
        } else {
            results.forEach(out::println);
        }
        if (args.has("dump-maps")) {
            MapDump.print(out, maps.byName());
        }
        if (saveMaps != null) {
            OutputFile.write(
                    saveMaps,
                    SavedMaps.write(maps.byName().values(), cpus).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    args.has("force"),
                    inputFiles);
        }
        return 0;
    }

    /** Runs {@code batch} (1,000 runs of the program on scratch state) for the warm-up's length. */
    private static void warmUp(int repeat, Runnable batch) {
        if (repeat == 1) {
            batch.run();
            return;
        }
        long end = System.nanoTime() + WARMUP_NANOS;
        do {
            batch.run();
        } while (System.nanoTime() < end);
    }

    private static String result(String retval, long durationNs, int repeat, boolean json, String label) {
        if (json) {
            return "{" + (label != null ? "\"data_in\":\"" + Json.escape(label) + "\"," : "") + "\"retval\":" + retval
                    + ",\"duration\":" + durationNs + "}";
        }
        return (label != null ? label + ": " : "")
                + String.format(
                        Locale.ROOT,
                        "Return value: %s, duration%s: %dns",
                        retval,
                        repeat > 1 ? " (average)" : "",
                        durationNs);
    }

    private void applyUpdates(String[] updates, MapSet... sets) {
        for (int i = 0; i + 2 < updates.length; i += 3) {
            byte[] key = Hex.decode(updates[i + 1], "--map-update key");
            byte[] value = Hex.decode(updates[i + 2], "--map-update value");
            for (MapSet set : sets) {
                BpfMap m = set.get(name(), updates[i]);
                m.update(key, value, 0);
            }
        }
    }
}
