package io.jxdp.vm.maps;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * The bucket structure every hashed map shares (HASH, PERCPU_HASH, the LRU hashes, DEVMAP_HASH),
 * built like the kernel's (kernel/bpf/hashtab.c): {@code roundup_pow_of_two(max_entries)} buckets,
 * each a singly linked chain of preallocated slots, new elements added at the head. A slot's key,
 * hash and chain link live in parallel arrays; its value lives in the map's {@link ValueStore}
 * under the same slot number.
 *
 * <p>Concurrency follows the kernel's design. Writers hold the bucket's lock (striped here) while
 * they link or unlink; readers take no lock. A chain ends not in -1 but in its bucket's "nulls"
 * marker ({@code -1 - bucket}), as in {@code hlist_nulls}: a slot freed and reused in another
 * bucket while a reader stands on it leads the reader into that bucket's chain, whose marker tells
 * it to walk again. Links are published with release stores after the slot's key and value are
 * written, and read with acquire loads, so a reader that finds a slot sees its contents.
 *
 * <p>The hazard is the kernel's too: a preallocated map's freed element goes back to the free list
 * at once (free_htab_elem, pcpu_freelist_push), so a value address a program got from a lookup
 * may, while it holds it, come to belong to another key if another CPU or user space deletes the
 * key and inserts another; a lookup racing such a reuse may also miss.
 */
final class HashTab {
    private static final VarHandle INTS = MethodHandles.arrayElementVarHandle(int[].class);
    /** Walks again at most this often after meeting a foreign marker, then reports a miss. */
    private static final int MAX_RESTARTS = 64;

    final int keySize;
    final int slotCount;
    final int bucketCount;
    private final int mask;
    private final int seed;
    private final boolean identityHash;
    private final byte[] keys;
    private final int[] hashes;
    private final int[] next;
    private final int[] heads;
    private final Object[] locks;

    /**
     * @param identityHash hash a u32 key as itself (devmap_hash's {@code dev_map_index_hash}),
     *     else jhash with {@code seed}
     */
    HashTab(int keySize, int slotCount, int maxEntries, int seed, boolean identityHash) {
        this.keySize = keySize;
        this.slotCount = slotCount;
        this.bucketCount = roundUpPowerOfTwo(maxEntries);
        this.mask = bucketCount - 1;
        this.seed = seed;
        this.identityHash = identityHash;
        this.keys = new byte[slotCount * keySize];
        this.hashes = new int[slotCount];
        this.next = new int[slotCount];
        this.heads = new int[bucketCount];
        for (int b = 0; b < bucketCount; b++) {
            heads[b] = nulls(b);
        }
        this.locks = new Object[Math.min(bucketCount, 256)];
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
    }

    static int roundUpPowerOfTwo(int n) {
        return n <= 1 ? 1 : Integer.highestOneBit(n - 1) << 1;
    }

    private static int nulls(int bucket) {
        return -1 - bucket;
    }

    int hash(byte[] k, int at) {
        return identityHash ? Keys.u32(k, at) : Jhash.hash(k, at, keySize, seed);
    }

    int bucket(int hash) {
        return hash & mask;
    }

    /** The lock writers of {@code bucket} hold. */
    Object lock(int bucket) {
        return locks[bucket & (locks.length - 1)];
    }

    int hashOf(int slot) {
        return hashes[slot];
    }

    /** The slot holding the key at {@code k[at...]}, or -1; takes no lock (lookup_nulls_elem_raw). */
    int find(byte[] k, int at, int hash) {
        int b = hash & mask;
        for (int restart = 0; restart < MAX_RESTARTS; restart++) {
            int s = (int) INTS.getAcquire(heads, b);
            // a bound on the walk: concurrent reuse may send a reader round a chain more than once
            for (int steps = 0; s >= 0 && steps <= slotCount; steps++) {
                if (hashes[s] == hash && keyEquals(s, k, at)) {
                    return s;
                }
                s = (int) INTS.getAcquire(next, s);
            }
            if (s == nulls(b)) {
                return -1;
            }
        }
        return -1;
    }

    /** As {@link #find} for a 4-byte key given as its value (the redirect path, which must not allocate). */
    int findU32(int key, int hash) {
        int b = hash & mask;
        for (int restart = 0; restart < MAX_RESTARTS; restart++) {
            int s = (int) INTS.getAcquire(heads, b);
            for (int steps = 0; s >= 0 && steps <= slotCount; steps++) {
                if (hashes[s] == hash && Keys.u32(keys, s * 4) == key) {
                    return s;
                }
                s = (int) INTS.getAcquire(next, s);
            }
            if (s == nulls(b)) {
                return -1;
            }
        }
        return -1;
    }

    /** As {@link #find}, for a writer holding the bucket's lock. */
    int findLocked(int bucket, byte[] k, int at, int hash) {
        for (int s = heads[bucket]; s >= 0; s = next[s]) {
            if (hashes[s] == hash && keyEquals(s, k, at)) {
                return s;
            }
        }
        return -1;
    }

    boolean keyEquals(int slot, byte[] k, int at) {
        int from = slot * keySize;
        return Arrays.equals(keys, from, from + keySize, k, at, at + keySize);
    }

    /** Gives a free slot its key; before {@link #linkHead} publishes it. */
    void setKey(int slot, byte[] k, int at, int hash) {
        System.arraycopy(k, at, keys, slot * keySize, keySize);
        hashes[slot] = hash;
    }

    byte[] keyOf(int slot) {
        return Arrays.copyOfRange(keys, slot * keySize, slot * keySize + keySize);
    }

    /** Adds {@code slot} at the head of its bucket's chain (hlist_nulls_add_head_rcu); hold the lock. */
    void linkHead(int bucket, int slot) {
        next[slot] = heads[bucket];
        INTS.setRelease(heads, bucket, slot);
    }

    /**
     * Unlinks {@code slot} from {@code bucket}'s chain (hlist_nulls_del_rcu); hold the lock. The
     * slot keeps its link so readers standing on it walk on.
     *
     * @return false if the slot is not in that chain
     */
    boolean unlink(int bucket, int slot) {
        int prev = -1;
        for (int s = heads[bucket]; s >= 0; prev = s, s = next[s]) {
            if (s == slot) {
                if (prev < 0) {
                    INTS.setRelease(heads, bucket, next[s]);
                } else {
                    INTS.setRelease(next, prev, next[s]);
                }
                return true;
            }
        }
        return false;
    }

    /**
     * The slot whose key follows the key at {@code k[at...]} in iteration order, or -1
     * (htab_map_get_next_key): the next slot in the key's chain, else the first slot of the next
     * non-empty bucket; from the first bucket if the key is null or not in the map.
     */
    int nextSlot(byte[] k, int at) {
        int b = 0;
        if (k != null) {
            int hash = hash(k, at);
            int s = find(k, at, hash);
            if (s >= 0) {
                int n = (int) INTS.getAcquire(next, s);
                if (n >= 0) {
                    return n;
                }
                b = (hash & mask) + 1;
            }
        }
        for (; b < bucketCount; b++) {
            int s = (int) INTS.getAcquire(heads, b);
            if (s >= 0) {
                return s;
            }
        }
        return -1;
    }

    /** The number of linked slots (for tests and statistics; racy under concurrent writers). */
    int count() {
        int n = 0;
        for (int b = 0; b < bucketCount; b++) {
            for (int s = heads[b]; s >= 0 && n <= slotCount; s = next[s]) {
                n++;
            }
        }
        return n;
    }
}
