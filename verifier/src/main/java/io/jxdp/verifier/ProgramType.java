package io.jxdp.verifier;

/**
 * What a program is loaded as, which fixes its entry state: XDP (r1 = ctx), the second program of a
 * cpumap or devmap entry (also r1 = ctx; devmap programs may read {@code egress_ifindex}), or the
 * conformance calling convention MEM(size): r1 points to {@code size} bytes (a NULL scalar 0 when
 * size is 0) and r2 holds the size.
 */
public final class ProgramType {
    /** The kinds of entry state. */
    public enum Kind {
        XDP,
        XDP_CPUMAP,
        XDP_DEVMAP,
        MEM
    }

    private static final ProgramType XDP = new ProgramType(Kind.XDP, 0);
    private static final ProgramType CPUMAP = new ProgramType(Kind.XDP_CPUMAP, 0);
    private static final ProgramType DEVMAP = new ProgramType(Kind.XDP_DEVMAP, 0);

    private final Kind kind;
    private final int memSize;

    private ProgramType(Kind kind, int memSize) {
        this.kind = kind;
        this.memSize = memSize;
    }

    public static ProgramType xdp() {
        return XDP;
    }

    /** A cpumap entry's program (expected_attach_type BPF_XDP_CPUMAP): the same rules as XDP. */
    public static ProgramType xdpCpumap() {
        return CPUMAP;
    }

    /** A devmap entry's program (expected_attach_type BPF_XDP_DEVMAP): may read egress_ifindex. */
    public static ProgramType xdpDevmap() {
        return DEVMAP;
    }

    /** The conformance calling convention: r1 = memory of size bytes (NULL if 0), r2 = size. */
    public static ProgramType mem(int size) {
        if (size < 0) {
            throw new IllegalArgumentException("memory size " + size + " is negative");
        }
        return new ProgramType(Kind.MEM, size);
    }

    public Kind kind() {
        return kind;
    }

    public int memSize() {
        return memSize;
    }

    public boolean isXdp() {
        return kind != Kind.MEM;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProgramType t && t.kind == kind && t.memSize == memSize;
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + memSize;
    }

    @Override
    public String toString() {
        return kind == Kind.MEM ? "mem(" + memSize + ")" : kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
