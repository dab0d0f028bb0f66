package io.jxdp.vm.maps;

import io.jxdp.isa.MapDef;
import io.jxdp.vm.Errno;
import io.jxdp.vm.LoadedProgram;
import io.jxdp.vm.memory.AddressSpace;
import io.jxdp.vm.memory.Region;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;

/**
 * {@code BPF_MAP_TYPE_PROG_ARRAY} (kernel/bpf/arraymap.c, the fd arrays): slots holding programs,
 * which {@code bpf_tail_call} jumps to ({@link io.jxdp.vm.TailCalls}). Programs cannot read or
 * write it (the verifier allows it only as tail_call's map); user space fills it. The kernel takes
 * a program fd in an update's 4-byte value and reports the program's id on lookup; jxdp has no
 * fds, so the value is a program id that the map's owner resolves ({@link #setPrograms}), or a
 * program is put directly with {@link #set}. As fd_array_map_*: updates take only {@code
 * BPF_ANY}; an index at or past max_entries is -E2BIG; deleting an empty slot is -ENOENT.
 */
public final class ProgArray extends BpfMap {
    /** One filled slot: the program and the id user space knows it by. */
    public record Entry(int id, LoadedProgram program) {
        public Entry {
            Objects.requireNonNull(program, "program");
        }
    }

    private final AtomicReferenceArray<Entry> slots;
    private volatile IntFunction<LoadedProgram> programs = id -> null;

    ProgArray(MapDef def, AddressSpace space) {
        super(def, space);
        this.slots = new AtomicReferenceArray<>(def.maxEntries());
    }

    @Override
    protected Region regionFor(int cpuId) {
        return null; // no values programs could address
    }

    /** How an update's program id becomes a program (default: no id names one, -EBADF). */
    public void setPrograms(IntFunction<LoadedProgram> resolver) {
        this.programs = Objects.requireNonNull(resolver, "resolver");
    }

    /**
     * Puts {@code program} in slot {@code index} under {@code id} (what lookups report).
     *
     * @throws MapException -E2BIG if index is at or past max_entries
     */
    public void set(int index, int id, LoadedProgram program) {
        checkIndex(index);
        slots.set(index, new Entry(id, program));
    }

    /** The program in slot {@code index}, or null (empty, or out of range): what a tail call jumps to. */
    public LoadedProgram program(long index) {
        if (index < 0 || index >= slots.length()) {
            return null;
        }
        Entry e = slots.get((int) index);
        return e == null ? null : e.program();
    }

    /** The entry of slot {@code index}, or null. */
    public Entry entry(int index) {
        return index < 0 || index >= slots.length() ? null : slots.get(index);
    }

    private void checkIndex(int index) {
        if (!Keys.below(index, maxEntries())) {
            throw new MapException(
                    Errno.E2BIG,
                    describe() + ": index " + Integer.toUnsignedString(index) + " is not below max_entries "
                            + maxEntries());
        }
    }

    /** bpf_fd_array_map_lookup_elem: the program's id (prog_fd_array_sys_lookup_elem), none if empty. */
    @Override
    protected byte[] userLookup(byte[] key) {
        Entry e = entry(Keys.u32(key, 0));
        return e == null ? null : Keys.u32Bytes(e.id());
    }

    /** bpf_fd_array_map_update_elem: BPF_ANY only, an index below max_entries, a known program. */
    @Override
    protected long userUpdate(byte[] key, byte[] value, long flags) {
        int index = Keys.u32(key, 0);
        if (flags != MapFlags.ANY) {
            return Errno.EINVAL.negative();
        }
        if (!Keys.below(index, maxEntries())) {
            return Errno.E2BIG.negative();
        }
        int id = Keys.u32(value, 0);
        LoadedProgram p = programs.apply(id);
        if (p == null) {
            return Errno.EBADF.negative(); // as an fd that names no program
        }
        slots.set(index, new Entry(id, p));
        return 0;
    }

    /** fd_array_map_delete_elem. */
    @Override
    protected long userDelete(byte[] key) {
        int index = Keys.u32(key, 0);
        if (!Keys.below(index, maxEntries())) {
            return Errno.E2BIG.negative();
        }
        return slots.getAndSet(index, null) == null ? Errno.ENOENT.negative() : 0;
    }

    @Override
    protected byte[] userNextKey(byte[] key) {
        return Keys.nextIndex(key, maxEntries());
    }
}
