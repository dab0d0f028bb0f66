package io.jxdp.vm.helpers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jxdp.vm.Cpu;
import io.jxdp.vm.Environment;
import io.jxdp.vm.memory.AddressSpace;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BaseHelpersTest {
    private final Cpu cpu = new Cpu(3, new AddressSpace()).environment(Environment.deterministic());

    @Test
    void virtualClocksStartAtAFixedBootAndMoveAMicrosecondPerRead() {
        assertEquals(1_000_000_000_000L, BaseHelpers.ktimeGetNs(cpu, 0, 0, 0, 0, 0));
        assertEquals(1_000_000_001_000L, BaseHelpers.ktimeGetBootNs(cpu, 0, 0, 0, 0, 0));
        // coarse: the last 4 ms tick (HZ 250) before 1_000_000_002_000
        assertEquals(1_000_000_000_000L, BaseHelpers.ktimeGetCoarseNs(cpu, 0, 0, 0, 0, 0));
        // TAI: 2026-01-01T00:00:00Z plus the 3 us elapsed plus 37 leap seconds
        assertEquals(1_767_225_637_000_003_000L, BaseHelpers.ktimeGetTaiNs(cpu, 0, 0, 0, 0, 0));
        // INITIAL_JIFFIES (2^32 - 300 * 250) plus 1000 s of 4 ms ticks
        assertEquals(4_294_892_296L + 250_000L, BaseHelpers.jiffies64(cpu, 0, 0, 0, 0, 0));
        cpu.environment().advance(4_000_000);
        assertEquals(1_000_004_005_000L, BaseHelpers.ktimeGetNs(cpu, 0, 0, 0, 0, 0));
        assertEquals(4_295_142_297L, BaseHelpers.jiffies64(cpu, 0, 0, 0, 0, 0));
    }

    @Test
    void twoDeterministicEnvironmentsReadTheSameTimes() {
        Cpu other = new Cpu(0, new AddressSpace()).environment(Environment.deterministic());
        for (int i = 0; i < 3; i++) {
            assertEquals(BaseHelpers.ktimeGetNs(cpu, 0, 0, 0, 0, 0), BaseHelpers.ktimeGetNs(other, 0, 0, 0, 0, 0));
        }
    }

    @Test
    void realClocksAreTheJvmsMonotonicClock() {
        Cpu real = new Cpu(0, new AddressSpace());
        long before = System.nanoTime();
        long t = BaseHelpers.ktimeGetNs(real, 0, 0, 0, 0, 0);
        long after = System.nanoTime();
        assertEquals(true, before <= t && t <= after, before + " <= " + t + " <= " + after);
        long tai = BaseHelpers.ktimeGetTaiNs(real, 0, 0, 0, 0, 0);
        long wall = System.currentTimeMillis() * 1_000_000L + Environment.TAI_OFFSET_NS;
        assertEquals(true, Math.abs(tai - wall) < 10_000_000_000L, tai + " vs " + wall);
    }

    @Test
    void theCurrentTaskIsTheIdleTaskOfTheCpu() {
        assertEquals(0, BaseHelpers.getCurrentPidTgid(cpu, 0, 0, 0, 0, 0));
        assertEquals(0, BaseHelpers.getCurrentUidGid(cpu, 0, 0, 0, 0, 0));
        assertEquals(0, BaseHelpers.getNumaNodeId(cpu, 0, 0, 0, 0, 0));
        assertEquals(3, BaseHelpers.getSmpProcessorId(cpu, 0, 0, 0, 0, 0));
        byte[] mem = new byte[16];
        java.util.Arrays.fill(mem, (byte) 'x');
        long buf = cpu.memory().attachMemory(mem);
        assertEquals(0, BaseHelpers.getCurrentComm(cpu, buf, 16, 0, 0, 0));
        assertArrayEquals("swapper/3\0\0\0\0\0\0\0".getBytes(StandardCharsets.US_ASCII), mem);
        java.util.Arrays.fill(mem, (byte) 'x');
        assertEquals(0, BaseHelpers.getCurrentComm(cpu, buf, 5, 0, 0, 0)); // truncated, still terminated
        assertArrayEquals("swap\0xxxxxxxxxxx".getBytes(StandardCharsets.US_ASCII), mem);
    }

    @Test
    void prandomFollowsTheSeed() {
        Cpu a = new Cpu(0, new AddressSpace());
        Cpu b = new Cpu(0, new AddressSpace());
        a.seedRandom(42);
        b.seedRandom(42);
        long first = BaseHelpers.getPrandomU32(a, 0, 0, 0, 0, 0);
        assertEquals(first, BaseHelpers.getPrandomU32(b, 0, 0, 0, 0, 0));
        assertEquals(0, first >>> 32);
        assertEquals(1_456_360_119L, first);
    }

    @Test
    void traceVprintkTakesItsArgumentsFromMemory() {
        List<String> lines = new ArrayList<>();
        cpu.trace(lines::add);
        byte[] mem = new byte[64];
        byte[] fmt = "%d-%s-%c-%llx\n\0".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(fmt, 0, mem, 0, fmt.length);
        long base = cpu.memory().attachMemory(mem);
        byte[] str = "ab\0".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(str, 0, mem, 56, str.length);
        java.nio.ByteBuffer args = java.nio.ByteBuffer.wrap(mem, 24, 32).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        args.putLong(-5).putLong(base + 56).putLong('z').putLong(0xabcdef0123L);
        assertEquals(19, BaseHelpers.traceVprintk(cpu, base, fmt.length, base + 24, 32, 0));
        assertEquals(List.of("-5-ab-z-abcdef0123"), lines);
        assertEquals(-22, BaseHelpers.traceVprintk(cpu, base, fmt.length, base + 24, 12, 0)); // not a multiple of 8
        assertEquals(-22, BaseHelpers.traceVprintk(cpu, base, fmt.length, base + 24, 104, 0)); // 13 arguments
        assertEquals(-22, BaseHelpers.traceVprintk(cpu, base, fmt.length, 0, 8, 0)); // data_len without data
        assertEquals(-22, BaseHelpers.traceVprintk(cpu, base, fmt.length, base + 24, 24, 0)); // 4 specs, 3 args
        assertEquals(1, lines.size());
    }
}
