package io.jxdp.xdp;

import org.jctools.queues.MpscArrayQueue;

/**
 * The frames of one RX queue, as a driver's page pool: the queue's own thread (the owner) takes
 * and recycles frames through a local stack without atomics (the kernel's page_pool "direct"
 * recycling in NAPI context); other threads (consumers) give frames back in batches through a
 * multi-producer queue, one claim per batch. Frames are made on demand up to a cap; once made they
 * are reused forever, so steady traffic allocates nothing.
 *
 * <p>This object is only read after set-up (consumers read it for every frame they return); what
 * the owner changes per frame lives in {@link Local}, on cache lines of its own.
 */
final class FramePool {
    private static final int LOCAL = 512;

    private final MpscArrayQueue<Frame> returned;
    private final int cap;
    private final Local local = new Local();
    private volatile Thread owner;

    /** The owner's stack of free frames: written for every frame, by the owner only. */
    @SuppressWarnings("UnusedVariable") // p00-q07 are padding: never read, they keep other data off these cache lines
    private static final class Local {
        long p00, p01, p02, p03, p04, p05, p06, p07;
        final Frame[] frames = Padding.frames(LOCAL);
        int count;
        int made;
        long q00, q01, q02, q03, q04, q05, q06, q07;
    }

    FramePool(int cap) {
        this.cap = cap;
        this.returned = new MpscArrayQueue<>(cap);
    }

    /** A free frame, or null when all {@code cap} frames are in flight. The owner thread only. */
    Frame take() {
        if (owner == null) {
            owner = Thread.currentThread();
        }
        Local l = local;
        if (l.count == 0) {
            l.count = returned.drain(f -> l.frames[Padding.REFS + l.count++] = f, LOCAL);
        }
        if (l.count > 0) {
            int i = Padding.REFS + --l.count;
            Frame f = l.frames[i];
            l.frames[i] = null;
            return f;
        }
        if (l.made < cap) {
            l.made++;
            return new Frame(this);
        }
        return null;
    }

    /** Returns one frame: into the local stack on the owner thread, else through the shared queue. */
    void free(Frame f) {
        Local l = local;
        if (Thread.currentThread() == owner && l.count < LOCAL) {
            l.frames[Padding.REFS + l.count++] = f;
        } else {
            offerAll(new Frame[] {f}, 0, 1);
        }
    }

    /** Returns {@code frames[from, from + count)} from another thread with one claim on the shared queue. */
    void offerAll(Frame[] frames, int from, int count) {
        int[] next = {from};
        int done = 0;
        while (done < count) {
            int filled = returned.fill(() -> frames[next[0]++], count - done);
            if (filled == 0) {
                throw new IllegalStateException("frame pool overflow: a frame was freed twice");
            }
            done += filled;
        }
        java.util.Arrays.fill(frames, from, from + count, null);
    }

    /** True if the calling thread is the pool's owner (its RX queue's thread). */
    boolean ownedByCaller() {
        return Thread.currentThread() == owner;
    }

    /** Frames made so far (the owner's view). */
    int made() {
        return local.made;
    }
}
