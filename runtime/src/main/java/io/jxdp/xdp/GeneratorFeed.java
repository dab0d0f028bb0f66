package io.jxdp.xdp;

import io.jxdp.packet.TrafficGenerator;
import io.jxdp.packet.TrafficProfile;

/**
 * Generated traffic as RX queues receive it: the first {@code total} packets of the generator's
 * single stream, each on the queue its RSS hash (and skew) gives it. Each queue reads its own
 * stream, so queues can run on their own threads; the result does not depend on how they interleave.
 */
public final class GeneratorFeed implements PacketFeed {
    private final TrafficGenerator.Stream[] streams;
    private final long total;

    /** @param total packets of the single stream to deliver (over all queues); Long.MAX_VALUE for endless */
    public GeneratorFeed(TrafficProfile profile, long total) {
        TrafficGenerator g = new TrafficGenerator(profile);
        this.streams = new TrafficGenerator.Stream[profile.rxQueues()];
        for (int q = 0; q < streams.length; q++) {
            streams[q] = g.stream(q);
        }
        this.total = total;
    }

    @Override
    public int next(int queue, byte[] buffer, int offset, int max) {
        TrafficGenerator.Stream s = streams[queue];
        int len = s.next(buffer, offset);
        if (len == TrafficGenerator.NONE || s.sequence() >= total) {
            return END;
        }
        return len > max ? TOO_LONG : len;
    }
}
