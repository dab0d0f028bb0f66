package io.jxdp.packet;

import static io.jxdp.packet.CaptureBytes.frame;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pcapng files built by hand: both byte orders, several interfaces and resolutions, several sections. */
class PcapngFileTest {
    @TempDir
    Path dir;

    private final byte[] buffer = new byte[4096];

    private Path twoSections(ByteOrder first) {
        return new CaptureBytes(first)
                .put(CaptureBytes.sampleNg(first))
                .write(dir.resolve("two-sections-" + first + ".pcapng"));
    }

    @Test
    void readsBothByteOrdersWithEveryInterfaceAndResolution() {
        for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            try (PacketSource source = PacketSource.open(twoSections(order), false)) {
                expect(source, 0, 60, 60, 1_600_000_000_123_456_000L, frame(60, 0));
                expect(source, 1, 61, 1000, 1_600_000_000_123_456_789L, frame(61, 1));
                expect(source, 2, 62, 62, 105_500_000_000L, frame(62, 2));
                // 1 tick of 2^-20 s is 953.67... ns
                expect(source, 2, 63, 63, 100_000_000_953L, frame(63, 3));
                expect(source, 3, 64, 64, 1_234_000_000L, frame(64, 4));
                // A simple packet: captured length from the snaplen of interface 0, no timestamp.
                expect(source, 0, 50, 60, 0, frame(50, 5));
                expect(source, 1, 65, 65, 42, frame(65, 6));
                byte[] ethernet = new CaptureBytes(ByteOrder.BIG_ENDIAN)
                        .put(new byte[6])
                        .put(new byte[] {2, 0, 0, 0, 0, 1})
                        .u16(0x86DD)
                        .put(frame(40, 0x60))
                        .bytes();
                expect(source, 0, 54, 54, 7_000_000_000L, ethernet);
                assertEquals(PacketSource.END, source.next(buffer, 0));
                assertEquals(8, source.packets());
            }
        }
    }

    private void expect(PacketSource source, int iface, int length, int original, long nanos, byte[] data) {
        assertEquals(length, source.next(buffer, 256));
        assertEquals(iface, source.interfaceId());
        assertEquals(original, source.originalLength());
        assertEquals(nanos, source.timestampNanos());
        assertArrayEquals(data, Arrays.copyOfRange(buffer, 256, 256 + length));
    }

    @Test
    void loopAndResetCrossSections() {
        try (PacketSource source = PacketSource.open(twoSections(ByteOrder.BIG_ENDIAN), true)) {
            for (int i = 0; i < 8; i++) {
                source.next(buffer, 0);
            }
            assertEquals(60, source.next(buffer, 0), "back to the first section's first packet");
            assertEquals(1, source.restarts());
            source.next(buffer, 0);
            source.reset();
            assertEquals(60, source.next(buffer, 0));
        }
    }

    @Test
    void interfaceIdsRestartWithEachSection() {
        Path file = new CaptureBytes(ByteOrder.LITTLE_ENDIAN)
                .sectionHeader()
                .interfaceDescription(1, 0, -1, 0)
                .interfaceDescription(1, 0, -1, 0)
                .sectionHeader()
                .interfaceDescription(1, 0, -1, 0)
                .enhancedPacket(1, 0, frame(60, 0), 60)
                .write(dir.resolve("ids.pcapng"));
        assertError(file, "offset 136: packet names interface 1 but the section describes 1 interface");
    }

    @Test
    void packetBeforeAnyInterface() {
        Path file = new CaptureBytes(ByteOrder.BIG_ENDIAN)
                .sectionHeader()
                .simplePacket(frame(60, 0), 60)
                .write(dir.resolve("no-idb.pcapng"));
        assertError(file, "offset 36: packet names interface 0 but the section describes 0 interfaces");
    }

    @Test
    void lyingLengthsAreNamedWhereTheyStand() {
        byte[] good = new CaptureBytes(ByteOrder.LITTLE_ENDIAN)
                .sectionHeader()
                .interfaceDescription(1, 0, -1, 0)
                .enhancedPacket(0, 0, frame(60, 0), 60)
                .bytes();
        int epb = 28 + 24; // the EPB starts after the SHB and the IDB
        assertError(patch(good, epb + 4, 0), "offset 56: enhanced packet block length 0 is below its minimum of 32");
        assertError(patch(good, epb + 4, 94), "offset 56: enhanced packet block length 94 is not a multiple of 4");
        assertError(
                patch(good, epb + 4, 0xFFFF_FFFCL),
                "offset 56: enhanced packet block length 4294967292 runs past the end of the file (92 bytes left)");
        assertError(
                patch(good, epb + 88, 88), "offset 140: enhanced packet block ends with length 88 but starts with 92");
        assertError(patch(good, epb + 20, 61), "offset 72: captured length 61 overruns its block of 92 bytes");
        assertError(
                patch(good, epb + 20, 0x7FFF_FFFFL),
                "offset 72: captured length 2147483647 exceeds the maximum of 262144");
        assertError(patch(good, 8, 0x01020304L), "offset 8: section header has a bad byte-order magic 0x04030201");
        assertError(patch(good, 12, 2), "offset 12: unsupported pcapng version 2.0 (expected 1.x)");
        assertError(
                patch(good, 36, 105),
                "offset 36: link type 105 is not supported (jxdp reads Ethernet 1, LINUX_SLL 113,"
                        + " LINUX_SLL2 276, raw IP 101/228/229) (interface 0)");
    }

    @Test
    void optionThatOverrunsItsBlock() {
        byte[] good = new CaptureBytes(ByteOrder.BIG_ENDIAN)
                .sectionHeader()
                .interfaceDescription(1, 0, 9, 0)
                .bytes();
        // The IDB is at 28; its if_tsresol option header at 44: code 9, length 1 -> claim 200.
        byte[] bad = good.clone();
        bad[46] = 0;
        bad[47] = (byte) 200;
        assertError(write(bad), "offset 44: option 9 of length 200 overruns its interface description block");
        byte[] badResolution = good.clone();
        badResolution[48] = 19;
        assertError(write(badResolution), "offset 48: if_tsresol 0x13 is not supported");
    }

    @Test
    void resolutionConversions() {
        assertEquals(1_000_000_000L, PcapngFileSource.nanos(1_000_000, 6, 0));
        assertEquals(7L, PcapngFileSource.nanos(7, 9, 0));
        assertEquals(1L, PcapngFileSource.nanos(1_000, 12, 0));
        assertEquals(0L, PcapngFileSource.nanos(999, 12, 0));
        assertEquals(3_000_000_000L, PcapngFileSource.nanos(3, 0, 0));
        assertEquals(500_000_000L, PcapngFileSource.nanos(1, 0x81, 0));
        assertEquals(1_500_000_000L, PcapngFileSource.nanos(3, 0x81, 0));
        // 2^-32 s: the fraction needs more than 64 bits before the shift.
        assertEquals(1_999_999_999L, PcapngFileSource.nanos(0x1_FFFF_FFFFL, 0x80 | 32, 0));
        assertEquals(Long.MAX_VALUE, PcapngFileSource.nanos(-1L, 6, 0), "saturates");
        assertEquals(Long.MAX_VALUE, PcapngFileSource.nanos(-1L, 0x80, 0), "saturates");
        assertEquals(18_446_744_073L, PcapngFileSource.nanos(-1L, 18, 0), "unsigned ticks");
        assertEquals(-1_000_000_000L + 5, PcapngFileSource.nanos(5, 9, -1));
        assertEquals(Long.MAX_VALUE, PcapngFileSource.nanos(Long.MAX_VALUE - 1, 9, 10), "saturates");
    }

    private Path patch(byte[] bytes, int at, long value) {
        byte[] copy = bytes.clone();
        java.nio.ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putInt(at, (int) value);
        return write(copy);
    }

    private int files;

    private Path write(byte[] bytes) {
        return new CaptureBytes(ByteOrder.BIG_ENDIAN).put(bytes).write(dir.resolve("bad" + files++ + ".pcapng"));
    }

    private void assertError(Path file, String expected) {
        PcapFormatException e = assertThrows(PcapFormatException.class, () -> {
            try (PacketSource source = PacketSource.open(file, false)) {
                while (source.next(buffer, 0) != PacketSource.END) {
                    // keep reading
                }
            }
        });
        assertEquals(file + ": " + expected, e.getMessage());
    }
}
