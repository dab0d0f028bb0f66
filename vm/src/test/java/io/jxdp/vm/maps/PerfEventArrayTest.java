package io.jxdp.vm.maps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jxdp.isa.MapDef;
import io.jxdp.isa.MapType;
import io.jxdp.vm.Errno;
import io.jxdp.vm.memory.AddressSpace;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PerfEventArrayTest {
    private final AddressSpace space = new AddressSpace();

    private PerfEventArray array(int max) {
        return (PerfEventArray)
                Maps.create(new MapDef("events", MapType.PERF_EVENT_ARRAY, 4, 4, max, 0, null), space, 2);
    }

    private static Errno createErrno(int key, int value, int max, int flags) {
        return assertThrows(
                        MapException.class,
                        () -> Maps.create(
                                new MapDef("e", MapType.PERF_EVENT_ARRAY, key, value, max, flags, null),
                                new AddressSpace(),
                                1))
                .errno();
    }

    @Test
    void creationAsFdArrayMapAllocCheck() {
        assertEquals(Errno.EINVAL, createErrno(4, 8, 2, 0)); // a value is a u32 descriptor
        assertEquals(Errno.EINVAL, createErrno(8, 4, 2, 0));
        assertEquals(Errno.EINVAL, createErrno(4, 4, 0, 0));
        assertEquals(Errno.EINVAL, createErrno(4, 4, 2, MapFlags.RDONLY_PROG));
        assertEquals(Errno.EINVAL, createErrno(4, 4, 2, MapFlags.MMAPABLE));
        assertEquals(
                2,
                Maps.create(new MapDef("e", MapType.PERF_EVENT_ARRAY, 4, 4, 2, MapFlags.PRESERVE_ELEMS, null), space, 1)
                        .maxEntries());
    }

    private record Seen(List<String> log) implements PerfEventBuffer.Reader {
        @Override
        public void sample(PerfEventBuffer.Sample s) {
            log.add("cpu " + s.cpu() + ": " + s.data().length + " bytes, first " + s.data()[0]);
        }

        @Override
        public void lost(int cpu, long count) {
            log.add("cpu " + cpu + ": lost " + count);
        }
    }

    @Test
    void outputFindsTheEventAndAnswersAsTheKernel() {
        PerfEventArray events = array(4);
        PerfEventBuffer onCpu1 = new PerfEventBuffer(1, 1);
        events.attach(1, onCpu1);
        byte[] sample = new byte[PerfEventBuffer.paddedSize(10)];
        assertEquals(12, sample.length); // 4 + 12 fill two 8-byte words
        sample[0] = 42;
        assertEquals(0, events.output(1, PerfEventArray.F_CURRENT_CPU, sample));
        assertEquals(Errno.ENOENT.negative(), events.output(0, PerfEventArray.F_CURRENT_CPU, sample));
        assertEquals(Errno.EOPNOTSUPP.negative(), events.output(0, 1, sample)); // the event is on CPU 1
        assertEquals(Errno.E2BIG.negative(), events.output(1, 4, sample));
        // one page holds 170 samples of 24 bytes (header, size, 12 bytes); 169 more fit, then one is lost
        for (int i = 0; i < 169; i++) {
            assertEquals(0, events.output(1, 1, sample));
        }
        assertEquals(Errno.ENOSPC.negative(), events.output(1, 1, sample));
        List<String> log = new ArrayList<>();
        assertEquals(170, onCpu1.drain(new Seen(log)));
        assertEquals("cpu 1: 12 bytes, first 42", log.get(0));
        assertEquals("cpu 1: lost 1", log.get(170));
        assertEquals(171, log.size());
        // room again: the next sample is written
        log.clear();
        assertEquals(0, events.output(1, 1, sample));
        assertEquals(1, onCpu1.drain(new Seen(log)));
        assertEquals(List.of("cpu 1: 12 bytes, first 42"), log);
        assertEquals(171, onCpu1.written());
        assertEquals(1, onCpu1.lostTotal());
    }

    @Test
    void aLossIsReportedWhereItHappened() {
        PerfEventArray events = array(1);
        PerfEventBuffer ev = new PerfEventBuffer(0, 1);
        events.attach(0, ev);
        byte[] big = new byte[PerfEventBuffer.paddedSize(4000)];
        assertEquals(0, events.output(0, 0, big));
        assertEquals(Errno.ENOSPC.negative(), events.output(0, 0, big));
        assertEquals(Errno.ENOSPC.negative(), events.output(0, 0, big));
        List<String> log = new ArrayList<>();
        ev.drain(new Seen(log));
        assertEquals(0, events.output(0, 0, big));
        ev.drain(new Seen(log));
        assertEquals(List.of("cpu 0: 4004 bytes, first 0", "cpu 0: lost 2", "cpu 0: 4004 bytes, first 0"), log);
    }

    @Test
    void theSyscallFace() {
        PerfEventArray events = array(2);
        events.attach(0, new PerfEventBuffer(0, 1));
        byte[] zero = {0, 0, 0, 0};
        byte[] one = {1, 0, 0, 0};
        assertEquals(
                Errno.EOPNOTSUPP,
                assertThrows(MapException.class, () -> events.lookup(zero)).errno());
        assertEquals(
                Errno.EINVAL,
                assertThrows(MapException.class, () -> events.update(zero, zero, 0))
                        .errno());
        events.delete(zero);
        assertEquals(null, events.event(0));
        assertEquals(
                Errno.ENOENT,
                assertThrows(MapException.class, () -> events.delete(zero)).errno());
        assertArrayEquals(one, events.nextKey(zero));
        assertEquals(null, events.nextKey(one));
    }
}
