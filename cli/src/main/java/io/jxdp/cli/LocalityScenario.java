package io.jxdp.cli;

import io.jxdp.packet.TrafficGenerator;
import io.jxdp.vm.maps.BpfMap;
import io.jxdp.xdp.Applications;
import io.jxdp.xdp.LocalitySinks;
import io.jxdp.xdp.RuntimeStats;
import io.jxdp.xdp.StatsFormatter;
import io.jxdp.xdp.XdpRuntime;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code jxdp run --scenario locality}: the README's fourth scenario, application locality. The
 * same traffic runs three times, through three steering programs: none (RSS only), flow-hash
 * spreading (scenario 2) and RFS-like steering from the applications' socket flow table, each run
 * counting the frames the stack received on their application's CPU against those that need a
 * second hop; then the three side by side.
 */
final class LocalityScenario {
    static final String NAME = "locality";
    /** Applications on the two RX CPUs and two more. */
    static final String DEFAULT_CPUS = "0,1,2,3";
    /** Options that choose what this scenario fixes, or that would mix the three runs' outputs. */
    private static final List<String> NOT_HERE = List.of(
            "builtin",
            "prog",
            "pcap",
            "controller",
            "cpumap-prog",
            "cpumap-prog-name",
            "map-update",
            "out",
            "json",
            "interval",
            "dump-maps",
            "report",
            "save-maps",
            "load-maps");
    /** The cpumap entries the programs have (MAX_CPUS in programs/c/common.h). */
    private static final int MAX_CPUS = 12;

    private record Arm(String label, String program, String how) {}

    private static final List<Arm> ARMS = List.of(
            new Arm("rss-only", "rss_only.bpf", "no steering: every frame to the stack of its RX CPU"),
            new Arm("flow-spread", "flow_spread.bpf", "scenario 2: cpus_available[flow hash % cpus_count]"),
            new Arm("rfs", "rfs_steer.bpf", "each flow to the CPU its application recorded in sock_flow_table"));

    private record Result(Arm arm, RuntimeStats stats, LocalitySinks.Totals locality) {}

    private LocalityScenario() {}

    static int run(Args args, String command, PrintStream out, PrintStream err) throws Exception {
        String scenario = args.get("scenario");
        if (!NAME.equals(scenario)) {
            throw new UsageException(command, "--scenario must be " + NAME + ", got '" + scenario + "'");
        }
        if (args.positional().length > 0) {
            throw new UsageException(command, "--scenario " + NAME + " runs its own three programs; drop PROG");
        }
        for (String o : NOT_HERE) {
            if (args.has(o)) {
                throw new UsageException(command, "--scenario " + NAME + " does not take --" + o);
            }
        }
        if (args.has("ipv6") && !args.get("ipv6").strip().matches("0*\\.?0*")) {
            throw new UsageException(
                    command, "--scenario " + NAME + ": the steering programs hash IPv4 flows only; drop --ipv6");
        }
        List<Result> results = new ArrayList<>();
        Applications apps = null;
        boolean interrupted = false;
        for (Arm arm : ARMS) {
            RunSetup setup = RunSetup.forBuiltin(args, command, arm.program(), DEFAULT_CPUS);
            if (apps == null) {
                for (int cpu : setup.cpus()) {
                    if (cpu >= MAX_CPUS) {
                        throw new UsageException(
                                command,
                                "--cpu " + cpu + ": the steering programs' cpumap has " + MAX_CPUS + " entries");
                    }
                }
                apps = Applications.of(new TrafficGenerator(setup.profile()), setup.cpus());
                out.printf(
                        Locale.ROOT,
                        "Application locality: %d flows, flow i owned by the application on CPU %s[i mod %d]%n",
                        setup.profile().flows(),
                        java.util.Arrays.toString(apps.cpus()),
                        apps.cpus().length);
            }
            Applications owners = apps;
            LocalitySinks[] locality = new LocalitySinks[1];
            XdpRuntime runtime = setup.runtime(err, sinks -> {
                locality[0] = new LocalitySinks(sinks, owners);
                return locality[0];
            });
            BpfMap table = setup.maps().byName().get(Applications.TABLE);
            out.println();
            out.println("== " + arm.label() + ": " + arm.how());
            out.println(setup.describe());
            if (table != null) {
                int lost = apps.record(table);
                out.printf(
                        Locale.ROOT,
                        "%s: %d entries; %d of %d flows lost their entry to a later flow with the same index%n",
                        Applications.TABLE,
                        table.maxEntries(),
                        lost,
                        setup.profile().flows());
            }
            interrupted = drive(runtime, setup);
            RuntimeStats stats = runtime.stats();
            out.println("totals after " + stats.rxTotal(RuntimeStats.Rx::received) + " packets"
                    + (stats.steps() > 0
                            ? " (" + stats.steps() + " steps)"
                            : String.format(Locale.ROOT, " (%.2f s)", stats.elapsedNanos() / 1e9))
                    + ":");
            out.print(StatsFormatter.totals(stats));
            Result r = new Result(arm, stats, locality[0].totals());
            List<String> violations = violations(r);
            if (!violations.isEmpty()) {
                err.println("jxdp run: the counters do not add up (a bug in jxdp): " + String.join("; ", violations));
                return Main.INTERNAL_ERROR;
            }
            if (runtime.failure().isPresent()) {
                Throwable e = runtime.failure().get();
                err.println(
                        "jxdp run: stopped by an error: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
                return Main.REJECTED;
            }
            results.add(r);
            if (interrupted) {
                break; // Ctrl-C: the runs so far are compared, the others not started
            }
        }
        out.println();
        out.print(comparison(results));
        return 0;
    }

    /** Runs until the feed ends, --duration passes or Ctrl-C; every ring drained. True on Ctrl-C. */
    private static boolean drive(XdpRuntime runtime, RunSetup setup) throws InterruptedException {
        try (Interrupts ctrlC = Interrupts.install(runtime::requestStop)) {
            if (runtime.mode() == XdpRuntime.Mode.DETERMINISTIC) {
                while (runtime.step()) {
                    // after Ctrl-C, step() polls no RX queue but still drains every ring
                }
                runtime.run(); // closes the sinks
            } else {
                runtime.start();
                long end = setup.durationMs() > 0 ? System.nanoTime() + setup.durationMs() * 1_000_000 : 0;
                while (!setup.rxDone(runtime)
                        && !ctrlC.interrupted()
                        && runtime.failure().isEmpty()) {
                    long left = end == 0 ? 100 : (end - System.nanoTime()) / 1_000_000;
                    if (left <= 0) {
                        break;
                    }
                    ctrlC.sleep(Math.min(100, left));
                }
                runtime.stop();
                runtime.run();
            }
            return ctrlC.interrupted();
        }
    }

    /** The runtime's identities, and: what the stacks received = on the app's CPU + second hop + unowned. */
    private static List<String> violations(Result r) {
        List<String> v = new ArrayList<>(r.stats().violations());
        long passed = passed(r.stats());
        if (passed != r.locality().delivered()) {
            v.add(r.arm().label() + ": passed to a stack = on the application's CPU + second hop + unowned: " + passed
                    + " != " + r.locality().local() + " + " + r.locality().secondHop() + " + "
                    + r.locality().unowned());
        }
        return v;
    }

    private static long passed(RuntimeStats s) {
        return s.rxTotal(RuntimeStats.Rx::pass) + s.kthreadTotal(RuntimeStats.Kthread::pass);
    }

    static String comparison(List<Result> results) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(
                Locale.ROOT,
                "%-12s %12s %12s %12s %12s %7s %12s%n",
                "steering",
                "received",
                "to a stack",
                "on app CPU",
                "second hop",
                "local",
                "ring drops"));
        for (Result r : results) {
            long delivered = r.locality().delivered();
            b.append(String.format(
                    Locale.ROOT,
                    "%-12s %,12d %,12d %,12d %,12d %6.1f%% %,12d%n",
                    r.arm().label(),
                    r.stats().rxTotal(RuntimeStats.Rx::received),
                    delivered,
                    r.locality().local(),
                    r.locality().secondHop(),
                    delivered == 0 ? 0.0 : 100.0 * r.locality().local() / delivered,
                    r.stats().enqueueTotal(RuntimeStats.Enqueue::drops)));
        }
        long unowned = results.stream().mapToLong(r -> r.locality().unowned()).sum();
        if (unowned > 0) {
            b.append(String.format(
                    Locale.ROOT, "(%,d frames belong to no application: attack traffic or IPv6)%n", unowned));
        }
        return b.toString();
    }
}
