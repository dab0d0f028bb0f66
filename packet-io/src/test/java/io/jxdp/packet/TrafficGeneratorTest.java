package io.jxdp.packet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxdp.isa.JxdpException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The traffic generator: frames, checksums, RSS queues, skew, the attack mix, determinism. */
class TrafficGeneratorTest {
    private static final int HEADROOM = 256;

    @TempDir
    Path dir;

    private final byte[] buffer = new byte[4096];

    private static TrafficProfile.Builder mixed() {
        return TrafficProfile.builder()
                .seed(42)
                .flows(300)
                .ipv6Fraction(0.4)
                .protocolMix(2, 1, 1)
                .rxQueues(4);
    }

    @Test
    void everyFrameIsWellFormedWithCorrectChecksums() {
        int[][] vlans = {{}, {100}, {10, 20}};
        for (int frameSize : new int[] {60, 61, 99, 1514}) {
            for (int[] vlan : vlans) {
                TrafficGenerator generator = new TrafficGenerator(mixed().frameSize(frameSize)
                        .vlan(vlan)
                        .attackFraction(0.1)
                        .build());
                for (int i = 0; i < 2000; i++) {
                    int length = generator.next(buffer, HEADROOM);
                    String what = "frame " + i + " size " + frameSize + " vlan " + Arrays.toString(vlan);
                    ParsedFrame f = ParsedFrame.parse(buffer, HEADROOM, length);
                    int headers = 14 + 4 * vlan.length + (f.ipVersion() == 4 ? 20 : 40) + (f.protocol() == 6 ? 20 : 8);
                    assertEquals(Math.max(frameSize, headers), length, what);
                    assertTrue(length <= generator.maxFrameLength(), what);
                    assertEquals(0xFFFF, f.ipChecksumSum(), what + ": IPv4 header checksum");
                    assertEquals(0xFFFF, f.l4ChecksumSum(), what + ": " + f.protocol() + " checksum");
                    if (f.protocol() == 17) {
                        assertNotEquals(0, f.l4ChecksumField(), what + ": UDP checksums are never left out");
                    }
                    assertEquals(Arrays.stream(vlan).boxed().toList(), f.vlanIds(), what);
                    assertEquals(
                            vlan.length == 2 ? List.of(0x88A8, 0x8100) : vlan.length == 1 ? List.of(0x8100) : List.of(),
                            f.vlanTpids(),
                            what);
                    assertTrue(f.ipVersion() == 4 ? f.etherType() == 0x0800 : f.etherType() == 0x86DD, what);
                    assertTrue(
                            f.protocol() == 6 || f.protocol() == 17 || f.protocol() == (f.ipVersion() == 4 ? 1 : 58),
                            what);
                    if (f.payloadOffset() + 12 <= length) {
                        int magic = HEADROOM + f.payloadOffset();
                        assertEquals(
                                FrameBuilder.PAYLOAD_MAGIC,
                                java.nio.ByteBuffer.wrap(buffer).getInt(magic),
                                what);
                        assertEquals(
                                i,
                                java.nio.ByteBuffer.wrap(buffer).getLong(magic + 4),
                                what + ": sequence in the payload");
                    }
                }
            }
        }
    }

    @Test
    void smallestFramesHaveTheDocumentedLengths() {
        assertEquals(
                60, firstLength(TrafficProfile.builder().protocolMix(0, 1, 0).build()));
        assertEquals(
                60, firstLength(TrafficProfile.builder().protocolMix(1, 0, 0).build()));
        assertEquals(
                62,
                firstLength(TrafficProfile.builder()
                        .protocolMix(0, 1, 0)
                        .ipv6Fraction(1)
                        .build()));
        assertEquals(
                74,
                firstLength(TrafficProfile.builder()
                        .protocolMix(1, 0, 0)
                        .ipv6Fraction(1)
                        .build()));
        assertEquals(
                82,
                firstLength(TrafficProfile.builder()
                        .protocolMix(1, 0, 0)
                        .ipv6Fraction(1)
                        .vlan(1, 2)
                        .build()));
        assertEquals(
                82, new TrafficGenerator(TrafficProfile.builder().vlan(1, 2).build()).maxFrameLength());
        assertEquals(
                1514,
                new TrafficGenerator(TrafficProfile.builder().frameSize(1514).build()).maxFrameLength());
    }

    private int firstLength(TrafficProfile profile) {
        return new TrafficGenerator(profile).next(buffer, 0);
    }

    @Test
    void theMixIsApportionedExactlyOverFlows() {
        TrafficGenerator generator = new TrafficGenerator(TrafficProfile.builder()
                .seed(3)
                .flows(10)
                .ipv6Fraction(0.3)
                .protocolMix(0.5, 0.3, 0.2)
                .build());
        Map<String, Integer> flows = new HashMap<>();
        int[] protocols = new int[256];
        int v6 = 0;
        for (int i = 0; flows.size() < 10 && i < 10_000; i++) {
            ParsedFrame f = ParsedFrame.parse(buffer, 0, generator.next(buffer, 0));
            if (flows.put(f.flowKey(), 1) == null) {
                protocols[f.protocol()]++;
                v6 += f.ipVersion() == 6 ? 1 : 0;
            }
        }
        assertEquals(10, flows.size());
        assertEquals(5, protocols[6]);
        assertEquals(3, protocols[17]);
        assertEquals(2, protocols[1] + protocols[58]);
        assertEquals(3, v6);
    }

    @Test
    void sameSeedSameBytesOtherSeedOtherBytes() {
        TrafficGenerator a = new TrafficGenerator(mixed().attackFraction(0.3).build());
        TrafficGenerator b = new TrafficGenerator(mixed().attackFraction(0.3).build());
        TrafficGenerator c =
                new TrafficGenerator(mixed().attackFraction(0.3).seed(43).build());
        byte[] other = new byte[4096];
        int differ = 0;
        for (int i = 0; i < 1000; i++) {
            int la = a.next(buffer, 0);
            int lb = b.next(other, 0);
            assertEquals(la, lb);
            assertArrayEquals(Arrays.copyOf(buffer, la), Arrays.copyOf(other, lb));
            assertEquals(a.lastQueue(), b.lastQueue());
            int lc = c.next(other, 0);
            differ += Arrays.equals(buffer, 0, la, other, 0, lc) ? 0 : 1;
        }
        assertTrue(differ > 990, differ + " of 1000 differ");
        a.reset();
        int first = a.next(buffer, 0);
        assertEquals(first, new TrafficGenerator(mixed().attackFraction(0.3).build()).next(other, 0));
        assertArrayEquals(Arrays.copyOf(buffer, first), Arrays.copyOf(other, first), "reset starts again at packet 0");
    }

    @Test
    void attackFractionIsExactAndTheAttackIsTheDdosFiltersTarget() {
        for (double fraction : new double[] {0, 0.25, 1.0 / 3, 0.9, 1}) {
            TrafficGenerator generator =
                    new TrafficGenerator(mixed().attackFraction(fraction).build());
            TrafficGenerator.Stream stream = generator.stream();
            int n = 100_000;
            int attacks = 0;
            for (int i = 0; i < n; i++) {
                int length = stream.next(buffer, 0);
                if (i % 10 == 0 || stream.attack()) {
                    ParsedFrame f = ParsedFrame.parse(buffer, 0, length);
                    boolean flood = f.protocol() == 17 && f.destinationPort() == 9;
                    assertEquals(stream.attack(), flood, "packet " + i);
                    if (flood) {
                        assertEquals("198.19.0.1", f.destination());
                        assertEquals(4, f.ipVersion());
                    }
                }
                attacks += stream.attack() ? 1 : 0;
            }
            long expected = n * Math.round(fraction * 1e9) / 1_000_000_000L;
            assertEquals(expected, attacks, "fraction " + fraction);
        }
        assertEquals(25_000, countAttacks(0.25, 100_000));
        assertEquals(33_333, countAttacks(1.0 / 3, 100_000));
        assertEquals(7, countAttacks(0.7, 10));
    }

    @Test
    void attackCountStaysExactFarIntoTheStream() {
        TrafficGenerator generator =
                new TrafficGenerator(mixed().attackFraction(0.123456789).build());
        long start = (1L << 62) + 12345;
        int n = 1_000_000;
        int attacks = 0;
        for (long i = start; i < start + n; i++) {
            attacks += generator.isAttack(i) ? 1 : 0;
        }
        java.math.BigInteger parts = java.math.BigInteger.valueOf(123_456_789);
        java.math.BigInteger billion = java.math.BigInteger.valueOf(1_000_000_000);
        long expected = java.math.BigInteger.valueOf(start + n)
                .multiply(parts)
                .divide(billion)
                .subtract(java.math.BigInteger.valueOf(start).multiply(parts).divide(billion))
                .longValueExact();
        assertEquals(expected, attacks);
    }

    private int countAttacks(double fraction, int n) {
        TrafficGenerator.Stream stream =
                new TrafficGenerator(mixed().attackFraction(fraction).build()).stream();
        int attacks = 0;
        for (int i = 0; i < n; i++) {
            stream.next(buffer, 0);
            attacks += stream.attack() ? 1 : 0;
        }
        return attacks;
    }

    @Test
    void withoutSkewEachFlowIsOnItsToeplitzQueueAndQueuesShareTheLoad() {
        TrafficGenerator generator =
                new TrafficGenerator(mixed().flows(1024).attackFraction(0.2).build());
        Map<String, Integer> queueOfFlow = new HashMap<>();
        int[] perQueue = new int[4];
        int n = 40_000;
        for (int i = 0; i < n; i++) {
            int length = generator.next(buffer, 0);
            int queue = generator.lastQueue();
            // The queue a NIC would compute from the frame's own bytes.
            assertEquals(Toeplitz.queue(Toeplitz.MICROSOFT.hashFrame(buffer, 0, length), 4), queue, "packet " + i);
            Integer before =
                    queueOfFlow.put(ParsedFrame.parse(buffer, 0, length).flowKey(), queue);
            assertTrue(before == null || before == queue, "a flow changed queue");
            perQueue[queue]++;
        }
        for (int q = 0; q < 4; q++) {
            assertTrue(perQueue[q] > n * 0.20 && perQueue[q] < n * 0.30, Arrays.toString(perQueue));
        }
    }

    @Test
    void fullSkewPutsEverythingOnQueueZero() {
        TrafficGenerator generator =
                new TrafficGenerator(mixed().skew(1).attackFraction(0.5).build());
        for (int i = 0; i < 10_000; i++) {
            generator.next(buffer, 0);
            assertEquals(0, generator.lastQueue());
        }
        assertArrayEquals(new int[] {300, 0, 0, 0}, generator.flowsPerQueue());
        assertTrue(generator.hasTraffic(0));
        for (int q = 1; q < 4; q++) {
            assertFalse(generator.hasTraffic(q));
            assertEquals(TrafficGenerator.NONE, generator.next(q, buffer, 0), "queue " + q + " never gets a packet");
        }
        assertTrue(generator.next(0, buffer, 0) > 0);
    }

    @Test
    void partialSkewPinsThatShareOfFlowsAndOfAttackPackets() {
        TrafficGenerator generator = new TrafficGenerator(
                mixed().flows(1000).skew(0.5).attackFraction(0.5).build());
        int pinned = 0;
        for (int f = 0; f < 500; f++) {
            assertEquals(0, generator.flowQueue(f), "the first round(0.5 x 1000) flows are pinned");
        }
        int[] perQueue = generator.flowsPerQueue();
        assertTrue(perQueue[0] > 600 && perQueue[0] < 650, Arrays.toString(perQueue));
        int attacks = 0;
        int n = 40_000;
        for (int i = 0; i < n; i++) {
            int length = generator.next(buffer, 0);
            if (isFlood(length)) {
                attacks++;
                int byHash = Toeplitz.queue(Toeplitz.MICROSOFT.hashFrame(buffer, 0, length), 4);
                pinned += generator.lastQueue() == 0 && byHash != 0 ? 1 : 0;
            }
        }
        // Pinned with probability 1/2; a quarter of those were on queue 0 by hash anyway.
        double share = (double) pinned / attacks;
        assertTrue(share > 0.35 && share < 0.40, "pinned share " + share);
    }

    private boolean isFlood(int length) {
        ParsedFrame f = ParsedFrame.parse(buffer, 0, length);
        return f.protocol() == 17 && f.destinationPort() == 9;
    }

    @Test
    void queueStreamsAreTheDemultiplexedSingleStream() {
        TrafficGenerator generator =
                new TrafficGenerator(mixed().skew(0.3).attackFraction(0.2).build());
        List<List<byte[]>> expected = new ArrayList<>();
        List<List<Long>> sequences = new ArrayList<>();
        for (int q = 0; q < 4; q++) {
            expected.add(new ArrayList<>());
            sequences.add(new ArrayList<>());
        }
        TrafficGenerator.Stream all = generator.stream();
        for (int i = 0; i < 8000; i++) {
            int length = all.next(buffer, 0);
            expected.get(all.queue()).add(Arrays.copyOf(buffer, length));
            sequences.get(all.queue()).add(all.sequence());
        }
        for (int q = 0; q < 4; q++) {
            TrafficGenerator.Stream one = generator.stream(q);
            for (int k = 0; k < expected.get(q).size(); k++) {
                int length = generator.next(q, buffer, HEADROOM);
                assertArrayEquals(
                        expected.get(q).get(k),
                        Arrays.copyOfRange(buffer, HEADROOM, HEADROOM + length),
                        "queue " + q + " #" + k);
                one.next(buffer, 0);
                assertEquals(sequences.get(q).get(k), one.sequence());
                assertEquals(q, one.queue());
            }
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS) // a hang guard: the scan stops after 65536 packets
    void aQueueThatIsRarelyHitReturnsNoneAfterABoundedScan() {
        // 1 flow on 64 queues: 63 queues have nothing, but the flood may reach them.
        TrafficGenerator generator = new TrafficGenerator(
                TrafficProfile.builder().flows(1).rxQueues(64).build());
        int busy = generator.flowQueue(0);
        int idle = (busy + 1) % 64;
        assertFalse(generator.hasTraffic(idle));
        assertEquals(TrafficGenerator.NONE, generator.next(idle, buffer, 0));
        assertTrue(generator.next(busy, buffer, 0) > 0);
        // A flood at 1e-6 of the traffic: a queue's next attack packet is ~64 million packets away.
        TrafficGenerator rare = new TrafficGenerator(TrafficProfile.builder()
                .flows(1)
                .rxQueues(64)
                .attackFraction(1e-6)
                .build());
        int other = (rare.flowQueue(0) + 1) % 64;
        assertTrue(rare.hasTraffic(other));
        assertEquals(TrafficGenerator.NONE, rare.next(other, buffer, 0));
    }

    @Test
    void aBufferTooSmallIsTheCallersBug() {
        TrafficGenerator generator =
                new TrafficGenerator(TrafficProfile.builder().frameSize(1514).build());
        assertThrows(IndexOutOfBoundsException.class, () -> generator.next(new byte[1514 + 255], 256));
    }

    @Test
    void profileErrorsNameTheKnob() {
        assertEquals(
                "traffic profile: frame size must be between 60 and 9216, got 59",
                assertThrows(
                                JxdpException.class,
                                () -> TrafficProfile.builder().frameSize(59).build())
                        .getMessage());
        assertEquals(
                "traffic profile: skew must be between 0 and 1, got NaN",
                assertThrows(
                                JxdpException.class,
                                () -> TrafficProfile.builder().skew(Double.NaN).build())
                        .getMessage());
        assertEquals(
                "traffic profile: rx queues must be between 1 and 1024, got 0",
                assertThrows(
                                JxdpException.class,
                                () -> TrafficProfile.builder().rxQueues(0).build())
                        .getMessage());
        assertEquals(
                "traffic profile: the protocol mix needs a positive weight",
                assertThrows(
                                JxdpException.class,
                                () -> TrafficProfile.builder()
                                        .protocolMix(0, 0, 0)
                                        .build())
                        .getMessage());
        assertEquals(
                "traffic profile: at most 2 VLAN tags, got 3",
                assertThrows(
                                JxdpException.class,
                                () -> TrafficProfile.builder().vlan(1, 2, 3).build())
                        .getMessage());
        assertEquals(
                "traffic profile: VLAN id must be between 0 and 4095, got 4096",
                assertThrows(
                                JxdpException.class,
                                () -> TrafficProfile.builder().vlan(4096).build())
                        .getMessage());
    }

    @Test
    void tcpdumpAgreesWithTheChecksums() throws Exception {
        Path tcpdump = Tools.find("tcpdump");
        org.junit.jupiter.api.Assumptions.assumeTrue(tcpdump != null, "tcpdump is not installed");
        Path file = dir.resolve("generated.pcap");
        TrafficGenerator generator =
                new TrafficGenerator(mixed().frameSize(128).attackFraction(0.2).build());
        int count = 200;
        try (PcapWriter writer = PcapWriter.create(file, false)) {
            for (int i = 0; i < count; i++) {
                int length = generator.next(buffer, HEADROOM);
                writer.write(buffer, HEADROOM, length, i * 1_000L);
            }
        }
        Tools.Result result = Tools.run(tcpdump.toString(), "-n", "-vv", "-r", file.toString());
        assertEquals(0, result.exitCode(), result.stderr());
        String out = result.stdout();
        assertFalse(out.contains("bad") || out.contains("incorrect") || out.contains("wrong"), out);
        // -vv prints each packet's IP header on its own line: count those.
        long packets = out.lines()
                .filter(line -> line.matches("^\\d\\d:\\d\\d:\\d\\d\\.\\d{6} .*"))
                .count();
        assertEquals(count, packets, out);
        assertTrue(out.contains("9: [udp sum ok] UDP"), "the flood, checksums confirmed by tcpdump");
        assertTrue(out.contains("cksum") && out.contains("(correct)"), "IPv4 header checksums confirmed by tcpdump");
    }
}
