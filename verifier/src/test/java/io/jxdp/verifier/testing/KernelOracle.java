package io.jxdp.verifier.testing;

import io.jxdp.isa.MapDef;
import io.jxdp.isa.Program;
import io.jxdp.isa.codec.Encoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Loads programs into the running kernel's verifier through a small C loader (test resource
 * {@code oracle/bpf_load.c}, compiled with gcc on first use). Available only as root with gcc and a
 * working bpf() syscall; {@link #available()} says so, and tests skip otherwise.
 */
public final class KernelOracle {
    /** The kernel's answer: accepted or not, errno, and its log. */
    public record Verdict(boolean accepted, int errno, String log) {}

    private static Path loader;
    private static String unavailableReason;

    private KernelOracle() {}

    /** Null if the oracle can run here, else why not. */
    public static synchronized String unavailableReason() {
        if (loader == null && unavailableReason == null) {
            try {
                setUp();
            } catch (IOException | RuntimeException e) {
                unavailableReason = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                unavailableReason = e.toString();
            }
        }
        return unavailableReason;
    }

    public static boolean available() {
        return unavailableReason() == null;
    }

    /**
     * For a test of the {@code kernel} tag: skips where the kernel cannot be asked, except under
     * {@code -Pkernel} (system property {@code jxdp.kernel.required}), where that is a failure.
     */
    public static void requireOrSkip() {
        String why = unavailableReason();
        if (why == null) {
            return;
        }
        if (Boolean.getBoolean("jxdp.kernel.required")) {
            org.junit.jupiter.api.Assertions.fail(
                    "-Pkernel asks the running kernel, but the kernel oracle is unavailable: " + why);
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(false, "kernel oracle unavailable: " + why);
    }

    private static void setUp() throws IOException, InterruptedException {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            unavailableReason = "not Linux";
            return;
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            unavailableReason = "not root";
            return;
        }
        Path dir = Files.createTempDirectory("jxdp-oracle");
        Path src = dir.resolve("bpf_load.c");
        try (InputStream in = KernelOracle.class.getResourceAsStream("/oracle/bpf_load.c")) {
            if (in == null) {
                unavailableReason = "loader source missing";
                return;
            }
            Files.write(src, in.readAllBytes());
        }
        Path bin = dir.resolve("bpf_load");
        Process gcc;
        try {
            gcc = new ProcessBuilder("gcc", "-O1", "-o", bin.toString(), src.toString())
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            unavailableReason = "no gcc";
            return;
        }
        String out = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (gcc.waitFor() != 0) {
            unavailableReason = "gcc failed: " + out;
            return;
        }
        loader = bin;
        Verdict probe = run("maps 0\ninsns 2\nb700000000000000\n9500000000000000\n", 1, 0);
        if (!probe.accepted()) {
            loader = null;
            unavailableReason = "bpf() does not load a trivial XDP program: " + probe.log();
        }
    }

    /**
     * Loads the program as BPF_PROG_TYPE_XDP.
     *
     * @param attach 0 none, 1 BPF_XDP_CPUMAP, 2 BPF_XDP_DEVMAP
     */
    public static Verdict load(Program program, int logLevel, int attach) {
        if (!available()) {
            throw new IllegalStateException("kernel oracle unavailable: " + unavailableReason());
        }
        StringBuilder in = new StringBuilder();
        in.append("maps ").append(program.maps().size()).append('\n');
        for (MapDef m : program.maps()) {
            in.append(m.type().id())
                    .append(' ')
                    .append(m.keySize())
                    .append(' ')
                    .append(m.valueSize())
                    .append(' ')
                    .append(m.maxEntries())
                    .append(' ')
                    .append(m.flags())
                    .append('\n');
        }
        byte[] bytes = Encoder.encode(program);
        in.append("insns ").append(bytes.length / 8).append('\n');
        for (int i = 0; i < bytes.length; i += 8) {
            for (int k = 0; k < 8; k++) {
                in.append(String.format("%02x", bytes[i + k] & 0xff));
            }
            in.append('\n');
        }
        try {
            return run(in.toString(), logLevel, attach);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Verdict run(String input, int logLevel, int attach) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(loader.toString(), Integer.toString(logLevel), Integer.toString(attach)).start();
        try (OutputStream os = p.getOutputStream()) {
            os.write(input.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("loader timed out");
        }
        int nl = out.indexOf('\n');
        String first = nl < 0 ? out : out.substring(0, nl);
        String log = nl < 0 ? "" : out.substring(nl + 1);
        if (first.startsWith("accept")) {
            return new Verdict(true, 0, log);
        }
        if (first.startsWith("reject")) {
            return new Verdict(false, Integer.parseInt(first.substring(7).trim()), log);
        }
        throw new IllegalStateException("loader: " + out);
    }
}
