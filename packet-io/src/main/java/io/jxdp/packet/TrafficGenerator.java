package io.jxdp.packet;

/**
 * Synthetic traffic for the XDP runtime, deterministic from {@link TrafficProfile#seed()} and
 * written straight into the caller's frame buffer (no allocation per packet).
 *
 * <p><b>One stream, many views.</b> The traffic is a single sequence of packets 0, 1, 2, ...;
 * packet i is a pure function of the seed and i (its random choices come from a hash of i, not
 * from a generator's state). Each packet lands on an RX queue as a NIC would put it: by the
 * Toeplitz hash of its flow (Microsoft key) modulo the queue count, unless the profile's skew pins
 * it to queue 0. {@link #stream()} walks the whole sequence and reports each packet's queue;
 * {@link #stream(int)} walks it too but returns only the packets of one queue, in the same order,
 * so the per-queue views are exactly the demultiplexed single stream, a skewed queue really gets
 * more of the traffic, and {@link Stream#sequence()} tells a runtime where in the common stream
 * (in time, if it paces) each packet sits.
 *
 * <p><b>Threads.</b> The generator is immutable once built; each {@link Stream} has its own
 * cursor. Give each RX thread its own stream ({@link #next(int, byte[], int)} keeps one per queue
 * for that purpose; {@link #next(byte[], int)} keeps one for the whole sequence).
 *
 * <p>Per packet: a share {@code attackFraction} of the packets, spread evenly (packet i is one
 * when floor((i+1) f) > floor(i f)), are flood packets (UDP to 198.19.0.1 port 9 from a random
 * IPv4 source and port); the others belong to a legitimate flow chosen uniformly at random.
 * Frames are laid out by {@link FrameBuilder}.
 */
public final class TrafficGenerator {
    /** {@link Stream#next} of one queue: no packet for the queue within {@link #SCAN_LIMIT} packets of the stream. */
    public static final int NONE = -1;
    /** How far a queue's stream looks ahead for its next packet in one call (bounded work, never a hang). */
    public static final int SCAN_LIMIT = 1 << 16;
    /** The attack's victim, 198.19.0.1, and port, 9 (discard). */
    public static final int VICTIM = 0xC613_0001;

    public static final int ATTACK_PORT = 9;

    /** The attack fraction is resolved to 1e-9, so decimal fractions (0.7) are exact. */
    private static final long PARTS = 1_000_000_000L;

    private final TrafficProfile profile;
    private final Toeplitz toeplitz = Toeplitz.MICROSOFT;
    private final FlowTable flows;
    private final FrameBuilder frames;
    private final long seedKey;
    private final long attackParts;
    private final long skewThreshold;
    private final int queues;
    /** The hash of the attack's fixed fields (destination address and port). */
    private final int attackBaseHash;

    private final boolean[] queueHasTraffic;
    private final Stream all;
    private final Stream[] perQueue;

    public TrafficGenerator(TrafficProfile profile) {
        this.profile = profile;
        this.flows = new FlowTable(profile, toeplitz);
        this.frames = new FrameBuilder(profile);
        this.seedKey = SplitMix.mix(profile.seed() ^ 0x5061_636B_6574_7321L);
        this.attackParts = Math.round(profile.attackFraction() * PARTS);
        this.skewThreshold = (long) (profile.skew() * 0x1p53);
        this.queues = profile.rxQueues();
        this.attackBaseHash = toeplitz.hashInt(4, VICTIM) ^ toeplitz.hashShort(10, ATTACK_PORT);
        this.queueHasTraffic = new boolean[queues];
        for (int q = 0; q < queues; q++) {
            boolean legitimate = attackParts < PARTS && flows.flowsPerQueue[q] > 0;
            // Random sources reach every queue by hash unless all are pinned to queue 0.
            boolean attack = attackParts > 0 && (profile.skew() < 1 || q == 0);
            queueHasTraffic[q] = legitimate || attack;
        }
        this.all = new Stream(-1);
        this.perQueue = new Stream[queues];
        for (int q = 0; q < queues; q++) {
            perQueue[q] = new Stream(q);
        }
    }

    public TrafficProfile profile() {
        return profile;
    }

    /** An upper bound on the length of the frames (IPv6/TCP with the profile's tags): make sure the caller's buffers hold it. */
    public int maxFrameLength() {
        return frames.maxFrameLength();
    }

    /** The number of legitimate flows. */
    public int flowCount() {
        return flows.count;
    }

    /** The addresses, ports and protocol of a legitimate flow. */
    public FlowTuple flow(int flow) {
        java.util.Objects.checkIndex(flow, flows.count);
        return new FlowTuple(
                flows.ipv6[flow],
                flows.protocol[flow] & 0xFF,
                flows.source[flow],
                flows.destination[flow],
                flows.sourcePort[flow],
                flows.destinationPort[flow]);
    }

    /** The RX queue of a legitimate flow. */
    public int flowQueue(int flow) {
        return flows.queue[flow];
    }

    /** How many legitimate flows land on each queue (a copy). */
    public int[] flowsPerQueue() {
        return flows.flowsPerQueue.clone();
    }

    /** Whether a queue ever receives a packet (with skew 1, only queue 0 does). */
    public boolean hasTraffic(int queue) {
        return queueHasTraffic[queue];
    }

    /** A new cursor over the whole sequence, from packet 0. */
    public Stream stream() {
        return new Stream(-1);
    }

    /** A new cursor over the packets of one RX queue, from packet 0. */
    public Stream stream(int queue) {
        java.util.Objects.checkIndex(queue, queues);
        return new Stream(queue);
    }

    /** The next packet of the whole sequence, from the generator's own cursor; see {@link #lastQueue()}. */
    public int next(byte[] buffer, int offset) {
        return all.next(buffer, offset);
    }

    /** The RX queue of the packet {@link #next(byte[], int)} returned last. */
    public int lastQueue() {
        return all.queue();
    }

    /** The next packet for {@code queue}, from the generator's cursor for that queue, or {@link #NONE}. */
    public int next(int queue, byte[] buffer, int offset) {
        return perQueue[queue].next(buffer, offset);
    }

    /** Puts the generator's own cursors back at packet 0. */
    public void reset() {
        all.reset();
        for (Stream s : perQueue) {
            s.reset();
        }
    }

    /** Whether packet {@code i} is an attack packet: floor((i+1) f) > floor(i f), so n packets hold floor(n f). */
    boolean isAttack(long i) {
        return scaled(i + 1) > scaled(i);
    }

    private long scaled(long n) {
        // floor(n * attackParts / PARTS) without overflowing for any n (the JIT turns the constant divisions into
        // multiplications).
        return (n / PARTS) * attackParts + (n % PARTS) * attackParts / PARTS;
    }

    /** A cursor over the sequence, or over one queue's share of it. Not thread-safe: one per thread. */
    public final class Stream {
        private final int only;
        private long next;
        // The packet decided last.
        private long sequence = -1;
        private int queue;
        private int flow;
        private boolean attack;
        private long random;

        private Stream(int only) {
            this.only = only;
        }

        /**
         * Writes the next packet at {@code buffer[offset]}.
         *
         * @return the frame's length, or {@link #NONE} for a queue stream that found no packet for
         *     its queue within {@link #SCAN_LIMIT} packets (or whose queue never gets any); call again
         *     to look further
         * @throws IndexOutOfBoundsException the buffer cannot hold the frame (see {@link #maxFrameLength()})
         */
        public int next(byte[] buffer, int offset) {
            if (only >= 0 && !queueHasTraffic[only]) {
                return NONE;
            }
            for (int scanned = 0; scanned < SCAN_LIMIT; scanned++) {
                decide(next++);
                if (only < 0 || queue == only) {
                    return write(buffer, offset);
                }
            }
            return NONE;
        }

        /** Sets sequence, attack, flow and queue for packet i. */
        private void decide(long i) {
            sequence = i;
            long r = SplitMix.mix(seedKey + i * SplitMix.GOLDEN);
            random = r;
            attack = isAttack(i);
            if (attack) {
                flow = -1;
                boolean pinned = (SplitMix.mix(r ^ 0x5069_6E6E_6564_2121L) >>> 11) < skewThreshold;
                int hash = attackBaseHash ^ toeplitz.hashInt(0, attackSource(r)) ^ toeplitz.hashShort(8, attackPort(r));
                queue = pinned ? 0 : Toeplitz.queue(hash, queues);
            } else {
                flow = (int) (((r >>> 32) * flows.count) >>> 32);
                queue = flows.queue[flow];
            }
        }

        private int write(byte[] buffer, int offset) {
            if (attack) {
                return frames.writeIpv4(
                        buffer,
                        offset,
                        FlowTable.UDP,
                        attackSource(random),
                        VICTIM,
                        attackPort(random),
                        ATTACK_PORT,
                        0,
                        sequence);
            }
            int f = flow;
            int protocol = flows.protocol[f];
            if (flows.ipv6[f]) {
                return frames.writeIpv6(
                        buffer,
                        offset,
                        protocol,
                        FlowTable.CLIENT6_HIGH,
                        flows.source[f],
                        FlowTable.SERVER6_HIGH,
                        flows.destination[f],
                        flows.sourcePort[f],
                        flows.destinationPort[f],
                        flows.hash[f],
                        sequence);
            }
            return frames.writeIpv4(
                    buffer,
                    offset,
                    protocol,
                    (int) flows.source[f],
                    (int) flows.destination[f],
                    flows.sourcePort[f],
                    flows.destinationPort[f],
                    flows.hash[f],
                    sequence);
        }

        /** The RX queue of the last packet. */
        public int queue() {
            return queue;
        }

        /** The last packet's place in the whole sequence (0-based). */
        public long sequence() {
            return sequence;
        }

        /** Whether the last packet was an attack packet. */
        public boolean attack() {
            return attack;
        }

        /** The legitimate flow of the last packet, -1 for an attack packet. */
        public int flow() {
            return flow;
        }

        /** Back to packet 0. */
        public void reset() {
            next = 0;
            sequence = -1;
        }
    }

    private static int attackSource(long r) {
        return (int) r;
    }

    private static int attackPort(long r) {
        return (int) (r >>> 32) & 0xFFFF;
    }
}
