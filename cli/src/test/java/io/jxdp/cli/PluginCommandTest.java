package io.jxdp.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code jxdp plugin} as bpf_conformance_runner calls it: the memory first, then the plugin
 * options, then {@code --elf}; r0 in hex on stdout. The XDP mode runs the runner's own prolog
 * ({@code _generate_xdp_prolog} in lib/src/bpf_conformance.cc) in front of the test's code.
 */
class PluginCommandTest {
    /** {@code r0 = *(u8 *)(r1 + 1); exit}: the memory's second byte. */
    private static final String SECOND_BYTE = "7110010000000000" + "9500000000000000";

    /** {@code r0 = 0x1122334455667788 ll; exit}: a result wider than XDP's u32 retval. */
    private static final String WIDE = "1800000088776655" + "0000000044332211" + "9500000000000000";

    /** The runner's XDP prolog for {@code size} bytes of memory: r1 = data, r2 = size, or exit -1. */
    private static String prolog(int size) {
        String imm = HexFormat.of().formatHex(new byte[] {(byte) size, (byte) (size >> 8), 0, 0});
        return "b7000000ffffffff" // r0 = -1
                + "bf16000000000000" // r6 = r1
                + "6161000000000000" // r1 = *(u32 *)(r6 + 0)   data
                + "6162040000000000" // r2 = *(u32 *)(r6 + 4)   data_end
                + "bf13000000000000" // r3 = r1
                + "07030000" + imm // r3 += size
                + "bd23010000000000" // if r3 <= r2 goto +1
                + "9500000000000000" // exit
                + "b7020000" + imm; // r2 = size
    }

    private record Result(int exit, String out, String err) {}

    private static Result plugin(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> argv = new ArrayList<>(List.of("plugin"));
        argv.addAll(List.of(args));
        int exit = Main.run(
                argv.toArray(String[]::new), new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8));
        return new Result(exit, out.toString(UTF_8), err.toString(UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"--interpret", "--jit"})
    void plainModeGivesR1TheMemory(String engine) {
        assertEquals(new Result(0, "2a\n", ""), plugin("002a", "--program", SECOND_BYTE, engine));
    }

    @ParameterizedTest
    @ValueSource(strings = {"--interpret", "--jit"})
    void xdpModeRunsTheRunnersPrologOnThePacketAndPrintsAll64Bits(String engine) {
        assertEquals(
                new Result(0, "2a\n", ""), plugin("002a0304", "--program", prolog(4) + SECOND_BYTE, engine, "--xdp"));
        assertEquals(
                new Result(0, "1122334455667788\n", ""), plugin("00", "--program", prolog(1) + WIDE, engine, "--xdp"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"--interpret", "--jit"})
    void anElfObjectInSectionXdpRunsAsAnXdpProgram(String engine) throws Exception {
        String object;
        try (InputStream in = PluginCommandTest.class.getResourceAsStream("/plugin/xdp_second_byte.o")) {
            object = HexFormat.of().formatHex(in.readAllBytes());
        }
        // The packet is padded to an Ethernet header's 14 bytes, as the libbpf plugin pads it.
        assertEquals(new Result(0, "2a\n", ""), plugin("002a", "--program", object, engine, "--elf"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"--interpret", "--jit"})
    void theRunnersEmptyOptionWordsAreIgnoredAndUnknownOnesRefused(String engine) {
        assertEquals(new Result(0, "2a\n", ""), plugin("002a", "", "--program", SECOND_BYTE, engine, ""));
        Result bad = plugin("002a", "--program", SECOND_BYTE, "--bogus");
        assertEquals(2, bad.exit());
        assertEquals("jxdp plugin: unknown argument '--bogus' (try: jxdp plugin --help)\n", bad.err());
    }
}
