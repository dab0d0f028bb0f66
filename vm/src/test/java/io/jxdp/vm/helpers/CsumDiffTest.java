package io.jxdp.vm.helpers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jxdp.vm.Cpu;
import io.jxdp.vm.memory.AddressSpace;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CsumDiffTest {
    /** The 512-byte buffer of the kernel's selftest (tools/testing/selftests/bpf/prog_tests/test_csum_diff.c). */
    private static final long[] BIG = {
        0x327b23c66b8b4567L, 0x66334873643c9869L, 0x19495cff74b0dc51L, 0x625558ec2ae8944aL,
        0x46e87ccd238e1f29L, 0x507ed7ab3d1b58baL, 0x41b71efb2eb141f2L, 0x7545e14679e2a9e3L,
        0x5bd062c2515f007cL, 0x4db127f812200854L, 0x1f16e9e80216231bL, 0x66ef438d1190cde7L,
        0x3352255a140e0f76L, 0x0ded7263109cf92eL, 0x1befd79f7fdcc233L, 0x6b68079a41a7c4c9L,
        0x25e45d324e6afb66L, 0x431bd7b7519b500dL, 0x7c83e4583f2dba31L, 0x62bbd95a257130a3L,
        0x628c895d436c6125L, 0x721da317333ab105L, 0x2d1d5ae92443a858L, 0x75a2a8d46763845eL,
        0x79838cb208edbdabL, 0x0b03e0c64353d0cdL, 0x54e49eb4189a769bL, 0x2ca8861171f32454L,
        0x02901d820836c40eL, 0x081386413a95f874L, 0x7c3dbd3d1e7ff521L, 0x6ceaf087737b8ddcL,
        0x4516dde922221a70L, 0x614fd4a13006c83eL, 0x5577f8e1419ac241L, 0x05072367440badfcL,
        0x77465f013804823eL, 0x5c482a977724c67eL, 0x5e884adc2463b9eaL, 0x2d51779651ead36bL,
        0x153ea438580bd78fL, 0x70a64e2a3855585cL, 0x2a487cb06a2342ecL, 0x725a06fb1d4ed43bL,
        0x57e4ccaf2cd89a32L, 0x4b588f547a6d8d3cL, 0x6de91b18542289ecL, 0x7644a45c38437fdbL,
        0x684a481a32fff902L, 0x749abb43579478feL, 0x1ba026fa3dc240fbL, 0x75c6c33a79a1deaaL,
        0x70c6a52912e685fbL, 0x374a3fe6520eedd1L, 0x23f9c13c4f4ef005L, 0x275ac794649bb77cL,
        0x1cf10fd839386575L, 0x235ba861180115beL, 0x354fe9f947398c89L, 0x741226bb15b5af5cL,
        0x10233c990d34b6a8L, 0x615740953f6ab60fL, 0x77ae35eb7e0c57b1L, 0x310c50b3579be4f1L,
    };

    private static final long[] DB = {0xdeadbeefdeadbeefL, 0xbeefdeadbeefdeadL};
    private static final long[] AB = {0xababababababababL};

    private final Cpu cpu = new Cpu(0, new AddressSpace());
    /** from at offset 0, to at offset 1024 of the conformance memory. */
    private final byte[] mem = new byte[2048];

    private final long base = cpu.memory().attachMemory(mem);

    private static byte[] le(long... words) {
        ByteBuffer b = ByteBuffer.allocate(8 * words.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long w : words) {
            b.putLong(w);
        }
        return b.array();
    }

    private long diff(byte[] from, int fromLen, byte[] to, int toLen, long seed) {
        System.arraycopy(from, 0, mem, 0, from.length);
        System.arraycopy(to, 0, mem, 1024, to.length);
        return CsumDiff.csumDiff(cpu, base, fromLen, base + 1024, toLen, seed);
    }

    private long legacy(byte[] from, int fromLen, byte[] to, int toLen, long seed) {
        System.arraycopy(from, 0, mem, 0, from.length);
        System.arraycopy(to, 0, mem, 1024, to.length);
        return CsumDiff.csumDiffLegacy(cpu, base, fromLen, base + 1024, toLen, seed);
    }

    @Test
    void theKernelsSelftestVectors() {
        byte[] none = new byte[0];
        // push
        assertEquals(0x3b3b, diff(none, 0, le(DB[0]), 8, 0));
        assertEquals(0x88aa, diff(none, 0, le(DB), 16, 0x1234));
        assertEquals(0xcaa9, diff(none, 0, le(DB), 15, 0x1234));
        assertEquals(0xca45, diff(none, 0, le(BIG), 512, 0xffff));
        // pull
        assertEquals(0xc4c4, diff(le(DB[0]), 8, none, 0, 0));
        assertEquals(0x9bbd, diff(le(DB), 16, none, 0, 0x1234));
        assertEquals(0x59be, diff(le(DB), 15, none, 0, 0x1234));
        assertEquals(0x35ba, diff(le(BIG), 512, none, 0, 0xffff));
        // diff
        assertEquals(0x7373, diff(le(DB[0]), 8, le(AB), 8, 0));
        assertEquals(0xa673, diff(le(DB[0]), 7, le(AB), 7, 0));
        assertEquals(0xaeae, diff(le(0), 8, le(AB), 8, 0));
        assertEquals(0xc4c4, diff(le(DB[0]), 8, le(0), 8, 0xffff));
        // edge
        assertEquals(0, diff(none, 0, none, 0, 0));
        assertEquals(0, diff(le(0x1234), 0, le(0x1234), 0, 0));
        assertEquals(0x1234, diff(none, 0, none, 0, 0x1234));
        assertEquals(0xffff, diff(new byte[512], 512, none, 0, 0xffff));
    }

    @Test
    void anIpv4HeaderChecksum() {
        // the example header Wikipedia's "Internet checksum" article works through: its checksum is 0xb861
        byte[] header = {
            0x45,
            0x00,
            0x00,
            0x73,
            0x00,
            0x00,
            0x40,
            0x00,
            0x40,
            0x11,
            0x00,
            0x00,
            (byte) 0xc0,
            (byte) 0xa8,
            0x00,
            0x01,
            (byte) 0xc0,
            (byte) 0xa8,
            0x00,
            (byte) 0xc7
        };
        long sum = diff(new byte[0], 0, header, 20, 0);
        int folded = (int) ~sum & 0xffff; // csum_fold; stored little-endian it gives the bytes b8 61
        assertEquals(0x61b8, folded);
        long old = legacy(new byte[0], 0, header, 20, 0);
        assertEquals(0x61b8, (int) ~CsumDiff.from32to16((int) old) & 0xffff);
    }

    @Test
    void theLegacyHelperReturnsX86sUnfoldedSum() {
        // the case the 6.13 commit message quotes: x86 returned 0xffffffe3 for csum_diff(&28, 4, NULL, 0, 0)
        assertEquals(0xffffffe3L, legacy(le(28), 4, new byte[0], 0, 0));
        assertEquals(0xffe3, diff(le(28), 4, new byte[0], 0, 0));
        assertEquals(-22, legacy(le(1), 2, new byte[0], 0, 0));
        assertEquals(-22, legacy(le(1), 4, new byte[0], 6, 0));
        assertEquals(-22, legacy(new byte[512], 256, new byte[512], 260, 0)); // more than 512 bytes in all
        assertEquals(0, legacy(new byte[0], 0, new byte[0], 0, 0));
        assertEquals(0xffffffffL, legacy(le(0), 4, new byte[0], 0, 0)); // ~0: x86 keeps the non-zero zero
    }

    @Test
    void randomBuffersAgreeWithIndependentReferences() {
        SplittableRandom random = new SplittableRandom(42);
        for (int round = 0; round < 2000; round++) {
            int fromLen = 4 * random.nextInt(0, 65);
            int toLen = 4 * random.nextInt(0, 129 - fromLen / 4);
            byte[] from = new byte[fromLen];
            byte[] to = new byte[toLen];
            random.nextBytes(from);
            random.nextBytes(to);
            long seed = random.nextInt() & 0xffff_ffffL;
            // before 6.13: the 32-bit sum of the little-endian words, in [1, 2^32 - 1] unless all are 0
            long s = seed;
            for (int i = 0; i < fromLen; i += 4) {
                s += ~word(from, i) & 0xffff_ffffL;
            }
            for (int i = 0; i < toLen; i += 4) {
                s += word(to, i);
            }
            long expectedLegacy = s == 0 ? 0 : 1 + (s - 1) % 0xffff_ffffL;
            assertEquals(expectedLegacy, legacy(from, fromLen, to, toLen, seed), "round " + round);
            // since 6.13: congruent with seed + to - from modulo 0xffff (16-bit one's complement)
            long current = diff(from, fromLen, to, toLen, seed);
            long want = Math.floorMod(seed % 0xffff + sum16(to) - sum16(from), 0xffff);
            assertEquals(want, current % 0xffff, "round " + round);
        }
    }

    private static long word(byte[] b, int i) {
        return (b[i] & 0xffL) | (b[i + 1] & 0xffL) << 8 | (b[i + 2] & 0xffL) << 16 | (b[i + 3] & 0xffL) << 24;
    }

    private static long sum16(byte[] b) {
        long s = 0;
        for (int i = 0; i < b.length; i += 2) {
            s += (b[i] & 0xff) | (b[i + 1] & 0xff) << 8;
        }
        return s % 0xffff;
    }
}
