package io.jxdp.isa;

import java.util.Locale;

/**
 * Map types with the kernel's ids ({@code enum bpf_map_type} in include/uapi/linux/bpf.h) and the
 * names bpftool prints. Only some are emulated; {@link #isSupported()} says which.
 */
public enum MapType {
    UNSPEC(0),
    HASH(1),
    ARRAY(2),
    PROG_ARRAY(3),
    PERF_EVENT_ARRAY(4),
    PERCPU_HASH(5),
    PERCPU_ARRAY(6),
    STACK_TRACE(7),
    CGROUP_ARRAY(8),
    LRU_HASH(9),
    LRU_PERCPU_HASH(10),
    LPM_TRIE(11),
    ARRAY_OF_MAPS(12),
    HASH_OF_MAPS(13),
    DEVMAP(14),
    SOCKMAP(15),
    CPUMAP(16),
    XSKMAP(17),
    SOCKHASH(18),
    CGROUP_STORAGE(19),
    REUSEPORT_SOCKARRAY(20),
    PERCPU_CGROUP_STORAGE(21),
    QUEUE(22),
    STACK(23),
    SK_STORAGE(24),
    DEVMAP_HASH(25),
    STRUCT_OPS(26),
    RINGBUF(27),
    INODE_STORAGE(28),
    TASK_STORAGE(29),
    BLOOM_FILTER(30),
    USER_RINGBUF(31),
    CGRP_STORAGE(32),
    ARENA(33);

    private final int id;

    MapType(int id) {
        this.id = id;
    }

    /** The kernel's {@code BPF_MAP_TYPE_*} value. */
    public int id() {
        return id;
    }

    /** The name bpftool uses: {@code hash}, {@code percpu_array}, {@code cpumap}, ... */
    public String bpftoolName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True for the types jxdp emulates. */
    public boolean isSupported() {
        return switch (this) {
            case HASH,
                    ARRAY,
                    PERCPU_HASH,
                    PERCPU_ARRAY,
                    LRU_HASH,
                    LRU_PERCPU_HASH,
                    LPM_TRIE,
                    QUEUE,
                    STACK,
                    BLOOM_FILTER,
                    DEVMAP,
                    DEVMAP_HASH,
                    CPUMAP,
                    RINGBUF,
                    PERF_EVENT_ARRAY -> true;
            default -> false;
        };
    }

    /** True for the types that keep one value per CPU. */
    public boolean isPerCpu() {
        return this == PERCPU_HASH || this == PERCPU_ARRAY || this == LRU_PERCPU_HASH;
    }

    /** True for the redirect targets, which the BPF side may only use with bpf_redirect_map. */
    public boolean isRedirectMap() {
        return this == DEVMAP || this == DEVMAP_HASH || this == CPUMAP || this == XSKMAP;
    }

    /** True for the types without keys, which programs use with push, pop and peek (key_size 0). */
    public boolean isKeyless() {
        return this == QUEUE || this == STACK || this == BLOOM_FILTER;
    }

    /** The type with this kernel id, or null. */
    public static MapType ofId(int id) {
        for (MapType t : values()) {
            if (t.id == id) {
                return t;
            }
        }
        return null;
    }

    /** The type with this bpftool name (case-insensitive, {@code BPF_MAP_TYPE_} prefix allowed), or null. */
    public static MapType ofName(String name) {
        String n = name.toUpperCase(Locale.ROOT);
        if (n.startsWith("BPF_MAP_TYPE_")) {
            n = n.substring("BPF_MAP_TYPE_".length());
        }
        for (MapType t : values()) {
            if (t.name().equals(n)) {
                return t;
            }
        }
        return null;
    }
}
