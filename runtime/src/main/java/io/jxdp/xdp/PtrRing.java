package io.jxdp.xdp;

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
    private static final VarHandle INTS = MethodHandles.arrayElementVarHandle(int[].class);
    /** {@code SMP_CACHE_BYTES * 2 / sizeof(void *)}. */
    private static final int CACHE_BATCH = 16;

    /**
     * The indices, each on a cache line of its own as the kernel aligns them
     * (____cacheline_aligned_in_smp): the producer's index and the consumer's head and tail would
     * otherwise share a line that every frame moves between the two cores.
     */
    private static final int LOCK = 16;

    private static final int PRODUCER = 17;
    private static final int CONSUMER_HEAD = 48;
    private static final int CONSUMER_TAIL = 49;

    private final Object[] queue;
    private final int size;
    private final int batch;
    private final int[] index = new int[80];

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
    int produceAll(Frame[] frames, int from, int count, java.util.function.Consumer<Frame> dropped) {
        int produced = 0;
        // the kernel's producer_lock is a spinlock; so is this, kept in the padded index array so that
        // taking it touches no line the consumer reads
        while (!INTS.compareAndSet(index, LOCK, 0, 1)) {
            Thread.onSpinWait();
        }
        try {
            for (int i = from; i < from + count; i++) {
                Frame f = frames[i];
                frames[i] = null;
                int producer = index[PRODUCER];
                if (SLOTS.getAcquire(queue, producer) != null) {
                    dropped.accept(f);
                    continue;
                }
                SLOTS.setRelease(queue, producer, f);
                index[PRODUCER] = producer + 1 >= size ? 0 : producer + 1;
                produced++;
            }
        } finally {
            INTS.setRelease(index, LOCK, 0);
        }
        return produced;
    }

    /** {@code __ptr_ring_empty}: true if the consumer has nothing to take (racy for producers). */
    boolean isEmpty() {
        return SLOTS.getAcquire(queue, index[CONSUMER_HEAD]) == null;
    }

    /**
     * {@code __ptr_ring_consume_batched}: takes up to {@code max} entries into {@code out} from
     * index {@code at}, consumer thread only.
     *
     * @return the number taken
     */
    int consume(Frame[] out, int at, int max) {
        int n = 0;
        int head = index[CONSUMER_HEAD];
        int tail = index[CONSUMER_TAIL];
        while (n < max) {
            Frame f = (Frame) SLOTS.getAcquire(queue, head);
            if (f == null) {
                break;
            }
            out[at + n++] = f;
            // __ptr_ring_discard_one: advance, and NULL the consumed slots a batch at a time
            int consumed = head++;
            if (head - tail >= batch || head >= size) {
                // reverse order, as the kernel does, so a producer spinning on the first slot sees it last
                while (consumed >= tail) {
                    SLOTS.setRelease(queue, consumed--, null);
                }
                tail = head;
            }
            if (head >= size) {
                head = 0;
                tail = 0;
            }
        }
        index[CONSUMER_HEAD] = head;
        index[CONSUMER_TAIL] = tail;
        return n;
    }
}
