package io.jxdp.xdp;

/**
 * Where RX queues get packets: a capture file, a generator. A feed copies the next packet destined
 * to a queue straight into a frame buffer; it is called by one thread per queue, and a feed used by
 * several queues must keep per-queue state apart.
 */
public interface PacketFeed {
    /** {@link #next} result: no more packets for this queue. */
    int END = -1;
    /** {@link #next} result: the next packet was longer than {@code max} and was skipped. */
    int TOO_LONG = -2;

    /**
     * Copies the next packet for {@code queue} into {@code buffer} at {@code offset}.
     *
     * @return its length, {@link #END} or {@link #TOO_LONG}
     */
    int next(int queue, byte[] buffer, int offset, int max);

    /** The capture timestamp of the packet {@link #next} returned last for {@code queue}, in ns. */
    default long timestampNanos(int queue) {
        return 0;
    }
}
