package io.jxdp.vm.maps;

import io.jxdp.isa.MapDef;
import io.jxdp.vm.Errno;
import io.jxdp.vm.memory.AddressSpace;
import io.jxdp.vm.memory.Addresses;
import io.jxdp.vm.memory.Region;
import io.jxdp.vm.memory.RegionKind;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * {@code BPF_MAP_TYPE_RINGBUF} (kernel/bpf/ringbuf.c): one ring of max_entries bytes (a power of 2
 * and a multiple of the page size) shared by every CPU. Programs reserve records in it ({@code
 * bpf_ringbuf_reserve}, {@code bpf_ringbuf_output}), each an 8-byte header ({@code u32 len} with
 * the busy bit 31 while the program writes and the discard bit 30, {@code u32 pg_off}) and the
 * data, rounded up to 8 bytes; the consumer reads committed records in order, skips discarded ones
 * and stops at the first busy one.
 *
 * <p>The kernel maps the data pages twice in a row so a record that wraps is contiguous; here the
 * array is twice the ring and a record that wraps is written past the end: its wrapped part is
 * copied in before the program sees it and copied back when it is committed. A reservation fails
 * (NULL) when the producer would run more than the ring size less one ahead of the consumer or of
 * the oldest record still busy ({@code pending_pos}, 6.10's fix), or the record is larger than the
 * ring. Producers take the map's lock (the kernel's spinlock); the consumer reads without it, the
 * positions and headers published with release stores and read with acquire loads, as in
 * libbpf's {@code ringbuf_process_ring}.
 */
public final class RingBufMap extends BpfMap {
    /** BPF_RINGBUF_BUSY_BIT: the record is being written. */
    public static final int BUSY_BIT = 1 << 31;
    /** BPF_RINGBUF_DISCARD_BIT: the record was discarded; the consumer skips it. */
    public static final int DISCARD_BIT = 1 << 30;
    /** BPF_RINGBUF_HDR_SZ. */
    public static final int HDR_SZ = 8;
    /** RINGBUF_MAX_RECORD_SZ (UINT_MAX / 4). */
    static final long MAX_RECORD_SZ = 0xffff_ffffL / 4;
    /** RINGBUF_NR_META_PAGES: the pages before the data (struct bpf_ringbuf up to the consumer page, then the consumer and producer pages); pg_off counts from the first. */
    static final int NR_META_PAGES = 3;

    /** BPF_RB_NO_WAKEUP and BPF_RB_FORCE_WAKEUP: the only flags output, submit and discard know. */
    public static final long RB_NO_WAKEUP = 1;

    public static final long RB_FORCE_WAKEUP = 2;
    /** bpf_ringbuf_query's flags (enum BPF_RB_AVAIL_DATA ...). */
    public static final long RB_AVAIL_DATA = 0;

    public static final long RB_RING_SIZE = 1;
    public static final long RB_CONS_POS = 2;
    public static final long RB_PROD_POS = 3;

    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle CONSUMER;
    private static final VarHandle PRODUCER;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            CONSUMER = l.findVarHandle(RingBufMap.class, "consumerPos", long.class);
            PRODUCER = l.findVarHandle(RingBufMap.class, "producerPos", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int size;
    private final long mask;
    /** The ring, then the room a wrapping record is written into (the kernel's second mapping). */
    private final byte[] data;

    private final Region region;

    @SuppressWarnings("UnusedVariable") // read and written through CONSUMER
    private volatile long consumerPos;

    @SuppressWarnings("UnusedVariable") // read and written through PRODUCER
    private volatile long producerPos;
    /** The oldest record not yet committed, or the producer position (guarded by this). */
    private long pendingPos;

    RingBufMap(MapDef def, AddressSpace space) {
        super(def, space, 1, def.maxEntries());
        this.size = def.maxEntries();
        this.mask = size - 1L;
        this.data = new byte[2 * size];
        this.region = new Region(id(), RegionKind.MAP_VALUE, this);
        region.set(data, 0, 0, data.length, true);
    }

    @Override
    protected Region regionFor(int cpuId) {
        return region;
    }

    /** The ring's size in bytes (max_entries). */
    public int size() {
        return size;
    }

    /**
     * __bpf_ringbuf_reserve: the address of {@code size} bytes for a new record, its header marked
     * busy, or 0 when it does not fit.
     */
    public long reserve(long recordSize) {
        if (Long.compareUnsigned(recordSize, MAX_RECORD_SZ) > 0) {
            return 0;
        }
        long len = (recordSize + HDR_SZ + 7) & ~7L;
        if (len > size) {
            return 0;
        }
        long cons = (long) CONSUMER.getAcquire(this);
        synchronized (this) {
            long prod = (long) PRODUCER.getOpaque(this);
            long pend = pendingPos;
            while (pend < prod) {
                int hdrLen = (int) INT.getAcquire(data, (int) (pend & mask));
                if ((hdrLen & BUSY_BIT) != 0) {
                    break;
                }
                pend += ((hdrLen & ~DISCARD_BIT) + HDR_SZ + 7) & ~7L;
            }
            pendingPos = pend;
            long newProd = prod + len;
            if (newProd - cons > mask || newProd - pend > mask) {
                return 0;
            }
            int at = (int) (prod & mask);
            int wrapped = (int) (at + len - size);
            if (wrapped > 0) {
                // the record runs past the end: the program sees the ring's first bytes there
                System.arraycopy(data, 0, data, size, wrapped);
            }
            INT.set(data, at + 4, NR_META_PAGES + (at >>> 12));
            INT.setRelease(data, at, (int) recordSize | BUSY_BIT);
            PRODUCER.setRelease(this, newProd);
            return Addresses.address(id(), at + HDR_SZ);
        }
    }

    /**
     * bpf_ringbuf_commit: clears the busy bit of the record whose data is at {@code offset} (and
     * sets the discard bit if asked), copying back what a wrapping record wrote past the end.
     *
     * @return false if no busy record starts there (a program the verifier would refuse)
     */
    public boolean commit(int offset, boolean discard) {
        int at = offset - HDR_SZ;
        if (at < 0 || at >= size || (at & 7) != 0) {
            return false;
        }
        int hdrLen = (int) INT.getAcquire(data, at);
        if ((hdrLen & BUSY_BIT) == 0) {
            return false;
        }
        long len = ((hdrLen & ~(BUSY_BIT | DISCARD_BIT)) + HDR_SZ + 7) & ~7L;
        int wrapped = (int) (at + len - size);
        if (wrapped > 0) {
            System.arraycopy(data, size, data, 0, wrapped);
        }
        int newLen = hdrLen ^ BUSY_BIT;
        if (discard) {
            newLen |= DISCARD_BIT;
        }
        INT.setRelease(data, at, newLen);
        return true;
    }

    /** True if {@code address} points at the data of a record of this ring (its region and an 8-aligned offset). */
    public boolean holds(long address) {
        return Addresses.region(address) == id();
    }

    /** bpf_ringbuf_output: reserve, copy, commit; 0, -EAGAIN when full. */
    public long output(byte[] src, int at, int length) {
        long addr = reserve(length);
        if (addr == 0) {
            return Errno.EAGAIN.negative();
        }
        int off = Addresses.offset(addr);
        System.arraycopy(src, at, data, off, length);
        commit(off, false);
        return 0;
    }

    /** bpf_ringbuf_query. */
    public long query(long flags) {
        if (flags == RB_AVAIL_DATA) {
            return (long) PRODUCER.getAcquire(this) - (long) CONSUMER.getAcquire(this);
        } else if (flags == RB_RING_SIZE) {
            return size;
        } else if (flags == RB_CONS_POS) {
            return (long) CONSUMER.getAcquire(this);
        } else if (flags == RB_PROD_POS) {
            return (long) PRODUCER.getAcquire(this);
        }
        return 0;
    }

    /**
     * The consumer (libbpf's ringbuf_process_ring): hands each committed record's data to {@code
     * sink} in order, skips discarded ones, stops at the first record still busy, and moves the
     * consumer position past what it read. One consumer at a time.
     *
     * @return the records handed over
     */
    public synchronized int consume(Consumer<byte[]> sink) {
        int n = 0;
        long cons = (long) CONSUMER.getAcquire(this);
        long prod = (long) PRODUCER.getAcquire(this);
        while (cons < prod) {
            int at = (int) (cons & mask);
            int hdrLen = (int) INT.getAcquire(data, at);
            if ((hdrLen & BUSY_BIT) != 0) {
                break;
            }
            int length = hdrLen & ~DISCARD_BIT;
            if ((hdrLen & DISCARD_BIT) == 0) {
                byte[] record = new byte[length];
                int start = at + HDR_SZ;
                for (int i = 0; i < length; i++) {
                    record[i] = data[(int) ((start + i) & mask)];
                }
                sink.accept(record);
                n++;
            }
            cons += (length + HDR_SZ + 7) & ~7L;
            CONSUMER.setRelease(this, cons);
        }
        return n;
    }

    /** The raw ring for tests: a copy of the first {@link #size()} bytes. */
    public byte[] snapshot() {
        return Arrays.copyOf(data, size);
    }

    @Override
    protected byte[] userLookup(byte[] key) {
        throw new MapException(Errno.ENOTSUPP, describe() + ": a ring buffer has no elements to look up");
    }

    @Override
    protected long userUpdate(byte[] key, byte[] value, long flags) {
        return Errno.ENOTSUPP.negative();
    }

    @Override
    protected long userDelete(byte[] key) {
        return Errno.ENOTSUPP.negative();
    }

    @Override
    protected byte[] userNextKey(byte[] key) {
        throw new MapException(Errno.ENOTSUPP, describe() + ": a ring buffer has no keys");
    }
}
