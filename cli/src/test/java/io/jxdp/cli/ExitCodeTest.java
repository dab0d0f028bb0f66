package io.jxdp.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One rule for every command: 0 ok; 1 the program was rejected, a test failed or the program
 * faulted; 2 a usage or input error, checked before anything is verified or run, in one line that
 * names the file (or option) and says why. Each case asserts the exit code and the exact first line
 * of stderr.
 */
class ExitCodeTest {
    @TempDir
    Path dir;

    private String ok;
    private String empty;
    private String packet;
    private String missing;

    @BeforeEach
    void files() throws IOException {
        ok = write("ok.bpf", "r0 = 2\nexit\n");
        empty = write("empty.bpf", "");
        packet = bytes("packet.bin", new byte[64]);
        missing = dir.resolve("missing.bin").toString();
    }

    private String write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p.toString();
    }

    private String bytes(String name, byte[] b) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, b);
        return p.toString();
    }

    private String hex(String name, String hex) throws IOException {
        return bytes(name, HexFormat.of().parseHex(hex.replace(" ", "")));
    }

    private static String resource(String name) {
        try {
            return Path.of(ExitCodeTest.class.getResource("/elf/" + name).toURI())
                    .toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs jxdp; asserts the exit code and the first line of stderr (empty when nothing is printed there). */
    private static CliTest expect(int exit, String firstErrorLine, String... args) {
        CliTest r = CliTest.run(args);
        String first = r.err.isEmpty() ? "" : r.err.lines().findFirst().orElse("");
        assertEquals(firstErrorLine, first, () -> String.join(" ", args) + "\nstdout:\n" + r.out + "stderr:\n" + r.err);
        assertEquals(exit, r.exit, () -> String.join(" ", args) + "\nstderr:\n" + r.err);
        assertTrue(!r.err.contains("\tat ") && !r.err.contains("Exception"), r.err);
        return r;
    }

    /** A pcap file of the given frames (classic, microseconds, little-endian). */
    private String pcap(String name, byte[]... frames) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(24 + frames.length * 16 + frames.length * 128)
                .order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0xa1b2c3d4)
                .putShort((short) 2)
                .putShort((short) 4)
                .putInt(0)
                .putInt(0)
                .putInt(65535)
                .putInt(1);
        for (int i = 0; i < frames.length; i++) {
            b.putInt(1000 + i)
                    .putInt(0)
                    .putInt(frames[i].length)
                    .putInt(frames[i].length)
                    .put(frames[i]);
        }
        byte[] out = new byte[b.position()];
        b.flip().get(out);
        return bytes(name, out);
    }

    private static byte[] frame(int proto, int length) {
        byte[] b = new byte[length];
        b[12] = 0x08;
        b[14] = 0x45;
        b[23] = (byte) proto;
        return b;
    }

    @Test
    void verify() throws IOException {
        expect(0, "", "verify", ok);
        expect(2, "jxdp verify: " + missing + ": no such file", "verify", missing);
        expect(2, "jxdp verify: " + empty + ": the program is empty", "verify", empty);
        expect(
                2,
                "jxdp verify: " + bytes("empty.bin", new byte[0]) + ": the program is empty",
                "verify",
                "--raw",
                dir.resolve("empty.bin").toString());
        expect(2, "jxdp verify: " + dir + ": is a directory", "verify", dir.toString());
        expect(
                2,
                "jxdp verify: " + hex("seven.bin", "b7 00 00 00 00 00 00")
                        + ": bytecode length 7 is not a multiple of 8 (a truncated instruction)",
                "verify",
                dir.resolve("seven.bin").toString());
        expect(
                2,
                "jxdp verify: " + bytes("bad.o", "\u007fELFgarbage".getBytes(UTF_8))
                        + ": offset 0xb: truncated ELF identification: 11 bytes of 16",
                "verify",
                dir.resolve("bad.o").toString());
        expect(
                2,
                "jxdp verify: " + write("r50.bpf", "r0 = 0\nr50 = 1\nexit\n")
                        + ":2:1: invalid register 'r50' (registers are r0 to r10)",
                "verify",
                dir.resolve("r50.bpf").toString());
        expect(
                2,
                "jxdp verify: --type must be xdp, xdp-cpumap, xdp-devmap or mem:SIZE, got 'tc' (try: jxdp verify --help)",
                "verify",
                ok,
                "--type",
                "tc");
        expect(
                2,
                "jxdp verify: --prog picks a program in an ELF object; " + ok + " is not one (try: jxdp verify --help)",
                "verify",
                ok,
                "--prog",
                "x");
    }

    @Test
    void verifyRejectsWhatTheKernelRejectsForItsStructureWithTheKernelsText() throws IOException {
        CliTest unknown = expect(
                1,
                "",
                "verify",
                hex("unknown.bin", "b7 00 00 00 00 00 00 00  e7 00 00 00 00 00 00 00  95 00 00 00 00 00 00 00"));
        assertEquals(
                "unknown opcode e7\n"
                        + "processed 0 insns (limit 1000000) max_states_per_insn 0 total_states 0 peak_states 0 mark_read 0\n"
                        + "\n"
                        + "UNKNOWN_OPCODE (malformed) at insn 1: (e7) e7 00 00 00 00 00 00 00\n"
                        + "  kernel: unknown opcode e7\n"
                        + "  fix: Use only opcodes of the eBPF instruction set; bytes that are no opcode often mean a truncated or misaligned program.\n",
                unknown.out);
        // the kernel's words and order, from an ELF object too (bpftool prog load prints the same log)
        CliTest reserved = expect(1, "", "verify", resource("reserved_field.o"));
        assertTrue(
                reserved.out.startsWith(
                        "0: R1=ctx() R10=fp0\n0: (b7) r0 = 0                        ; R0=0\n1: (b7) r1 = 0\n"
                                + "BPF_MOV uses reserved fields\n"),
                reserved.out);
        CliTest two = expect(1, "", "verify", resource("two_faults.o"));
        assertTrue(two.out.startsWith("jump out of range from insn 2 to 8\n"), two.out);
        // r11 in text is no register: an assembler error at its line and column (exit 2) ...
        String r11 = write("r11.bpf", "r11 = 2\nexit\n");
        expect(2, "jxdp verify: " + r11 + ":1:1: invalid register 'r11' (registers are r0 to r10)", "verify", r11);
        // ... while bytecode naming r11 is the verifier's to refuse, with the kernel's text
        CliTest raw = expect(1, "", "verify", hex("r11.bin", "b7 0b 00 00 02 00 00 00  95 00 00 00 00 00 00 00"));
        assertTrue(raw.out.startsWith("0: R1=ctx() R10=fp0\n0: (b7) r11 = 2\nR11 is invalid\n"), raw.out);
    }

    @Test
    void disasmAndAsm() throws IOException {
        expect(2, "jxdp disasm: " + empty + ": the program is empty", "disasm", empty);
        expect(2, "jxdp disasm: " + missing + ": no such file", "disasm", missing);
        CliTest unknown =
                expect(0, "", "disasm", hex("unknown.bin", "e7 0b 00 00 00 00 00 00  95 00 00 00 00 00 00 00"));
        assertEquals(".byte 0xe7, 0x0b, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00\nexit\n", unknown.out);
        expect(2, "jxdp asm: " + empty + ": the program is empty", "asm", empty);
        String out = dir.resolve("out.bin").toString();
        expect(0, "", "asm", ok, "-o", out);
        expect(2, "jxdp asm: " + out + ": exists; pass --force to replace it", "asm", ok, "-o", out);
        expect(0, "", "asm", ok, "-o", out, "--force");
        expect(
                2,
                "jxdp asm: " + ok + ": is an input of this command; refusing to overwrite it",
                "asm",
                ok,
                "-o",
                ok,
                "--force");
        expect(2, "jxdp asm: /x/y/out.bin: no such directory /x/y", "asm", ok, "-o", "/x/y/out.bin");
        // r11 is no register in LLVM text; the uBPF dialect (of the negative conformance tests) writes it, for verify
        // to judge
        String r11 = write("r11.bpf", "r11 = 2\nexit\n");
        String r11bin = dir.resolve("r11.bin").toString();
        expect(
                2,
                "jxdp asm: " + r11 + ":1:1: invalid register 'r11' (registers are r0 to r10)",
                "asm",
                r11,
                "-o",
                r11bin);
        assertFalse(Files.exists(Path.of(r11bin)), "nothing is written");
        String ubpf = write("r11u.bpf", "mov %r11, 2\nexit\n");
        expect(0, "", "asm", ubpf, "-o", r11bin);
        assertArrayEquals(
                HexFormat.of().parseHex("b70b000002000000" + "9500000000000000"), Files.readAllBytes(Path.of(r11bin)));
    }

    @Test
    void aHelperTheKernelAllowsButTheEnginesDoNotRunVerifiesAndIsRefusedToRun() throws IOException {
        // bpf_get_current_cgroup_id: Linux 6.18 gives it to XDP programs; jxdp's engines do not run it
        String pid = write("pid.bpf", "call 80\nr0 = 2\nexit\n");
        expect(0, "", "verify", pid);
        CliTest r = expect(
                1,
                "jxdp test-run: " + pid + ": the verifier rejected the program:",
                "test-run",
                pid,
                "--data-in",
                packet);
        assertTrue(
                r.err.contains("bpf_get_current_cgroup_id#80 is not emulated by this VM: the kernel allows it for XDP,"
                        + " but jxdp's engines cannot run it"),
                r.err);
    }

    @Test
    void testRunChecksEveryInputBeforeItVerifiesOrRuns() throws IOException {
        String unknown = hex("unknown.bin", "e7 00 00 00 00 00 00 00  95 00 00 00 00 00 00 00");
        expect(0, "", "test-run", ok, "--data-in", packet);
        expect(2, "jxdp test-run: " + missing + ": no such file", "test-run", ok, "--data-in", missing);
        // the packet file is missing: said before the program is judged
        expect(2, "jxdp test-run: " + missing + ": no such file", "test-run", unknown, "--data-in", missing);
        expect(2, "jxdp test-run: " + dir + ": is a directory", "test-run", ok, "--data-in", dir.toString());
        expect(2, "jxdp test-run: " + missing + ": no such file", "test-run", ok, "--mem", missing);
        expect(
                2,
                "jxdp test-run: --mem and --data-in exclude each other (try: jxdp test-run --help)",
                "test-run",
                ok,
                "--mem",
                packet,
                "--data-in",
                packet);
        String out = bytes("out.bin", new byte[1]);
        expect(
                2,
                "jxdp test-run: " + out + ": exists; pass --force to replace it",
                "test-run",
                unknown,
                "--data-in",
                packet,
                "--data-out",
                out);
        expect(
                2,
                "jxdp test-run: " + bytes("short.bin", new byte[13])
                        + ": a packet of 13 bytes is shorter than an Ethernet header (14); the kernel refuses it with -EINVAL",
                "test-run",
                ok,
                "--data-in",
                dir.resolve("short.bin").toString());
        expect(
                2,
                "jxdp test-run: --dump-class " + ok + ": not a directory",
                "test-run",
                ok,
                "--data-in",
                packet,
                "--dump-class",
                ok);
        expect(
                1,
                "jxdp test-run: " + unknown + ": the verifier rejected the program:",
                "test-run",
                unknown,
                "--data-in",
                packet);
        expect(
                1,
                "jxdp test-run: " + unknown
                        + ": not verified, and the engines cannot run it: pc 0: unknown opcode 0xe7",
                "test-run",
                unknown,
                "--data-in",
                packet,
                "--no-verify");
        String unchecked = write("unchecked.bpf", "r2 = *(u32 *)(r1 + 0)\nr0 = *(u8 *)(r2 + 2000)\nexit\n");
        expect(
                1,
                "jxdp test-run: " + unchecked
                        + ": the verifier rejected the program (--no-verify runs it anyway, every access checked):",
                "test-run",
                unchecked,
                "--data-in",
                packet);
        expect(
                1,
                "jxdp test-run: the program faulted: fault at pc 1 (r0 = *(u8 *)(r2 + 2000)): load of 1 bytes at 0x3_000008d0 is outside"
                        + " the packet: offset 2256, accessible [256, 320)",
                "test-run",
                unchecked,
                "--data-in",
                packet,
                "--no-verify");
        // an exit with an offset: the kernel verifies it, jxdp's engines refuse it
        String exitOff = hex("exit_off.bin", "b7 00 00 00 00 00 00 00  95 00 01 00 00 00 00 00");
        expect(0, "", "verify", exitOff);
        expect(
                1,
                "jxdp test-run: " + exitOff
                        + ": the verifier accepts the program, but the engines cannot run it: pc 1: exit (opcode 0x95)"
                        + " uses reserved fields: offset is 1, must be 0",
                "test-run",
                exitOff,
                "--data-in",
                packet);
    }

    @Test
    void testRunRunsEveryFrameOfACapture() throws IOException {
        String udpDrop = write(
                "udp_drop.bpf",
                "r2 = *(u32 *)(r1 + 0)\nr3 = *(u32 *)(r1 + 4)\nr0 = 2\nr4 = r2\nr4 += 24\n"
                        + "if r4 > r3 goto out\nr5 = *(u8 *)(r2 + 23)\nif r5 != 17 goto out\nr0 = 1\nout:\nexit\n");
        String capture = pcap("three.pcap", frame(17, 64), frame(6, 64), frame(17, 80));
        CliTest r = expect(0, "", "test-run", udpDrop, "--data-in", capture);
        String[] lines = r.out.lines().toArray(String[]::new);
        assertEquals(3, lines.length, r.out);
        assertTrue(lines[0].startsWith(capture + "#1: Return value: 1, duration: "), r.out);
        assertTrue(lines[1].startsWith(capture + "#2: Return value: 2, duration: "), r.out);
        assertTrue(lines[2].startsWith(capture + "#3: Return value: 1, duration: "), r.out);
        CliTest json = expect(0, "", "test-run", udpDrop, "--data-in", capture, "--json");
        assertTrue(
                json.out.matches("\\[\\{\"data_in\":\"[^\"]*three.pcap#1\",\"retval\":1,\"duration\":\\d+\\.\\d{2}},"
                        + "\\{\"data_in\":\"[^\"]*three.pcap#2\",\"retval\":2,\"duration\":\\d+\\.\\d{2}},"
                        + "\\{\"data_in\":\"[^\"]*three.pcap#3\",\"retval\":1,\"duration\":\\d+\\.\\d{2}}]\n"),
                json.out);
        // the output frames as a capture, readable by run --pcap
        String outPcap = dir.resolve("out.pcap").toString();
        expect(0, "", "test-run", udpDrop, "--data-in", capture, "--data-out", outPcap);
        CliTest again = expect(0, "", "test-run", udpDrop, "--data-in", outPcap);
        assertEquals(3, again.out.split("\n").length, again.out);
        expect(
                2,
                "jxdp test-run: --data-out " + dir.resolve("out.bin") + ": " + capture
                        + " is a capture; its output frames go to a capture file, whose name ends in .pcap (try: jxdp test-run --help)",
                "test-run",
                udpDrop,
                "--data-in",
                capture,
                "--data-out",
                dir.resolve("out.bin").toString());
        expect(
                2,
                "jxdp test-run: " + pcap("none.pcap") + ": the capture holds no packets",
                "test-run",
                udpDrop,
                "--data-in",
                dir.resolve("none.pcap").toString());
        expect(
                2,
                "jxdp test-run: " + pcap("short.pcap", frame(17, 64), new byte[10])
                        + "#2: a packet of 10 bytes is shorter than an"
                        + " Ethernet header (14); the kernel refuses it with -EINVAL",
                "test-run",
                udpDrop,
                "--data-in",
                dir.resolve("short.pcap").toString());
    }

    @Test
    void run() throws IOException {
        String unknown = hex("unknown.bin", "e7 00 00 00 00 00 00 00  95 00 00 00 00 00 00 00");
        expect(2, "jxdp run: " + missing + ": no such file", "run", missing);
        expect(2, "jxdp run: " + missing + ": no such file", "run", ok, "--pcap", missing);
        expect(2, "jxdp run: --out " + ok + ": not a directory", "run", ok, "--out", ok);
        expect(2, "jxdp run: --out /x/y: not a directory (nor is /x)", "run", ok, "--out", "/x/y");
        expect(
                2,
                "jxdp run: no map named 'nosuch' (the program has no maps) (try: jxdp run --help)",
                "run",
                ok,
                "--map-update",
                "nosuch",
                "00",
                "00");
        expect(
                2,
                "jxdp run: --cpu 100 is beyond cpumap cpu_map's 12 entries",
                "run",
                "--builtin",
                "flow_spread.bpf",
                "--cpu",
                "100");
        Path outDir = dir.resolve("out");
        Files.createDirectories(outDir);
        Files.write(outDir.resolve("pass-cpu2.pcap"), new byte[0]);
        expect(
                2,
                "jxdp run: --out " + outDir + ": holds pass-cpu2.pcap already; pass --force to replace capture files",
                "run",
                ok,
                "--out",
                outDir.toString());
        expect(1, "jxdp run: " + unknown + ": the verifier rejected the program:", "run", unknown, "--count", "10");
        expect(
                1,
                "jxdp run: " + unknown + ": not verified, and the engines cannot run it: pc 0: unknown opcode 0xe7",
                "run",
                unknown,
                "--count",
                "10",
                "--no-verify");
        expect(
                2,
                "jxdp run: --interval needs a number, got 'abc' (try: jxdp run --help)",
                "run",
                ok,
                "--interval",
                "abc");
        // polls that take no packet would step forever
        expect(
                2,
                "jxdp run: --pace needs a phase that takes packets (a value above 0), got '0' (try: jxdp run --help)",
                "run",
                ok,
                "--pace",
                "0");
        // usage is checked before the program is judged
        expect(
                2,
                "jxdp run: --device needs a positive ifindex, got 'x' (try: jxdp run --help)",
                "run",
                unknown,
                "--device",
                "x");
        expect(0, "", "run", ok, "--count", "10");
    }

    @Test
    void theOtherCommands() throws IOException {
        expect(2, "jxdp conformance: " + missing + ": no such file", "conformance", missing);
        expect(
                2,
                "jxdp conformance: no .data files under " + dir + " (try: jxdp conformance --help)",
                "conformance",
                dir.toString());
        // the benchmarks live in their own module (see bench's BenchCommandTest); without it on the class path:
        expect(
                2,
                "jxdp bench: the benchmarks are not on the class path: run them with ./jxdp bench (the launcher builds "
                        + "bench/target/benchmarks.jar), or java -cp bench/target/benchmarks.jar io.jxdp.cli.Main bench (try: jxdp bench --help)",
                "bench",
                "jit",
                "--programs=foo");
        expect(2, "jxdp: unknown command 'frobnicate' (try: jxdp --help)", "frobnicate");
        expect(2, "usage: jxdp COMMAND [ARGS]");
    }
}
