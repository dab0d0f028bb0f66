package io.jxdp.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the public conformance suite lives: beside the project, never copied into it. */
final class Conformance {
    private Conformance() {}

    static Path dir() {
        String configured = System.getProperty("jxdp.conformance.dir");
        Path p = configured != null ? Path.of(configured) : Path.of("..", "..", "shared", "conformance");
        return p.toAbsolutePath().normalize();
    }

    static boolean present() {
        return Files.isDirectory(dir().resolve("tests"));
    }
}
