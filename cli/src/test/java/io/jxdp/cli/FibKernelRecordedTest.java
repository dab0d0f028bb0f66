package io.jxdp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * bpf_fib_lookup against what Linux answered: {@code fib-kernel/fibprobe.o} (its C beside it) looks up
 * each case of {@code cases.tsv} in the network namespace {@code netns.sh} builds, which {@code fib.txt}
 * describes to jxdp; {@code kernel.tsv} holds the kernel's return value and the lookup's output fields
 * for each ({@code record.sh} re-records them as root). Both engines must give exactly those.
 */
class FibKernelRecordedTest {
    static final Path DIR = Path.of("src", "test", "resources", "fib-kernel");

    @TempDir
    Path tmp;

    /** The 128-byte probe packet of record.sh: flags, tbid and ifindex in the source MAC, then IPv4 or IPv6. */
    static byte[] packet(String[] c) throws Exception {
        byte[] p = new byte[128];
        for (int i = 0; i < 6; i++) {
            p[i] = (byte) 0xff;
        }
        p[6] = (byte) Integer.parseInt(c[1]);
        p[7] = (byte) Integer.parseInt(c[2]);
        p[8] = (byte) Integer.parseInt(c[3]);
        byte[] dst = InetAddress.getByName(c[4]).getAddress();
        byte[] src = InetAddress.getByName(c[5]).getAddress();
        int tot = Integer.parseInt(c[6]);
        if (dst.length == 4) {
            p[12] = 0x08;
            p[14] = 0x45;
            p[16] = (byte) (tot >> 8);
            p[17] = (byte) tot;
            System.arraycopy(src, 0, p, 26, 4);
            System.arraycopy(dst, 0, p, 30, 4);
        } else {
            int payload = Math.max(tot - 40, 0);
            p[12] = (byte) 0x86;
            p[13] = (byte) 0xdd;
            p[14] = 0x60;
            p[18] = (byte) (payload >> 8);
            p[19] = (byte) payload;
            System.arraycopy(src, 0, p, 22, 16);
            System.arraycopy(dst, 0, p, 38, 16);
        }
        return p;
    }

    static List<String[]> rows(String file) throws Exception {
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(DIR.resolve(file))) {
            if (!line.startsWith("#") && !line.isBlank()) {
                rows.add(line.split("\t", -1));
            }
        }
        return rows;
    }

    @ParameterizedTest
    @ValueSource(strings = {"interpreter", "jit"})
    void everyCaseAsTheKernelAnswered(String engine) throws Exception {
        List<String[]> cases = rows("cases.tsv");
        List<String[]> kernel = rows("kernel.tsv");
        assertEquals(29, cases.size());
        assertEquals(cases.size(), kernel.size());
        for (int i = 0; i < cases.size(); i++) {
            String[] c = cases.get(i);
            String[] k = kernel.get(i);
            assertEquals(c[0], k[0]);
            Path in = Files.write(tmp.resolve(c[0] + ".bin"), packet(c));
            Path out = tmp.resolve(c[0] + "-" + engine + ".out");
            CliTest r = CliTest.run(
                    "test-run",
                    DIR.resolve("fibprobe.o").toString(),
                    "--no-verify",
                    "--engine",
                    engine,
                    "--ifindex",
                    "2",
                    "--fib",
                    DIR.resolve("fib.txt").toString(),
                    "--data-in",
                    in.toString(),
                    "--data-out",
                    out.toString());
            assertEquals(0, r.exit, c[0] + ": " + r.err);
            String got = r.out.substring("Return value: ".length(), r.out.indexOf(','));
            byte[] o = Files.readAllBytes(out);
            assertEquals(
                    k[1] + " " + k[2],
                    got + " " + HexFormat.of().formatHex(o, 64, 128),
                    c[0] + " (return value, lookup fields)");
        }
    }
}
