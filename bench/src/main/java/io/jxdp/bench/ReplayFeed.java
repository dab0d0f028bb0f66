package io.jxdp.bench;

import io.jxdp.packet.TrafficProfile;
import io.jxdp.xdp.GeneratorFeed;
import io.jxdp.xdp.PacketFeed;

/**
 * Generated frames replayed at line rate, as pktgen replays its templates: {@code distinct}
 * frames per queue are generated once, then copied into each frame buffer in turn (a NIC writes
 * every frame it receives, so the copy stays), up to {@code total} per queue. Generating each
 * frame afresh costs more than everything else on the RX path, which would measure the generator.
 */
final class ReplayFeed implements PacketFeed {
    private final byte[][] frames;
    private final int[][] lengths;
    private final int stride;
    private final long[] sent;
    private final long total;

    ReplayFeed(TrafficProfile profile, int distinct, long totalPerQueue) {
        int queues = profile.rxQueues();
        this.stride = Math.max(64, profile.frameSize());
        this.frames = new byte[queues][distinct * stride];
        this.lengths = new int[queues][distinct];
        this.sent = new long[queues];
        this.total = totalPerQueue;
        GeneratorFeed source = new GeneratorFeed(profile, Long.MAX_VALUE);
        for (int q = 0; q < queues; q++) {
            for (int i = 0; i < distinct; i++) {
                int len = source.next(q, frames[q], i * stride, stride);
                lengths[q][i] = Math.max(0, len);
            }
        }
    }

    @Override
    public int next(int queue, byte[] buffer, int offset, int max) {
        long n = sent[queue];
        if (n >= total) {
            return END;
        }
        sent[queue] = n + 1;
        int[] lens = lengths[queue];
        int i = (int) (n % lens.length);
        int len = lens[i];
        System.arraycopy(frames[queue], i * stride, buffer, offset, len);
        return len;
    }
}
