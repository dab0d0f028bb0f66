package io.jxdp.cli;

import io.jxdp.asm.Syntax;
import io.jxdp.asm.elf.ElfProgram;
import io.jxdp.asm.elf.SourceLine;
import io.jxdp.isa.text.Dialect;
import io.jxdp.verifier.ProgramType;
import io.jxdp.verifier.Verifier;
import io.jxdp.verifier.VerifierResult;
import io.jxdp.vm.Cpu;
import io.jxdp.vm.EngineKind;
import io.jxdp.vm.Environment;
import io.jxdp.vm.LoadedProgram;
import io.jxdp.vm.Vm;
import io.jxdp.vm.VmFault;
import io.jxdp.vm.VmOptions;
import io.jxdp.vm.XdpAction;
import io.jxdp.vm.XdpTestRun;
import io.jxdp.vm.maps.BpfMap;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code jxdp trace PROG (--data-in FILE | --mem FILE)}: one run on the interpreter, instruction by
 * instruction: the registers each changed (pointers by what they point at), the memory it read or
 * wrote, helper calls with arguments and result, calls and returns, the C source line before its
 * instructions (BTF line info), and at the end the verdict and the packet's changed bytes. With
 * {@code --engine jit} the JIT runs the same input on fresh maps and its r0, packet and maps must
 * equal the trace's (the JIT has no hook: the trace is the interpreter's). Runs are deterministic
 * (virtual clocks, {@code --seed}). On a terminal it prompts between steps.
 */
final class TraceCommand implements Command {
    @Override
    public String name() {
        return "trace";
    }

    @Override
    public String summary() {
        return "run a program once, instruction by instruction, showing what each does";
    }

    private static Options options() {
        Options options = new Options();
        options.addOption(Option.builder("i")
                .longOpt("data-in")
                .hasArg()
                .argName("FILE")
                .desc("the packet (an Ethernet frame, or a pcap/pcapng capture: --frame picks one)")
                .get());
        options.addOption(Option.builder()
                .longOpt("frame")
                .hasArg()
                .argName("N")
                .desc("which frame of a --data-in capture (default 1)")
                .get());
        options.addOption(Option.builder()
                .longOpt("mem")
                .hasArg()
                .argName("FILE")
                .desc("memory for r1/r2 (conformance calling convention) instead of a packet")
                .get());
        options.addOption(Option.builder("s")
                .longOpt("syntax")
                .hasArg()
                .argName("SYNTAX")
                .desc("llvm (default) or ubpf: the dialect the trace prints instructions in (PROG may be in either)")
                .get());
        options.addOption(Option.builder("e")
                .longOpt("engine")
                .hasArg()
                .argName("ENGINE")
                .desc("interpreter (default), or jit: trace on the interpreter, then check the JIT ends the same")
                .get());
        options.addOption(Option.builder("n")
                .longOpt("steps")
                .hasArg()
                .argName("N")
                .desc("stop after N instructions")
                .get());
        options.addOption(Option.builder("b")
                .longOpt("break")
                .hasArg()
                .argName("PC|FILE:LINE")
                .desc("stop before the instruction at PC, or the first of C line LINE (BTF line info); repeatable")
                .get());
        options.addOption(Option.builder("j")
                .longOpt("json")
                .desc("one JSON object per step, then one for the end")
                .get());
        options.addOption(Option.builder()
                .longOpt("verifier-state")
                .desc("print beside each step the states the verifier knew at that pc")
                .get());
        options.addOption(Option.builder()
                .longOpt("interactive")
                .desc("prompt between steps even when stdin is not a terminal (it is the default on one)")
                .get());
        options.addOption(Option.builder()
                .longOpt("no-verify")
                .desc(Verification.NO_VERIFY_HELP)
                .get());
        options.addOption(
                Option.builder().longOpt("raw").desc("PROG is raw bytecode").get());
        options.addOption(Option.builder("p")
                .longOpt("prog")
                .hasArg()
                .argName("NAME")
                .desc("the program of an ELF object")
                .get());
        options.addOption(Option.builder()
                .longOpt("seed")
                .hasArg()
                .argName("N")
                .desc("seed of bpf_get_prandom_u32 (default 0; clocks are virtual, so a trace repeats exactly)")
                .get());
        options.addOption(Option.builder()
                .longOpt("map-update")
                .numberOfArgs(3)
                .argName("NAME KEY VALUE")
                .desc("set a map entry before running (key and value in hex bytes)")
                .get());
        return options;
    }

    @Override
    public int run(String[] argv, PrintStream out, PrintStream err) throws Exception {
        Options options = options();
        Args args = Args.parse(name(), options, argv);
        if (args.help()) {
            Args.printHelp(
                    out,
                    "jxdp trace PROG (--data-in FILE | --mem FILE) [--steps N] [--break PC|FILE:LINE] [--json]"
                            + " [--verifier-state] [--syntax llvm|ubpf] [--engine E]",
                    "Per instruction: pc, the instruction, registers changed (old -> new), memory read or written,\n"
                            + "helper calls and results, calls and returns; then the verdict and the packet's changed bytes.\n"
                            + "Example: jxdp trace prog.o --data-in pkt.bin --verifier-state\n"
                            + "Exit 0 traced (to the end or where asked to stop), 1 rejected or faulted (the trace shows\n"
                            + "the faulting step) or the JIT ended differently, 2 a usage or input error.",
                    options);
            return 0;
        }
        Path progFile = Path.of(args.single("PROG"));
        String dataIn = args.get("data-in");
        String mem = args.get("mem");
        if ((mem == null) == (dataIn == null)) {
            throw new UsageException(
                    name(),
                    mem == null ? "give --data-in FILE or --mem FILE" : "--mem and --data-in exclude each other");
        }
        if (args.all("data-in").length > 1 || args.all("mem").length > 1) {
            throw new UsageException(name(), "a trace is one run: give one --data-in or --mem");
        }
        if (args.has("frame") && dataIn == null) {
            throw new UsageException(name(), "--frame goes with --data-in");
        }
        if (args.has("verifier-state") && args.has("no-verify")) {
            throw new UsageException(name(), "--verifier-state needs the verifier; it excludes --no-verify");
        }
        if (args.has("interactive") && args.has("json")) {
            throw new UsageException(name(), "--interactive and --json exclude each other");
        }
        String syntax = args.choice("syntax", "llvm", "llvm", "ubpf");
        Dialect dialect = syntax.equals("ubpf") ? Dialect.UBPF : Dialect.LLVM;
        EngineKind engine = args.engine(EngineKind.INTERPRETER);
        long stepLimit = args.longValue("steps", Long.MAX_VALUE, 1, Long.MAX_VALUE);
        long seed = args.longValue("seed", 0, Long.MIN_VALUE, Long.MAX_VALUE);
        int frameNumber = args.intValue("frame", 1, 1, Integer.MAX_VALUE);

        // every input before anything is verified or run
        // text in either dialect reads as itself; --syntax chooses how the trace prints instructions
        ProgramSource src = ProgramSource.load(progFile, Syntax.AUTO, args.has("raw"), args.get("prog"));
        NavigableMap<Integer, SourceLine> lines = lines(src);
        Set<Integer> breaks = breakpoints(args.all("break"), src, lines);
        byte[] packet = null;
        byte[] memory = null;
        if (dataIn != null) {
            Frames frames = Frames.read(Path.of(dataIn));
            if (frameNumber > frames.frames().size()) {
                throw new UsageException(
                        name(),
                        "--frame " + frameNumber + ": " + dataIn + " holds "
                                + frames.frames().size() + " frame(s)");
            }
            packet = frames.frames().get(frameNumber - 1).bytes();
        } else {
            byte[] m = InputFile.read(Path.of(mem));
            memory = m.length == 0 ? null : m;
        }
        int cpus = Math.max(1, Runtime.getRuntime().availableProcessors());
        MapSet maps = new MapSet(src.objectMaps(), cpus);
        MapSet jitMaps = new MapSet(src.objectMaps(), cpus);
        applyUpdates(args.all("map-update"), maps, jitMaps);

        ProgramType type = memory != null || mem != null
                ? ProgramType.mem(memory == null ? 0 : memory.length)
                : Verification.typeOf(src, ProgramType.xdp());
        VmOptions vmOptions = Verification.verified(
                src.program(),
                progFile.toString(),
                Verification.base(src),
                type,
                args.has("no-verify"),
                VmOptions.defaults().withEngine(EngineKind.INTERPRETER));
        VerifierResult states = args.has("verifier-state")
                ? Verifier.verify(
                        src.program(),
                        Verification.base(src).withProgramType(type).withLogLevel(2))
                : null;

        Cpu cpu = new Cpu(0, maps.space()).trace(err::println);
        cpu.environment(Environment.deterministic()).seedRandom(seed);
        boolean json = args.has("json");
        Tracer tracer = new Tracer(dialect.printer(), lines, states, cpu.memory(), step -> print(step, json, out));
        LoadedProgram traced = Vm.loadTraced(src.program(), maps.bind(src.program()), vmOptions, tracer);
        tracer.attach(traced.linked());
        // on Java 17 a console exists only when stdin and stdout are both a terminal
        boolean interactive = !json && (args.has("interactive") || onTerminal());
        TracePrompt prompt = interactive
                ? new TracePrompt(
                        tracer,
                        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
                        out,
                        breaks,
                        stepLimit)
                : null;
        tracer.control(
                prompt != null
                        ? prompt
                        : (step, pc, r, depth) -> {
                            if (step > stepLimit) {
                                throw new Tracer.Stop(
                                        "stopped after " + stepLimit + " steps (--steps), before pc " + pc);
                            }
                            if (breaks.contains(pc)) {
                                throw new Tracer.Stop(
                                        "stopped at the breakpoint before pc " + pc + " (step " + step + ")");
                            }
                        });

        XdpTestRun.Options xdp = XdpTestRun.Options.defaults();
        long r0;
        byte[] after;
        try {
            if (packet != null) {
                XdpTestRun.Result r = XdpTestRun.run(traced, cpu, packet.clone(), xdp);
                r0 = r.r0();
                after = r.packet();
            } else {
                byte[] m = memory == null ? null : memory.clone();
                r0 = Vm.runWithMemory(traced, cpu, m);
                after = m;
            }
        } catch (VmFault f) {
            tracer.faulted();
            if (f.getCause() instanceof Tracer.Stop stop) {
                end(
                        out,
                        json,
                        "{\"stopped\":" + Json.quote(stop.getMessage()) + ",\"steps\":" + tracer.steps() + "}",
                        stop.getMessage());
                if (!json) {
                    registers(out, tracer);
                }
                return 0;
            }
            end(
                    out,
                    json,
                    "{\"fault\":" + Json.quote(f.getMessage()) + ",\"pc\":" + f.pc() + ",\"steps\":" + tracer.steps()
                            + "}",
                    "the program faulted: " + f.getMessage());
            return Main.REJECTED;
        }
        tracer.exited();
        byte[] before = packet != null ? packet : memory;
        String changed = changedBytes(before, after, packet != null ? "pkt" : "mem");
        String verdict = packet != null ? verdict(r0) : "r0 = " + Long.toUnsignedString(r0);
        String jitCheck = engine == EngineKind.JIT
                ? jitCheck(src, jitMaps, maps, vmOptions, packet, memory, seed, r0, after)
                : null;
        StringBuilder endJson = new StringBuilder("{\"verdict\":")
                .append(Json.quote(verdict))
                .append(",\"r0\":")
                .append(Long.toUnsignedString(r0))
                .append(",\"steps\":")
                .append(tracer.steps())
                .append(",\"changed\":")
                .append(Json.quote(changed));
        if (jitCheck != null) {
            endJson.append(",\"jit\":").append(Json.quote(jitCheck));
        }
        end(
                out,
                json,
                endJson.append('}').toString(),
                "verdict: " + verdict + " after " + tracer.steps() + " steps\n"
                        + (packet != null ? "packet: " : "memory: ") + changed
                        + (jitCheck != null ? "\n" + jitCheck : ""));
        return jitCheck != null && !jitCheck.startsWith("jit: the same") ? Main.REJECTED : 0;
    }

    /**
     * True when stdin and stdout are a terminal: on the Java 17 jxdp targets, a console exists only
     * then (from JDK 22 it may exist without one, and this test would need {@code isTerminal()}).
     */
    @SuppressWarnings("SystemConsoleNull")
    private static boolean onTerminal() {
        return System.console() != null;
    }

    private static void print(TraceStep step, boolean json, PrintStream out) {
        if (json) {
            out.println(step.json());
            return;
        }
        if (step.source() != null) {
            out.println(step.source());
        }
        out.println(step.text());
        for (int i = 0; i < step.verifier().size(); i++) {
            out.println("       " + (i == 0 ? "verifier: " : "      or: ")
                    + step.verifier().get(i));
        }
    }

    private static void end(PrintStream out, boolean json, String asJson, String asText) {
        out.println(json ? asJson : asText);
    }

    private static void registers(PrintStream out, Tracer tracer) {
        out.println(tracer.registerLine());
    }

    private static String verdict(long r0) {
        XdpAction a = XdpAction.of(r0);
        return a != null
                ? a.kernelName() + " (r0 = " + (r0 & 0xffff_ffffL) + ")"
                : "r0 = " + (r0 & 0xffff_ffffL) + ", no XDP action (the kernel takes it as XDP_ABORTED)";
    }

    /** The bytes that differ, as runs {@code pkt+12..13: 08 00 -> 86 dd}; or the new length and bytes. */
    static String changedBytes(byte[] before, byte[] after, String region) {
        if (before == null || after == null) {
            return "none";
        }
        if (before.length != after.length) {
            return before.length + " -> " + after.length + " bytes, now: " + TraceStep.hex(after, " ");
        }
        StringBuilder b = new StringBuilder();
        int count = 0;
        for (int i = 0; i < before.length; ) {
            if (before[i] == after[i]) {
                i++;
                continue;
            }
            int j = i;
            while (j < before.length && before[j] != after[j]) {
                j++;
            }
            count += j - i;
            b.append("\n  ")
                    .append(region)
                    .append('+')
                    .append(i)
                    .append(j - i > 1 ? ".." + (j - 1) : "")
                    .append(": ")
                    .append(TraceStep.hex(Arrays.copyOfRange(before, i, j), " "))
                    .append(" -> ")
                    .append(TraceStep.hex(Arrays.copyOfRange(after, i, j), " "));
            i = j;
        }
        return count == 0 ? before.length + " bytes, unchanged" : before.length + " bytes, " + count + " changed:" + b;
    }

    /**
     * Runs the JIT on the same input, fresh maps and the same seed, and compares r0, the packet (or
     * memory) and the maps with the traced run's.
     */
    private static String jitCheck(
            ProgramSource src,
            MapSet jitMaps,
            MapSet tracedMaps,
            VmOptions verified,
            byte[] packet,
            byte[] memory,
            long seed,
            long r0,
            byte[] after) {
        LoadedProgram jit = Vm.load(src.program(), jitMaps.bind(src.program()), verified.withEngine(EngineKind.JIT));
        Cpu cpu = new Cpu(0, jitMaps.space());
        cpu.environment(Environment.deterministic()).seedRandom(seed);
        long jr0;
        byte[] jafter;
        try {
            if (packet != null) {
                XdpTestRun.Result r = XdpTestRun.run(jit, cpu, packet.clone());
                jr0 = r.r0();
                jafter = r.packet();
            } else {
                jafter = memory == null ? null : memory.clone();
                jr0 = Vm.runWithMemory(jit, cpu, jafter);
            }
        } catch (VmFault f) {
            return "jit: DIFFERS, it faulted: " + f.getMessage();
        }
        if (jr0 != r0) {
            return "jit: DIFFERS, r0 = " + Long.toUnsignedString(jr0) + " (the trace: " + Long.toUnsignedString(r0)
                    + ")";
        }
        if (!Arrays.equals(jafter, after)) {
            return "jit: DIFFERS, its " + (packet != null ? "packet" : "memory") + " against the trace's: "
                    + changedBytes(after, jafter, packet != null ? "pkt" : "mem");
        }
        if (!dump(jitMaps).equals(dump(tracedMaps))) {
            return "jit: DIFFERS in the maps:\n" + dump(jitMaps);
        }
        return "jit: the same r0, " + (packet != null ? "packet" : "memory")
                + " and maps (the trace is the interpreter's)";
    }

    private static String dump(MapSet maps) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        MapDump.print(new PrintStream(b, true, StandardCharsets.UTF_8), maps.byName());
        return b.toString(StandardCharsets.UTF_8);
    }

    /** The BTF source lines of an ELF program by pc; empty for text and bytecode. */
    @SuppressWarnings("ReferenceEquality") // which of the object's programs was loaded: that very one
    private static NavigableMap<Integer, SourceLine> lines(ProgramSource src) {
        if (src.elf() != null) {
            for (ElfProgram p : src.elf().programs()) {
                if (p.program() == src.program()) {
                    return p.lines();
                }
            }
        }
        return new TreeMap<>();
    }

    /** {@code --break} values: a pc, or {@code FILE:LINE} / {@code :LINE}, the first pc of that C line. */
    private Set<Integer> breakpoints(String[] values, ProgramSource src, NavigableMap<Integer, SourceLine> lines) {
        Set<Integer> out = new HashSet<>();
        for (String v : values) {
            int colon = v.lastIndexOf(':');
            if (colon < 0) {
                int pc;
                try {
                    pc = Integer.parseInt(v);
                } catch (NumberFormatException e) {
                    throw new UsageException(name(), "--break needs a pc or FILE:LINE, got '" + v + "'");
                }
                if (!src.program().isInstructionStart(pc)) {
                    throw new UsageException(
                            name(), "--break " + v + ": no instruction starts at pc " + pc + " of " + src.file());
                }
                out.add(pc);
                continue;
            }
            if (lines.isEmpty()) {
                throw new UsageException(
                        name(), "--break " + v + ": " + src.file() + " has no BTF line info (compile with clang -g)");
            }
            String file = v.substring(0, colon);
            int line;
            try {
                line = Integer.parseInt(v.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new UsageException(name(), "--break needs a pc or FILE:LINE, got '" + v + "'");
            }
            Integer first = null;
            for (var e : lines.entrySet()) {
                SourceLine l = e.getValue();
                if (l.line() == line
                        && (file.isEmpty() || l.file().equals(file) || l.file().endsWith("/" + file))) {
                    first = e.getKey();
                    break;
                }
            }
            if (first == null) {
                throw new UsageException(
                        name(), "--break " + v + ": no instruction of " + src.file() + " is on that line");
            }
            out.add(first);
        }
        return out;
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
