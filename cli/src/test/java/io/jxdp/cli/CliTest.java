package io.jxdp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the CLI in process and captures what it prints. */
final class CliTest {
    final int exit;
    final String out;
    final String err;

    private CliTest(int exit, String out, String err) {
        this.exit = exit;
        this.out = out;
        this.err = err;
    }

    static CliTest run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new CliTest(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Asserts a bad-input exit: code 2, one line on stderr, no stack trace. */
    CliTest badInput(String fragment) {
        assertEquals(2, exit, err);
        assertEquals(1, err.strip().lines().count(), err);
        assertTrue(err.contains(fragment), err);
        assertTrue(!err.contains("\tat "), err);
        return this;
    }
}
