package io.jxdp.xdp;

import io.jxdp.packet.PacketSource;
import io.jxdp.packet.Toeplitz;
import java.nio.file.Path;

/**
 * A capture file as RX queues receive it: each packet goes to the queue a NIC's RSS would pick
 * (the Toeplitz hash of its 5-tuple with the Microsoft key, modulo the queue count). Every queue
 * reads the file with its own reader and keeps its share, so queues can run on their own threads
 * and the split does not depend on timing. In loop mode the file restarts at its end; {@code
 * total} caps the packets taken from the (looped) file over all queues.
 */
public final class CaptureFeed implements PacketFeed, AutoCloseable {
    private final PacketSource[] readers;
    private final long[] position;
    private final long total;
    private final int queues;

    public CaptureFeed(Path file, int queues, boolean loop, long total) {
        this.queues = queues;
        this.readers = new PacketSource[queues];
        this.position = new long[queues];
        this.total = total;
        for (int q = 0; q < queues; q++) {
            readers[q] = PacketSource.open(file, loop);
        }
    }

    @Override
    public int next(int queue, byte[] buffer, int offset, int max) {
        PacketSource r = readers[queue];
        for (; ; ) {
            if (position[queue] >= total) {
                return END;
            }
            int len = r.next(buffer, offset, max);
            if (len == PacketSource.END) {
                return END;
            }
            position[queue]++;
            int hashed = len == PacketSource.TOO_LONG ? max : len;
            if (queues == 1 || Toeplitz.queue(Toeplitz.MICROSOFT.hashFrame(buffer, offset, hashed), queues) == queue) {
                return len == PacketSource.TOO_LONG ? TOO_LONG : len;
            }
        }
    }

    @Override
    public long timestampNanos(int queue) {
        return readers[queue].timestampNanos();
    }

    @Override
    public void close() throws java.io.IOException {
        for (PacketSource r : readers) {
            r.close();
        }
    }
}
