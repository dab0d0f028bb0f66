package io.jxdp.packet;

import java.io.Closeable;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A buffered, seekable view of a capture file with the field readers both formats need: unsigned
 * integers in the file's byte order, bulk copies into a caller's buffer, skips and seeks. It
 * knows the file's size (taken at open), so callers check a length against what is left before
 * they trust it: nothing here allocates by a length read from the file.
 *
 * <p>Every problem is reported as a {@link PcapFormatException} at a byte offset (truncation) or
 * a {@link PacketIoException} (the operating system failed), never as an {@link IOException}.
 *
 * <p>A {@link RandomAccessFile} rather than a {@code FileChannel}: a channel is closed for good
 * when its thread is interrupted, and a runtime may well interrupt its RX threads.
 */
final class FileInput implements Closeable {
    /** Large enough that most blocks and records are served from memory; small enough to not matter. */
    private static final int BUFFER_SIZE = 1 << 16;

    private final String name;
    private final RandomAccessFile file;
    private final long size;
    private final byte[] buffer = new byte[BUFFER_SIZE];
    /** File offset of buffer[0]. */
    private long bufferStart;

    private int pos;
    private int limit;
    private boolean bigEndian;

    private FileInput(String name, RandomAccessFile file, long size) {
        this.name = name;
        this.file = file;
        this.size = size;
    }

    static FileInput open(Path path) {
        String name = path.toString();
        if (Files.isDirectory(path)) {
            throw new PacketIoException(name, "is a directory, not a capture file");
        }
        if (Files.exists(path) && !Files.isRegularFile(path)) {
            // Pipes and devices cannot seek, and reset/loop need to.
            throw new PacketIoException(name, "not a regular file (pipes and devices are not supported)");
        }
        if (!Files.exists(path)) {
            throw new PacketIoException(name, "no such file");
        }
        if (!Files.isReadable(path)) {
            throw new PacketIoException(name, "permission denied");
        }
        RandomAccessFile file = null;
        try {
            file = new RandomAccessFile(path.toFile(), "r");
            return new FileInput(name, file, file.length());
        } catch (FileNotFoundException e) {
            throw new PacketIoException(name, "cannot open: " + e.getMessage(), e);
        } catch (IOException e) {
            closeQuietly(file);
            throw new PacketIoException(name, "cannot open: " + e.getMessage(), e);
        }
    }

    String name() {
        return name;
    }

    long size() {
        return size;
    }

    long offset() {
        return bufferStart + pos;
    }

    long remaining() {
        return size - offset();
    }

    void bigEndian(boolean bigEndian) {
        this.bigEndian = bigEndian;
    }

    boolean bigEndian() {
        return bigEndian;
    }

    PcapFormatException error(long offset, String reason) {
        return new PcapFormatException(name, offset, reason);
    }

    /** Fails unless {@code n} more bytes exist; {@code what} names them for the message. */
    void need(long n, String what) {
        long left = remaining();
        if (left < n) {
            throw error(
                    offset(),
                    "truncated " + what + ": " + n + " bytes needed, " + Math.max(left, 0) + " left in the file");
        }
    }

    int u8() {
        fill(1);
        return buffer[pos++] & 0xFF;
    }

    int u16() {
        fill(2);
        int a = buffer[pos] & 0xFF;
        int b = buffer[pos + 1] & 0xFF;
        pos += 2;
        return bigEndian ? a << 8 | b : b << 8 | a;
    }

    /** An unsigned 32-bit field, as a non-negative long. */
    long u32() {
        return i32() & 0xFFFF_FFFFL;
    }

    int i32() {
        fill(4);
        int v = bigEndian ? beInt(pos) : Integer.reverseBytes(beInt(pos));
        pos += 4;
        return v;
    }

    /** Four bytes in file order, whatever the byte order: for magics. */
    int rawBigEndian32() {
        fill(4);
        int v = beInt(pos);
        pos += 4;
        return v;
    }

    long i64() {
        long a = i32() & 0xFFFF_FFFFL;
        long b = i32() & 0xFFFF_FFFFL;
        return bigEndian ? a << 32 | b : b << 32 | a;
    }

    /** Copies {@code length} bytes from the file into {@code dst}. */
    void read(byte[] dst, int offset, int length) {
        while (length > 0) {
            if (pos == limit) {
                fill(1);
            }
            int n = Math.min(length, limit - pos);
            System.arraycopy(buffer, pos, dst, offset, n);
            pos += n;
            offset += n;
            length -= n;
        }
    }

    void skip(long n) {
        seek(offset() + n);
    }

    void seek(long offset) {
        if (offset >= bufferStart && offset <= bufferStart + limit) {
            pos = (int) (offset - bufferStart);
        } else {
            bufferStart = offset;
            pos = 0;
            limit = 0;
        }
    }

    private int beInt(int at) {
        return (buffer[at] & 0xFF) << 24
                | (buffer[at + 1] & 0xFF) << 16
                | (buffer[at + 2] & 0xFF) << 8
                | (buffer[at + 3] & 0xFF);
    }

    /** Makes at least {@code n} (at most the buffer size) bytes available at pos. */
    private void fill(int n) {
        if (limit - pos >= n) {
            return;
        }
        int kept = limit - pos;
        System.arraycopy(buffer, pos, buffer, 0, kept);
        bufferStart += pos;
        pos = 0;
        limit = kept;
        try {
            while (limit < n) {
                file.seek(bufferStart + limit);
                int read = file.read(buffer, limit, buffer.length - limit);
                if (read < 0) {
                    // Callers check lengths against the size first, so only a file that shrank lands here.
                    throw error(bufferStart + limit, "unexpected end of file (did the file shrink while being read?)");
                }
                limit += read;
            }
        } catch (IOException e) {
            throw new PacketIoException(
                    name, "read failed at offset " + (bufferStart + limit) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            file.close();
        } catch (IOException e) {
            throw new PacketIoException(name, "close failed: " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(RandomAccessFile file) {
        if (file != null) {
            try {
                file.close();
            } catch (IOException ignored) {
                // already failing with a better message
            }
        }
    }
}
