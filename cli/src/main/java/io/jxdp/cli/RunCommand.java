package io.jxdp.cli;

import io.jxdp.programs.ProgramResources;
import io.jxdp.xdp.AutoScaler;
import io.jxdp.xdp.RuntimeStats;
import io.jxdp.xdp.StatsFormatter;
import io.jxdp.xdp.XdpRuntime;
import java.io.PrintStream;
import java.util.List;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code jxdp run [PROG] [options]}: the XDP runtime on a program. Without PROG it runs the
 * built-in DDoS pre-filter on generated traffic with an attack in it, which is the README's first
 * scenario. See {@link #options()} for the knobs.
 */
final class RunCommand implements Command {
    static final String DEFAULT_PROGRAM = "ddos_prefilter.bpf";

    @Override
    public String name() {
        return "run";
    }

    @Override
    public String summary() {
        return "run the XDP datapath: RX queues, the program, cpumap bulk queues, rings and consumers";
    }

    static Options options() {
        Options o = new Options();
        o.addOption(opt("p", "prog", "NAME", "the program of an ELF object (function or section)"));
        o.addOption(opt(
                null,
                "builtin",
                "NAME",
                "a shipped program instead of PROG: " + String.join(", ", ProgramResources.ALL)));
        o.addOption(opt(
                null,
                "cpumap-prog",
                "FILE",
                "second program for every cpumap entry (text, or an ELF object with --cpumap-prog-name)"));
        o.addOption(opt(
                null,
                "cpumap-prog-name",
                "NAME",
                "the second program's function or section in --cpumap-prog (or in PROG's object)"));
        o.addOption(opt("q", "rxq", "N", "RX queues (default 2), on CPUs 0..N-1"));
        o.addOption(opt(
                "c",
                "cpu",
                "LIST",
                "cpumap entries to create, e.g. 2,3 (default 2,3); also fills cpus_available/cpus_count"));
        o.addOption(opt(null, "qsize", "N", "cpumap ring size (default 2048, at most 16384)"));
        o.addOption(opt("e", "engine", "ENGINE", "jit (default) or interpreter"));
        o.addOption(opt("m", "mode", "MODE", "deterministic (default: reproducible) or threaded (real threads)"));
        o.addOption(Option.builder()
                .longOpt("busy-poll")
                .desc("threaded: spin instead of sleeping when idle")
                .get());
        o.addOption(opt(
                null,
                "rx-cpus",
                "LIST",
                "threaded: pin RX queue i's thread to the i-th CPU of LIST (cycling), e.g. 0"));
        o.addOption(opt(
                null,
                "consumer-cpus",
                "LIST",
                "threaded: pin the consumer of cpumap key k to CPU LIST[k mod length], e.g. 1"));
        o.addOption(opt(
                null, "consumer-batches", "N", "deterministic: batches of 8 a consumer takes per step (default 8)"));
        o.addOption(opt(null, "pace", "LIST", "deterministic: packets per poll, a phase each, e.g. 64,8 (default 64)"));
        o.addOption(opt(null, "phase-steps", "N", "deterministic: steps per --pace phase (default 500)"));
        o.addOption(opt(null, "pcap", "FILE", "read packets from a pcap or pcapng file instead of generating them"));
        o.addOption(Option.builder()
                .longOpt("loop")
                .desc("restart the capture at its end")
                .get());
        o.addOption(
                opt("n", "count", "N", "packets to receive in all (default 1,000,000; with --duration: unlimited)"));
        o.addOption(opt("d", "duration", "SECONDS", "threaded: run this long"));
        o.addOption(opt(null, "flows", "N", "generator: flows (default 1024)"));
        o.addOption(opt(null, "size", "BYTES", "generator: frame size without FCS (default 60)"));
        o.addOption(opt(null, "ipv6", "FRACTION", "generator: share of IPv6 flows (default 0)"));
        o.addOption(opt(null, "mix", "TCP,UDP,ICMP", "generator: protocol weights (default 70,25,5)"));
        o.addOption(opt(null, "skew", "FRACTION", "generator: share of flows a poor RSS puts on queue 0 (default 0)"));
        o.addOption(
                opt(
                        null,
                        "attack",
                        "FRACTION",
                        "generator: share of packets that are a UDP flood to port 9 (default 0.5 for the built-in DDoS program, else 0)"));
        o.addOption(opt(null, "seed", "N", "generator seed (default 1)"));
        o.addOption(
                opt(
                        null,
                        "device",
                        "IFINDEX",
                        "an emulated device (a sink) that bpf_redirect and devmaps may send to; repeat for several (the RX device, 1, always exists)"));
        o.addOption(opt("o", "out", "DIR", "write pcap files per sink into DIR (pass-cpuN, tx-rxN, drop-rxN, ...)"));
        o.addOption(Option.builder()
                .longOpt("force")
                .desc("replace capture files already in --out DIR, and a --save-maps file")
                .get());
        o.addOption(opt(
                "i",
                "interval",
                "SECONDS",
                "print statistics every SECONDS (threaded) or every N*1000 steps (deterministic)"));
        o.addOption(Option.builder("j")
                .longOpt("json")
                .desc("statistics as JSON lines")
                .get());
        o.addOption(opt(null, "controller", "NAME", "autoscale: grow and shrink the cpumap CPUs from the load"));
        o.addOption(Option.builder()
                .longOpt("map-update")
                .numberOfArgs(3)
                .argName("NAME KEY VALUE")
                .desc("set a map entry first (hex bytes)")
                .get());
        o.addOption(Option.builder()
                .longOpt("dump-maps")
                .desc("print the maps at the end")
                .get());
        o.addOption(opt(
                null,
                "save-maps",
                "FILE",
                "write every map at the end to FILE (a saved-maps file; jxdp map reads it)"));
        o.addOption(opt(null, "load-maps", "FILE", "start the maps from a saved-maps file (before any --map-update)"));
        o.addOption(opt("s", "syntax", "SYNTAX", "ubpf, llvm or auto"));
        o.addOption(opt(null, "dump-class", "DIR", "write the JIT's generated classes into DIR (for javap -c -l)"));
        o.addOption(Option.builder()
                .longOpt("no-verify")
                .desc(Verification.NO_VERIFY_HELP)
                .get());
        return o;
    }

    private static Option opt(String shortName, String longName, String arg, String desc) {
        return Option.builder(shortName)
                .longOpt(longName)
                .hasArg()
                .argName(arg)
                .desc(desc)
                .get();
    }

    @Override
    public int run(String[] argv, PrintStream out, PrintStream err) throws Exception {
        Options options = options();
        Args args = Args.parse(name(), options, argv);
        if (args.help()) {
            Args.printHelp(
                    out,
                    "jxdp run [PROG] [options]",
                    "Runs PROG (default: the built-in DDoS pre-filter) on the emulated XDP datapath and prints its statistics.\n"
                            + "Exit 0 ran, 1 the program was rejected, 2 a usage or input error (every input is checked first).",
                    options);
            return 0;
        }
        RunSetup setup = RunSetup.from(args, name());
        XdpRuntime runtime = setup.runtime(err);
        AutoScaler scaler = setup.autoScaler(runtime, err);
        if (args.has("json")) {
            out.println(setup.describeJson());
        } else {
            out.println(setup.describe());
        }
        RuntimeStats last = runtime.stats();
        try (Interrupts ctrlC = Interrupts.install(runtime::requestStop)) {
            if (runtime.mode() == XdpRuntime.Mode.DETERMINISTIC) {
                long every = (long) (setup.interval() * 1000);
                long steps = 0;
                // after Ctrl-C or an error, step() polls no RX queue but still drains every ring
                while (runtime.step()) {
                    steps++;
                    if (scaler != null && steps % 100 == 0) {
                        RuntimeStats now = runtime.stats();
                        scaler.tick(last, now);
                        last = now;
                    }
                    if (every > 0 && steps % every == 0) {
                        RuntimeStats now = runtime.stats();
                        print(out, args.has("json"), last, now, false);
                        last = now;
                    }
                }
                runtime.run(); // closes the sinks; nothing is left to step
            } else {
                runtime.start();
                long intervalMs = (long) (1000 * (setup.interval() > 0 ? setup.interval() : 1.0));
                long end = setup.durationMs() > 0 ? System.nanoTime() + setup.durationMs() * 1_000_000 : 0;
                while (!setup.rxDone(runtime)
                        && !ctrlC.interrupted()
                        && runtime.failure().isEmpty()) {
                    long left = end == 0 ? Long.MAX_VALUE : (end - System.nanoTime()) / 1_000_000;
                    if (left <= 0) {
                        break;
                    }
                    ctrlC.sleep(Math.min(intervalMs, left));
                    if (ctrlC.interrupted()) {
                        break; // no partial interval row: the totals follow at once
                    }
                    RuntimeStats now = runtime.stats();
                    if (scaler != null) {
                        scaler.tick(last, now);
                    }
                    print(out, args.has("json"), last, now, false);
                    last = now;
                }
                // RX stops after its current poll and flushes its bulk queues; the consumers drain
                // their rings; only then are the counters read
                runtime.stop();
                runtime.run();
            }
        }
        RuntimeStats total = runtime.stats();
        print(out, args.has("json"), null, total, true);
        // the maps as the run left them, also after a failure (exact up to the frame that failed)
        setup.saveMaps();
        List<String> violations = total.violations();
        if (!violations.isEmpty()) {
            err.println("jxdp run: the counters do not add up (a bug in jxdp): " + String.join("; ", violations));
            return Main.INTERNAL_ERROR;
        }
        if (runtime.failure().isPresent()) {
            // after the totals, which are exact up to the frame that failed
            Throwable e = runtime.failure().get();
            err.println("jxdp run: stopped by an error: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            return Main.REJECTED;
        }
        if (args.has("dump-maps")) {
            MapDump.print(out, setup.maps().byName());
        }
        return 0;
    }

    private static void print(PrintStream out, boolean json, RuntimeStats prev, RuntimeStats now, boolean totals) {
        if (json) {
            out.println(StatsFormatter.json(prev, now));
        } else if (totals) {
            out.println("totals after " + now.rxTotal(RuntimeStats.Rx::received) + " packets"
                    + (now.steps() > 0
                            ? " (" + now.steps() + " steps)"
                            : String.format(" (%.2f s)", now.elapsedNanos() / 1e9))
                    + ":");
            out.print(StatsFormatter.totals(now));
        } else {
            out.print(StatsFormatter.interval(prev, now));
            out.println();
        }
    }
}
