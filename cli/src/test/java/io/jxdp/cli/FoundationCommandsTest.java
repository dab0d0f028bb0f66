package io.jxdp.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FoundationCommandsTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    /** An Ethernet/IPv4 frame of {@code length} bytes whose IP protocol byte is {@code proto}. */
    private Path packet(String name, int length, int proto) throws Exception {
        byte[] b = new byte[length];
        if (length >= 24) {
            b[12] = 0x08;
            b[14] = 0x45;
            b[23] = (byte) proto;
        }
        Path p = dir.resolve(name);
        Files.write(p, b);
        return p;
    }

    /** XDP_DROP for UDP (protocol 17), XDP_PASS for the rest; counts runs in map hits. */
    private static final String UDP_DROP = String.join(
            "\n",
            ".map hits type=array key=4 value=8 max_entries=1",
            "    r6 = r1",
            "    r1 = 0",
            "    *(u32 *)(r10 - 4) = r1",
            "    r2 = r10",
            "    r2 += -4",
            "    r1 = hits ll",
            "    call 1",
            "    if r0 == 0 goto count_done",
            "    r1 = 1",
            "    lock *(u64 *)(r0 + 0) += r1",
            "count_done:",
            "    r2 = *(u32 *)(r6 + 0)",
            "    r3 = *(u32 *)(r6 + 4)",
            "    r0 = 2",
            "    r4 = r2",
            "    r4 += 24",
            "    if r4 > r3 goto out",
            "    r5 = *(u8 *)(r2 + 23)",
            "    if r5 != 17 goto out",
            "    r0 = 1",
            "out:",
            "    exit",
            "");

    @Test
    void testRunReportsTheVerdictPerPacketAndKeepsMapsAcrossPackets() throws Exception {
        Path prog = write("udp_drop.bpf", UDP_DROP);
        Path udp = packet("udp.bin", 64, 17);
        Path tcp = packet("tcp.bin", 64, 6);
        CliTest r = CliTest.run(
                "test-run", prog.toString(), "--data-in", udp.toString(), "--data-in", tcp.toString(), "--dump-maps");
        assertEquals(0, r.exit, r.err);
        String[] lines = r.out.lines().toArray(String[]::new);
        assertTrue(lines[0].startsWith(udp + ": Return value: 1, duration: "), r.out);
        assertTrue(lines[1].startsWith(tcp + ": Return value: 2, duration: "), r.out);
        assertEquals("map hits (array, key 4 value 8 max_entries 1):", lines[2]);
        assertEquals("  key: 00 00 00 00  value: 02 00 00 00 00 00 00 00", lines[3]);
    }

    @Test
    void testRunPrintsTraceLinesToStderrAndSeedRepeatsRuns() throws Exception {
        // trace_printk("%u\n", bpf_get_prandom_u32()); return XDP_PASS
        Path prog = write(
                "trace.bpf",
                String.join(
                        "\n",
                        "*(u32 *)(r10 - 8) = 0x0a7525",
                        "call 7",
                        "r3 = r0",
                        "r1 = r10",
                        "r1 += -8",
                        "r2 = 4",
                        "call 6",
                        "r0 = 2",
                        "exit",
                        ""));
        Path pkt = packet("p.bin", 64, 6);
        CliTest r = CliTest.run("test-run", prog.toString(), "--data-in", pkt.toString(), "--seed", "42");
        assertEquals(0, r.exit, r.err);
        assertEquals("1456360119\n", r.err); // xorshift64* seeded with 42: its first u32
        assertTrue(r.out.startsWith("Return value: 2, duration: "), r.out);
        CliTest again = CliTest.run("test-run", prog.toString(), "--data-in", pkt.toString(), "--seed", "42");
        assertEquals(r.err, again.err);
        assertEquals(2, CliTest.run("test-run", prog.toString(), "--data-in", pkt.toString(), "--seed", "x").exit);
    }

    @Test
    void testRunJsonAndDataOut() throws Exception {
        Path prog = write("udp_drop.bpf", UDP_DROP);
        Path udp = packet("udp.bin", 60, 17);
        Path out = dir.resolve("out.bin");
        CliTest r = CliTest.run(
                "test-run",
                prog.toString(),
                "--data-in",
                udp.toString(),
                "--data-out",
                out.toString(),
                "--json",
                "--repeat",
                "3");
        assertEquals(0, r.exit, r.err);
        assertTrue(r.out.matches("\\{\"retval\":1,\"duration\":\\d+}\\n"), r.out);
        assertArrayEquals(Files.readAllBytes(udp), Files.readAllBytes(out));
        CliTest again =
                CliTest.run("test-run", prog.toString(), "--data-in", udp.toString(), "--data-out", out.toString());
        again.badInput("out.bin: exists; pass --force to replace it");
    }

    @Test
    void testRunOnMemoryReportsAllSixtyFourBits() throws Exception {
        Path prog = write("m.bpf", "r0 = *(u64 *)(r1 + 0)\nexit\n");
        Path mem = dir.resolve("mem.bin");
        Files.write(mem, new byte[] {
            (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff
        });
        CliTest r = CliTest.run("test-run", prog.toString(), "--mem", mem.toString());
        assertTrue(r.out.startsWith("Return value: 18446744073709551615, duration: "), r.out);
    }

    @Test
    void testRunOnAnEmptyMemoryPassesNullAsTheVerifierAssumes() throws Exception {
        // verified as mem(0), r1 is the scalar 0: the run must pass NULL, or the facts would not hold
        Path prog = write("e.bpf", "r0 = r1\nr0 += r2\nr0 += 5\nexit\n");
        Path mem = dir.resolve("empty.bin");
        Files.write(mem, new byte[0]);
        for (String engine : new String[] {"jit", "interpreter"}) {
            CliTest r = CliTest.run("test-run", prog.toString(), "--mem", mem.toString(), "--engine", engine);
            assertEquals(0, r.exit, r.err);
            assertTrue(r.out.startsWith("Return value: 5, duration: "), r.out);
        }
    }

    @Test
    void testRunRefusesWhatTheKernelRefuses() throws Exception {
        Path prog = write("p.bpf", "r0 = 2\nexit\n");
        CliTest.run(
                        "test-run",
                        prog.toString(),
                        "--data-in",
                        packet("short.bin", 13, 0).toString())
                .badInput(
                        "a packet of 13 bytes is shorter than an Ethernet header (14); the kernel refuses it with -EINVAL");
        CliTest.run(
                        "test-run",
                        prog.toString(),
                        "--data-in",
                        packet("long.bin", 3521, 0).toString())
                .badInput("a packet of 3521 bytes is longer than an XDP test frame holds (3520)");
        CliTest.run("test-run", prog.toString()).badInput("give --mem FILE or --data-in FILE");
        CliTest.run("test-run", prog.toString(), "--data-in", "x", "--repeat", "0")
                .badInput("--repeat must be between 1 and");
    }

    @Test
    void asmAndDisasmRoundTripAndPointAtErrors() throws Exception {
        Path src = write("a.bpf", "mov %r0, 1\nadd %r0, 2\nexit\n");
        Path bin = dir.resolve("a.bin");
        assertEquals(0, CliTest.run("asm", src.toString(), "-o", bin.toString()).exit);
        assertArrayEquals(
                new byte[] {
                    (byte) 0xb7, 0, 0, 0, 1, 0, 0, 0, 0x07, 0, 0, 0, 2, 0, 0, 0, (byte) 0x95, 0, 0, 0, 0, 0, 0, 0
                },
                Files.readAllBytes(bin));
        assertEquals("r0 = 1\nr0 += 2\nexit\n", CliTest.run("disasm", bin.toString()).out);
        assertEquals("mov %r0, 1\nadd %r0, 2\nexit\n", CliTest.run("disasm", bin.toString(), "--syntax", "ubpf").out);
        CliTest.run("asm", src.toString(), "-o", src.toString())
                .badInput("is an input of this command; refusing to overwrite it");
        Path bad = write("bad.bpf", "mov %r0, 1\nmov %r50, 1\nexit\n");
        CliTest r = CliTest.run("asm", bad.toString());
        assertEquals(2, r.exit);
        assertTrue(r.err.startsWith("jxdp asm: " + bad + ":2:"), r.err);
        assertTrue(r.err.contains("mov %r50, 1"), r.err);
    }
}
