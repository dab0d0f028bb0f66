package io.jxdp.xdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The kernel's ptr_ring rules, exactly: capacity, lazy batch zeroing, early "full", order. */
class PtrRingTest {
    private final FramePool pool = new FramePool(4096);

    private Frame[] frames(int n) {
        Frame[] f = new Frame[n];
        for (int i = 0; i < n; i++) {
            f[i] = pool.take();
        }
        return f;
    }

    @Test
    void aRingHoldsExactlyItsSizeAndKeepsOrder() {
        PtrRing ring = new PtrRing(8);
        Frame[] in = frames(10);
        List<Frame> dropped = new ArrayList<>();
        Frame[] batch = in.clone();
        assertEquals(8, ring.produceAll(batch, 0, 10, dropped::add));
        assertEquals(List.of(in[8], in[9]), dropped);
        Frame[] out = new Frame[8];
        assertEquals(8, ring.consume(out, 0, 8));
        for (int i = 0; i < 8; i++) {
            assertSame(in[i], out[i]);
        }
        assertTrue(ring.isEmpty());
    }

    @Test
    void consumedSlotsFreeUpABatchAtATimeSoProducersSeeFullEarly() {
        // qsize 64: batch 16 (SMP_CACHE_BYTES * 2 / sizeof(void *)); slots are NULLed every 16 consumed
        PtrRing ring = new PtrRing(64);
        List<Frame> dropped = new ArrayList<>();
        assertEquals(64, ring.produceAll(frames(64), 0, 64, dropped::add));
        Frame[] out = new Frame[64];
        assertEquals(15, ring.consume(out, 0, 15));
        // 15 consumed, none NULLed yet: the slot at the producer index is still taken
        assertEquals(0, ring.produceAll(frames(1), 0, 1, dropped::add));
        assertEquals(1, ring.consume(out, 0, 1));
        // the 16th frees all sixteen slots at once
        assertEquals(16, ring.produceAll(frames(17), 0, 17, dropped::add));
        assertEquals(2, dropped.size());
    }

    @Test
    void smallRingsFreeEverySlotAtOnce() {
        // qsize 16: batch 16 > 16 / 2, so the kernel uses 1
        PtrRing ring = new PtrRing(16);
        List<Frame> dropped = new ArrayList<>();
        assertEquals(16, ring.produceAll(frames(16), 0, 16, dropped::add));
        assertEquals(1, ring.consume(new Frame[1], 0, 1));
        assertEquals(1, ring.produceAll(frames(1), 0, 1, dropped::add));
        assertEquals(0, dropped.size());
    }
}
