package io.jxdp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * However a threaded run ends, RX stops, every bulk queue is flushed and every ring drained before
 * the totals are printed and checked (a mismatch would be exit 70): a deadline ({@code
 * --duration}), the end of a capture, and Ctrl-C (SIGINT sent to a child JVM).
 */
class RunEndingsTest {
    private static String row(String out, String prefix) {
        return out.lines()
                .filter(l -> l.startsWith(prefix))
                .reduce((a, b) -> b) // the totals' row, after any interval rows
                .orElseThrow(() -> new AssertionError(prefix + " in\n" + out));
    }

    @Test
    void aDurationEndsExactlyWithAndWithoutBusyPolling() {
        for (String[] extra : new String[][] {
            {},
            {"--busy-poll"},
            {"--builtin", "flow_spread", "--qsize", "16"},
            {"--rxq", "8", "--cpu", "0,1,2,3,4,5,6,7,8,9,10,11"}
        }) {
            List<String> argv = new ArrayList<>(List.of(
                    "run", "--mode", "threaded", "--duration", "0.5", "--interval", "0.2", "--engine", "interpreter"));
            argv.addAll(List.of(extra));
            CliTest r = CliTest.run(argv.toArray(String[]::new));
            assertEquals(0, r.exit, String.join(" ", argv) + "\n" + r.err);
            assertTrue(r.out.contains("totals after "), r.out);
        }
    }

    @Test
    void ctrlCInAChildJvmPrintsExactTotals() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        assumeTrue(Files.isExecutable(java), "no java launcher beside this JVM");
        assumeTrue(Stream.of("/bin/kill", "/usr/bin/kill").anyMatch(k -> Files.isExecutable(Path.of(k))), "no kill");
        String cp = String.join(
                File.pathSeparator,
                System.getProperty("java.class.path", ""),
                System.getProperty("jdk.module.path", ""));
        Process p = new ProcessBuilder(
                        java.toString(),
                        "-cp",
                        cp,
                        "io.jxdp.cli.Main",
                        "run",
                        "--mode",
                        "threaded",
                        "--interval",
                        "0.2",
                        "--count",
                        "1000000000000",
                        "--engine",
                        "interpreter")
                .redirectErrorStream(true)
                .start();
        StringBuilder out = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            boolean sent = false;
            while ((line = r.readLine()) != null) {
                out.append(line).append('\n');
                // the first interval row says traffic flows: now press Ctrl-C
                if (!sent && line.startsWith("XDP-RX          total")) {
                    sent = true;
                    Process kill = new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start();
                    assertEquals(0, kill.waitFor());
                }
            }
        } finally {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        String text = out.toString();
        assertEquals(0, p.exitValue(), text);
        assertTrue(text.contains("totals after "), text);
        // the totals' received count is the one the identities were checked against
        String totals = text.substring(text.indexOf("totals after "));
        assertTrue(row(totals, "XDP-RX          total").matches("XDP-RX          total   [0-9,]+ +[0-9,]+"), totals);
    }
}
