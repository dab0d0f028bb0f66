package io.jxdp.packet;

import static io.jxdp.packet.CaptureBytes.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Broken captures fed to the readers: every prefix of small files, seeded random byte changes,
 * and lengths that lie at every field position. Whatever the bytes, reading must end with the
 * end of the file or one {@link PcapFormatException} naming the file and an offset inside it;
 * never another exception, never a hang, never a huge allocation.
 */
// A hang guard, not a speed target: every case is far under a millisecond; speed is measured by benchmarks.
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class CaptureFuzzTest {
    private static final long[] LIES = {0, 1, 12, 28, 0x7FFF_FFFFL, 0xFFFF_FFFCL, 262_145, 0x0A0D_0D0AL};

    @TempDir
    Path dir;

    private final Map<String, byte[]> samples = new LinkedHashMap<>();
    private Path file;
    private final byte[] buffer = new byte[4096];
    private long cases;
    private long errors;

    @BeforeEach
    void samples() {
        file = dir.resolve("fuzz.cap");
        samples.put(
                "pcap-le-us",
                new CaptureBytes(ByteOrder.LITTLE_ENDIAN)
                        .pcapHeader(false, 1)
                        .pcapRecord(1, 2, frame(60, 0), 60)
                        .pcapRecord(3, 4, frame(0, 1), 0)
                        .pcapRecord(5, 6, frame(130, 2), 200)
                        .bytes());
        samples.put(
                "pcap-be-ns-fcs",
                new CaptureBytes(ByteOrder.BIG_ENDIAN)
                        .pcapHeader(true, 0x2400_0001)
                        .pcapRecord(1, 2, frame(64, 0), 64)
                        .pcapRecord(3, 4, frame(70, 1), 70)
                        .bytes());
        byte[] sll = new CaptureBytes(ByteOrder.BIG_ENDIAN)
                .u16(0)
                .u16(1)
                .u16(6)
                .put(new byte[8])
                .u16(0x0800)
                .put(frame(30, 5))
                .bytes();
        samples.put(
                "pcap-sll",
                new CaptureBytes(ByteOrder.LITTLE_ENDIAN)
                        .pcapHeader(false, 113)
                        .pcapRecord(1, 2, sll, 46)
                        .pcapRecord(1, 2, frame(16, 0), 16)
                        .bytes());
        samples.put("pcapng-le", CaptureBytes.sampleNg(ByteOrder.LITTLE_ENDIAN));
        samples.put("pcapng-be", CaptureBytes.sampleNg(ByteOrder.BIG_ENDIAN));
    }

    @Test
    void everyPrefixEndsCleanlyOrWithOneFormatError() throws IOException {
        for (Map.Entry<String, byte[]> sample : samples.entrySet()) {
            byte[] bytes = sample.getValue();
            for (int cut = 0; cut <= bytes.length; cut++) {
                check(sample.getKey() + " cut at " + cut, java.util.Arrays.copyOf(bytes, cut));
            }
        }
        assertTrue(errors > 0 && errors < cases, errors + " errors in " + cases + " cases");
    }

    @Test
    void randomByteChangesEndCleanlyOrWithOneFormatError() throws IOException {
        Random random = new Random(0x6A786470L);
        for (Map.Entry<String, byte[]> sample : samples.entrySet()) {
            for (int round = 0; round < 500; round++) {
                byte[] bytes = sample.getValue().clone();
                int changes = 1 + random.nextInt(4);
                StringBuilder what = new StringBuilder(sample.getKey())
                        .append(" round ")
                        .append(round)
                        .append(':');
                for (int c = 0; c < changes; c++) {
                    int at = random.nextInt(bytes.length);
                    bytes[at] = random.nextBoolean()
                            ? (byte) random.nextInt(256)
                            : (byte) (bytes[at] ^ (1 << random.nextInt(8)));
                    what.append(' ').append(at);
                }
                check(what.toString(), bytes);
            }
        }
        assertTrue(errors > 0, "the mutations found no error at all: the fuzzer is not fuzzing");
    }

    @Test
    void lyingLengthsAtEveryFieldEndCleanlyOrWithOneFormatError() throws IOException {
        for (Map.Entry<String, byte[]> sample : samples.entrySet()) {
            byte[] original = sample.getValue();
            // Every field of both formats starts on a 4-byte boundary or inside such a word.
            for (int at = 0; at + 4 <= original.length; at += 4) {
                for (long lie : LIES) {
                    // Lie in the sample's own byte order (section 2 of the pcapng samples gets the other order's lies).
                    ByteOrder order = sample.getKey().contains("-be") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
                    byte[] bytes = original.clone();
                    ByteBuffer.wrap(bytes).order(order).putInt(at, (int) lie);
                    check(sample.getKey() + " " + lie + " at " + at, bytes);
                }
            }
        }
    }

    /** Reads the whole file (and loops over it if that went well), with a small and a large capacity in turn. */
    private void check(String what, byte[] bytes) throws IOException {
        // Overwrite in place: truncating to 0 and rewriting makes ext4 flush on close (auto_da_alloc), ~ms per case.
        try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
            out.write(bytes);
            out.setLength(bytes.length);
        }
        cases++;
        boolean failed = readAll(what, bytes.length, false);
        if (!failed) {
            // A file that reads cleanly must also loop without spinning or failing.
            failed = readAll(what + " (loop)", bytes.length, true);
        }
        if (failed) {
            errors++;
        }
    }

    private boolean readAll(String what, long size, boolean loop) {
        // No record or block is smaller than 12 bytes, so no honest file yields more packets than this.
        long bound = size / 12 + 2;
        try (PacketSource source = PacketSource.open(file, loop)) {
            int capacity = 80;
            for (long calls = 0; calls < 3 * bound; calls++) {
                int status = source.next(buffer, 256, capacity);
                if (status == PacketSource.END) {
                    return false;
                }
                assertTrue(
                        (status >= 0 && status <= capacity) || status == PacketSource.TOO_LONG,
                        what + ": status " + status);
                capacity = capacity == 80 ? 3000 : 80;
                if (!loop && calls > bound) {
                    fail(what + ": more packets than the file can hold");
                }
            }
            assertTrue(loop, what + ": did not end");
            return false;
        } catch (PcapFormatException e) {
            String message = e.getMessage();
            assertEquals(-1, message.indexOf('\n'), what + ": message on more than one line: " + message);
            assertTrue(message.startsWith(file + ": offset " + e.offset() + ": "), what + ": " + message);
            assertTrue(e.offset() >= 0 && e.offset() <= size, what + ": offset outside the file: " + message);
            return true;
        } catch (Throwable t) {
            throw new AssertionError(what + ": " + t, t);
        }
    }
}
