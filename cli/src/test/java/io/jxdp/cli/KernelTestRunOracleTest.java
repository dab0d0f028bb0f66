package io.jxdp.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jxdp.packet.TrafficGenerator;
import io.jxdp.packet.TrafficProfile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live ({@code -Pkernel}): {@code jxdp test-run} against the running kernel's {@code BPF_PROG_TEST_RUN} ({@code bpftool prog
 * run}): the same program on the same packets must give the same return value and the same output
 * packet. LLVM-dialect text reaches the kernel through {@code llvm-mc}, the shipped C programs
 * through clang. Needs root, bpftool, llvm-mc and clang; skips cleanly without them. Every pin it
 * makes under /sys/fs/bpf has a unique name and is removed. Under {@code -Pkernel} a missing tool
 * is a failure, not a skip: the profile asked for the comparison. Prints the kernel release and how
 * many runs agreed.
 */
@Tag("kernel")
class KernelTestRunOracleTest {
    private static int programs;
    private static int runs;
    private static int agreeing;

    private static final Pattern RETVAL = Pattern.compile("Return value: (\\d+)");

    @TempDir
    Path dir;

    @BeforeAll
    static void needTheKernel() throws Exception {
        need("root".equals(System.getProperty("user.name")), "needs root to load programs");
        for (String tool : new String[] {"bpftool", "llvm-mc", "clang"}) {
            need(exec(List.of("sh", "-c", "command -v " + tool)).exit == 0, "needs " + tool);
        }
        if (!Files.isDirectory(Path.of("/sys/fs/bpf"))
                || exec(List.of("sh", "-c", "mount | grep -q ' /sys/fs/bpf '")).exit != 0) {
            exec(List.of("mount", "-t", "bpf", "bpf", "/sys/fs/bpf"));
        }
        need(exec(List.of("sh", "-c", "mount | grep -q ' /sys/fs/bpf '")).exit == 0, "needs bpffs");
    }

    /** Skips without what the comparison needs, except under -Pkernel, which asked for it. */
    private static void need(boolean present, String what) {
        if (!present && Boolean.getBoolean("jxdp.kernel.required")) {
            fail("-Pkernel asks the running kernel, but this machine cannot: " + what);
        }
        assumeTrue(present, what);
    }

    @AfterAll
    static void printAgreement() throws IOException {
        if (programs > 0) {
            System.out.printf(
                    "test-run against the running kernel's bpftool prog run, Linux %s%n"
                            + "  programs  runs  return values and output packets agree%n  %8d  %4d  %d/%d%n",
                    Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip(), programs, runs, agreeing, runs);
        }
    }

    /** LLVM-dialect programs without maps, each exercising a part of what test-run emulates. */
    static final List<String> TEXT_PROGRAMS = List.of(
            // a byte of the packet, bounds-checked
            "r2 = *(u32 *)(r1 + 0)\nr3 = *(u32 *)(r1 + 4)\nr0 = 1\nr4 = r2\nr4 += 14\nif r4 > r3 goto out\nr0 = *(u8 *)(r2 + 13)\nout:\nexit\n",
            // swap the MAC addresses, XDP_TX
            "r2 = *(u32 *)(r1 + 0)\nr3 = *(u32 *)(r1 + 4)\nr0 = 1\nr4 = r2\nr4 += 12\nif r4 > r3 goto out\n"
                    + "r5 = *(u32 *)(r2 + 0)\nr6 = *(u16 *)(r2 + 4)\nr7 = *(u32 *)(r2 + 6)\nr8 = *(u16 *)(r2 + 10)\n"
                    + "*(u32 *)(r2 + 0) = r7\n*(u16 *)(r2 + 4) = r8\n*(u32 *)(r2 + 6) = r5\n*(u16 *)(r2 + 10) = r6\nr0 = 3\nout:\nexit\n",
            // pop the Ethernet header with bpf_xdp_adjust_head; the return value is the helper's
            "r6 = r1\nr2 = 14\ncall 44\nr0 += 100\nexit\n",
            // shrink by 4 bytes, then grow by 10 (zero-filled) with bpf_xdp_adjust_tail
            "r6 = r1\nr2 = -4\ncall 65\nr7 = r0\nr1 = r6\nr2 = 10\ncall 65\nr0 += r7\nr0 += 2\nexit\n",
            // grow by too much: -EINVAL, which the program returns as u32
            "r2 = 4000\ncall 65\nexit\n",
            // 8 bytes of metadata written in front of the packet
            "r6 = r1\nr2 = -8\ncall 54\nif r0 != 0 goto out\nr2 = *(u32 *)(r6 + 8)\nr3 = *(u32 *)(r6 + 0)\nr4 = r2\nr4 += 8\n"
                    + "if r4 > r3 goto out\nr5 = 0x1122334455667788 ll\n*(u64 *)(r2 + 0) = r5\nr0 = 2\nout:\nexit\n",
            // a checksum difference over the first 8 bytes
            "r2 = *(u32 *)(r1 + 0)\nr3 = *(u32 *)(r1 + 4)\nr0 = 0\nr4 = r2\nr4 += 8\nif r4 > r3 goto out\n"
                    + "r1 = 0\nr3 = r2\nr2 = 0\nr4 = 8\nr5 = 0\ncall 28\nout:\nexit\n",
            // ctx fields: ingress_ifindex and rx_queue_index
            "r2 = *(u32 *)(r1 + 12)\nr3 = *(u32 *)(r1 + 16)\nr2 <<= 8\nr0 = r2\nr0 |= r3\nexit\n",
            // bpf_redirect to ifindex 1 with a bad flag: XDP_ABORTED
            "r1 = 1\nr2 = 8\ncall 23\nexit\n",
            // arithmetic on packet bytes: the low 32 bits of a 64-bit result
            "r2 = *(u32 *)(r1 + 0)\nr3 = *(u32 *)(r1 + 4)\nr0 = 0\nr4 = r2\nr4 += 16\nif r4 > r3 goto out\n"
                    + "r0 = *(u64 *)(r2 + 0)\nr5 = *(u64 *)(r2 + 8)\nr5 |= 1\nr0 *= r5\nr0 /= 3\nout:\nexit\n");

    @Test
    void textProgramsGiveWhatTheKernelGives() throws Exception {
        List<byte[]> packets = packets();
        int n = 0;
        for (String text : TEXT_PROGRAMS) {
            Path bpf = dir.resolve("p" + n + ".bpf");
            Files.writeString(bpf, text);
            Path obj = dir.resolve("p" + n + ".o");
            Path s = dir.resolve("p" + n + ".s");
            Files.writeString(
                    s,
                    "\t.section xdp,\"ax\",@progbits\n\t.globl prog\n\t.type prog,@function\nprog:\n" + text
                            + ".Lend:\n\t.size prog, .Lend-prog\n\t.section license,\"aw\",@progbits\n\t.asciz \"GPL\"\n");
            assertEquals(
                    0,
                    exec(List.of("llvm-mc", "-triple", "bpf", "-filetype=obj", s.toString(), "-o", obj.toString()))
                            .exit);
            compare(bpf, null, obj, null, packets, "program " + n + ":\n" + text);
            n++;
        }
    }

    @Test
    void theShippedCProgramsGiveWhatTheKernelGives() throws Exception {
        List<byte[]> packets = packets();
        Path src = Path.of("..", "programs", "src", "main", "resources", "programs", "c")
                .toAbsolutePath()
                .normalize();
        String arch = exec(List.of("uname", "-m")).out.strip();
        for (String c : new String[] {"ddos_prefilter", "flow_spread", "xdp_redirect_cpu"}) {
            Path obj = dir.resolve(c + ".o");
            Exec cc = exec(List.of(
                    "clang",
                    "-O2",
                    "-g",
                    "-target",
                    "bpf",
                    "-I/usr/include/" + arch + "-linux-gnu",
                    "-c",
                    src.resolve(c + ".c").toString(),
                    "-o",
                    obj.toString()));
            assertEquals(0, cc.exit, cc.out);
            for (String prog : programsOf(obj)) {
                compare(obj, prog, obj, prog, packets, c + "/" + prog);
            }
        }
    }

    /** Ethernet frames of every kind the programs tell apart, and the shortest ones. */
    private static List<byte[]> packets() {
        List<byte[]> out = new ArrayList<>();
        TrafficGenerator g = new TrafficGenerator(TrafficProfile.builder()
                .seed(3)
                .flows(16)
                .frameSize(74)
                .protocolMix(1, 1, 1)
                .ipv6Fraction(0.25)
                .attackFraction(0.25)
                .rxQueues(1)
                .build());
        for (int i = 0; i < 12; i++) {
            byte[] b = new byte[200];
            int len = g.next(b, 0);
            out.add(java.util.Arrays.copyOf(b, len));
        }
        byte[] shortest = new byte[14];
        shortest[12] = 0x08;
        out.add(shortest);
        byte[] arp = new byte[60];
        arp[12] = 0x08;
        arp[13] = 0x06;
        out.add(arp);
        byte[] big = new byte[1500];
        new java.util.Random(7).nextBytes(big);
        out.add(big);
        return out;
    }

    private void compare(
            Path ours, String ourProg, Path kernelObj, String kernelProg, List<byte[]> packets, String what)
            throws Exception {
        String pin = "/sys/fs/bpf/jxdp_oracle_" + ProcessHandle.current().pid() + "_" + System.nanoTime();
        List<String> load =
                new ArrayList<>(List.of("bpftool", "prog", "loadall", kernelObj.toString(), pin, "type", "xdp"));
        Exec loaded = exec(load);
        assertEquals(0, loaded.exit, "bpftool refused " + what + ": " + loaded.out);
        programs++;
        try {
            String pinned = pin + "/" + (kernelProg != null ? kernelProg : "prog");
            for (int i = 0; i < packets.size(); i++) {
                Path in = dir.resolve("in" + i + ".bin");
                Files.write(in, packets.get(i));
                Path kout = dir.resolve("kout" + i + ".bin");
                Path jout = dir.resolve("jout" + i + ".bin");
                Files.deleteIfExists(kout);
                Files.deleteIfExists(jout);
                Exec k = exec(List.of(
                        "bpftool",
                        "prog",
                        "run",
                        "pinned",
                        pinned,
                        "data_in",
                        in.toString(),
                        "data_out",
                        kout.toString(),
                        "repeat",
                        "1"));
                Matcher m = RETVAL.matcher(k.out);
                assertEquals(true, m.find(), "bpftool prog run on " + what + ": " + k.out);
                List<String> args = new ArrayList<>(List.of(
                        "test-run", ours.toString(), "--data-in", in.toString(), "--data-out", jout.toString()));
                if (ourProg != null) {
                    args.add("--prog");
                    args.add(ourProg);
                }
                runs++;
                CliTest j = CliTest.run(args.toArray(String[]::new));
                assertEquals(0, j.exit, what + ": " + j.err);
                Matcher jm = RETVAL.matcher(j.out);
                assertEquals(true, jm.find(), j.out);
                assertEquals(m.group(1), jm.group(1), "return value of " + what + " on packet " + i);
                assertArrayEquals(
                        Files.readAllBytes(kout), Files.readAllBytes(jout), "data_out of " + what + " on packet " + i);
                agreeing++;
            }
        } finally {
            exec(List.of("rm", "-rf", pin));
        }
    }

    private static List<String> programsOf(Path obj) throws Exception {
        List<String> names = new ArrayList<>();
        for (String line :
                exec(List.of("llvm-objdump", "-t", obj.toString())).out.lines().toArray(String[]::new)) {
            // function symbols in a program section: "... g     F xdp	... name"
            if (line.contains(" F ") && !line.contains(".text")) {
                names.add(line.substring(line.lastIndexOf(' ') + 1).strip());
            }
        }
        return names;
    }

    private record Exec(int exit, String out) {}

    private static Exec exec(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Exec(-1, "timed out");
        }
        return new Exec(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
