package io.jxdp.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whatever a user feeds the commands, the answer is a verdict or one line of error: mutated
 * conformance programs (as text and as raw bytes) and the shipped programs with bytes flipped go
 * through verify, test-run (both engines, unverified too) and disasm; the exit code must be 0, 1
 * or 2, and never the internal-error code or a stack trace.
 */
class CliRobustnessTest {
    @TempDir
    Path dir;

    @Test
    void mutatedProgramsNeverCrashTheCommands() throws Exception {
        assumeTrue(Conformance.present());
        List<Path> sources = ConformanceRunner.files(List.of(Conformance.dir().resolve("tests")));
        Random rnd = new Random(99);
        Path packet = dir.resolve("packet.bin");
        Files.write(packet, new byte[64]);
        Path mem = dir.resolve("mem.bin");
        Files.write(mem, new byte[32]);
        for (int i = 0, n = Integer.getInteger("robustness.cases", 150); i < n; i++) {
            Path src = sources.get(rnd.nextInt(sources.size()));
            String text = Files.readString(src);
            int start = text.indexOf("-- asm");
            if (start < 0) {
                continue;
            }
            String asm = text.substring(start + 6).split("\n-- ", 2)[0];
            Path prog = dir.resolve("p" + i + ".bpf");
            Files.writeString(prog, mutate(asm, rnd));
            check("verify", prog.toString());
            check(
                    "test-run",
                    prog.toString(),
                    "--mem",
                    mem.toString(),
                    "--no-verify",
                    "--engine",
                    rnd.nextBoolean() ? "jit" : "interpreter");
            check("test-run", prog.toString(), "--data-in", packet.toString());
            check("disasm", prog.toString());
            // the same program as raw bytes with one byte changed
            CliTest asm2 = CliTest.run(
                    "asm", prog.toString(), "-o", dir.resolve("p" + i + ".bin").toString());
            if (asm2.exit == 0) {
                byte[] b = Files.readAllBytes(dir.resolve("p" + i + ".bin"));
                if (b.length > 0) {
                    b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
                }
                Path raw = dir.resolve("p" + i + "x.bin");
                Files.write(raw, b);
                check("verify", raw.toString(), "--raw", "--type", "mem:32");
                check("test-run", raw.toString(), "--raw", "--mem", mem.toString(), "--no-verify");
            }
        }
    }

    /**
     * Random bytes are a program to the kernel as long as they are a whole number of slots: verify
     * answers 0 or 1 for them, never "bad input", and every command ends in a verdict or one line.
     */
    @Test
    void randomBytesAreJudgedNotRefusedAsInput() throws Exception {
        Random rnd = new Random(7);
        Path packet = dir.resolve("packet.bin");
        Files.write(packet, new byte[64]);
        for (int i = 0; i < Integer.getInteger("robustness.cases", 150); i++) {
            byte[] b = new byte[8 * (1 + rnd.nextInt(12))];
            rnd.nextBytes(b);
            Path raw = dir.resolve("rand" + i + ".bin");
            Files.write(raw, b);
            CliTest v = CliTest.run("verify", raw.toString(), "--raw");
            assertTrue(v.exit == 0 || v.exit == 1, "exit " + v.exit + ": " + v.err);
            check("test-run", raw.toString(), "--raw", "--data-in", packet.toString());
            check("test-run", raw.toString(), "--raw", "--data-in", packet.toString(), "--no-verify");
            check("disasm", raw.toString(), "--raw", "--listing");
            // and as a packet: any bytes of a packet's length run
            check(
                    "test-run",
                    "../programs/src/main/resources/programs/ddos_prefilter.bpf",
                    "--data-in",
                    raw.toString());
        }
    }

    private static String mutate(String asm, Random rnd) {
        List<String> lines = new ArrayList<>(List.of(asm.split("\n")));
        for (int k = 0, n = 1 + rnd.nextInt(3); k < n && !lines.isEmpty(); k++) {
            int at = rnd.nextInt(lines.size());
            switch (rnd.nextInt(4)) {
                case 0 -> lines.remove(at);
                case 1 -> lines.add(at, lines.get(rnd.nextInt(lines.size())));
                case 2 ->
                    lines.set(at, lines.get(at).replaceFirst("\\d+", Integer.toString(rnd.nextInt(70000) - 35000)));
                default -> lines.set(at, lines.get(at).replaceFirst("%r\\d", "%r" + rnd.nextInt(12)));
            }
        }
        return String.join("\n", lines) + "\n";
    }

    private static void check(String... args) {
        CliTest r = CliTest.run(args);
        String what = String.join(" ", args) + "\n" + r.err;
        assertTrue(r.exit == 0 || r.exit == 1 || r.exit == 2, "exit " + r.exit + ": " + what);
        assertTrue(!r.err.contains("internal error") && !r.err.contains("\tat ") && !r.err.contains("Exception"), what);
    }
}
