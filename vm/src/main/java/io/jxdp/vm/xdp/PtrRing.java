package io.jxdp.vm.xdp;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The kernel's {@code ptr_ring} (include/linux/ptr_ring.h) with exactly its capacity rules: a
 * slot is free when it holds NULL; producers serialise on a lock (the kernel's
 * {@code producer_lock}) and fail with "full" when the slot at the producer index is taken; the
 * single consumer NULLs consumed slots lazily, {@code batch} at a time (16 for rings of 32 slots
 * or more, else 1), so a producer may see the ring full up to 15 slots early, as in the kernel.
 */
final class PtrRing {
    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(Object[].class);
    /** {@code SMP_CACHE_BYTES * 2 / sizeof(void *)}. */
    private static final int CACHE_BATCH = 16;

    private final Object[] queue;
    private final int size;
    private final int batch;
    private int producer;
    private int consumerHead;
    private int consumerTail;

    PtrRing(int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("ring size " + size);
        }
        this.size = size;
        this.queue = new Object[size];
        int b = CACHE_BATCH;
        this.batch = b > size / 2 ? 1 : b;
    }

    int size() {
        return size;
    }

    /**
     * {@code __ptr_ring_produce} under the producer lock for a batch of frames, as
     * {@code bq_flush_to_queue} does: each frame that finds its slot taken is handed to
     * {@code dropped} instead.
     *
     * @return how many of the {@code count} frames entered the ring
     */
    int produceAll(Frame[] frames, int count, java.util.function.Consumer<Frame> dropped) {
        int produced = 0;
        synchronized (this) {
            for (int i = 0; i < count; i++) {
                Frame f = frames[i];
                frames[i] = null;
                if (SLOTS.getAcquire(queue, producer) != null) {
                    dropped.accept(f);
                    continue;
                }
                SLOTS.setRelease(queue, producer, f);
                if (++producer >= size) {
                    producer = 0;
                }
                produced++;
            }
        }
        return produced;
    }

    /** {@code __ptr_ring_empty}: true if the consumer has nothing to take (racy for producers). */
    boolean isEmpty() {
        return SLOTS.getAcquire(queue, consumerHead) == null;
    }

    /**
     * {@code __ptr_ring_consume_batched}: takes up to {@code max} entries, consumer thread only.
     *
     * @return the number taken into {@code out}
     */
    int consume(Frame[] out, int max) {
        int n = 0;
        while (n < max) {
            Frame f = (Frame) SLOTS.getAcquire(queue, consumerHead);
            if (f == null) {
                break;
            }
            out[n++] = f;
            discardOne();
        }
        return n;
    }

    /** {@code __ptr_ring_discard_one}: advance, and NULL the consumed slots a batch at a time. */
    private void discardOne() {
        int head = consumerHead++;
        if (consumerHead - consumerTail >= batch || consumerHead >= size) {
            // reverse order, as the kernel does, so a producer spinning on the first slot sees it last
            while (head >= consumerTail) {
                SLOTS.setRelease(queue, head--, null);
            }
            consumerTail = consumerHead;
        }
        if (consumerHead >= size) {
            consumerHead = 0;
            consumerTail = 0;
        }
    }
}
