package io.jxdp.vm.maps;

/** The kernel's map flags (include/uapi/linux/bpf.h). */
public final class MapFlags {
    /** Update flags ({@code bpf_map_update_elem}'s last argument). */
    public static final long ANY = 0;

    public static final long NOEXIST = 1;
    public static final long EXIST = 2;
    /** {@code BPF_F_LOCK}: update under the value's bpf_spin_lock; jxdp maps have none, so -EINVAL. */
    public static final long F_LOCK = 4;

    /** Creation flags ({@code map_flags}). */
    public static final int NO_PREALLOC = 1;

    public static final int NO_COMMON_LRU = 1 << 1;
    public static final int NUMA_NODE = 1 << 2;
    public static final int RDONLY = 1 << 3;
    public static final int WRONLY = 1 << 4;
    public static final int STACK_BUILD_ID = 1 << 5;
    public static final int ZERO_SEED = 1 << 6;
    public static final int RDONLY_PROG = 1 << 7;
    public static final int WRONLY_PROG = 1 << 8;
    public static final int CLONE = 1 << 9;
    public static final int MMAPABLE = 1 << 10;
    public static final int PRESERVE_ELEMS = 1 << 11;
    public static final int INNER_MAP = 1 << 12;
    /** {@code BPF_F_ACCESS_MASK}. */
    public static final int ACCESS_MASK = RDONLY | RDONLY_PROG | WRONLY | WRONLY_PROG;

    /** {@code bpf_redirect_map} flags beyond the action bits (devmap only, 5.14). */
    public static final long F_BROADCAST = 1 << 3;

    public static final long F_EXCLUDE_INGRESS = 1 << 4;

    private MapFlags() {}
}
