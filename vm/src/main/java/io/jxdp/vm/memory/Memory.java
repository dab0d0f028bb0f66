package io.jxdp.vm.memory;

import io.jxdp.isa.AtomicOp;
import io.jxdp.isa.sem.Atomics;
import io.jxdp.isa.sem.Loads;
import io.jxdp.vm.FaultKind;
import io.jxdp.vm.VmFault;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * One Cpu's view of the eBPF address space and every checked access to it. The fast path of each
 * access is a table lookup by region id, a bounds compare and a little-endian VarHandle access;
 * anything else (context fields, regions not yet cached, faults) goes to the slow path. Values are
 * returned zero-extended; callers sign-extend for the {@code ldxs*} loads.
 */
public final class Memory {
    static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** Bytes per bpf-to-bpf frame, {@code MAX_BPF_STACK}. */
    public static final int FRAME_SIZE = 512;
    /** Nested frames at most, {@code MAX_CALL_FRAMES}. */
    public static final int MAX_FRAMES = 8;
    /** The stack region's size. */
    public static final int STACK_SIZE = FRAME_SIZE * MAX_FRAMES;

    private final int cpuId;
    private final AddressSpace space;
    private Region[] table;
    private final Region stack;
    private final Region context;
    private final Region packet;
    private final Region memory;
    private final XdpContext xdp;

    public Memory(int cpuId, AddressSpace space) {
        this.cpuId = cpuId;
        this.space = space;
        this.stack = new Region(Addresses.STACK, RegionKind.STACK, this);
        this.stack.set(new byte[STACK_SIZE], 0, 0, STACK_SIZE, true);
        this.context = new Region(Addresses.CONTEXT, RegionKind.CONTEXT, this);
        this.packet = new Region(Addresses.PACKET, RegionKind.PACKET, this);
        this.memory = new Region(Addresses.MEMORY, RegionKind.MEMORY, this);
        this.table = new Region[Addresses.FIRST_SHARED];
        table[Addresses.STACK] = stack;
        table[Addresses.CONTEXT] = context;
        table[Addresses.PACKET] = packet;
        table[Addresses.MEMORY] = memory;
        this.xdp = new XdpContext(packet);
    }

    public AddressSpace space() {
        return space;
    }

    public XdpContext xdp() {
        return xdp;
    }

    /** The stack's bytes; frame k occupies {@code [STACK_SIZE - 512(k+1), STACK_SIZE - 512k)}. */
    public byte[] stackBytes() {
        return stack.bytes;
    }

    /** r10 of frame {@code depth} (0 for the program's entry function). */
    public static long framePointer(int depth) {
        return Addresses.address(Addresses.STACK, STACK_SIZE - FRAME_SIZE * depth);
    }

    /** The address of the context, r1 of an XDP program. */
    public static long contextPointer() {
        return Addresses.address(Addresses.CONTEXT, 0);
    }

    /** Makes {@code bytes} the memory of the conformance calling convention; returns its address (0 if null). */
    public long attachMemory(byte[] bytes) {
        if (bytes == null) {
            memory.set(new byte[0], 0, 0, 0, false);
            return 0;
        }
        memory.set(bytes, 0, 0, bytes.length, true);
        return Addresses.address(Addresses.MEMORY, 0);
    }

    /**
     * This Cpu's packet region (id {@link Addresses#PACKET}): the same object as {@code region(PACKET)},
     * one load from here instead of a table lookup, which JIT code pays on every run.
     */
    public Region packetRegion() {
        return packet;
    }

    /** This Cpu's conformance memory region (id {@link Addresses#MEMORY}); see {@link #packetRegion}. */
    public Region memoryRegion() {
        return memory;
    }

    /** The region this Cpu sees at {@code id}, or null. */
    public Region region(int id) {
        Region[] t = table;
        if (id >= 0 && id < t.length && t[id] != null) {
            return t[id];
        }
        Region r = space.resolve(id, cpuId);
        if (r != null) {
            if (id >= t.length) {
                t = Arrays.copyOf(t, Math.max(id + 1, t.length * 2));
            }
            t[id] = r;
            table = t;
        }
        return r;
    }

    // ---- loads: zero-extended (Loads.ldxX) -------------------------------------------------------------

    public long loadB(long addr, int pc) {
        Region[] t = table;
        long id = addr >>> 32; // never negative, so one compare bounds it
        int off = (int) addr;
        if (id < t.length) {
            Region r = t[(int) id];
            if (r != null && off >= r.lo && off < r.hi) {
                return Loads.ldxb(r.bytes[r.base + off]);
            }
        }
        return loadSlow(addr, 1, pc);
    }

    public long loadH(long addr, int pc) {
        Region[] t = table;
        long id = addr >>> 32; // never negative, so one compare bounds it
        int off = (int) addr;
        if (id < t.length) {
            Region r = t[(int) id];
            if (r != null && off >= r.lo && off <= r.hi - 2) {
                return Loads.ldxh((short) I16.get(r.bytes, r.base + off));
            }
        }
        return loadSlow(addr, 2, pc);
    }

    public long loadW(long addr, int pc) {
        Region[] t = table;
        long id = addr >>> 32; // never negative, so one compare bounds it
        int off = (int) addr;
        if (id < t.length) {
            Region r = t[(int) id];
            if (r != null && off >= r.lo && off <= r.hi - 4) {
                return Loads.ldxw((int) I32.get(r.bytes, r.base + off));
            }
        }
        return loadSlow(addr, 4, pc);
    }

    public long loadDW(long addr, int pc) {
        Region[] t = table;
        long id = addr >>> 32; // never negative, so one compare bounds it
        int off = (int) addr;
        if (id < t.length) {
            Region r = t[(int) id];
            if (r != null && off >= r.lo && off <= r.hi - 8) {
                return Loads.ldxdw((long) I64.get(r.bytes, r.base + off));
            }
        }
        return loadSlow(addr, 8, pc);
    }

    /** A load of 1, 2, 4 or 8 bytes, zero-extended. */
    public long load(long addr, int size, int pc) {
        return switch (size) {
            case 1 -> loadB(addr, pc);
            case 2 -> loadH(addr, pc);
            case 4 -> loadW(addr, pc);
            default -> loadDW(addr, pc);
        };
    }

    private long loadSlow(long addr, int size, int pc) {
        Region r = regionOrFault(addr, size, pc, "load");
        int off = (int) addr;
        if (r.kind == RegionKind.CONTEXT) {
            long value = size == 4 ? xdp.field(off) : -1;
            if (value == -1) {
                throw new VmFault(
                        FaultKind.BAD_CONTEXT_ACCESS,
                        pc,
                        addr,
                        "invalid bpf_context access off=" + off + " size=" + size
                                + " (xdp_md allows aligned 4-byte reads of its 6 fields only)");
            }
            return value;
        }
        if (off >= r.lo && off <= r.hi - size) {
            return load(addr, size, pc); // the region was not cached yet
        }
        throw outOfBounds(r, addr, size, pc, "load");
    }

    // ---- stores -------------------------------------------------------------------------------

    public void storeB(long addr, long value, int pc) {
        Region[] t = table;
        long id = addr >>> 32; // never negative, so one compare bounds it
        int off = (int) addr;
        if (id < t.length) {
            Region r = t[(int) id];
            if (r != null && off >= r.lo && off < r.storeHi) {
                r.bytes[r.base + off] = (byte) value;
                return;
            }
        }
        storeSlow(addr, 1, value, pc);
    }

    public void storeH(long addr, long value, int pc) {
        Region[] t = table;
        long id = addr >>> 32; // never negative, so one compare bounds it
        int off = (int) addr;
        if (id < t.length) {
            Region r = t[(int) id];
            if (r != null && off >= r.lo && off <= r.storeHi - 2) {
                I16.set(r.bytes, r.base + off, (short) value);
                return;
            }
        }
        storeSlow(addr, 2, value, pc);
    }

    public void storeW(long addr, long value, int pc) {
        Region[] t = table;
        long id = addr >>> 32; // never negative, so one compare bounds it
        int off = (int) addr;
        if (id < t.length) {
            Region r = t[(int) id];
            if (r != null && off >= r.lo && off <= r.storeHi - 4) {
                I32.set(r.bytes, r.base + off, (int) value);
                return;
            }
        }
        storeSlow(addr, 4, value, pc);
    }

    public void storeDW(long addr, long value, int pc) {
        Region[] t = table;
        long id = addr >>> 32; // never negative, so one compare bounds it
        int off = (int) addr;
        if (id < t.length) {
            Region r = t[(int) id];
            if (r != null && off >= r.lo && off <= r.storeHi - 8) {
                I64.set(r.bytes, r.base + off, value);
                return;
            }
        }
        storeSlow(addr, 8, value, pc);
    }

    /** A store of the low 1, 2, 4 or 8 bytes of {@code value}. */
    public void store(long addr, int size, long value, int pc) {
        switch (size) {
            case 1 -> storeB(addr, value, pc);
            case 2 -> storeH(addr, value, pc);
            case 4 -> storeW(addr, value, pc);
            default -> storeDW(addr, value, pc);
        }
    }

    private void storeSlow(long addr, int size, long value, int pc) {
        Region r = writableOrFault(addr, size, pc);
        if ((int) addr <= r.storeHi - size) {
            store(addr, size, value, pc); // the region was not cached yet
        }
    }

    private Region writableOrFault(long addr, int size, int pc) {
        Region r = regionOrFault(addr, size, pc, "store");
        int off = (int) addr;
        if (r.kind == RegionKind.CONTEXT) {
            throw new VmFault(
                    FaultKind.BAD_CONTEXT_ACCESS,
                    pc,
                    addr,
                    "invalid bpf_context access off=" + off + " size=" + size + " (xdp_md is read-only)");
        }
        if (off < r.lo || off > r.hi - size) {
            throw outOfBounds(r, addr, size, pc, "store");
        }
        if (!r.writable()) {
            throw new VmFault(
                    FaultKind.READ_ONLY,
                    pc,
                    addr,
                    "store of " + size + " bytes at " + Addresses.format(addr) + ": the " + r.kind.description()
                            + " is read-only");
        }
        return r;
    }

    // ---- atomics --------------------------------------------------------------------------------

    /**
     * An atomic read-modify-write of a 4- or 8-byte word.
     *
     * @param expected r0, compared by {@code cmpxchg}
     * @return the old value of the word (zero-extended for 4 bytes)
     */
    public long atomic(AtomicOp op, long addr, int size, long src, long expected, int pc) {
        Region r = writableOrFault(addr, size, pc);
        int off = (int) addr;
        if ((off & (size - 1)) != 0 || ((r.base + off) & (size - 1)) != 0) {
            throw new VmFault(
                    FaultKind.MISALIGNED,
                    pc,
                    addr,
                    "misaligned atomic access of " + size + " bytes at " + Addresses.format(addr));
        }
        int i = r.base + off;
        byte[] b = r.bytes;
        // a compare-and-set loop around the shared method: the new value is Atomics' alone
        if (size == 8) {
            long old;
            do {
                old = (long) I64.getVolatile(b, i);
            } while (!I64.compareAndSet(b, i, old, Atomics.update64(op, old, src, expected)));
            return old;
        }
        int old;
        do {
            old = (int) I32.getVolatile(b, i);
        } while (!I32.compareAndSet(b, i, old, Atomics.update32(op, old, src, expected)));
        return old & 0xffff_ffffL;
    }

    // ---- helper-side access (helpers read keys and values the program points at) ---------------

    /** Copies {@code length} bytes the program points at; faults as a load would. */
    public byte[] read(long addr, int length, int pc) {
        Region r = rangeOrFault(addr, length, pc, "read");
        byte[] out = new byte[length];
        System.arraycopy(r.bytes, r.base + (int) addr, out, 0, length);
        return out;
    }

    /**
     * Copies {@code length} bytes of {@code src} from {@code at} to where the program points; faults
     * as a store would (out of bounds, read-only, the context).
     */
    public void write(long addr, byte[] src, int at, int length, int pc, String what) {
        if (length == 0) {
            return;
        }
        Region r = rangeOrFault(addr, length, pc, what);
        if (!r.writable()) {
            throw new VmFault(
                    FaultKind.READ_ONLY,
                    pc,
                    addr,
                    what + " of " + length + " bytes at " + Addresses.format(addr) + ": the " + r.kind.description()
                            + " is read-only");
        }
        System.arraycopy(src, at, r.bytes, r.base + (int) addr, length);
    }

    /**
     * The byte at {@code addr}, or -1 where a load would fault: the kernel's {@code *_nofault}
     * copies (strings printed by {@code %s}) read what they can and never fault.
     */
    public int peek(long addr) {
        long id = addr >>> 32;
        Region r = id == 0 || id > Integer.MAX_VALUE ? null : region((int) id);
        int off = (int) addr;
        if (r == null || r.kind == RegionKind.CONTEXT || off < r.lo || off >= r.hi) {
            return -1;
        }
        return r.bytes[r.base + off] & 0xff;
    }

    /** The region holding {@code [addr, addr + length)}, checked, for helpers that access it in place. */
    public Region rangeOrFault(long addr, int length, int pc, String what) {
        Region r = regionOrFault(addr, Math.max(length, 1), pc, what);
        int off = (int) addr;
        if (r.kind == RegionKind.CONTEXT || length < 0 || off < r.lo || off > r.hi - length) {
            throw outOfBounds(r, addr, length, pc, what);
        }
        return r;
    }

    /** As {@link #rangeOrFault}, for a helper that writes the range: it must be writable too. */
    public Region writableRangeOrFault(long addr, int length, int pc, String what) {
        Region r = rangeOrFault(addr, length, pc, what);
        if ((int) addr > r.storeHi - length) {
            throw new VmFault(
                    FaultKind.READ_ONLY,
                    pc,
                    addr,
                    what + " of " + length + " bytes at " + Addresses.format(addr) + ": the " + r.kind.description()
                            + " is read-only");
        }
        return r;
    }

    // ---- faults --------------------------------------------------------------------------------

    private Region regionOrFault(long addr, int size, int pc, String what) {
        long id = addr >>> 32;
        Region r = id == 0 || id > Integer.MAX_VALUE ? null : region((int) id);
        if (r == null) {
            String why = addr == 0
                    ? "a NULL pointer"
                    : id == 0
                            ? "not a pointer (a number below 2^32)"
                            : id == Addresses.MAP_HANDLE
                                    ? "a map, which only helpers may use"
                                    : id == Addresses.FUNCTION
                                            ? "a function pointer"
                                            : "an address in no memory region";
            throw new VmFault(
                    FaultKind.OUT_OF_BOUNDS,
                    pc,
                    addr,
                    what + " of " + size + " bytes at " + Addresses.format(addr) + ": " + why);
        }
        return r;
    }

    private static VmFault outOfBounds(Region r, long addr, int size, int pc, String what) {
        int off = (int) addr;
        return new VmFault(
                FaultKind.OUT_OF_BOUNDS,
                pc,
                addr,
                what + " of " + size + " bytes at " + Addresses.format(addr) + " is outside the " + r.kind.description()
                        + ": offset " + off + ", accessible [" + r.lo + ", " + r.hi + ")");
    }
}
