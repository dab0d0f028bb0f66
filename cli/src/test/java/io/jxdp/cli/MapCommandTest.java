package io.jxdp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jxdp map}: outputs compared with what bpftool 7.6 (Linux 6.18) printed for maps of the
 * same types and sizes made with {@code bpftool map create} and filled with {@code bpftool map
 * update} on this machine's kernel (two possible CPUs), byte for byte.
 */
class MapCommandTest {
    @TempDir
    Path dir;

    /** A saved-maps file with the maps bpftool's outputs were recorded from. */
    private Path saved() throws Exception {
        Path f = dir.resolve("maps.json");
        Files.writeString(f, """
                {
                  "format": "jxdp-maps/1",
                  "cpus": 2,
                  "maps": [
                    {"name": "h", "type": "hash", "bytes_key": 4, "bytes_value": 8, "max_entries": 16, "flags": 64,
                     "entries": [
                       {"key": "0a 00 00 00", "value": "01 00 00 00 00 00 00 00"},
                       {"key": "0b 00 00 00", "value": "02 00 00 00 00 00 00 00"}]},
                    {"name": "pa", "type": "percpu_array", "bytes_key": 4, "bytes_value": 4, "max_entries": 2,
                     "flags": 0,
                     "entries": [{"key": "01 00 00 00",
                       "values": [{"cpu": 0, "value": "05 00 00 00"}, {"cpu": 1, "value": "05 00 00 00"}]}]},
                    {"name": "big", "type": "hash", "bytes_key": 20, "bytes_value": 20, "max_entries": 4, "flags": 0,
                     "entries": [{"key": "01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f 10 11 12 13 14",
                                  "value": "0102030405060708090a0b0c0d0e0f1011121314"}]},
                    {"name": "mid", "type": "hash", "bytes_key": 8, "bytes_value": 16, "max_entries": 4, "flags": 0,
                     "entries": [{"key": "01 02 03 04 05 06 07 08",
                                  "value": "01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f 10"}]},
                    {"name": "pb", "type": "percpu_hash", "bytes_key": 4, "bytes_value": 20, "max_entries": 2,
                     "flags": 0,
                     "entries": [{"key": "01 00 00 00", "values": [
                       {"cpu": 0, "value": "0102030405060708090a0b0c0d0e0f1011121314"},
                       {"cpu": 1, "value": "0102030405060708090a0b0c0d0e0f1011121314"}]}]},
                    {"name": "z", "type": "hash", "bytes_key": 4, "bytes_value": 8, "max_entries": 16, "flags": 64,
                     "entries": [
                       {"key": "0a 00 00 00", "value": "0a 00 00 00 00 00 00 00"},
                       {"key": "0b 00 00 00", "value": "0b 00 00 00 00 00 00 00"},
                       {"key": "0c 00 00 00", "value": "0c 00 00 00 00 00 00 00"},
                       {"key": "0d 00 00 00", "value": "0d 00 00 00 00 00 00 00"},
                       {"key": "0e 00 00 00", "value": "0e 00 00 00 00 00 00 00"}]},
                    {"name": "q", "type": "queue", "bytes_key": 0, "bytes_value": 4, "max_entries": 4, "flags": 0,
                     "entries": [{"value": "01 00 00 00"}, {"value": "02 00 00 00"}]}
                  ]
                }
                """);
        return f;
    }

    @Test
    void dumpPrintsWhatBpftoolPrints() throws Exception {
        Path f = saved();
        CliTest h = CliTest.run("map", "dump", f.toString(), "h");
        assertEquals(0, h.exit, h.err);
        assertEquals(
                "key: 0a 00 00 00  value: 01 00 00 00 00 00 00 00\n"
                        + "key: 0b 00 00 00  value: 02 00 00 00 00 00 00 00\n"
                        + "Found 2 elements\n",
                h.out);
        assertEquals(
                "[{\"key\":[\"0x0a\",\"0x00\",\"0x00\",\"0x00\"],\"value\":[\"0x01\",\"0x00\",\"0x00\",\"0x00\",\"0x00\",\"0x00\",\"0x00\",\"0x00\"]},"
                        + "{\"key\":[\"0x0b\",\"0x00\",\"0x00\",\"0x00\"],\"value\":[\"0x02\",\"0x00\",\"0x00\",\"0x00\",\"0x00\",\"0x00\",\"0x00\",\"0x00\"]}]\n",
                CliTest.run("map", "dump", f.toString(), "name", "h", "-j").out);
        // a per-CPU array: every index, each CPU's value labelled
        assertEquals(
                "key:\n00 00 00 00\nvalue (CPU 00): 00 00 00 00\nvalue (CPU 01): 00 00 00 00\n"
                        + "key:\n01 00 00 00\nvalue (CPU 00): 05 00 00 00\nvalue (CPU 01): 05 00 00 00\n"
                        + "Found 2 elements\n",
                CliTest.run("map", "dump", f.toString(), "pa").out);
        assertEquals(
                "[{\"key\":[\"0x00\",\"0x00\",\"0x00\",\"0x00\"],\"values\":[{\"cpu\":0,\"value\":[\"0x00\",\"0x00\",\"0x00\",\"0x00\"]},{\"cpu\":1,\"value\":[\"0x00\",\"0x00\",\"0x00\",\"0x00\"]}]},"
                        + "{\"key\":[\"0x01\",\"0x00\",\"0x00\",\"0x00\"],\"values\":[{\"cpu\":0,\"value\":[\"0x05\",\"0x00\",\"0x00\",\"0x00\"]},{\"cpu\":1,\"value\":[\"0x05\",\"0x00\",\"0x00\",\"0x00\"]}]}]\n",
                CliTest.run("map", "dump", f.toString(), "pa", "--json").out);
        // wider than 16 bytes: names on their own lines, 8-byte groups, 16 bytes a line
        assertEquals(
                "key:\n01 02 03 04 05 06 07 08  09 0a 0b 0c 0d 0e 0f 10\n11 12 13 14\n"
                        + "value:\n01 02 03 04 05 06 07 08  09 0a 0b 0c 0d 0e 0f 10\n11 12 13 14\n"
                        + "Found 1 element\n",
                CliTest.run("map", "dump", f.toString(), "big").out);
        // 8 + 16 bytes still fit one line
        assertEquals(
                "key: 01 02 03 04 05 06 07 08  value: 01 02 03 04 05 06 07 08  09 0a 0b 0c 0d 0e 0f 10\n"
                        + "Found 1 element\n",
                CliTest.run("map", "dump", f.toString(), "mid").out);
        assertEquals(
                "key:\n01 00 00 00\n"
                        + "value (CPU 00):\n01 02 03 04 05 06 07 08  09 0a 0b 0c 0d 0e 0f 10\n11 12 13 14\n"
                        + "value (CPU 01):\n01 02 03 04 05 06 07 08  09 0a 0b 0c 0d 0e 0f 10\n11 12 13 14\n"
                        + "Found 1 element\n",
                CliTest.run("map", "dump", f.toString(), "pb").out);
        // BPF_F_ZERO_SEED: the kernel's bucket order, which bpftool printed for these five keys inserted in order
        assertEquals(
                "key: 0a 00 00 00  value: 0a 00 00 00 00 00 00 00\n"
                        + "key: 0e 00 00 00  value: 0e 00 00 00 00 00 00 00\n"
                        + "key: 0d 00 00 00  value: 0d 00 00 00 00 00 00 00\n"
                        + "key: 0c 00 00 00  value: 0c 00 00 00 00 00 00 00\n"
                        + "key: 0b 00 00 00  value: 0b 00 00 00 00 00 00 00\n"
                        + "Found 5 elements\n",
                CliTest.run("map", "dump", f.toString(), "z").out);
        // a queue: its values in pop order, as bpftool map peek prints one (and still all there after)
        assertEquals(
                "value: 01 00 00 00\nvalue: 02 00 00 00\nFound 2 elements\n",
                CliTest.run("map", "dump", f.toString(), "q").out);
    }

    @Test
    void showAndLookupPrintWhatBpftoolPrints() throws Exception {
        Path f = saved();
        assertEquals(
                "16: hash  name h  flags 0x40\n\tkey 4B  value 8B  max_entries 16\n",
                CliTest.run("map", "show", f.toString(), "h").out);
        assertEquals(
                "{\"id\":17,\"type\":\"percpu_array\",\"name\":\"pa\",\"flags\":0,\"bytes_key\":4,\"bytes_value\":4,\"max_entries\":2,\"frozen\":0}\n",
                CliTest.run("map", "show", "-j", f.toString(), "id", "17").out);
        assertEquals(14, CliTest.run("map", "show", f.toString()).out.lines().count());
        assertEquals(
                "key: 0a 00 00 00  value: 01 00 00 00 00 00 00 00\n",
                CliTest.run("map", "lookup", f.toString(), "h", "key", "0x0a", "0", "0", "0").out);
        assertEquals(
                "key: 0a 00 00 00  value: 01 00 00 00 00 00 00 00\n",
                CliTest.run("map", "lookup", f.toString(), "h", "key", "hex", "0a", "00", "00", "00").out);
        assertEquals(
                "{\"key\":[\"0x01\",\"0x00\",\"0x00\",\"0x00\"],\"values\":[{\"cpu\":0,\"value\":[\"0x05\",\"0x00\",\"0x00\",\"0x00\"]},{\"cpu\":1,\"value\":[\"0x05\",\"0x00\",\"0x00\",\"0x00\"]}]}\n",
                CliTest.run("map", "lookup", f.toString(), "pa", "key", "1", "0", "0", "0", "-j").out);
        CliTest miss = CliTest.run("map", "lookup", f.toString(), "h", "key", "0x0c", "0", "0", "0");
        assertEquals(1, miss.exit);
        assertEquals("key:\n0c 00 00 00\n\nNot found\n", miss.out);
        CliTest missJson = CliTest.run("map", "lookup", f.toString(), "h", "key", "12", "0", "0", "0", "-j");
        assertEquals(1, missJson.exit);
        assertEquals("null\n", missJson.out);
    }

    @Test
    void updateAndDeleteWriteBackOnlyWithForceOrOut() throws Exception {
        Path f = saved();
        String before = Files.readString(f);
        CliTest refused = CliTest.run(
                "map",
                "update",
                f.toString(),
                "h",
                "key",
                "1",
                "0",
                "0",
                "0",
                "value",
                "7",
                "0",
                "0",
                "0",
                "0",
                "0",
                "0",
                "0");
        refused.badInput("pass --force to write it back, or --out FILE");
        assertEquals(before, Files.readString(f));

        Path out = dir.resolve("out.json");
        CliTest u = CliTest.run(
                "map",
                "update",
                f.toString(),
                "h",
                "key",
                "1",
                "0",
                "0",
                "0",
                "value",
                "7",
                "0",
                "0",
                "0",
                "0",
                "0",
                "0",
                "0",
                "noexist",
                "--out",
                out.toString());
        assertEquals(0, u.exit, u.err);
        assertEquals("", u.out);
        assertEquals(before, Files.readString(f));
        assertEquals(
                "key: 01 00 00 00  value: 07 00 00 00 00 00 00 00\n",
                CliTest.run("map", "lookup", out.toString(), "h", "key", "1", "0", "0", "0").out);
        // --out again: the file exists now
        CliTest.run("map", "delete", f.toString(), "h", "key", "1", "0", "0", "0", "--out", out.toString())
                .badInput("out.json: exists; pass --force to replace it");

        // in place with --force; a per-CPU value given once goes to every CPU, as bpftool does
        CliTest pu = CliTest.run(
                "map", "update", f.toString(), "pa", "key", "0", "0", "0", "0", "value", "9", "0", "0", "0", "--force");
        assertEquals(0, pu.exit, pu.err);
        assertEquals(
                "key:\n00 00 00 00\nvalue (CPU 00): 09 00 00 00\nvalue (CPU 01): 09 00 00 00\n",
                CliTest.run("map", "lookup", f.toString(), "pa", "key", "0", "0", "0", "0").out);
        CliTest d = CliTest.run("map", "delete", f.toString(), "h", "key", "10", "0", "0", "0", "--force", "-j");
        assertEquals(0, d.exit, d.err);
        assertEquals("null\n", d.out);
        assertEquals(
                "key: 0b 00 00 00  value: 02 00 00 00 00 00 00 00\nFound 1 element\n",
                CliTest.run("map", "dump", f.toString(), "h").out);
    }

    @Test
    void failedOperationsPrintBpftoolsErrorAndExit1() throws Exception {
        Path f = saved();
        String before = Files.readString(f);
        CliTest exists = CliTest.run(
                "map",
                "update",
                f.toString(),
                "h",
                "key",
                "10",
                "0",
                "0",
                "0",
                "value",
                "1",
                "0",
                "0",
                "0",
                "0",
                "0",
                "0",
                "0",
                "noexist",
                "--force");
        assertEquals(1, exists.exit);
        assertEquals("Error: update failed: File exists\n", exists.err);
        CliTest missing = CliTest.run(
                "map",
                "update",
                f.toString(),
                "h",
                "key",
                "1",
                "0",
                "0",
                "0",
                "value",
                "1",
                "0",
                "0",
                "0",
                "0",
                "0",
                "0",
                "0",
                "exist",
                "--force");
        assertEquals("Error: update failed: No such file or directory\n", missing.err);
        CliTest json = CliTest.run(
                "map",
                "update",
                f.toString(),
                "h",
                "key",
                "1",
                "0",
                "0",
                "0",
                "value",
                "1",
                "0",
                "0",
                "0",
                "0",
                "0",
                "0",
                "0",
                "exist",
                "--force",
                "-j");
        assertEquals(1, json.exit);
        assertEquals("{\"error\":\"update failed: No such file or directory\"}\n", json.out);
        assertEquals(
                "Error: delete failed: No such file or directory\n",
                CliTest.run("map", "delete", f.toString(), "h", "key", "12", "0", "0", "0", "--force").err);
        assertEquals(
                "Error: delete failed: Invalid argument\n",
                CliTest.run("map", "delete", f.toString(), "pa", "key", "1", "0", "0", "0", "--force").err);
        assertEquals(
                "Error: update failed: Argument list too long\n",
                CliTest.run(
                                "map",
                                "update",
                                f.toString(),
                                "pa",
                                "key",
                                "2",
                                "0",
                                "0",
                                "0",
                                "value",
                                "5",
                                "0",
                                "0",
                                "0",
                                "--force")
                        .err);
        // nothing written when the operation failed
        assertEquals(before, Files.readString(f));
    }

    @Test
    void aProgramsMapsAreShownAsItCreatesThem() throws Exception {
        Path prog = dir.resolve("p.bpf");
        Files.writeString(
                prog,
                ".map counters type=array key=4 value=8 max_entries=2\n"
                        + ".map flows type=lru_hash key=4 value=4 max_entries=8\n"
                        + "r0 = 2\nexit\n");
        assertEquals(
                "key: 00 00 00 00  value: 00 00 00 00 00 00 00 00\n"
                        + "key: 01 00 00 00  value: 00 00 00 00 00 00 00 00\nFound 2 elements\n",
                CliTest.run("map", "dump", prog.toString(), "counters").out);
        assertEquals("Found 0 elements\n", CliTest.run("map", "dump", prog.toString(), "flows").out);
        CliTest.run(
                        "map",
                        "update",
                        prog.toString(),
                        "flows",
                        "key",
                        "1",
                        "0",
                        "0",
                        "0",
                        "value",
                        "1",
                        "0",
                        "0",
                        "0",
                        "--force")
                .badInput("p.bpf is a program: write its maps to a saved-maps file with --out FILE");
        Path out = dir.resolve("m.json");
        assertEquals(
                0,
                CliTest.run(
                                "map",
                                "update",
                                prog.toString(),
                                "flows",
                                "key",
                                "1",
                                "0",
                                "0",
                                "0",
                                "value",
                                "1",
                                "0",
                                "0",
                                "0",
                                "--out",
                                out.toString())
                        .exit);
        assertEquals(
                """
                {
                  "format": "jxdp-maps/1",
                  "cpus": 3,
                  "maps": [
                    {
                      "name": "counters", "type": "array", "bytes_key": 4, "bytes_value": 8,
                      "max_entries": 2, "flags": 0,
                      "entries": []
                    },
                    {
                      "name": "flows", "type": "lru_hash", "bytes_key": 4, "bytes_value": 4,
                      "max_entries": 8, "flags": 0,
                      "entries": [
                        {"key": "01 00 00 00", "value": "01 00 00 00"}
                      ]
                    }
                  ]
                }
                """.replace(
                                "\"cpus\": 3",
                                "\"cpus\": " + Math.max(1, Runtime.getRuntime().availableProcessors())),
                Files.readString(out));
    }

    @Test
    void badInputIsOneLineAndExit2() throws Exception {
        Path f = saved();
        Path empty = Files.createFile(dir.resolve("empty.json"));
        Path garbage = Files.writeString(dir.resolve("garbage.json"), "{\"format\": \"jxdp-maps/1\", \"cpus\": 2,");
        Path notSaved = Files.writeString(dir.resolve("other.json"), "{\"format\": \"something\"}");
        CliTest.run("map", "dump").badInput("missing SOURCE");
        CliTest.run("map").badInput("missing the operation");
        CliTest.run("map", "frob", f.toString()).badInput("unknown operation 'frob'");
        CliTest.run("map", "dump", dir.resolve("none.json").toString(), "h").badInput("none.json: no such file");
        CliTest.run("map", "dump", dir.toString(), "h").badInput(": is a directory");
        CliTest.run("map", "dump", empty.toString(), "h").badInput("empty.json: the program is empty");
        CliTest.run("map", "dump", garbage.toString(), "h").badInput("garbage.json:1:37: unexpected end of file");
        CliTest.run("map", "dump", notSaved.toString(), "h").badInput("other.json: not a jxdp saved-maps file");
        CliTest.run("map", "dump", f.toString()).badInput("missing MAP");
        CliTest.run("map", "dump", f.toString(), "nope").badInput("no map named 'nope' (maps: 16 h, 17 pa,");
        CliTest.run("map", "dump", f.toString(), "h", "extra").badInput("unexpected 'extra'");
        CliTest.run("map", "dump", f.toString(), "h", "--out", "x.json").badInput("dump writes nothing");
        CliTest.run("map", "dump", f.toString(), "h", "--cpus", "4").badInput("--cpus is for a program's maps");
        // bpftool's own words for element arguments
        CliTest.run("map", "lookup", f.toString(), "h", "key", "1", "0", "0").badInput("key expected 4 bytes got 3");
        CliTest.run("map", "lookup", f.toString(), "h", "key", "1", "0", "0", "0", "0")
                .badInput("expected key or value, got: 0");
        CliTest.run("map", "lookup", f.toString(), "h", "key", "1", "zz", "0", "0")
                .badInput("error parsing byte: zz");
        CliTest.run("map", "lookup", f.toString(), "h", "key", "256", "0", "0", "0")
                .badInput("error parsing byte: 256");
        CliTest.run("map", "lookup", f.toString(), "h").badInput("did not find key");
        CliTest.run("map", "update", f.toString(), "h", "key", "1", "0", "0", "0", "--force")
                .badInput("did not find value");
        CliTest.run(
                        "map",
                        "update",
                        f.toString(),
                        "h",
                        "key",
                        "1",
                        "0",
                        "0",
                        "0",
                        "value",
                        "1",
                        "0",
                        "0",
                        "0",
                        "0",
                        "0",
                        "0",
                        "0",
                        "bogus",
                        "--force")
                .badInput("expected key or value, got: bogus");
        CliTest.run("map", "lookup", f.toString(), "q", "key", "1").badInput("queue map q has no keys");
        assertFalse(Files.exists(dir.resolve("x.json")));
    }
}
