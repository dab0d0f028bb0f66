package io.jxdp.vm.maps;

import io.jxdp.isa.MapDef;
import io.jxdp.vm.Errno;
import io.jxdp.vm.memory.AddressSpace;
import io.jxdp.vm.memory.Region;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * {@code BPF_MAP_TYPE_PERF_EVENT_ARRAY} (kernel/bpf/arraymap.c, kernel/trace/bpf_trace.c): an
 * array of perf events, one per index, which {@code bpf_perf_event_output} writes samples to. In
 * the kernel user space stores perf event file descriptors in it; jxdp has no descriptors, so a
 * reader {@link #attach attaches} a {@link PerfEventBuffer} per CPU, as libbpf's {@code
 * perf_buffer__new} does. The syscall's lookup is -EOPNOTSUPP (fd arrays), an update -EBADF-like
 * refusal (jxdp names the reader instead), a delete empties the slot.
 */
public final class PerfEventArray extends BpfMap {
    /** BPF_F_INDEX_MASK and BPF_F_CURRENT_CPU. */
    public static final long F_INDEX_MASK = 0xffff_ffffL;

    public static final long F_CURRENT_CPU = F_INDEX_MASK;
    /** BPF_F_CTXLEN_MASK: the bytes of the packet appended to a sample, in the flags' upper half. */
    public static final long F_CTXLEN_MASK = 0xfffffL << 32;

    private final AtomicReferenceArray<PerfEventBuffer> events;

    PerfEventArray(MapDef def, AddressSpace space) {
        super(def, space, 1, def.maxEntries());
        this.events = new AtomicReferenceArray<>(def.maxEntries());
    }

    @Override
    protected Region regionFor(int cpuId) {
        return null; // programs never get a pointer into it
    }

    /** Stores {@code event} at {@code index} (what an update with a perf event fd does). */
    public void attach(int index, PerfEventBuffer event) {
        if (index < 0 || index >= maxEntries()) {
            throw new MapException(Errno.E2BIG, describe() + ": index " + index + " is out of range");
        }
        events.set(index, event);
    }

    /** The event at {@code index}, or null. */
    public PerfEventBuffer event(int index) {
        return index >= 0 && index < maxEntries() ? events.get(index) : null;
    }

    /**
     * __bpf_perf_event_output: writes a sample to the event at the index the flags name ({@code
     * BPF_F_CURRENT_CPU}: the calling CPU's); -E2BIG past the array, -ENOENT for an empty slot,
     * -EOPNOTSUPP when the event is on another CPU, -ENOSPC when its ring is full.
     *
     * @param cpuId the CPU the program runs on
     * @param data the sample (unpadded): the program's bytes then the packet's
     */
    public long output(int cpuId, long flags, byte[] data) {
        long index = flags & F_INDEX_MASK;
        if (index == F_CURRENT_CPU) {
            index = cpuId;
        }
        if (index >= maxEntries()) {
            return Errno.E2BIG.negative();
        }
        PerfEventBuffer event = events.get((int) index);
        if (event == null) {
            return Errno.ENOENT.negative();
        }
        if (event.cpu() != cpuId) {
            return Errno.EOPNOTSUPP.negative();
        }
        return event.write(data) ? 0 : Errno.ENOSPC.negative();
    }

    @Override
    protected byte[] userLookup(byte[] key) {
        throw new MapException(Errno.EOPNOTSUPP, describe() + ": a perf event array's entries cannot be read");
    }

    @Override
    protected long userUpdate(byte[] key, byte[] value, long flags) {
        throw new MapException(
                Errno.EINVAL,
                describe() + ": jxdp has no perf event descriptors; a reader (jxdp run --events) fills the array");
    }

    @Override
    protected long userDelete(byte[] key) {
        int index = Keys.u32(key, 0);
        if (!Keys.below(index, maxEntries())) {
            return Errno.E2BIG.negative();
        }
        return events.getAndSet(index, null) == null ? Errno.ENOENT.negative() : 0;
    }

    @Override
    protected byte[] userNextKey(byte[] key) {
        return Keys.nextIndex(key, maxEntries());
    }
}
