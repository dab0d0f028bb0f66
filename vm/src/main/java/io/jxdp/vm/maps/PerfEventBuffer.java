package io.jxdp.vm.maps;

import java.util.ArrayDeque;

/**
 * One perf event of type {@code PERF_COUNT_SW_BPF_OUTPUT} opened on one CPU, with its mmap'ed ring
 * of {@code pages} pages, as libbpf's {@code perf_buffer__new} opens one per CPU and stores in a
 * perf event array. A sample takes {@code 8 + round_up(size + 4, 8)} bytes of the ring (the
 * {@code perf_event_header}, the raw data's u32 size, the data padded with zeroes to 8 bytes); a
 * sample that does not fit is lost and counted, and the helper sees -ENOSPC. The reader takes the
 * samples in order and, where samples were lost, how many (libbpf's {@code lost_cb}).
 */
public final class PerfEventBuffer {
    /** A sample as a perf buffer's callback gets it: the raw data, padded as the kernel pads it. */
    @SuppressWarnings("ArrayRecordComponent") // a sample is handed over once, never compared
    public record Sample(int cpu, byte[] data) {}

    /** What the reader gets: the samples read, in order, and the samples lost before them. */
    public interface Reader {
        void sample(Sample sample);

        void lost(int cpu, long count);
    }

    private record Lost(long count) {}

    private final int cpu;
    private final long capacity;
    /** Samples and {@link Lost} markers, in the order the ring holds them. */
    private final ArrayDeque<Object> records = new ArrayDeque<>();

    private long used;
    private long lost;
    private long lostTotal;
    private long written;

    /**
     * @param cpu the CPU the event is opened on: only programs on that CPU may write to it
     * @param pages the ring's data pages (libbpf's page_cnt)
     */
    public PerfEventBuffer(int cpu, int pages) {
        if (pages < 1) {
            throw new IllegalArgumentException("a perf ring has at least one page, not " + pages);
        }
        this.cpu = cpu;
        this.capacity = pages * 4096L;
    }

    public int cpu() {
        return cpu;
    }

    /** The raw size of a sample of {@code size} bytes: padded so that it and its u32 size fill 8-byte words. */
    public static int paddedSize(int size) {
        return ((size + 4 + 7) & ~7) - 4;
    }

    /** The bytes a sample of padded raw data takes in the ring: the header, the u32 size and the data. */
    private static long footprint(byte[] padded) {
        return 8L + 4 + padded.length;
    }

    /**
     * Writes a sample ({@link #paddedSize} bytes); false (counted lost) if the ring is full. As the
     * kernel writes a {@code PERF_RECORD_LOST} before the next sample that fits, the reader learns
     * of lost samples where they were lost.
     */
    synchronized boolean write(byte[] data) {
        long need = footprint(data);
        if (used + need > capacity) {
            lost++;
            lostTotal++;
            return false;
        }
        if (lost > 0) {
            records.add(new Lost(lost));
            lost = 0;
        }
        used += need;
        written++;
        records.add(new Sample(cpu, data));
        return true;
    }

    /** Hands the reader every record waiting, in order, then any samples lost since; returns the samples read. */
    public int drain(Reader reader) {
        int n = 0;
        while (true) {
            Object r;
            long lostAtEnd = 0;
            synchronized (this) {
                r = records.poll();
                if (r instanceof Sample s) {
                    used -= footprint(s.data());
                } else if (r == null) {
                    lostAtEnd = lost;
                    lost = 0;
                }
            }
            if (r instanceof Sample s) {
                reader.sample(s);
                n++;
            } else if (r instanceof Lost l) {
                reader.lost(cpu, l.count());
            } else {
                if (lostAtEnd > 0) {
                    reader.lost(cpu, lostAtEnd);
                }
                return n;
            }
        }
    }

    /** Samples written so far. */
    public synchronized long written() {
        return written;
    }

    /** Samples lost so far. */
    public synchronized long lostTotal() {
        return lostTotal;
    }
}
