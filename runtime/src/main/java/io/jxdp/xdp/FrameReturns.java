package io.jxdp.xdp;

/**
 * A consumer thread's frames on their way back to the pools they came from, a batch per pool, so a
 * pool's shared queue sees one claim per batch rather than one per frame. The thread flushes
 * after each round of work; frames of a pool the thread owns go straight back.
 */
final class FrameReturns {
    private static final int BATCH = 64;

    private FramePool[] pools = new FramePool[2];
    private Frame[][] batches = new Frame[2][];
    private int[] counts = new int[2];
    private int used;

    void give(Frame f) {
        FramePool pool = f.pool;
        if (pool.ownedByCaller()) {
            pool.free(f);
            return;
        }
        int i = 0;
        while (i < used && pools[i] != pool) {
            i++;
        }
        if (i == used) {
            grow();
            pools[i] = pool;
            batches[i] = Padding.frames(BATCH);
            used++;
        }
        batches[i][Padding.REFS + counts[i]++] = f;
        if (counts[i] == BATCH) {
            pool.offerAll(batches[i], Padding.REFS, BATCH);
            counts[i] = 0;
        }
    }

    /** Gives every frame held back to its pool. */
    void flush() {
        for (int i = 0; i < used; i++) {
            if (counts[i] > 0) {
                pools[i].offerAll(batches[i], Padding.REFS, counts[i]);
                counts[i] = 0;
            }
        }
    }

    private void grow() {
        if (used == pools.length) {
            pools = java.util.Arrays.copyOf(pools, used * 2);
            batches = java.util.Arrays.copyOf(batches, used * 2);
            counts = java.util.Arrays.copyOf(counts, used * 2);
        }
    }
}
