package io.jxdp.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * DPDK's userspace eBPF VM (librte_bpf, interpreter and x86-64 JIT) on the shared benchmark
 * programs, through the small C harness {@code bench/native/rte_bpf_bench.c}, built on first use
 * by {@code bench/native/build.sh} where DPDK's development files are installed. Its results are
 * measured in the same run as jxdp's, on the same bytecode and the same memory.
 */
final class NativePeer {
    /** One measurement: mean ns per run and the half-width of its 99.9% interval, or why none. */
    record Result(double ns, double error, String skipped) {}

    /** The results by "program/engine" (engine: interpreter or jit), or why there are none. */
    record Run(Map<String, Result> results, String skipped) {}

    private NativePeer() {}

    static Run measure(List<BenchProgram> programs, int iterations, int millis) {
        List<String> names = new ArrayList<>();
        for (BenchProgram p : programs) {
            if (p.shared()) {
                names.add(p.key());
            }
        }
        if (names.isEmpty()) {
            return new Run(Map.of(), "no shared program selected");
        }
        Path root = repositoryRoot();
        if (root == null) {
            return new Run(Map.of(), "bench/native/ not found beside the benchmarks' jar");
        }
        Path source = root.resolve("bench/native/rte_bpf_bench.c");
        Path binary = root.resolve("bench/target/native/rte_bpf_bench");
        try {
            if (!Files.isExecutable(binary)
                    || Files.getLastModifiedTime(binary).compareTo(Files.getLastModifiedTime(source)) < 0) {
                List<String> build = new ArrayList<>(
                        List.of("bash", root.resolve("bench/native/build.sh").toString(), binary.toString()));
                Outcome built = exec(build);
                if (built.exit != 0) {
                    return new Run(Map.of(), "not built: " + built.lastLine());
                }
            }
            List<String> command = new ArrayList<>(List.of(
                    binary.toString(),
                    SharedPrograms.dir().toString(),
                    Integer.toString(iterations),
                    Integer.toString(millis)));
            command.addAll(names);
            Outcome ran = exec(command);
            if (ran.exit != 0) {
                return new Run(Map.of(), "the harness failed: " + ran.lastLine());
            }
            return new Run(parse(ran.lines), null);
        } catch (IOException e) {
            return new Run(Map.of(), "cannot run the harness: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Run(Map.of(), "interrupted");
        }
    }

    /** The harness's lines: {@code NAME ENGINE MEAN ERROR N} or {@code NAME ENGINE skip REASON}. */
    static Map<String, Result> parse(List<String> lines) {
        Map<String, Result> results = new HashMap<>();
        for (String line : lines) {
            String[] f = line.strip().split(" ", 4);
            if (f.length < 3) {
                continue;
            }
            String key = f[0] + "/" + f[1];
            if (f[2].equals("skip")) {
                results.put(key, new Result(Double.NaN, Double.NaN, f.length > 3 ? f[3] : "skipped"));
            } else if (f.length == 4) {
                String[] rest = f[3].split(" ", -1);
                results.put(key, new Result(Double.parseDouble(f[2]), Double.parseDouble(rest[0]), null));
            }
        }
        return results;
    }

    private record Outcome(int exit, List<String> lines) {
        String lastLine() {
            return lines.isEmpty() ? "exit " + exit : lines.get(lines.size() - 1);
        }
    }

    private static Outcome exec(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader r =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                lines.add(line);
            }
        }
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            return new Outcome(-1, List.of("timed out"));
        }
        return new Outcome(process.exitValue(), lines);
    }

    /** The directory holding {@code bench/native}: an ancestor of this class's jar or classes. */
    private static Path repositoryRoot() {
        for (Path d = SharedPrograms.codeSource(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("bench/native/build.sh"))) {
                return d;
            }
        }
        return null;
    }
}
