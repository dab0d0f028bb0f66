package io.jxdp.cli;

import io.jxdp.isa.JxdpException;
import io.jxdp.verifier.ProgramType;
import io.jxdp.vm.Cpu;
import io.jxdp.vm.LoadedProgram;
import io.jxdp.vm.Vm;
import io.jxdp.vm.VmOptions;
import io.jxdp.vm.maps.BpfMap;
import io.jxdp.vm.xdp.XdpTestRun;
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
        options.addOption(Option.builder().longOpt("mem").hasArg().argName("FILE").desc("memory for r1/r2 (conformance calling convention)").get());
        options.addOption(Option.builder("i").longOpt("data-in").hasArg().argName("FILE").desc("a packet (Ethernet frame); repeat for several, run in order").get());
        options.addOption(Option.builder("o").longOpt("data-out").hasArg().argName("FILE").desc("write the packet as the program left it; one per --data-in").get());
        options.addOption(Option.builder("r").longOpt("repeat").hasArg().argName("N").desc("runs per packet (default 1)").get());
        options.addOption(Option.builder("e").longOpt("engine").hasArg().argName("ENGINE").desc("jit (default) or interpreter").get());
        options.addOption(Option.builder().longOpt("json").desc("print JSON").get());
        options.addOption(Option.builder().longOpt("raw").desc("PROG is raw bytecode").get());
        options.addOption(Option.builder("s").longOpt("syntax").hasArg().argName("SYNTAX").desc("ubpf, llvm or auto (default)").get());
        options.addOption(Option.builder("p").longOpt("prog").hasArg().argName("NAME").desc("the program of an ELF object").get());
        options.addOption(Option.builder().longOpt("no-verify").desc("run without verifying (every access is still checked)").get());
        options.addOption(Option.builder().longOpt("ifindex").hasArg().argName("N").desc("xdp_md.ingress_ifindex (default 1)").get());
        options.addOption(Option.builder().longOpt("rx-queue").hasArg().argName("N").desc("xdp_md.rx_queue_index (default 0)").get());
        options.addOption(Option.builder().longOpt("map-update").numberOfArgs(3).argName("NAME KEY VALUE")
                .desc("set a map entry before running (key and value in hex bytes)").get());
        options.addOption(Option.builder().longOpt("dump-maps").desc("print every map's entries after the run").get());
        options.addOption(Option.builder().longOpt("force").desc("replace --data-out files that exist").get());
        options.addOption(Option.builder().longOpt("dump-class").hasArg().argName("DIR").desc("write the JIT's generated classes into DIR (for javap -c -l)").get());
        Args args = Args.parse(name(), options, argv);
        if (args.help()) {
            Args.printHelp(out, "jxdp test-run PROG (--mem FILE | --data-in FILE...) [--repeat N] [--engine E] [--json] [--data-out FILE...]",
                    "Prints 'Return value: R, duration: Dns' per packet, as bpftool prog run does.", options);
            return 0;
        }
        Path progFile = Path.of(args.single("PROG"));
        String[] dataIn = args.all("data-in");
        String mem = args.get("mem");
        if ((mem == null) == (dataIn.length == 0)) {
            throw new UsageException(name(), mem == null ? "give --mem FILE or --data-in FILE" : "--mem and --data-in exclude each other");
        }
        String[] dataOut = args.all("data-out");
        if (dataOut.length > 0 && (mem != null || dataOut.length != dataIn.length)) {
            throw new UsageException(name(), mem != null ? "--data-out goes with --data-in" : "give one --data-out per --data-in");
        }
        int repeat = args.intValue("repeat", 1, 1, 1_000_000_000);
        XdpTestRun.Options xdp = XdpTestRun.Options.defaults().withRepeat(repeat)
                .withIngress(args.intValue("ifindex", XdpTestRun.LOOPBACK_IFINDEX, 0, Integer.MAX_VALUE), args.intValue("rx-queue", 0, 0, 65535));
        VmOptions vmOptions = VmOptions.defaults().withEngine(args.engine(io.jxdp.vm.EngineKind.JIT))
                .withDumpClassDir(args.has("dump-class") ? Path.of(args.get("dump-class")) : null);

        ProgramSource src = ProgramSource.load(progFile, ProgramSource.syntax(args), args.has("raw"), args.get("prog"));
        int cpus = Math.max(1, Runtime.getRuntime().availableProcessors());
        MapSet maps = new MapSet(src.objectMaps(), cpus);
        MapSet scratch = new MapSet(src.objectMaps(), cpus);
        applyUpdates(args.all("map-update"), maps, scratch);
        byte[] bytes = mem == null ? null : ProgramSource.read(Path.of(mem));
        // the calling convention the verifier checks against (mem(0): r1 is NULL), so its facts hold for the run
        byte[] memory = bytes != null && bytes.length == 0 ? null : bytes;
        vmOptions = Verification.verified(src.program(), mem != null ? ProgramType.mem(memory == null ? 0 : memory.length)
                : Verification.typeOf(src, ProgramType.xdp()), args.has("no-verify"), vmOptions);
        LoadedProgram loaded = Vm.load(src.program(), maps.bind(src.program()), vmOptions);
        scratch.bind(src.program());
        Cpu cpu = new Cpu(0, maps.space());
        Cpu warmCpu = new Cpu(0, scratch.space());

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
            for (int k = 0; k < dataIn.length; k++) {
                byte[] packet = ProgramSource.read(Path.of(dataIn[k]));
                checkPacket(dataIn[k], packet);
                byte[] scratchPacket = packet.clone();
                warmUp(repeat, () -> XdpTestRun.run(loaded, warmCpu, scratchPacket.clone(), xdp.withRepeat(1000)));
                XdpTestRun.Result r = XdpTestRun.run(loaded, cpu, packet, xdp);
                if (dataOut.length > 0) {
                    List<Path> inputs = new ArrayList<>(List.of(progFile));
                    for (String in : dataIn) {
                        inputs.add(Path.of(in));
                    }
                    OutputFile.write(Path.of(dataOut[k]), r.dataOut(), args.has("force"), inputs);
                }
                results.add(result(Long.toString(r.retval()), r.durationNs(), repeat, args.has("json"),
                        dataIn.length > 1 ? dataIn[k] : null));
            }
        }
        if (args.has("json")) {
            out.println(results.size() == 1 && dataIn.length <= 1 ? results.get(0) : "[" + String.join(",", results) + "]");
        } else {
            results.forEach(out::println);
        }
        if (args.has("dump-maps")) {
            MapDump.print(out, maps.byName());
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

    /** The kernel refuses packets shorter than an Ethernet header and longer than a test frame holds. */
    private static void checkPacket(String file, byte[] packet) {
        if (packet.length < 14) {
            throw new JxdpException(file + ": a packet of " + packet.length
                    + " bytes is shorter than an Ethernet header (14); the kernel refuses it with -EINVAL");
        }
        if (packet.length > XdpTestRun.MAX_PACKET) {
            throw new JxdpException(file + ": a packet of " + packet.length + " bytes is longer than an XDP test frame holds ("
                    + XdpTestRun.MAX_PACKET + "); the kernel refuses it with -EINVAL");
        }
    }

    private static String result(String retval, long durationNs, int repeat, boolean json, String label) {
        if (json) {
            return "{" + (label != null ? "\"data_in\":\"" + Json.escape(label) + "\"," : "") + "\"retval\":" + retval
                    + ",\"duration\":" + durationNs + "}";
        }
        return (label != null ? label + ": " : "") + String.format(Locale.ROOT, "Return value: %s, duration%s: %dns",
                retval, repeat > 1 ? " (average)" : "", durationNs);
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
