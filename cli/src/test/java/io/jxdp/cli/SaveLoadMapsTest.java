package io.jxdp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --save-maps/--load-maps} and {@code test-run --save-maps/--load-maps}. */
class SaveLoadMapsTest {
    /** Counts packets in an array (atomically, so threads or CPUs do not matter); r0 = XDP_PASS. */
    private static final String COUNTER = """
            .map total type=array key=4 value=8 max_entries=1
            .map seen type=hash key=4 value=4 max_entries=4
            r1 = 0
            *(u32 *)(r10 - 4) = r1
            r2 = r10
            r2 += -4
            r1 = total ll
            call 1
            if r0 == 0 goto out
            r1 = 1
            lock *(u64 *)(r0 + 0) += r1
            out:
            r0 = 2
            exit
            """;

    @TempDir
    Path dir;

    private Path prog;
    private Path packet;

    @BeforeEach
    void files() throws Exception {
        prog = Files.writeString(dir.resolve("count.bpf"), COUNTER);
        packet = Files.write(dir.resolve("pkt.bin"), new byte[60]);
    }

    private static String savedFile(int cpus, String total, String seenEntries) {
        return "{\n  \"format\": \"jxdp-maps/1\",\n  \"cpus\": " + cpus + ",\n  \"maps\": [\n"
                + "    {\n      \"name\": \"total\", \"type\": \"array\", \"bytes_key\": 4, \"bytes_value\": 8,\n"
                + "      \"max_entries\": 1, \"flags\": 0,\n      \"entries\": [\n"
                + "        {\"key\": \"00 00 00 00\", \"value\": \"" + total + "\"}\n      ]\n    },\n"
                + "    {\n      \"name\": \"seen\", \"type\": \"hash\", \"bytes_key\": 4, \"bytes_value\": 4,\n"
                + "      \"max_entries\": 4, \"flags\": 0,\n      \"entries\": " + seenEntries + "\n    }\n  ]\n}\n";
    }

    private static int machineCpus() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    @Test
    void testRunSavesTheMapsAndLoadsThemBack() throws Exception {
        Path first = dir.resolve("first.json");
        CliTest r = CliTest.run(
                "test-run", prog.toString(), "--data-in", packet.toString(), "--save-maps", first.toString());
        assertEquals(0, r.exit, r.err);
        assertEquals(savedFile(machineCpus(), "01 00 00 00 00 00 00 00", "[]"), Files.readString(first));

        // a prepared file: the counter at 41 and an entry in the hash, which the run keeps
        Path prepared = Files.writeString(
                dir.resolve("prepared.json"),
                savedFile(
                        2,
                        "29 00 00 00 00 00 00 00",
                        "[\n        {\"key\": \"0a 00 00 01\", \"value\": \"01 00 00 00\"}\n      ]"));
        Path after = dir.resolve("after.json");
        CliTest again = CliTest.run(
                "test-run",
                prog.toString(),
                "--data-in",
                packet.toString(),
                "--load-maps",
                prepared.toString(),
                "--save-maps",
                after.toString(),
                "--engine",
                "interpreter");
        assertEquals(0, again.exit, again.err);
        assertEquals(
                savedFile(
                        machineCpus(),
                        "2a 00 00 00 00 00 00 00",
                        "[\n        {\"key\": \"0a 00 00 01\", \"value\": \"01 00 00 00\"}\n      ]"),
                Files.readString(after));
        // the output exists now: not replaced without --force, replaced with it
        CliTest.run("test-run", prog.toString(), "--data-in", packet.toString(), "--save-maps", after.toString())
                .badInput("after.json: exists; pass --force to replace it");
        assertEquals(
                0,
                CliTest.run(
                                "test-run",
                                prog.toString(),
                                "--data-in",
                                packet.toString(),
                                "--save-maps",
                                after.toString(),
                                "--force")
                        .exit);
        assertEquals(savedFile(machineCpus(), "01 00 00 00 00 00 00 00", "[]"), Files.readString(after));
        // an input is never the output, even with --force
        CliTest.run(
                        "test-run",
                        prog.toString(),
                        "--data-in",
                        packet.toString(),
                        "--load-maps",
                        prepared.toString(),
                        "--save-maps",
                        prepared.toString(),
                        "--force")
                .badInput("prepared.json: is an input of this command");
    }

    @Test
    void runStartsFromLoadedMapsAndSavesThemAtTheEnd() throws Exception {
        Path prepared = Files.writeString(dir.resolve("prepared.json"), savedFile(2, "e8 03 00 00 00 00 00 00", "[]"));
        Path after = dir.resolve("after.json");
        CliTest r = CliTest.run(
                "run",
                prog.toString(),
                "--count",
                "5000",
                "--engine",
                "interpreter",
                "--load-maps",
                prepared.toString(),
                "--save-maps",
                after.toString());
        assertEquals(0, r.exit, r.err);
        // 1,000 loaded + 5,000 packets = 6,000 = 0x1770; run's per-CPU maps have CPUs 0..3 (RX 0,1; cpumap 2,3)
        assertEquals(savedFile(4, "70 17 00 00 00 00 00 00", "[]"), Files.readString(after));
        assertEquals(
                "key: 00 00 00 00  value: 70 17 00 00 00 00 00 00\n",
                CliTest.run("map", "lookup", after.toString(), "total", "key", "0", "0", "0", "0").out);
    }

    @Test
    void aLoadedFileThatDoesNotFitIsRefusedBeforeAnythingRuns() throws Exception {
        Path after = dir.resolve("after.json");
        String good = savedFile(2, "01 00 00 00 00 00 00 00", "[]");
        String[][] cases = {
            {
                good.replace("\"name\": \"seen\"", "\"name\": \"blocked\""),
                "maps[1] (blocked): the program has no map named 'blocked' (maps: total, seen)"
            },
            {
                good.replace("\"bytes_value\": 4", "\"bytes_value\": 2"),
                "maps[1] (seen): does not match the program's map: bytes_value 2 in the file, 4 in the program"
            },
            {
                good.replace("\"max_entries\": 4", "\"max_entries\": 8"),
                "maps[1] (seen): does not match the program's map: max_entries 8 in the file, 4 in the program"
            },
            {
                good.replace("\"type\": \"hash\"", "\"type\": \"lru_hash\""),
                "maps[1] (seen): does not match the program's map: type lru_hash in the file, hash in the program"
            },
            {
                good.replace("\"value\": \"01 00 00 00 00 00 00 00\"", "\"value\": \"01 00\""),
                "maps[0] (total) entries[0].value: 2 bytes, the map's are 8"
            },
            {
                good.replace("\"key\": \"00 00 00 00\"", "\"key\": \"01 00 00 00\""),
                "maps[0] (total) entries[0]: array map total: update of key 01000000 with flags 0: the key is out of range (-E2BIG)"
            },
            {
                good.replace("\"key\": \"00 00 00 00\"", "\"key\": \"zz 00 00 00\""),
                "maps[0] (total) entries[0].key: 'zz' at column 1 is not hex"
            },
            {good.replace("\"cpus\": 2", "\"cpus\": 0"), "\"cpus\": 0 is not within 1..4096"},
            {good.replace("\"format\": \"jxdp-maps/1\"", "\"format\": \"x\""), "not a jxdp saved-maps file"},
            {
                good.replace(
                        "\"flags\": 0,\n      \"entries\": []", "\"flags\": 0, \"extra\": 1,\n      \"entries\": []"),
                "maps[1]: unknown member \"extra\""
            },
            {good.substring(0, 40), "load.json:3:12: unexpected end of file"},
            {"", "load.json: is empty"},
            {"r0 = 2\nexit\n", "load.json: not a saved-maps file"},
        };
        for (String[] c : cases) {
            Path load = Files.writeString(dir.resolve("load.json"), c[0]);
            CliTest.run(
                            "test-run",
                            prog.toString(),
                            "--data-in",
                            packet.toString(),
                            "--load-maps",
                            load.toString(),
                            "--save-maps",
                            after.toString())
                    .badInput(c[1]);
            CliTest.run(
                            "run",
                            prog.toString(),
                            "--count",
                            "10",
                            "--load-maps",
                            load.toString(),
                            "--save-maps",
                            after.toString())
                    .badInput(c[1]);
            assertFalse(Files.exists(after), c[1]);
        }
        CliTest.run("test-run", prog.toString(), "--data-in", packet.toString(), "--load-maps", dir.toString())
                .badInput(": is a directory");
        CliTest.run(
                        "test-run",
                        prog.toString(),
                        "--data-in",
                        packet.toString(),
                        "--load-maps",
                        dir.resolve("none.json").toString())
                .badInput("none.json: no such file");
        CliTest.run("run", prog.toString(), "--count", "10", "--save-maps", dir.toString())
                .badInput(": is a directory");
        CliTest.run("run", prog.toString(), "--count", "10", "--save-maps", prog.toString(), "--force")
                .badInput("count.bpf: is an input of this command");
    }
}
