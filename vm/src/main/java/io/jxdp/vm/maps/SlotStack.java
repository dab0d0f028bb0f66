package io.jxdp.vm.maps;

/**
 * Free slots, last freed first out (the kernel's pcpu_freelist is LIFO per CPU). Not thread-safe:
 * the owner guards it with a lock.
 */
final class SlotStack {
    private final int[] slots;
    private int size;

    /** A stack holding the slots {@code [first, first + count)}, {@code first} on top. */
    SlotStack(int capacity, int first, int count) {
        this.slots = new int[capacity];
        for (int i = 0; i < count; i++) {
            slots[i] = first + count - 1 - i;
        }
        this.size = count;
    }

    /** A free slot, or -1 if none is left. */
    int pop() {
        return size == 0 ? -1 : slots[--size];
    }

    void push(int slot) {
        slots[size++] = slot;
    }

    int size() {
        return size;
    }
}
