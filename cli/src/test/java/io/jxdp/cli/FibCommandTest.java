package io.jxdp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** test-run and run with --fib: a forwarding program sees the user's routes; bad tables are exit 2 with FILE:LINE:COL. */
class FibCommandTest {
    @TempDir
    Path dir;

    /**
     * xdp_fwd reduced: look the packet's IPv4 destination up from the receiving device; forwarded,
     * write the neighbour's and the device's MACs into the Ethernet header and return XDP_TX (3);
     * otherwise return 100 + the lookup's code.
     */
    static final String FORWARD = String.join(
            "\n",
            "r6 = r1",
            "r7 = *(u32 *)(r6 + 0)",
            "r3 = *(u32 *)(r6 + 4)",
            "r0 = 1",
            "r4 = r7",
            "r4 += 34",
            "if r4 > r3 goto out",
            "r1 = 0",
            "*(u64 *)(r10 - 64) = r1",
            "*(u64 *)(r10 - 56) = r1",
            "*(u64 *)(r10 - 48) = r1",
            "*(u64 *)(r10 - 40) = r1",
            "*(u64 *)(r10 - 32) = r1",
            "*(u64 *)(r10 - 24) = r1",
            "*(u64 *)(r10 - 16) = r1",
            "*(u64 *)(r10 - 8) = r1",
            "*(u8 *)(r10 - 64) = 2",
            "r1 = *(u16 *)(r7 + 16)",
            "r1 = be16 r1",
            "*(u16 *)(r10 - 58) = r1",
            "r1 = *(u32 *)(r6 + 12)",
            "*(u32 *)(r10 - 56) = r1",
            "r1 = *(u32 *)(r7 + 30)",
            "*(u32 *)(r10 - 32) = r1",
            "r1 = r6",
            "r2 = r10",
            "r2 += -64",
            "r3 = 64",
            "r4 = 0",
            "call 69",
            "r0 += 100",
            "if r0 != 100 goto out",
            "r1 = *(u32 *)(r10 - 6)",
            "*(u32 *)(r7 + 0) = r1",
            "r1 = *(u16 *)(r10 - 2)",
            "*(u16 *)(r7 + 4) = r1",
            "r1 = *(u32 *)(r10 - 12)",
            "*(u32 *)(r7 + 6) = r1",
            "r1 = *(u16 *)(r10 - 8)",
            "*(u16 *)(r7 + 10) = r1",
            "r0 = 3",
            "out:",
            "exit",
            "");

    static final String TABLES = String.join(
            "\n",
            "dev eth0 ifindex 2 mac 02:00:00:00:00:02",
            "dev eth1 ifindex 3 mac 02:00:00:00:00:03 mtu 1400",
            "addr 10.1.0.1/16 dev eth0",
            "addr 192.168.1.2/24 dev eth1",
            "route 10.0.0.0/8 via 192.168.1.1",
            "route blackhole 198.51.100.0/24",
            "neigh 192.168.1.1 lladdr aa:bb:cc:dd:ee:01 dev eth1",
            "");

    /** Ethernet + IPv4 (total length {@code totLen}) to {@code dst}, 64 bytes. */
    private static byte[] packet(String dst, int totLen) {
        byte[] p = new byte[64];
        byte[] eth = HexFormat.of().parseHex("ffffffffffff0a00000000090800");
        System.arraycopy(eth, 0, p, 0, 14);
        p[14] = 0x45;
        p[16] = (byte) (totLen >> 8);
        p[17] = (byte) totLen;
        p[22] = 64;
        p[23] = 17;
        String[] d = dst.split("\\.", -1);
        for (int i = 0; i < 4; i++) {
            p[30 + i] = (byte) Integer.parseInt(d[i]);
        }
        return p;
    }

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    private Path bin(String name, byte[] bytes) throws Exception {
        return Files.write(dir.resolve(name), bytes);
    }

    @Test
    void testRunForwardsByTheTables() throws Exception {
        Path prog = write("fwd.bpf", FORWARD);
        Path fib = write("fib.txt", TABLES);
        Path in = bin("in.bin", packet("10.2.3.4", 50));
        Path out = dir.resolve("out.bin");
        for (String engine : new String[] {"interpreter", "jit"}) {
            Files.deleteIfExists(out);
            CliTest r = CliTest.run(
                    "test-run",
                    prog.toString(),
                    "--no-verify",
                    "--engine",
                    engine,
                    "--ifindex",
                    "2",
                    "--fib",
                    fib.toString(),
                    "--data-in",
                    in.toString(),
                    "--data-out",
                    out.toString());
            assertEquals(0, r.exit, r.err);
            assertTrue(r.out.startsWith("Return value: 3, duration: "), r.out);
            byte[] expected = packet("10.2.3.4", 50);
            System.arraycopy(HexFormat.of().parseHex("aabbccddee01020000000003"), 0, expected, 0, 12);
            assertEquals(HexFormat.of().formatHex(expected), HexFormat.of().formatHex(Files.readAllBytes(out)));
        }
        String[][] cases = {
            {"198.51.100.1", "50", "101"}, // blackhole
            {"8.8.8.8", "50", "104"}, // no route
            {"10.2.3.4", "1401", "108"}, // over eth1's MTU
        };
        for (String[] c : cases) {
            Path p = bin("p.bin", packet(c[0], Integer.parseInt(c[1])));
            CliTest r = CliTest.run(
                    "test-run",
                    prog.toString(),
                    "--no-verify",
                    "--ifindex",
                    "2",
                    "--fib",
                    fib.toString(),
                    "--data-in",
                    p.toString());
            assertTrue(r.out.startsWith("Return value: " + c[2] + ", duration: "), c[0] + ": " + r.out + r.err);
        }
        // without tables the kernel's default: forwarding off, BPF_FIB_LKUP_RET_FWD_DISABLED
        CliTest none =
                CliTest.run("test-run", prog.toString(), "--no-verify", "--ifindex", "2", "--data-in", in.toString());
        assertTrue(none.out.startsWith("Return value: 105, duration: "), none.out + none.err);
    }

    @Test
    void runForwardsByTheTables() throws Exception {
        // XDP_PASS when not forwarded; the generated traffic is IPv4 to many addresses, all through the default route
        Path prog = write(
                "fwd.bpf",
                FORWARD.replace("r0 += 100\nif r0 != 100 goto out", "if r0 == 0 goto tx\nr0 = 2\nexit\ntx:"));
        String tables = TABLES.replace("ifindex 2 ", "ifindex 1 ") + "route 0.0.0.0/0 via 192.168.1.1\n";
        CliTest r = CliTest.run(
                "run",
                prog.toString(),
                "--no-verify",
                "--count",
                "1000",
                "--fib",
                write("fib.txt", tables).toString());
        assertEquals(0, r.exit, r.err);
        assertTrue(r.out.contains("\nxdp_pass        total   0\nxdp_tx          total   1,000\n"), r.out);
        CliTest none = CliTest.run("run", prog.toString(), "--no-verify", "--count", "1000");
        assertTrue(none.out.contains("\nxdp_pass        total   1,000\nxdp_tx          total   0\n"), none.out);
    }

    @Test
    void badTablesAreInputErrors() throws Exception {
        Path prog = write("fwd.bpf", FORWARD);
        Path in = bin("in.bin", packet("10.2.3.4", 50));
        Path fib = write("bad.txt", "dev eth0 ifindex 2\nroute 10.0.0.0/8 via 10.9.9.9\n");
        CliTest.run("test-run", prog.toString(), "--no-verify", "--fib", fib.toString(), "--data-in", in.toString())
                .badInput(
                        "jxdp test-run: " + fib
                                + ":2:22: no device's network holds gateway 10.9.9.9 (give dev NAME, or an addr line for that network first)");
        CliTest.run("run", prog.toString(), "--no-verify", "--fib", fib.toString())
                .badInput(fib + ":2:22: no device's network holds gateway 10.9.9.9");
        CliTest.run(
                        "test-run",
                        prog.toString(),
                        "--fib",
                        dir.resolve("none.txt").toString(),
                        "--data-in",
                        in.toString())
                .badInput("none.txt: no such file");
    }
}
