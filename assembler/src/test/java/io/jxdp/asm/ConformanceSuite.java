package io.jxdp.asm;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jxdp.asm.data.DataFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The conformance suite beside the project (never copied into it): the directory comes from the
 * system property {@code jxdp.conformance.dir} that the parent pom sets, else the usual relative
 * path. Tests that need it are skipped when it is absent.
 */
public final class ConformanceSuite {
    private ConformanceSuite() {}

    /** The suite's root directory; skips the calling test if there is none. */
    public static Path dir() {
        String prop = System.getProperty("jxdp.conformance.dir");
        for (Path p : new Path[] {
            prop == null ? null : Path.of(prop), Path.of("../shared/conformance"), Path.of("../../shared/conformance")
        }) {
            if (p != null && Files.isDirectory(p.resolve("tests"))) {
                return p;
            }
        }
        assumeTrue(false, "conformance suite not found (set -Djxdp.conformance.dir)");
        return null;
    }

    /** The .data files of tests/ or negative/, sorted. */
    public static List<Path> files(String sub) {
        try (Stream<Path> s = Files.list(dir().resolve(sub))) {
            return s.filter(p -> p.toString().endsWith(".data")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static DataFile read(Path p) {
        try {
            return DataFile.read(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
