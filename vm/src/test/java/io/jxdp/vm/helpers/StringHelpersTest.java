package io.jxdp.vm.helpers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jxdp.vm.Cpu;
import io.jxdp.vm.memory.AddressSpace;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StringHelpersTest {
    private final Cpu cpu = new Cpu(0, new AddressSpace());
    private final byte[] mem = new byte[2048];
    private final long base = cpu.memory().attachMemory(mem);
    private static final int RES = 1000;

    /** Puts {@code s} (no NUL added) at offset {@code at} and returns its address. */
    private long put(int at, String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(b, 0, mem, at, b.length);
        return base + at;
    }

    private long res() {
        return ByteBuffer.wrap(mem, RES, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    private long strtol(String s, long flags) {
        java.util.Arrays.fill(mem, RES, RES + 8, (byte) 0x55);
        return StringHelpers.strtol(cpu, put(0, s), s.length(), flags, base + RES, 0);
    }

    private long strtoul(String s, long flags) {
        java.util.Arrays.fill(mem, RES, RES + 8, (byte) 0x55);
        return StringHelpers.strtoul(cpu, put(0, s), s.length(), flags, base + RES, 0);
    }

    @Test
    void strncmpComparesUnsignedBytesUpToTheSizeOrNul() {
        long s2 = put(100, "abc\0");
        assertEquals(0, StringHelpers.strncmp(cpu, put(0, "abd"), 2, s2, 0, 0));
        assertEquals(1, StringHelpers.strncmp(cpu, put(0, "abd"), 3, s2, 0, 0));
        assertEquals(-1, StringHelpers.strncmp(cpu, put(0, "abb"), 3, s2, 0, 0));
        assertEquals(0, StringHelpers.strncmp(cpu, put(0, "abc\0zz"), 6, s2, 0, 0)); // stops at the NUL
        assertEquals(1, StringHelpers.strncmp(cpu, put(0, "ab\u00e9"), 3, s2, 0, 0)); // 0xe9 > 'c': unsigned
        assertEquals(1, StringHelpers.strncmp(cpu, put(0, "abcd"), 4, s2, 0, 0)); // 'd' against the NUL
    }

    @Test
    void strtolParsesAsTheKernel() {
        assertEquals(4, strtol("1234", 0));
        assertEquals(1234, res());
        assertEquals(5, strtol("  -42x", 10)); // spaces and sign count as consumed
        assertEquals(-42, res());
        assertEquals(4, strtol("0x1F", 0));
        assertEquals(31, res());
        assertEquals(4, strtol("0x1f", 16));
        assertEquals(3, strtol("017", 0));
        assertEquals(15, res());
        assertEquals(1, strtol("0", 0));
        assertEquals(0, res());
        assertEquals(1, strtol("0xg", 0)); // "0x" without a hex digit: octal 0, then 'x' stops it
        assertEquals(0, res());
        assertEquals(-22, strtol("0xg", 16)); // base 16 drops the prefix, then finds no digit
        assertEquals(0, res()); // *res is zeroed on failure
        assertEquals(-22, strtol("12", 7)); // base not 0, 8, 10 or 16
        assertEquals(-22, strtol("12", 0x20)); // a flag beyond the base
        assertEquals(-22, strtol("   ", 0));
        assertEquals(-22, strtol("-", 0));
        assertEquals(-22, strtol("z", 0));
        assertEquals(19, strtol("9223372036854775807", 10));
        assertEquals(Long.MAX_VALUE, res());
        assertEquals(-34, strtol("9223372036854775808", 10));
        assertEquals(20, strtol("-9223372036854775808", 10));
        assertEquals(Long.MIN_VALUE, res());
        assertEquals(-34, strtol("-9223372036854775809", 10));
        assertEquals(-34, strtol("99999999999999999999", 10)); // u64 overflow
        assertEquals(2, strtol("\u00a07", 10)); // the kernel's isspace includes Latin-1's no-break space
        assertEquals(7, res());
    }

    @Test
    void strtoulRefusesASignAndTakesTheFullRange() {
        assertEquals(20, strtoul("18446744073709551615", 10));
        assertEquals(-1L, res());
        assertEquals(-34, strtoul("18446744073709551616", 10));
        assertEquals(-22, strtoul("-1", 10));
        assertEquals(0, res());
        assertEquals(8, strtoul("0xffffff", 0));
        assertEquals(0xffffffL, res());
    }

    @Test
    void strtolReadsAtMost63CharactersAfterTheSign() {
        String s = "-" + "0".repeat(70) + "5";
        assertEquals(64, strtol(s, 10)); // the 5 is beyond the kernel's 63-character copy
        assertEquals(0, res());
    }

    private long snprintf(int size, String fmt, long... args) {
        long f = put(200, fmt + "\0");
        ByteBuffer b = ByteBuffer.wrap(mem, 400, 8 * args.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long a : args) {
            b.putLong(a);
        }
        java.util.Arrays.fill(mem, 600, 700, (byte) '#');
        return StringHelpers.snprintf(cpu, base + 600, size, f, base + 400, 8L * args.length);
    }

    private String out() {
        int end = 600;
        while (mem[end] != 0) {
            end++;
        }
        return new String(mem, 600, end - 600, StandardCharsets.ISO_8859_1);
    }

    @Test
    void snprintfFormatsAsBstrPrintf() {
        long hi = put(300, "hi\0");
        assertEquals(40, snprintf(64, "%d %u %x %X %lld %c %s", -1, -1, 255, 255, -1L << 40, 'q', hi));
        assertEquals("-1 4294967295 ff FF -1099511627776 q hi", out());
    }

    @Test
    void snprintfFlagsAndWidths() {
        assertEquals(30, snprintf(64, "[%5d][%-5d][%05d][%+d][% d]", 42, 42, -42, 7, 7));
        assertEquals("[   42][42   ][-0042][+7][ 7]", out());
        assertEquals(18, snprintf(64, "[%4s][%-4s][%3c]", put(300, "ab\0"), base + 300, 'z'));
        assertEquals("[  ab][ab  ][  z]", out());
        assertEquals(36, snprintf(64, "%lu %llx 100%%", -1L, 0x1_0000_0000L));
        assertEquals("18446744073709551615 100000000 100%", out());
    }

    @Test
    void snprintfTruncatesAndReturnsTheFullLength() {
        assertEquals(11, snprintf(4, "%s", put(300, "0123456789\0")));
        assertEquals("012", out());
        assertEquals('#', mem[604]);
        assertEquals(11, snprintf(0, "%s", base + 300));
        assertEquals('#', mem[600]); // nothing written
    }

    @Test
    void snprintfPointers() {
        long ip = put(300, "\u00c0\u00a8\u0001\u0002");
        assertEquals(12, snprintf(64, "%pI4", ip));
        assertEquals("192.168.1.2", out());
        assertEquals(16, snprintf(64, "%pi4", ip));
        assertEquals("192.168.001.002", out());
        System.arraycopy(
                new byte[] {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, 0, mem, 320, 16);
        assertEquals(40, snprintf(64, "%pI6", base + 320));
        assertEquals("2001:0db8:0000:0000:0000:0000:0000:0001", out());
        assertEquals(33, snprintf(64, "%pi6", base + 320));
        assertEquals("20010db8000000000000000000000001", out());
        assertEquals(17, snprintf(64, "%px", 0xabcL));
        assertEquals("0000000000000abc", out());
        assertEquals(19, snprintf(64, "%ps", 0xabcL));
        assertEquals("0x0000000000000abc", out());
        assertEquals(8, snprintf(64, "%pI4", 0x1234L)); // unreadable: zeros, not a fault
        assertEquals("0.0.0.0", out());
        assertEquals(3, snprintf(64, "[%s]", 0x1234L)); // unreadable string: empty
        assertEquals("[]", out());
    }

    @Test
    void snprintfRefusesWhatBprintfPrepareRefuses() {
        long[] one = {1};
        for (String bad :
                new String[] {"%d %d", "%hd", "%5.2d", "%#x", "%q", "%lc", "%sx", "%pQ", "%pI5", "a\u0001b", "%"}) {
            assertEquals(-22, snprintf(64, bad, one), bad);
        }
        assertEquals(-22, StringHelpers.snprintf(cpu, base + 600, 64, put(200, "x\0"), base + 400, 12));
        assertEquals(-22, StringHelpers.snprintf(cpu, base + 600, 64, put(200, "x\0"), 0, 8));
        assertEquals(-22, StringHelpers.snprintf(cpu, base + 600, 64, put(200, "x\0"), base + 400, 13 * 8));
        assertEquals(2, snprintf(64, "x")); // no conversion, no argument
    }

    @Test
    void snprintfRunsOutOfArgumentSpaceAsTheKernel() {
        // every %s of a 300-character string takes 301 of the 512 bytes: the second finds 211 left,
        // copies 210 characters, and a third finds none
        long s = put(1100, "a".repeat(300) + "\0");
        long[] args = {s, s, s};
        assertEquals(-28, snprintf(64, "%s%s%s", args));
        assertEquals(511, snprintf(8, "%s%s", s, s));
        assertEquals("aaaaaaa", out());
    }

    @Test
    void tracePrintkSendsTheLineToTheTraceSink() {
        List<String> lines = new ArrayList<>();
        cpu.trace(lines::add);
        long fmt = put(0, "n=%d\n\0");
        assertEquals(5, BaseHelpers.tracePrintk(cpu, fmt, 6, 42, 0, 0));
        assertEquals(List.of("n=42"), lines);
        assertEquals(-22, BaseHelpers.tracePrintk(cpu, fmt, 4, 42, 0, 0)); // no NUL within fmt_size
        assertEquals(-22, BaseHelpers.tracePrintk(cpu, put(0, "%d%d%d%d\0"), 9, 1, 2, 3)); // four conversions
        assertEquals(1, lines.size());
    }
}
