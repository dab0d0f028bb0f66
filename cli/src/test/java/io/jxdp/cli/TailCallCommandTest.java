package io.jxdp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * tail_calls.o (src/test/resources/tailcall) on both engines against what Linux did with it
 * (expected.txt, recorded by record.sh with bpftool as root; the kernel release is its first line):
 * the prog array filled from the object's 'values' initialisers, then one slot set with
 * --map-update jmp KEY PROGNAME. Verdicts and the hits map agree exactly, including the 33 runs
 * of xdp_count that the kernel's tail call limit allows.
 */
class TailCallCommandTest {
    private static final Path DIR = Path.of("src", "test", "resources", "tailcall");
    private static final Pattern SPACES = Pattern.compile(" +");
    private static final String OBJECT = DIR.resolve("tail_calls.o").toString();

    /** A recorded run: the packet's first byte, the verdict, hits[0..3] after it. */
    private record Run(int firstByte, int retval, List<Long> hits) {}

    private static List<Run> expected() throws IOException {
        List<Run> runs = new ArrayList<>();
        for (String line : Files.readAllLines(DIR.resolve("expected.txt"))) {
            if (line.startsWith("#")) {
                continue;
            }
            List<String> f = List.of(SPACES.split(line.trim()));
            List<Long> hits = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                hits.add(Long.parseLong(f.get(2 + i)));
            }
            runs.add(new Run(Integer.parseInt(f.get(0)), Integer.parseInt(f.get(1)), hits));
        }
        return runs;
    }

    private static String packet(Path dir, int firstByte) throws IOException {
        byte[] p = new byte[64];
        p[0] = (byte) firstByte;
        Path file = dir.resolve("first-" + firstByte + ".bin");
        Files.write(file, p);
        return file.toString();
    }

    /** hits[k] as --dump-maps prints it (a zero entry is not printed). */
    private static long hit(String out, int k) {
        String key = "key: %02x 00 00 00  value: ".formatted(k);
        int at = out.indexOf(key, out.indexOf("map hits"));
        if (at < 0) {
            return 0;
        }
        String line = out.substring(at + key.length()).lines().findFirst().orElse("");
        List<String> bytes = List.of(SPACES.split(line.trim()));
        long v = 0;
        for (int i = bytes.size() - 1; i >= 0; i--) {
            v = v << 8 | Integer.parseInt(bytes.get(i), 16);
        }
        return v;
    }

    @ParameterizedTest
    @ValueSource(strings = {"interpreter", "jit"})
    void verdictsAndCountsAreTheKernels(String engine, @TempDir Path dir) throws IOException {
        List<Run> runs = expected();
        List<String> argv = new ArrayList<>(List.of("test-run", OBJECT, "--prog", "xdp_entry", "--engine", engine));
        for (Run r : runs.subList(0, 4)) {
            argv.add("--data-in");
            argv.add(packet(dir, r.firstByte()));
        }
        argv.add("--dump-maps");
        CliTest t = CliTest.run(argv.toArray(String[]::new));
        assertEquals(0, t.exit, t.err);
        List<String> verdicts = t.out.lines()
                .filter(l -> l.contains("Return value: "))
                .map(l -> l.replaceAll(".*Return value: (\\d+),.*", "$1"))
                .toList();
        assertEquals(
                runs.subList(0, 4).stream().map(r -> String.valueOf(r.retval())).toList(), verdicts);
        for (int k = 0; k < 4; k++) {
            assertEquals(runs.get(3).hits().get(k), hit(t.out, k), "hits[" + k + "]\n" + t.out);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"interpreter", "jit"})
    void mapUpdateFillsASlotWithAProgramOfTheObject(String engine, @TempDir Path dir) throws IOException {
        List<Run> runs = expected();
        Run before = runs.get(3);
        Run after = runs.get(4); // jmp[1] = xdp_pass, then the packet of first byte 1
        CliTest t = CliTest.run(
                "test-run",
                OBJECT,
                "--prog",
                "xdp_entry",
                "--engine",
                engine,
                "--map-update",
                "jmp",
                "01000000",
                "xdp_pass",
                "--data-in",
                packet(dir, after.firstByte()),
                "--dump-maps");
        assertEquals(0, t.exit, t.err);
        assertEquals(
                "Return value: " + after.retval(),
                t.out.lines().findFirst().orElse("").replaceAll(",.*", ""));
        for (int k = 0; k < 4; k++) {
            assertEquals(after.hits().get(k) - before.hits().get(k), hit(t.out, k), "hits[" + k + "]\n" + t.out);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"xdp_nothing", "jmp"})
    void aNameThatIsNoProgramOfTheObjectIsAnInputError(String name, @TempDir Path dir) throws IOException {
        CliTest t = CliTest.run(
                "test-run",
                OBJECT,
                "--prog",
                "xdp_entry",
                "--map-update",
                "jmp",
                "01000000",
                name,
                "--data-in",
                packet(dir, 1));
        assertEquals(2, t.exit, t.err);
        assertEquals(
                "jxdp test-run: " + OBJECT + ": no program or section named '" + name
                        + "'; programs: xdp_count (xdp), xdp_pass (xdp), xdp_entry (xdp)",
                t.err.strip());
    }

    @ParameterizedTest
    @ValueSource(strings = {"04000000", "ffffffff"})
    void aSlotPastMaxEntriesIsE2big(String key, @TempDir Path dir) throws IOException {
        CliTest t = CliTest.run(
                "test-run",
                OBJECT,
                "--prog",
                "xdp_entry",
                "--map-update",
                "jmp",
                key,
                "xdp_pass",
                "--data-in",
                packet(dir, 1));
        assertEquals(2, t.exit, t.err);
        assertEquals(
                "jxdp test-run: --map-update jmp " + key + " xdp_pass: prog_array map jmp: index "
                        + Integer.toUnsignedString(Integer.reverseBytes((int) Long.parseLong(key, 16)))
                        + " is not below max_entries 4 (-E2BIG) (try: jxdp test-run --help)",
                t.err.lines().findFirst().orElse(""));
    }
}
