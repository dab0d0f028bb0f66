package io.jxdp.vm.maps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jxdp.isa.MapDef;
import io.jxdp.isa.MapType;
import io.jxdp.vm.Cpu;
import io.jxdp.vm.Errno;
import io.jxdp.vm.memory.AddressSpace;
import io.jxdp.vm.memory.Addresses;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RingBufMapTest {
    private final AddressSpace space = new AddressSpace();
    private final Cpu cpu = new Cpu(0, space);

    private RingBufMap ring(int size) {
        return (RingBufMap) Maps.create(new MapDef("rb", MapType.RINGBUF, 0, 0, size, 0, null), space, 2);
    }

    private static Errno createErrno(int key, int value, int max, int flags) {
        MapException e = assertThrows(
                MapException.class,
                () -> Maps.create(
                        new MapDef("rb", MapType.RINGBUF, key, value, max, flags, null), new AddressSpace(), 1));
        return e.errno();
    }

    @Test
    void creationAsRingbufMapAlloc() {
        assertEquals(Errno.EINVAL, createErrno(0, 0, 4096 * 3, 0)); // not a power of 2
        assertEquals(Errno.EINVAL, createErrno(0, 0, 2048, 0)); // not a page multiple
        assertEquals(Errno.EINVAL, createErrno(4, 0, 4096, 0));
        assertEquals(Errno.EINVAL, createErrno(0, 8, 4096, 0));
        assertEquals(Errno.EINVAL, createErrno(0, 0, 0, 0));
        assertEquals(Errno.EINVAL, createErrno(0, 0, 4096, MapFlags.RDONLY_PROG));
        assertEquals(Errno.ENOMEM, createErrno(0, 0, 1 << 30, 0)); // beyond jxdp's bound on one map
        assertEquals(4096, ring(4096).size());
        assertEquals(
                8192,
                Maps.create(new MapDef("rb", MapType.RINGBUF, 0, 0, 8192, MapFlags.NUMA_NODE, null), space, 1)
                        .maxEntries());
    }

    private static int u32(byte[] b, int at) {
        return ByteBuffer.wrap(b, at, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    @Test
    void aRecordIsBusyUntilSubmittedAndTheHeaderIsTheKernels() {
        RingBufMap rb = ring(4096);
        long addr = rb.reserve(10);
        assertEquals(Addresses.address(rb.id(), 8), addr);
        byte[] raw = rb.snapshot();
        assertEquals(10 | RingBufMap.BUSY_BIT, u32(raw, 0));
        assertEquals(3, u32(raw, 4)); // pg_off: the three meta pages before the data
        assertEquals(24, rb.query(RingBufMap.RB_PROD_POS));
        assertEquals(24, rb.query(RingBufMap.RB_AVAIL_DATA));
        List<byte[]> got = new ArrayList<>();
        assertEquals(0, rb.consume(got::add)); // busy: the consumer stops there
        cpu.memory().write(addr, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 0, 10, 0, "test");
        assertEquals(true, rb.commit(8, false));
        assertEquals(10, u32(rb.snapshot(), 0));
        assertFalse(rb.commit(8, false)); // committed already
        assertEquals(1, rb.consume(got::add));
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, got.get(0));
        assertEquals(24, rb.query(RingBufMap.RB_CONS_POS));
        assertEquals(0, rb.query(RingBufMap.RB_AVAIL_DATA));
        assertEquals(4096, rb.query(RingBufMap.RB_RING_SIZE));
        assertEquals(0, rb.query(4));
    }

    @Test
    void discardedRecordsAreSkippedAndRecordsComeInOrder() {
        RingBufMap rb = ring(4096);
        long a = rb.reserve(4);
        long b = rb.reserve(4);
        assertEquals(0, rb.output(new byte[] {7, 7, 7}, 0, 3));
        rb.commit(Addresses.offset(b), false);
        List<byte[]> got = new ArrayList<>();
        assertEquals(0, rb.consume(got::add)); // a is still busy
        rb.commit(Addresses.offset(a), true);
        assertEquals(0x4 | RingBufMap.DISCARD_BIT, u32(rb.snapshot(), 0));
        assertEquals(2, rb.consume(got::add));
        assertEquals(4, got.get(0).length);
        assertArrayEquals(new byte[] {7, 7, 7}, got.get(1));
        assertEquals(48, rb.query(RingBufMap.RB_CONS_POS));
    }

    @Test
    void aFullRingRefusesAsTheKernelDoes() {
        RingBufMap rb = ring(4096);
        assertEquals(0, rb.reserve(4089)); // 4104 bytes with its header: more than the ring
        assertEquals(0, rb.reserve(-1L)); // above RINGBUF_MAX_RECORD_SZ
        for (int i = 0; i < 3; i++) {
            assertEquals(0, rb.output(new byte[1016], 0, 1016));
        }
        // the producer may not get 4096 bytes ahead of the consumer: 3072 + 1024 is refused
        assertEquals(Errno.EAGAIN.negative(), rb.output(new byte[1016], 0, 1016));
        assertEquals(Addresses.address(rb.id(), 3072 + 8), rb.reserve(1008)); // 3072 + 1016 fits
        assertEquals(3, rb.consume(r -> {}));
        // the busy record at 3072 holds the consumer; 4088 bytes after it are refused, 3064 fit
        assertEquals(0, rb.reserve(4080));
        assertEquals(Addresses.address(rb.id(), 4088 + 8), rb.reserve(3000)); // at 4088, wrapping
    }

    @Test
    void aRecordThatWrapsIsContiguousForTheProgramAndTheReader() {
        RingBufMap rb = ring(4096);
        for (int i = 0; i < 3; i++) {
            rb.output(new byte[1000], 0, 1000);
        }
        rb.consume(r -> {});
        long addr = rb.reserve(2000);
        assertEquals(Addresses.address(rb.id(), 3024 + 8), addr);
        byte[] pattern = new byte[2000];
        for (int i = 0; i < pattern.length; i++) {
            pattern[i] = (byte) (i * 7 + 1);
        }
        cpu.memory().write(addr, pattern, 0, 2000, 0, "test");
        rb.commit(Addresses.offset(addr), false);
        byte[] raw = rb.snapshot();
        assertArrayEquals(Arrays.copyOfRange(pattern, 1064, 2000), Arrays.copyOfRange(raw, 0, 936));
        List<byte[]> got = new ArrayList<>();
        assertEquals(1, rb.consume(got::add));
        assertArrayEquals(pattern, got.get(0));
        assertEquals(5032, rb.query(RingBufMap.RB_CONS_POS));
    }

    @Test
    void theSyscallHasNoElements() {
        RingBufMap rb = ring(4096);
        assertEquals(
                Errno.ENOTSUPP,
                assertThrows(MapException.class, () -> rb.lookup(new byte[0])).errno());
        assertEquals(
                Errno.ENOTSUPP,
                assertThrows(MapException.class, () -> rb.update(new byte[0], new byte[0], 0))
                        .errno());
        assertEquals(
                Errno.ENOTSUPP,
                assertThrows(MapException.class, () -> rb.delete(new byte[0])).errno());
    }
}
