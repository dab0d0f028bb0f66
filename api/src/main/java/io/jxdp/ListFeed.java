package io.jxdp;

import io.jxdp.xdp.PacketFeed;
import java.util.List;

/**
 * Packets a user lists, dealt to RX queues in turn: packet {@code i} arrives on queue {@code i %
 * queues}. Each queue keeps its own position, so queues may poll on their own threads.
 */
final class ListFeed implements PacketFeed {
    private final List<byte[]> packets;
    private final int queues;
    private final int[] next;

    ListFeed(List<byte[]> packets, int queues) {
        this.packets = List.copyOf(packets);
        this.queues = queues;
        this.next = new int[queues];
        for (int q = 0; q < queues; q++) {
            next[q] = q;
        }
    }

    @Override
    public int next(int queue, byte[] buffer, int offset, int max) {
        int i = next[queue];
        if (i >= packets.size()) {
            return END;
        }
        next[queue] = i + queues;
        byte[] p = packets.get(i);
        if (p.length > max) {
            return TOO_LONG;
        }
        System.arraycopy(p, 0, buffer, offset, p.length);
        return p.length;
    }
}
