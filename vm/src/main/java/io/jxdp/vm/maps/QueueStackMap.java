package io.jxdp.vm.maps;

import io.jxdp.isa.MapDef;
import io.jxdp.isa.MapType;
import io.jxdp.vm.Cpu;
import io.jxdp.vm.Errno;
import io.jxdp.vm.memory.AddressSpace;
import io.jxdp.vm.memory.Region;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code BPF_MAP_TYPE_QUEUE} and {@code BPF_MAP_TYPE_STACK} (kernel/bpf/queue_stack_maps.c):
 * keyless, a ring of max_entries + 1 values of value_size bytes with a head and a tail. Push
 * ({@code bpf_map_push_elem}, or an update from user space) adds at the head; a queue pops and
 * peeks at the tail (first in, first out), a stack at the head (last in, first out). A full map
 * refuses a push with -E2BIG unless the flags say {@code BPF_EXIST}, which drops the oldest value to
 * make room; {@code BPF_NOEXIST} or any unknown flag is -EINVAL. Popping or peeking an empty map is
 * -ENOENT and zeroes the caller's buffer, as the kernel's memset does.
 *
 * <p>Programs never get a pointer into the map (lookup is refused by the verifier): values are
 * copied in and out, under the map's lock (the kernel's raw spinlock).
 */
public final class QueueStackMap extends BpfMap {
    private final boolean stack;
    private final int valueSize;
    private final int size;
    private final byte[] elements;
    private int head;
    private int tail;

    QueueStackMap(MapDef def, AddressSpace space) {
        super(def, space, 1, def.maxEntries());
        this.stack = def.type() == MapType.STACK;
        this.valueSize = def.valueSize();
        this.size = def.maxEntries() + 1;
        this.elements = new byte[Math.multiplyExact(size, valueSize)];
    }

    @Override
    protected Region regionFor(int cpuId) {
        return null; // no value is ever addressed by a program
    }

    /** The number of values held. */
    public synchronized int count() {
        return Math.floorMod(head - tail, size);
    }

    /** queue_stack_map_push_elem: 0 or a negative errno. */
    synchronized long push(byte[] value, int at, long flags) {
        if ((flags & MapFlags.NOEXIST) != 0 || Long.compareUnsigned(flags, MapFlags.EXIST) > 0) {
            return Errno.EINVAL.negative();
        }
        if ((head + 1) % size == tail) {
            if ((flags & MapFlags.EXIST) == 0) {
                return Errno.E2BIG.negative();
            }
            tail = (tail + 1) % size; // overwrite the oldest value
        }
        System.arraycopy(value, at, elements, head * valueSize, valueSize);
        head = (head + 1) % size;
        return 0;
    }

    /** __queue_map_get / __stack_map_get: copies the next value out, removing it if asked. */
    synchronized long get(byte[] out, int at, boolean delete) {
        if (head == tail) {
            Arrays.fill(out, at, at + valueSize, (byte) 0);
            return Errno.ENOENT.negative();
        }
        int index = stack ? (head == 0 ? size - 1 : head - 1) : tail;
        System.arraycopy(elements, index * valueSize, out, at, valueSize);
        if (delete) {
            if (stack) {
                head = index;
            } else {
                tail = (tail + 1) % size;
            }
        }
        return 0;
    }

    /** The values in the order pops would return them, without removing any. */
    public synchronized List<byte[]> contents() {
        List<byte[]> out = new ArrayList<>();
        int n = Math.floorMod(head - tail, size);
        for (int i = 0; i < n; i++) {
            int index = stack ? Math.floorMod(head - 1 - i, size) : (tail + i) % size;
            out.add(Arrays.copyOfRange(elements, index * valueSize, index * valueSize + valueSize));
        }
        return out;
    }

    @Override
    public long bpfPush(Cpu cpu, byte[] value, int at, long flags) {
        return push(value, at, flags);
    }

    @Override
    public long bpfPop(Cpu cpu, byte[] out, int at) {
        return get(out, at, true);
    }

    @Override
    public long bpfPeek(Cpu cpu, byte[] out, int at) {
        return get(out, at, false);
    }

    @Override
    protected long userPush(byte[] value, long flags) {
        return push(value, 0, flags);
    }

    @Override
    protected long userPop(byte[] out, boolean delete) {
        return get(out, 0, delete);
    }

    /** The syscall's lookup of a queue or stack is a peek. */
    @Override
    protected byte[] userLookup(byte[] key) {
        byte[] out = new byte[valueSize];
        return get(out, 0, false) == 0 ? out : null;
    }

    /** The syscall's update of a queue or stack is a push. */
    @Override
    protected long userUpdate(byte[] key, byte[] value, long flags) {
        return push(value, 0, flags);
    }

    @Override
    protected long userDelete(byte[] key) {
        return Errno.EINVAL.negative();
    }

    @Override
    protected byte[] userNextKey(byte[] key) {
        throw new MapException(Errno.EINVAL, describe() + ": a " + type().bpftoolName() + " has no keys");
    }
}
