package io.jxdp.vm.xdp;

import org.jctools.queues.MpscArrayQueue;

/**
 * The frames of one RX queue, as a driver's page pool: the RX thread takes frames, any thread
 * (consumers, sinks) gives them back. Frames are made on demand up to a cap; once made they are
 * reused forever, so steady-state traffic allocates nothing.
 */
final class FramePool {
    private final MpscArrayQueue<Frame> free;
    private final int cap;
    private int made;

    FramePool(int cap) {
        this.cap = cap;
        this.free = new MpscArrayQueue<>(cap);
    }

    /** A free frame, or null when all {@code cap} frames are in flight (RX thread only). */
    Frame take() {
        Frame f = free.relaxedPoll();
        if (f == null && made < cap) {
            made++;
            f = new Frame(this);
        }
        return f;
    }

    /** Returns a frame; any thread. */
    void free(Frame f) {
        if (!free.relaxedOffer(f)) {
            throw new IllegalStateException("frame pool overflow: a frame was freed twice");
        }
    }

    /** Frames made so far. */
    int made() {
        return made;
    }

    /** Frames currently free (approximate while other threads return frames). */
    int available() {
        return free.size() + (cap - made);
    }
}
