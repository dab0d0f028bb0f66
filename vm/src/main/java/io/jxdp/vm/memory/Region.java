package io.jxdp.vm.memory;

/**
 * A window on a byte array that eBPF pointers with this region id address. Offsets {@code [lo,
 * hi)} may be read and {@code [lo, storeHi)} written; byte {@code o} lives at {@code bytes[base +
 * o]}. The owner (a Cpu for its stack and packet, a map for its values) re-points packet windows
 * as frames come and go; a region is only ever touched by the thread of the Cpu using it, or, for
 * map values, concurrently as the kernel's maps are (racy but memory-safe).
 */
public final class Region {
    final int id;
    final RegionKind kind;
    byte[] bytes;
    int base;
    int lo;
    int hi;
    int storeHi;
    private boolean writable;
    final Object owner;

    public Region(int id, RegionKind kind, Object owner) {
        this.id = id;
        this.kind = kind;
        this.owner = owner;
        this.bytes = new byte[0];
    }

    /**
     * Points the region at {@code bytes[base + lo, base + hi)}, writable if {@code writable}.
     *
     * @throws IllegalArgumentException if that window is not inside the array: every access the
     *     window admits, checked or compiled, must find its bytes in the array
     */
    public void set(byte[] newBytes, int newBase, int newLo, int newHi, boolean writable) {
        if (newBase != 0 && zeroBased(kind)) {
            throw new IllegalArgumentException("a " + kind.description() + " region's array starts at offset 0");
        }
        checkWindow(newBytes.length, newBase, newLo, newHi);
        this.bytes = newBytes;
        this.base = newBase;
        this.lo = newLo;
        this.hi = newHi;
        this.writable = writable;
        this.storeHi = writable ? newHi : newLo;
    }

    /**
     * Narrows or widens the accessible window without changing the array (packet adjustments).
     *
     * @throws IllegalArgumentException if the window is not inside the array
     */
    public void setBounds(int newLo, int newHi) {
        checkWindow(bytes.length, base, newLo, newHi);
        this.lo = newLo;
        this.hi = newHi;
        this.storeHi = writable ? newHi : newLo;
    }

    private void checkWindow(int length, int newBase, int newLo, int newHi) {
        if (newLo > newHi || (long) newBase + newLo < 0 || (long) newBase + newHi > length) {
            throw new IllegalArgumentException("the " + kind.description() + " window [" + newLo + ", " + newHi
                    + ") at base " + newBase + " is not inside its array of " + length + " bytes");
        }
    }

    /**
     * True for the kinds whose byte {@code o} is always {@code bytes[o]} (base 0): the stack, the
     * packet and the conformance memory. JIT code indexes their arrays by the offset alone.
     */
    public static boolean zeroBased(RegionKind kind) {
        return kind == RegionKind.STACK || kind == RegionKind.PACKET || kind == RegionKind.MEMORY;
    }

    public int id() {
        return id;
    }

    public RegionKind kind() {
        return kind;
    }

    public Object owner() {
        return owner;
    }

    public byte[] bytes() {
        return bytes;
    }

    public int base() {
        return base;
    }

    public int lo() {
        return lo;
    }

    public int hi() {
        return hi;
    }

    public boolean writable() {
        return writable;
    }

    /** The address of offset {@code offset} in this region. */
    public long address(int offset) {
        return Addresses.address(id, offset);
    }
}
