package io.jxdp.packet;

import static io.jxdp.packet.CaptureBytes.frame;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Classic pcap: the writer, the reader, and the two together. */
class PcapFileTest {
    /** Where the runtime puts a packet: after the XDP headroom of a 4 KiB frame. */
    private static final int HEADROOM = 256;

    @TempDir
    Path dir;

    @Test
    void writerOutputIsExactlyTheClassicFormat() throws IOException {
        Path file = dir.resolve("one.pcap");
        try (PcapWriter writer = PcapWriter.create(file, false)) {
            writer.write(frame(60, 1), 0, 60, 1_700_000_000_123_456_789L);
        }
        byte[] expected = new CaptureBytes(ByteOrder.LITTLE_ENDIAN)
                .u32(0xA1B2C3D4L)
                .u16(2)
                .u16(4)
                .u32(0)
                .u32(0)
                .u32(262144)
                .u32(1)
                .pcapRecord(1_700_000_000L, 123_456, frame(60, 1), 60)
                .bytes();
        assertArrayEquals(expected, Files.readAllBytes(file));
    }

    @Test
    void roundTripKeepsBytesLengthsAndMicrosecondTimestamps() {
        Path file = dir.resolve("round.pcap");
        int[] lengths = {60, 61, 1514, 14, 0, 3000, 9000};
        try (PcapWriter writer = PcapWriter.create(file, false)) {
            for (int i = 0; i < lengths.length; i++) {
                byte[] f = frame(lengths[i], i);
                writer.write(f, 0, f.length, f.length + i, 1_000_000_000L * i + 999_999_999L);
            }
            assertEquals(lengths.length, writer.packets());
        }
        byte[] buffer = new byte[HEADROOM + 9000];
        try (PacketSource source = PacketSource.open(file, false)) {
            for (int i = 0; i < lengths.length; i++) {
                int length = source.next(buffer, HEADROOM);
                assertEquals(lengths[i], length);
                assertArrayEquals(frame(lengths[i], i), Arrays.copyOfRange(buffer, HEADROOM, HEADROOM + length));
                assertEquals(lengths[i] + i, source.originalLength());
                // Microseconds: the last 999 ns are gone.
                assertEquals(1_000_000_000L * i + 999_999_000L, source.timestampNanos());
            }
            assertEquals(PacketSource.END, source.next(buffer, HEADROOM));
            assertEquals(PacketSource.END, source.next(buffer, HEADROOM));
            assertEquals(lengths.length, source.packets());
        }
    }

    @Test
    void writerCutsAtTheSnaplenAndKeepsTheOriginalLength() {
        Path file = dir.resolve("big.pcap");
        byte[] huge = frame(300_000, 7);
        try (PcapWriter writer = PcapWriter.create(file, false)) {
            writer.write(huge, 0, huge.length, 5L);
        }
        byte[] buffer = new byte[PcapWriter.SNAPLEN];
        try (PacketSource source = PacketSource.open(file, false)) {
            assertEquals(262_144, source.next(buffer, 0));
            assertEquals(300_000, source.originalLength());
            assertArrayEquals(Arrays.copyOf(huge, 262_144), buffer);
        }
    }

    @Test
    void writerRefusesToOverwriteUnlessTold() throws IOException {
        Path file = dir.resolve("mine.pcap");
        Files.writeString(file, "precious");
        PacketIoException e = assertThrows(PacketIoException.class, () -> PcapWriter.create(file, false));
        assertEquals(file + ": already exists; refusing to overwrite it", e.getMessage());
        assertEquals("precious", Files.readString(file));
        PcapWriter.create(file, true).close();
        assertEquals(24, Files.size(file));
    }

    @Test
    void writerInAMissingDirectoryIsAClearError() {
        Path file = dir.resolve("no/such/dir/x.pcap");
        PacketIoException e = assertThrows(PacketIoException.class, () -> PcapWriter.create(file, false));
        assertEquals(file + ": cannot create: the directory does not exist", e.getMessage());
    }

    @Test
    void packetTooLongForTheFrameIsReportedAndConsumed() {
        Path file = dir.resolve("long.pcap");
        try (PcapWriter writer = PcapWriter.create(file, false)) {
            writer.write(frame(4000, 1), 0, 4000, 0);
            writer.write(frame(100, 2), 0, 100, 0);
        }
        byte[] buffer = new byte[4096];
        try (PacketSource source = PacketSource.open(file, false)) {
            assertEquals(PacketSource.TOO_LONG, source.next(buffer, HEADROOM, 3520));
            assertEquals(4000, source.capturedLength());
            assertArrayEquals(
                    Arrays.copyOf(frame(4000, 1), 3520), Arrays.copyOfRange(buffer, HEADROOM, HEADROOM + 3520));
            assertEquals(0, buffer[HEADROOM + 3520], "nothing written past the capacity");
            assertEquals(100, source.next(buffer, HEADROOM, 3520));
            assertEquals(1, source.oversized());
            assertEquals(2, source.packets());
        }
    }

    @Test
    void loopStartsAgainAndResetRewinds() {
        Path file = dir.resolve("loop.pcap");
        try (PcapWriter writer = PcapWriter.create(file, false)) {
            for (int i = 0; i < 3; i++) {
                writer.write(frame(60 + i, i), 0, 60 + i, i);
            }
        }
        byte[] buffer = new byte[2048];
        try (PacketSource source = PacketSource.open(file, true)) {
            int[] seen = new int[8];
            for (int i = 0; i < seen.length; i++) {
                seen[i] = source.next(buffer, 0);
            }
            assertArrayEquals(new int[] {60, 61, 62, 60, 61, 62, 60, 61}, seen);
            assertEquals(2, source.restarts());
            source.reset();
            assertEquals(60, source.next(buffer, 0));
            assertEquals(9, source.packets());
        }
    }

    @Test
    void anInterruptedThreadKeepsItsFiles() {
        Path file = dir.resolve("interrupted.pcap");
        Path copy = dir.resolve("copy.pcap");
        // More than the 64 KiB buffers hold, so both sides go to the operating system while interrupted.
        try (PcapWriter writer = PcapWriter.create(file, false)) {
            for (int i = 0; i < 100; i++) {
                writer.write(frame(1500, i), 0, 1500, i);
            }
        }
        byte[] buffer = new byte[2048];
        try (PacketSource source = PacketSource.open(file, false);
                PcapWriter writer = PcapWriter.create(copy, false)) {
            Thread.currentThread().interrupt();
            int packets = 0;
            for (int length; (length = source.next(buffer, 0)) != PacketSource.END; packets++) {
                writer.write(buffer, 0, length, source.timestampNanos());
            }
            writer.flush();
            assertTrue(Thread.interrupted(), "the interrupt is left for the caller");
            assertEquals(100, packets);
        } finally {
            Thread.interrupted();
        }
        try (PacketSource source = PacketSource.open(copy, false)) {
            int packets = 0;
            while (source.next(buffer, 0) != PacketSource.END) {
                packets++;
            }
            assertEquals(100, packets);
        }
    }

    @Test
    void loopOverAFileWithoutPacketsEndsInsteadOfSpinning() {
        Path file = dir.resolve("empty.pcap");
        PcapWriter.create(file, false).close();
        try (PacketSource source = PacketSource.open(file, true)) {
            assertEquals(PacketSource.END, source.next(new byte[100], 0));
        }
    }

    @Test
    void handBuiltFilesInBothOrdersAndUnits() {
        byte[] data = frame(64, 9);
        long[][] cases = {
            // big-endian?, nanos?, expected timestamp
            {1, 0, 1_600_000_000_000_000_000L + 250_000_000L},
            {0, 0, 1_600_000_000_000_000_000L + 250_000_000L},
            {1, 1, 1_600_000_000_000_000_000L + 250_000L},
            {0, 1, 1_600_000_000_000_000_000L + 250_000L},
        };
        for (long[] c : cases) {
            ByteOrder order = c[0] == 1 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            Path file = new CaptureBytes(order)
                    .pcapHeader(c[1] == 1, 1)
                    .pcapRecord(1_600_000_000L, 250_000, data, 80)
                    .write(dir.resolve("hand" + c[0] + c[1] + ".pcap"));
            byte[] buffer = new byte[128];
            try (PacketSource source = PacketSource.open(file, false)) {
                assertEquals(64, source.next(buffer, 0));
                assertEquals(c[2], source.timestampNanos(), Arrays.toString(c));
                assertEquals(80, source.originalLength());
                assertArrayEquals(data, Arrays.copyOf(buffer, 64));
            }
        }
    }

    @Test
    void fcsDeclaredInTheHeaderIsRemoved() {
        // F bit (26) with a length of 2 16-bit words in the top 4 bits: a 4-byte FCS.
        int linkTypeField = 0x2000_0000 | 0x0400_0000 | 1;
        byte[] withFcs = frame(64, 3);
        Path file = new CaptureBytes(ByteOrder.LITTLE_ENDIAN)
                .pcapHeader(false, linkTypeField)
                .pcapRecord(0, 0, withFcs, 64)
                .pcapRecord(0, 0, Arrays.copyOf(withFcs, 62), 64) // snapped inside the FCS
                .write(dir.resolve("fcs.pcap"));
        byte[] buffer = new byte[128];
        try (PacketSource source = PacketSource.open(file, false)) {
            assertEquals(60, source.next(buffer, 0));
            assertEquals(60, source.originalLength());
            assertArrayEquals(Arrays.copyOf(withFcs, 60), Arrays.copyOf(buffer, 60));
            assertEquals(60, source.next(buffer, 0));
        }
    }

    @Test
    void linuxCookedCapturesGetAnEthernetHeader() {
        byte[] ip = frame(40, 0x45);
        ip[0] = 0x45;
        byte[] sll = new CaptureBytes(ByteOrder.BIG_ENDIAN)
                .u16(0)
                .u16(1)
                .u16(6)
                .put(new byte[] {2, 0, 0, 0, 0, 9, 0, 0})
                .u16(0x0800)
                .put(ip)
                .bytes();
        byte[] sll2 = new CaptureBytes(ByteOrder.BIG_ENDIAN)
                .u16(0x86DD)
                .u16(0)
                .u32(3)
                .u16(1)
                .u8(4)
                .u8(6)
                .put(new byte[] {2, 0, 0, 0, 0, 8, 0, 0})
                .put(ip)
                .bytes();
        byte[] expectedSll = new CaptureBytes(ByteOrder.BIG_ENDIAN)
                .put(new byte[6])
                .put(new byte[] {2, 0, 0, 0, 0, 9})
                .u16(0x0800)
                .put(ip)
                .bytes();
        byte[] expectedSll2 = new CaptureBytes(ByteOrder.BIG_ENDIAN)
                .put(new byte[6])
                .put(new byte[] {2, 0, 0, 0, 0, 8})
                .u16(0x86DD)
                .put(ip)
                .bytes();
        byte[] expectedRaw = new CaptureBytes(ByteOrder.BIG_ENDIAN)
                .put(new byte[12])
                .u16(0x0800)
                .put(ip)
                .bytes();
        assertConverted(113, sll, expectedSll, 98);
        assertConverted(276, sll2, expectedSll2, 94);
        assertConverted(101, ip, expectedRaw, 114);
        assertConverted(228, ip, expectedRaw, 114);
    }

    private void assertConverted(int linkType, byte[] captured, byte[] expected, int expectedOriginal) {
        Path file = new CaptureBytes(ByteOrder.LITTLE_ENDIAN)
                .pcapHeader(false, linkType)
                .pcapRecord(0, 0, captured, 100)
                .write(dir.resolve("link" + linkType + ".pcap"));
        byte[] buffer = new byte[HEADROOM + 200];
        try (PacketSource source = PacketSource.open(file, false)) {
            assertEquals(expected.length, source.next(buffer, HEADROOM));
            assertArrayEquals(expected, Arrays.copyOfRange(buffer, HEADROOM, HEADROOM + expected.length));
            assertEquals(expectedOriginal, source.originalLength());
        }
    }

    @Test
    void otherLinkTypesAreRefusedByName() {
        Path file =
                new CaptureBytes(ByteOrder.LITTLE_ENDIAN).pcapHeader(false, 105).write(dir.resolve("wifi.pcap"));
        PcapFormatException e = assertThrows(PcapFormatException.class, () -> PacketSource.open(file, false));
        assertEquals(
                file + ": offset 20: link type 105 is not supported (jxdp reads Ethernet 1, LINUX_SLL 113,"
                        + " LINUX_SLL2 276, raw IP 101/228/229)",
                e.getMessage());
    }

    @Test
    void notACaptureFile() throws IOException {
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "hello world");
        assertEquals(
                text + ": offset 0: not a pcap or pcapng file (magic 0x68656c6c)",
                assertThrows(PcapFormatException.class, () -> PacketSource.open(text, false))
                        .getMessage());
        Path empty = dir.resolve("empty");
        Files.write(empty, new byte[0]);
        assertEquals(
                empty + ": offset 0: empty file",
                assertThrows(PcapFormatException.class, () -> PacketSource.open(empty, false))
                        .getMessage());
        Path gz = dir.resolve("x.pcap.gz");
        Files.write(gz, new byte[] {0x1f, (byte) 0x8b, 8, 0, 0});
        assertEquals(
                gz + ": offset 0: gzip-compressed; decompress it first",
                assertThrows(PcapFormatException.class, () -> PacketSource.open(gz, false))
                        .getMessage());
        Path missing = dir.resolve("missing.pcap");
        assertEquals(
                missing + ": no such file",
                assertThrows(PacketIoException.class, () -> PacketSource.open(missing, false))
                        .getMessage());
        assertEquals(
                dir + ": is a directory, not a capture file",
                assertThrows(PacketIoException.class, () -> PacketSource.open(dir, false))
                        .getMessage());
    }

    @Test
    void giantCaptureLengthIsRefusedWithoutAllocating() {
        Path file = new CaptureBytes(ByteOrder.LITTLE_ENDIAN)
                .pcapHeader(false, 1)
                .u32(0)
                .u32(0)
                .u32(0x7FFF_FFF0L)
                .u32(0x7FFF_FFF0L)
                .put(new byte[32])
                .write(dir.resolve("giant.pcap"));
        try (PacketSource source = PacketSource.open(file, false)) {
            PcapFormatException e = assertThrows(PcapFormatException.class, () -> source.next(new byte[64], 0));
            assertEquals(
                    file + ": offset 32: captured length 2147483632 exceeds the maximum of 262144", e.getMessage());
            // The error sticks until reset.
            assertThrows(PcapFormatException.class, () -> source.next(new byte[64], 0));
        }
    }

    @Test
    void truncatedRecordNamesItsOffset() {
        Path file = new CaptureBytes(ByteOrder.LITTLE_ENDIAN)
                .pcapHeader(false, 1)
                .pcapRecord(0, 0, frame(60, 0), 60)
                .u32(0)
                .u32(0)
                .u32(60)
                .u32(60)
                .put(new byte[10])
                .write(dir.resolve("cut.pcap"));
        try (PacketSource source = PacketSource.open(file, false)) {
            assertEquals(60, source.next(new byte[64], 0));
            PcapFormatException e = assertThrows(PcapFormatException.class, () -> source.next(new byte[64], 0));
            assertEquals(
                    file + ": offset 108: truncated record: captured length 60 but 10 bytes left in the file",
                    e.getMessage());
            assertEquals(108, e.offset());
        }
    }

    @Test
    void tcpdumpReadsWhatTheWriterWrites() throws Exception {
        Path tcpdump = Tools.find("tcpdump");
        org.junit.jupiter.api.Assumptions.assumeTrue(tcpdump != null, "tcpdump is not installed");
        Path file = dir.resolve("for-tcpdump.pcap");
        int count = 25;
        try (PcapWriter writer = PcapWriter.create(file, false)) {
            for (int i = 0; i < count; i++) {
                writer.write(frame(60 + i, i), 0, 60 + i, 1_700_000_000_000_000_000L + i * 1_000L);
            }
        }
        Tools.Result result = Tools.run(tcpdump.toString(), "-n", "-tt", "-r", file.toString());
        assertEquals(0, result.exitCode(), result.stderr());
        // One line per packet; the indented lines are tcpdump's hex dump of these unknown EtherTypes.
        java.util.List<String> packets =
                result.stdout().lines().filter(line -> !line.startsWith("\t")).toList();
        assertEquals(count, packets.size(), result.stdout());
        assertTrue(packets.get(0).startsWith("1700000000.000000 "), packets.get(0));
        assertTrue(
                packets.get(24).startsWith("1700000000.000024 ")
                        && packets.get(24).endsWith("length 84: "),
                packets.get(24));
    }
}
