package io.jxdp.vm.xdp;

import org.jctools.queues.MpscArrayQueue;

/**
 * The frames of one RX queue, as a driver's page pool: the queue's own thread (the owner) takes
 * and recycles frames through a local stack without atomics (the kernel's page_pool "direct"
 * recycling in NAPI context); other threads (consumers) give frames back in batches through a
 * multi-producer queue, one claim per batch. Frames are made on demand up to a cap; once made they
 * are reused forever, so steady traffic allocates nothing.
 */
final class FramePool {
    private static final int LOCAL = 512;

    private final MpscArrayQueue<Frame> returned;
    private final Frame[] local = new Frame[LOCAL];
    private int localCount;
    private final int cap;
    private int made;
    private Thread owner;

    FramePool(int cap) {
        this.cap = cap;
        this.returned = new MpscArrayQueue<>(cap);
    }

    /** A free frame, or null when all {@code cap} frames are in flight. The owner thread only. */
    Frame take() {
        if (owner == null) {
            owner = Thread.currentThread();
        }
        if (localCount == 0) {
            localCount = returned.drain(f -> local[localCount++] = f, LOCAL);
        }
        if (localCount > 0) {
            Frame f = local[--localCount];
            local[localCount] = null;
            return f;
        }
        if (made < cap) {
            made++;
            return new Frame(this);
        }
        return null;
    }

    /** Returns one frame: into the local stack on the owner thread, else through the shared queue. */
    void free(Frame f) {
        if (Thread.currentThread() == owner && localCount < LOCAL) {
            local[localCount++] = f;
        } else {
            offerAll(new Frame[] {f}, 1);
        }
    }

    /** Returns {@code count} frames from another thread with one claim on the shared queue. */
    void offerAll(Frame[] frames, int count) {
        int[] next = {0};
        int done = 0;
        while (done < count) {
            int filled = returned.fill(() -> frames[next[0]++], count - done);
            if (filled == 0) {
                throw new IllegalStateException("frame pool overflow: a frame was freed twice");
            }
            done += filled;
        }
        java.util.Arrays.fill(frames, 0, count, null);
    }

    /** True if the calling thread is the pool's owner (its RX queue's thread). */
    boolean ownedByCaller() {
        return Thread.currentThread() == owner;
    }

    /** Frames made so far. */
    int made() {
        return made;
    }
}
