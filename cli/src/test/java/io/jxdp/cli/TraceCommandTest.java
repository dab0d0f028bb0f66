package io.jxdp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jxdp trace}: the whole trace of a small program on one packet against a reviewed golden
 * text ({@code trace/*.trace}; regenerate with {@code -Djxdp.golden.update=true} and review the
 * diff), the JSON form parsed, source lines from BTF, the verifier's states, stopping, the JIT
 * check, the prompt fed by a script, faults and bad input.
 */
class TraceCommandTest {
    @TempDir
    Path dir;

    private String packet;

    /**
     * {@code trace/ipv4.bin}, the README's packet: dst 0a:00:00:00:00:01, src 0b:00:00:00:00:02,
     * type 0x0800, then 46 bytes 0x45, 0x46, ...
     */
    @BeforeEach
    void packet() {
        packet = resource("ipv4.bin");
    }

    static String resource(String name) {
        try {
            return Path.of(TraceCommandTest.class.getResource("/trace/" + name).toURI())
                    .toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void golden(String name, String actual) {
        Path file = Path.of("src/test/resources/trace", name);
        try {
            if (Boolean.getBoolean("jxdp.golden.update")) {
                Files.writeString(file, actual);
            }
            assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CliTest ok(String... args) {
        CliTest r = CliTest.run(args);
        assertEquals(0, r.exit, () -> r.out + r.err);
        assertEquals("", r.err);
        return r;
    }

    @Test
    void tracesEveryStepOfARun() {
        golden("count.trace", ok("trace", resource("count.bpf"), "--data-in", packet).out);
    }

    @Test
    void theReadmeShowsTheGoldenTrace() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        String command = "$ ./jxdp trace $T/count.bpf --data-in $T/ipv4.bin\n";
        int start = readme.indexOf(command);
        assertTrue(start >= 0, "the README's trace section");
        start += command.length();
        String shown = readme.substring(start, readme.indexOf("```", start));
        assertEquals(Files.readString(Path.of(resource("count.trace")), StandardCharsets.UTF_8), shown);
    }

    @Test
    void printsInTheUbpfDialect() {
        CliTest r = ok("trace", resource("count.bpf"), "--data-in", packet, "--syntax", "ubpf", "--steps", "2");
        assertEquals(
                List.of(
                        "    0: ldxw %r6, [%r1]                      ; r6: 0 -> pkt+0, read ctx+0 [4]",
                        "    1: ldxw %r7, [%r1+4]                    ; r7: 0 -> pkt_end, read ctx+4 [4]",
                        "stopped after 2 steps (--steps), before pc 2",
                        "registers: r0=0 r1=ctx+0 r2=0 r3=0 r4=0 r5=0 r6=pkt+0 r7=pkt_end r8=0 r9=0 r10=fp"),
                r.out.lines().toList());
    }

    @Test
    void showsTheCSourceLineBeforeItsInstructions() {
        CliTest r = ok("trace", resource("count.o"), "--data-in", packet, "--steps", "3");
        assertEquals(
                List.of(
                        "; int count(struct xdp_md *ctx) @ ./count.c:25",
                        "    0: r7 = 1                               ; r7: 0 -> 1",
                        "; void *data_end = (void *)(long)ctx->data_end; @ ./count.c:28",
                        "    1: r2 = *(u32 *)(r1 + 4)                ; r2: 0 -> pkt_end, read ctx+4 [4]",
                        "; void *data = (void *)(long)ctx->data; @ ./count.c:27",
                        "    2: r6 = *(u32 *)(r1 + 0)                ; r6: 0 -> pkt+0, read ctx+0 [4]",
                        "stopped after 3 steps (--steps), before pc 3",
                        "registers: r0=0 r1=ctx+0 r2=pkt_end r3=0 r4=0 r5=0 r6=pkt+0 r7=1 r8=0 r9=0 r10=fp"),
                r.out.lines().toList());
    }

    @Test
    void tracesACompiledProgramToItsVerdictAndBreaksOnASourceLine() {
        CliTest whole = ok("trace", resource("count.o"), "--data-in", packet);
        List<String> lines = whole.out.lines().toList();
        assertEquals(
                List.of(
                        "verdict: XDP_TX (r0 = 3) after 55 steps",
                        "packet: 60 bytes, 4 changed:",
                        "  pkt+0: 0a -> 0b",
                        "  pkt+5..6: 01 0b -> 02 0a",
                        "  pkt+11: 02 -> 01"),
                lines.subList(lines.size() - 5, lines.size()));
        assertTrue(whole.out.contains("; __sync_fetch_and_add(value, 1); @ ./count.c:36\n"), whole.out);

        CliTest atLine = ok("trace", resource("count.o"), "--data-in", packet, "--break", "count.c:36");
        List<String> out = atLine.out.lines().toList();
        assertTrue(out.get(out.size() - 2).startsWith("stopped at the breakpoint before pc "), atLine.out);
    }

    @Test
    void writesOneJsonObjectPerStepAndOneAtTheEnd() {
        CliTest r = ok("trace", resource("count.bpf"), "--data-in", packet, "--json");
        List<String> lines = r.out.lines().toList();
        assertEquals(23, lines.size(), r.out);
        @SuppressWarnings("unchecked")
        Map<String, Object> first = (Map<String, Object>) TestJson.parse(lines.get(0));
        assertEquals(new BigDecimal(1), first.get("step"));
        assertEquals(new BigDecimal(0), first.get("pc"));
        assertEquals("r6 = *(u32 *)(r1 + 0)", first.get("insn"));
        assertEquals(
                List.of(Map.of("reg", "r6", "old", "0", "new", "pkt+0", "old_raw", "0x0", "new_raw", "0x300000100")),
                first.get("changes"));
        assertEquals(List.of(Map.of("access", "read", "at", "ctx+0", "size", new BigDecimal(4))), first.get("memory"));
        @SuppressWarnings("unchecked")
        Map<String, Object> call = (Map<String, Object>) TestJson.parse(lines.get(9));
        assertEquals(new BigDecimal(10), call.get("pc"));
        assertEquals("bpf_map_lookup_elem(map(counters), fp-4) = map_value(counters)[1]+0", call.get("effect"));
        @SuppressWarnings("unchecked")
        Map<String, Object> store = (Map<String, Object>) TestJson.parse(lines.get(5));
        assertEquals(
                List.of(Map.of("access", "write", "at", "fp-4", "size", new BigDecimal(4), "bytes", "01000000")),
                store.get("memory"));
        for (String line : lines) {
            TestJson.parse(line); // every line is a JSON document by itself
        }
        assertEquals(
                Map.of(
                        "verdict",
                        "XDP_TX (r0 = 3)",
                        "r0",
                        new BigDecimal(3),
                        "steps",
                        new BigDecimal(22),
                        "changed",
                        "60 bytes, 2 changed:\n  pkt+0: 0a -> 0b\n  pkt+6: 0b -> 0a"),
                TestJson.parse(lines.get(22)));
    }

    @Test
    void printsTheVerifiersStateBesideEachStep() {
        CliTest r = ok("trace", resource("count.bpf"), "--data-in", packet, "--verifier-state", "--steps", "2");
        assertEquals(
                List.of(
                        "    0: r6 = *(u32 *)(r1 + 0)                ; r6: 0 -> pkt+0, read ctx+0 [4]",
                        "       verifier: R1=ctx() R10=fp0",
                        "    1: r7 = *(u32 *)(r1 + 4)                ; r7: 0 -> pkt_end, read ctx+4 [4]",
                        "       verifier: R1=ctx() R6=pkt(r=0) R10=fp0",
                        "stopped after 2 steps (--steps), before pc 2",
                        "registers: r0=0 r1=ctx+0 r2=0 r3=0 r4=0 r5=0 r6=pkt+0 r7=pkt_end r8=0 r9=0 r10=fp"),
                r.out.lines().toList());
        CliTest inCall = ok("trace", resource("count.bpf"), "--data-in", packet, "--verifier-state", "--break", "21");
        assertTrue(
                inCall.out.contains("   20:   r2 = *(u8 *)(r1 + 0)               ; r2: fp[frame 0]-4 -> 10,"
                        + " read pkt+0 [1]: 0a\n       verifier: frame1: R1=pkt(r=14) R10=fp0\n"),
                inCall.out);
    }

    @Test
    void checksTheJitEndsAsTheTraceDoes() {
        CliTest r = ok("trace", resource("count.bpf"), "--data-in", packet, "--engine", "jit");
        assertTrue(r.out.endsWith("jit: the same r0, packet and maps (the trace is the interpreter's)\n"), r.out);
    }

    @Test
    void breaksBeforeAPc() {
        CliTest r = ok("trace", resource("count.bpf"), "--data-in", packet, "--break", "15");
        List<String> lines = r.out.lines().toList();
        assertEquals("   14: r1 = r6                              ; r1: 1 -> pkt+0", lines.get(lines.size() - 3));
        assertEquals("stopped at the breakpoint before pc 15 (step 15)", lines.get(lines.size() - 2));
        assertEquals(
                "registers: r0=map_value(counters)[1]+0 r1=pkt+0 r2=fp-4 r3=0 r4=0 r5=0 r6=pkt+0 r7=pkt_end r8=0 r9=0"
                        + " r10=fp",
                lines.get(lines.size() - 1));
    }

    @Test
    void promptsStepByStepFromAScript() throws IOException {
        Path script = dir.resolve("commands");
        Files.writeString(script, "step\nprint r6\nx pkt+12 2\nnext\nbogus\nquit\n");
        java.io.InputStream stdin = System.in;
        CliTest r;
        try (java.io.InputStream in = Files.newInputStream(script)) {
            System.setIn(in);
            r = ok("trace", resource("count.bpf"), "--data-in", packet, "--interactive");
        } finally {
            System.setIn(stdin);
        }
        assertEquals(
                List.of(
                        "=> 0: r6 = *(u32 *)(r1 + 0)",
                        "(jxdp trace)     0: r6 = *(u32 *)(r1 + 0)                ; r6: 0 -> pkt+0, read ctx+0 [4]",
                        "=> 1: r7 = *(u32 *)(r1 + 4)",
                        "(jxdp trace) r6 = pkt+0 (0x300000100)",
                        "(jxdp trace) pkt+12: 08 00",
                        "(jxdp trace)     1: r7 = *(u32 *)(r1 + 4)                ; r7: 0 -> pkt_end, read ctx+4 [4]",
                        "=> 2: r2 = r6",
                        "(jxdp trace) " + TracePrompt.HELP,
                        "(jxdp trace) quit at pc 2 (step 3)",
                        "registers: r0=0 r1=ctx+0 r2=0 r3=0 r4=0 r5=0 r6=pkt+0 r7=pkt_end r8=0 r9=0 r10=fp"),
                r.out.lines().toList());
    }

    @Test
    void aFaultEndsTheTraceAtTheFaultingStep() throws IOException {
        Path prog = dir.resolve("oob.bpf");
        Files.writeString(prog, "r2 = *(u32 *)(r1 + 0)\nr0 = *(u8 *)(r2 + 100)\nexit\n");
        CliTest r = CliTest.run("trace", prog.toString(), "--data-in", packet, "--no-verify");
        assertEquals(1, r.exit, r.err);
        assertEquals(
                List.of(
                        "    0: r2 = *(u32 *)(r1 + 0)                ; r2: 0 -> pkt+0, read ctx+0 [4]",
                        "    1: r0 = *(u8 *)(r2 + 100)               ; read pkt+100 [1]",
                        "the program faulted: fault at pc 1 (r0 = *(u8 *)(r2 + 100)): load of 1 bytes at 0x3_00000164 is"
                                + " outside the packet: offset 356, accessible [256, 316)"),
                r.out.lines().toList());
    }

    @Test
    void badInputIsOneLineAndExit2() throws IOException {
        String prog = resource("count.bpf");
        CliTest.run("trace", prog).badInput("give --data-in FILE or --mem FILE");
        CliTest.run("trace", prog, "--data-in", packet, "--mem", packet)
                .badInput("--mem and --data-in exclude each other");
        CliTest.run("trace", prog, "--data-in", dir.resolve("none.bin").toString())
                .badInput("none.bin: no such file");
        CliTest.run("trace", prog, "--data-in", dir.toString()).badInput(dir.toString());
        Path shortFrame = dir.resolve("short.bin");
        Files.write(shortFrame, new byte[3]);
        CliTest.run("trace", prog, "--data-in", shortFrame.toString()).badInput("shorter than an Ethernet header");
        CliTest.run("trace", prog, "--data-in", packet, "--break", "9").badInput("no instruction starts at pc 9");
        CliTest.run("trace", prog, "--data-in", packet, "--break", "x.c:3").badInput("has no BTF line info");
        CliTest.run("trace", resource("count.o"), "--data-in", packet, "--break", "count.c:999")
                .badInput("no instruction of");
        CliTest.run("trace", prog, "--data-in", packet, "--steps", "0").badInput("--steps must be between 1");
        CliTest.run("trace", prog, "--data-in", packet, "--syntax", "intel").badInput("--syntax must be one of");
        CliTest.run("trace", prog, "--data-in", packet, "--verifier-state", "--no-verify")
                .badInput("--verifier-state needs the verifier");
        CliTest.run("trace", prog, "--data-in", packet, "--json", "--interactive")
                .badInput("exclude each other");
        Path garbage = dir.resolve("garbage.bpf");
        Files.writeString(garbage, "r0 = = 1\nexit\n");
        CliTest g = CliTest.run("trace", garbage.toString(), "--data-in", packet);
        assertEquals(2, g.exit, g.err);
        assertTrue(g.err.startsWith("jxdp trace: " + garbage + ":1:"), g.err);
    }
}
