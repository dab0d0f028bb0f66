package io.jxdp.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The five benchmark programs that JIT figures are compared on, read where they live: {@code
 * ../shared/bench-programs} beside the repository (never copied into it). {@code
 * -Djxdp.bench.programs=DIR} points elsewhere. The directory holds {@code NAME.bin} (raw bytecode),
 * {@code packet.bin} (the 1,500-byte memory r1 points at) and {@code expected.txt} (r0 of each).
 */
final class SharedPrograms {
    private static final String RELATIVE = "../shared/bench-programs";

    private SharedPrograms() {}

    /** The directory, or an IllegalStateException saying where it was looked for. */
    static Path dir() {
        String property = System.getProperty("jxdp.bench.programs");
        if (property != null) {
            return Path.of(property);
        }
        // The repository root is an ancestor of this class's jar or classes directory
        // (bench/target/benchmarks.jar, bench/target/classes); the working directory is a fallback.
        for (Path start : new Path[] {codeSource(), Path.of("").toAbsolutePath()}) {
            for (Path d = start; d != null; d = d.getParent()) {
                Path candidate = d.resolve(RELATIVE).normalize();
                if (Files.isRegularFile(candidate.resolve("expected.txt"))) {
                    return candidate;
                }
            }
        }
        throw new IllegalStateException("cannot find the benchmark programs (" + RELATIVE
                + " beside the repository); pass -Djxdp.bench.programs=DIR");
    }

    static byte[] read(String file) {
        Path p = dir().resolve(file);
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(p + ": cannot read", e);
        }
    }

    /** r0 of each program by name, from {@code expected.txt} ({@code parse  0x3}). */
    static Map<String, Long> expected() {
        Map<String, Long> values = new HashMap<>();
        for (String line : new String(read("expected.txt"), StandardCharsets.US_ASCII).split("\n", -1)) {
            String[] f = line.strip().split("\\s+", -1);
            if (f.length == 2 && f[1].toLowerCase(Locale.ROOT).startsWith("0x")) {
                values.put(f[0], Long.parseUnsignedLong(f[1].substring(2), 16));
            }
        }
        return values;
    }

    /** This class's jar or classes directory, or the working directory where it has none. */
    static Path codeSource() {
        java.security.CodeSource source =
                SharedPrograms.class.getProtectionDomain().getCodeSource();
        try {
            if (source != null && source.getLocation() != null) {
                return Path.of(source.getLocation().toURI()).toAbsolutePath();
            }
        } catch (URISyntaxException | IllegalArgumentException e) {
            // not a file location: the working directory stands in
        }
        return Path.of("").toAbsolutePath();
    }
}
