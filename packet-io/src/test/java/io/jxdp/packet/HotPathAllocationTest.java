package io.jxdp.packet;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-packet paths allocate nothing: the generator, a source reading (and looping over) a
 * file, a writer. Measured with the JVM's per-thread allocation counter, after a warm-up; the
 * slack covers the odd buffer the JDK's file channel keeps per thread.
 */
class HotPathAllocationTest {
    private static final long SLACK = 16 * 1024;
    private static final int PACKETS = 200_000;

    @TempDir
    Path dir;

    private final byte[] buffer = new byte[4096];

    @Test
    void generatorAllocatesNothingPerPacket() {
        TrafficGenerator generator = new TrafficGenerator(TrafficProfile.builder()
                .flows(4096)
                .ipv6Fraction(0.3)
                .protocolMix(1, 1, 1)
                .rxQueues(4)
                .skew(0.2)
                .attackFraction(0.3)
                .vlan(7)
                .build());
        long bytes = allocatedBy(() -> {
            for (int i = 0; i < PACKETS; i++) {
                generator.next(buffer, 256);
                generator.next(i & 3, buffer, 256);
            }
        });
        assertTrue(bytes < SLACK, bytes + " bytes allocated for " + PACKETS + " packets");
    }

    @Test
    void loopingSourceAndWriterAllocateNothingPerPacket() {
        Path file = dir.resolve("in.pcap");
        TrafficGenerator generator =
                new TrafficGenerator(TrafficProfile.builder().frameSize(300).build());
        try (PcapWriter writer = PcapWriter.create(file, false)) {
            for (int i = 0; i < 1000; i++) {
                writer.write(buffer, 256, generator.next(buffer, 256), i);
            }
        }
        try (PacketSource source = PacketSource.open(file, true);
                PcapWriter sink = PcapWriter.create(dir.resolve("out.pcap"), false)) {
            long bytes = allocatedBy(() -> {
                for (int i = 0; i < PACKETS; i++) {
                    int length = source.next(buffer, 256, 3520);
                    sink.write(buffer, 256, length, source.timestampNanos());
                }
            });
            assertTrue(bytes < SLACK, bytes + " bytes allocated for " + PACKETS + " packets");
        }
    }

    /** Bytes this thread allocated running {@code work}, after running it once to warm up. */
    private static long allocatedBy(Runnable work) {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "no per-thread allocation counter");
        com.sun.management.ThreadMXBean counter = (com.sun.management.ThreadMXBean) bean;
        Assumptions.assumeTrue(counter.isThreadAllocatedMemorySupported() && counter.isThreadAllocatedMemoryEnabled());
        work.run();
        long id = Thread.currentThread().getId();
        long before = counter.getThreadAllocatedBytes(id);
        work.run();
        return counter.getThreadAllocatedBytes(id) - before;
    }
}
