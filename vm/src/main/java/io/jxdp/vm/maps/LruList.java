package io.jxdp.vm.maps;

/**
 * The recency order and free slots of an LRU hash map, guarded by this object's monitor (a
 * per-map lock, where the kernel's bpf_lru_list uses per-CPU local lists and a global one).
 *
 * <p>It approximates the kernel's eviction (kernel/bpf/bpf_lru_list.c) with the same ingredients:
 * new elements enter at the head; a program's lookup sets the element's reference bit without
 * moving it (bpf_lru_node_set_ref); when no slot is free, the element at the tail is examined: if
 * referenced it gets a second chance (its bit cleared, moved to the head, as the kernel's rotation
 * moves referenced nodes to the active list), otherwise it is evicted. So the least recently
 * inserted or used element goes first. Unlike the kernel, nothing is evicted while a slot is free.
 */
final class LruList {
    private final int[] prev;
    private final int[] next;
    private final boolean[] listed;
    /** Reference bits, set by lookups without the lock (racy, as in the kernel). */
    private final byte[] ref;

    private final SlotStack free;
    private int head = -1;
    private int tail = -1;
    private int size;

    LruList(int slots) {
        this.prev = new int[slots];
        this.next = new int[slots];
        this.listed = new boolean[slots];
        this.ref = new byte[slots];
        this.free = new SlotStack(slots, 0, slots);
    }

    /** A lookup used {@code slot}. */
    void touch(int slot) {
        if (ref[slot] == 0) {
            ref[slot] = 1;
        }
    }

    /**
     * A slot for a new element, listed at the head: a free one, else one evicted from {@code
     * table} (whose bucket locks this takes while holding the list's lock; writers never take them
     * the other way round). -1 if every listed element is in transit.
     */
    synchronized int pop(HashTab table) {
        int slot = free.pop();
        if (slot < 0) {
            slot = evict(table);
        }
        if (slot >= 0) {
            ref[slot] = 0;
            addHead(slot);
        }
        return slot;
    }

    /** Returns a slot that is unlinked from its bucket to the free slots. */
    synchronized void release(int slot) {
        remove(slot);
        free.push(slot);
    }

    private int evict(HashTab table) {
        for (int i = 0, limit = 2 * size + 1; i < limit && tail >= 0; i++) {
            int slot = tail;
            if (ref[slot] != 0) {
                ref[slot] = 0; // second chance
                remove(slot);
                addHead(slot);
                continue;
            }
            int bucket = table.bucket(table.hashOf(slot));
            boolean unlinked;
            synchronized (table.lock(bucket)) {
                unlinked = table.unlink(bucket, slot);
            }
            if (unlinked) {
                remove(slot);
                return slot;
            }
            // being inserted or deleted by another thread: not ours to evict (as htab_lru_map_delete_node fails)
            remove(slot);
            addHead(slot);
        }
        return -1;
    }

    private void addHead(int slot) {
        prev[slot] = -1;
        next[slot] = head;
        if (head >= 0) {
            prev[head] = slot;
        } else {
            tail = slot;
        }
        head = slot;
        listed[slot] = true;
        size++;
    }

    private void remove(int slot) {
        if (!listed[slot]) {
            return;
        }
        int p = prev[slot];
        int n = next[slot];
        if (p >= 0) {
            next[p] = n;
        } else {
            head = n;
        }
        if (n >= 0) {
            prev[n] = p;
        } else {
            tail = p;
        }
        listed[slot] = false;
        size--;
    }
}
