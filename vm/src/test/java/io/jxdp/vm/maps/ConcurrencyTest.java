package io.jxdp.vm.maps;

import static io.jxdp.vm.maps.ArrayMapTest.u32;
import static io.jxdp.vm.maps.ArrayMapTest.u64;
import static io.jxdp.vm.testing.Asm.add;
import static io.jxdp.vm.testing.Asm.atomicAdd;
import static io.jxdp.vm.testing.Asm.call;
import static io.jxdp.vm.testing.Asm.exit;
import static io.jxdp.vm.testing.Asm.jne;
import static io.jxdp.vm.testing.Asm.keyOnStack;
import static io.jxdp.vm.testing.Asm.ldMap;
import static io.jxdp.vm.testing.Asm.load;
import static io.jxdp.vm.testing.Asm.mov;
import static io.jxdp.vm.testing.Asm.movr;
import static io.jxdp.vm.testing.Asm.seq;
import static io.jxdp.vm.testing.Asm.stxdw;
import static io.jxdp.vm.testing.Asm.stxw;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxdp.isa.MapDef;
import io.jxdp.isa.MapType;
import io.jxdp.vm.Cpu;
import io.jxdp.vm.LoadedProgram;
import io.jxdp.vm.memory.AddressSpace;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;

class ConcurrencyTest {
    private static final int THREADS = 4;
    private final AddressSpace space = new AddressSpace();

    /** Runs {@code body(t)} on THREADS threads started together; rethrows the first failure. */
    private static void onThreads(IntConsumer body) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int id = t;
            done.add(pool.submit(() -> {
                start.await();
                body.accept(id);
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
    }

    @Test
    void atomicAddsOnASharedArrayValueAddUp() throws Exception {
        BpfMap array = Maps.create(new MapDef("counts", MapType.ARRAY, 4, 8, 1), space, THREADS);
        LoadedProgram p = load(
                List.of(array),
                seq(
                        keyOnStack(0),
                        ldMap(1, 0),
                        call(1),
                        jne(0, 0, 2),
                        mov(0, -1),
                        exit(),
                        mov(1, 1),
                        atomicAdd(0, 0, 1),
                        mov(0, 0),
                        exit()));
        int runs = 20_000;
        onThreads(t -> {
            Cpu cpu = new Cpu(t, space);
            for (int i = 0; i < runs; i++) {
                p.run(cpu, 0, 0);
            }
        });
        assertArrayEquals(u64((long) THREADS * runs), array.lookup(u32(0)));
    }

    @Test
    void hashInsertsAndDeletesFromManyThreadsLoseNothing() throws Exception {
        int perThread = 4000;
        BpfHashMap hash = (BpfHashMap) Maps.create(new MapDef("h", MapType.HASH, 4, 8, THREADS * perThread), space, 2);
        AtomicBoolean writing = new AtomicBoolean(true);
        Thread reader = new Thread(() -> {
            Cpu cpu = new Cpu(0, space);
            byte[] key = new byte[4];
            int k = 0;
            while (writing.get()) {
                Keys.LE32.set(key, 0, k++ % (THREADS * 100_000));
                hash.bpfLookup(cpu, key, 0); // must never fail or loop, whatever the writers do
            }
        });
        reader.start();
        onThreads(t -> {
            for (int i = 0; i < perThread; i++) {
                hash.update(u32(t * 100_000 + i), u64(t * 100_000 + i), MapFlags.NOEXIST);
            }
            for (int i = 0; i < perThread; i += 2) {
                hash.delete(u32(t * 100_000 + i));
            }
        });
        writing.set(false);
        reader.join();
        assertEquals(THREADS * perThread / 2, hash.size());
        assertEquals(THREADS * perThread / 2, hash.keys().size());
        for (int t = 0; t < THREADS; t++) {
            for (int i = 0; i < perThread; i++) {
                int k = t * 100_000 + i;
                if (i % 2 == 0) {
                    assertThrows(MapException.class, () -> hash.lookup(u32(k)));
                } else {
                    assertArrayEquals(u64(k), hash.lookup(u32(k)));
                }
            }
        }
    }

    @Test
    void programsInsertingFromManyCpusLoseNothing() throws Exception {
        int perThread = 3000;
        BpfHashMap hash =
                (BpfHashMap) Maps.create(new MapDef("h", MapType.HASH, 4, 8, THREADS * perThread), space, THREADS);
        // update(key = r6, value = r6, BPF_NOEXIST); r6 comes in as r1
        LoadedProgram insert = load(
                List.of(hash),
                movr(6, 1),
                stxw(10, -4, 6),
                stxdw(10, -16, 6),
                movr(2, 10),
                add(2, -4),
                movr(3, 10),
                add(3, -16),
                mov(4, MapFlags.NOEXIST),
                ldMap(1, 0),
                call(2),
                exit());
        onThreads(t -> {
            Cpu cpu = new Cpu(t, space);
            for (int i = 0; i < perThread; i++) {
                assertEquals(0, insert.run(cpu, t * 100_000 + i, 0));
            }
        });
        assertEquals(THREADS * perThread, hash.size());
        assertEquals(-7, insert.run(new Cpu(0, space), 999_999, 0)); // full
    }

    @Test
    void concurrentReplacementsKeepOneElementPerKey() throws Exception {
        BpfHashMap hash = (BpfHashMap) Maps.create(new MapDef("h", MapType.HASH, 4, 8, 16), space, 2);
        for (int k = 0; k < 16; k++) {
            hash.update(u32(k), u64(0), MapFlags.ANY);
        }
        onThreads(t -> {
            for (int i = 0; i < 20_000; i++) {
                hash.update(u32(i % 16), u64(t + 1), MapFlags.EXIST);
            }
        });
        assertEquals(16, hash.size());
        for (int k = 0; k < 16; k++) {
            long v = (long) Keys.LE64.get(hash.lookup(u32(k)), 0);
            assertTrue(v >= 1 && v <= THREADS, "value " + v);
        }
    }

    @Test
    void lruMapsStayFullAndConsistentUnderConcurrentInserts() throws Exception {
        LruHashMap lru = (LruHashMap) Maps.create(new MapDef("l", MapType.LRU_HASH, 4, 8, 500), space, THREADS);
        onThreads(t -> {
            Cpu cpu = new Cpu(t, space);
            for (int i = 0; i < 10_000; i++) {
                int k = t * 100_000 + i;
                lru.update(u32(k), u64(k), MapFlags.ANY);
                lru.bpfLookup(cpu, u32(t * 100_000 + i / 2), 0);
                if (i % 7 == 0) {
                    try {
                        lru.delete(u32(t * 100_000 + i / 3));
                    } catch (MapException gone) {
                        // evicted or deleted before: fine
                    }
                }
            }
        });
        int size = lru.size();
        assertTrue(size <= 500 && size > 400, "size " + size);
        for (byte[] k : lru.keys()) {
            assertArrayEquals(u64(Keys.u32(k, 0)), lru.lookup(k));
        }
    }
}
