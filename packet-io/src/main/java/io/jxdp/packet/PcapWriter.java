package io.jxdp.packet;

import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Writes frames to a classic pcap file that tcpdump and Wireshark read: little-endian,
 * microsecond timestamps (magic 0xa1b2c3d4), version 2.4, link type Ethernet, snaplen
 * {@value #SNAPLEN}. Frames longer than the snaplen are cut there and keep their full original
 * length, as a capture would.
 *
 * <p>Records are gathered in a 64 KiB buffer and written when it fills, on {@link #flush} and on
 * {@link #close}; writing a packet allocates nothing. One writer per thread: a runtime that
 * records PASS per consumer CPU opens one writer per consumer.
 *
 * <p>A writer never replaces a file by accident: {@link #create(Path, boolean)} refuses an
 * existing file unless told to overwrite it (the check and the creation are one atomic step).
 *
 * <p>A {@link FileOutputStream}, not a {@code FileChannel}, so that interrupting the writing
 * thread does not close the file under it.
 */
public final class PcapWriter implements Closeable {
    public static final int SNAPLEN = 262_144;
    static final int MAGIC_MICROS = 0xA1B2C3D4;
    static final int LINKTYPE_ETHERNET = 1;
    private static final int BUFFER_SIZE = 1 << 16;
    private static final int RECORD_HEADER = 16;

    private final String name;
    private final FileOutputStream out;
    private final byte[] buffer = new byte[BUFFER_SIZE];
    private int used;
    private long packets;
    private boolean closed;

    private PcapWriter(String name, FileOutputStream out) {
        this.name = name;
        this.out = out;
        putInt(MAGIC_MICROS);
        putShort(2);
        putShort(4);
        putInt(0); // thiszone
        putInt(0); // sigfigs
        putInt(SNAPLEN);
        putInt(LINKTYPE_ETHERNET);
    }

    /**
     * Creates the file and writes the pcap header (to the buffer; it reaches the disk with the
     * first flush).
     *
     * @param overwrite replace the file if it exists; when false an existing file is an error
     * @throws PacketIoException the file exists (and overwrite is false) or cannot be created
     */
    public static PcapWriter create(Path file, boolean overwrite) {
        String name = file.toString();
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new PacketIoException(name, "cannot create: the directory does not exist");
        }
        if (Files.isDirectory(file)) {
            throw new PacketIoException(name, "is a directory");
        }
        try {
            if (!overwrite) {
                // Atomic: fails if the file exists, even if it appeared a moment ago.
                Files.createFile(file);
            }
            return new PcapWriter(name, new FileOutputStream(file.toFile()));
        } catch (FileAlreadyExistsException e) {
            throw new PacketIoException(name, "already exists; refusing to overwrite it");
        } catch (NoSuchFileException e) {
            throw new PacketIoException(name, "cannot create: the directory does not exist");
        } catch (AccessDeniedException e) {
            throw new PacketIoException(name, "cannot create: permission denied");
        } catch (IOException e) {
            throw new PacketIoException(name, "cannot create: " + e.getMessage(), e);
        }
    }

    /** Writes a frame that was not truncated: its original length is its length. */
    public void write(byte[] frame, int offset, int length, long timestampNanos) {
        write(frame, offset, length, length, timestampNanos);
    }

    /**
     * Writes one record.
     *
     * @param originalLength the frame's length on the wire (at least {@code length})
     * @param timestampNanos nanoseconds since the Unix epoch; stored as seconds and
     *     microseconds (truncated), clamped to the 32-bit seconds pcap can hold
     */
    public void write(byte[] frame, int offset, int length, int originalLength, long timestampNanos) {
        if (closed) {
            throw new IllegalStateException(name + ": writer is closed");
        }
        java.util.Objects.checkFromIndexSize(offset, length, frame.length);
        int captured = Math.min(length, SNAPLEN);
        long seconds = Math.floorDiv(timestampNanos, 1_000_000_000L);
        long micros = Math.floorMod(timestampNanos, 1_000_000_000L) / 1_000L;
        if (seconds < 0) {
            seconds = 0;
            micros = 0;
        } else if (seconds > 0xFFFF_FFFFL) {
            seconds = 0xFFFF_FFFFL;
            micros = 999_999;
        }
        if (BUFFER_SIZE - used < RECORD_HEADER) {
            flush();
        }
        putInt((int) seconds);
        putInt((int) micros);
        putInt(captured);
        putInt(Math.max(originalLength, length));
        while (captured > 0) {
            if (used == BUFFER_SIZE) {
                flush();
            }
            int n = Math.min(captured, BUFFER_SIZE - used);
            System.arraycopy(frame, offset, buffer, used, n);
            used += n;
            offset += n;
            captured -= n;
        }
        packets++;
    }

    /** Records written so far. */
    public long packets() {
        return packets;
    }

    public String name() {
        return name;
    }

    /** Hands everything buffered to the operating system. */
    public void flush() {
        try {
            out.write(buffer, 0, used);
        } catch (IOException e) {
            throw new PacketIoException(name, "write failed: " + e.getMessage(), e);
        }
        used = 0;
    }

    /** Flushes and closes; closing twice does nothing. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        // the stream closes even when the flush fails; a flush failure wins over a close failure
        try (out) {
            flush();
        } catch (IOException e) {
            throw new PacketIoException(name, "close failed: " + e.getMessage(), e);
        }
    }

    private void putInt(int v) {
        buffer[used] = (byte) v;
        buffer[used + 1] = (byte) (v >>> 8);
        buffer[used + 2] = (byte) (v >>> 16);
        buffer[used + 3] = (byte) (v >>> 24);
        used += 4;
    }

    private void putShort(int v) {
        buffer[used] = (byte) v;
        buffer[used + 1] = (byte) (v >>> 8);
        used += 2;
    }
}
