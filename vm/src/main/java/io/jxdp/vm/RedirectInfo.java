package io.jxdp.vm;

import io.jxdp.isa.MapType;
import io.jxdp.vm.maps.BpfMap;
import io.jxdp.vm.maps.MapFlags;

/**
 * Where a program that returned {@code XDP_REDIRECT} wants its frame to go: the kernel's per-CPU
 * {@code struct bpf_redirect_info}, one per {@link io.jxdp.vm.Cpu}. {@code bpf_redirect} and
 * {@code bpf_redirect_map} fill it; the last call wins. The runtime reads it after the program
 * returns and then calls {@link #clear}, as {@code xdp_do_redirect} resets it.
 *
 * <p>The fields keep the kernel's meaning, quirks included: a {@code bpf_redirect_map} miss sets
 * map id {@link #IFINDEX_MAP_ID} and type UNSPEC but leaves the target index of the previous call,
 * so a program that returns XDP_REDIRECT anyway looks like an ifindex redirect to a stale index
 * ({@link Kind#IFINDEX}; the kernel then fails with -EINVAL unless that ifindex exists). A program
 * that returns XDP_REDIRECT without any call leaves {@link Kind#NONE} (the kernel's -EBADRQC).
 */
public final class RedirectInfo {
    /** The map id of an ifindex redirect: INT_MAX, which no map gets. */
    public static final int IFINDEX_MAP_ID = Integer.MAX_VALUE;

    /** What {@code xdp_do_redirect} would do with the state. */
    public enum Kind {
        /** No redirect was set up (map id 0): -EBADRQC. */
        NONE,
        /** To the device {@link #targetIndex()} ({@code bpf_redirect}, or after a map miss). */
        IFINDEX,
        /** Into the map {@link #map()} at key {@link #targetIndex()}, entry {@link #target()}. */
        MAP
    }

    private int targetIndex;
    private int mapId;
    private MapType mapType = MapType.UNSPEC;
    private BpfMap map;
    private Object target;
    private long flags;

    /** Each Cpu has one ({@link Cpu#redirect()}). */
    RedirectInfo() {}

    public Kind kind() {
        if (mapType != MapType.UNSPEC) {
            return Kind.MAP;
        }
        return mapId == IFINDEX_MAP_ID ? Kind.IFINDEX : Kind.NONE;
    }

    /** {@code tgt_index}: the ifindex of an ifindex redirect, the key of a map redirect (a u32). */
    public int targetIndex() {
        return targetIndex;
    }

    /** The map's id, {@link #IFINDEX_MAP_ID} for an ifindex redirect, 0 when none is set up. */
    public int mapId() {
        return mapId;
    }

    /** CPUMAP, DEVMAP or DEVMAP_HASH for a map redirect, else UNSPEC. */
    public MapType mapType() {
        return mapType;
    }

    /** The map of a map redirect, else null. */
    public BpfMap map() {
        return map;
    }

    /**
     * {@code tgt_value}: the entry the lookup found (a {@link io.jxdp.vm.maps.CpuMapEntry} or
     * {@link io.jxdp.vm.maps.DevMapEntry}); null for a broadcast whose key was not in the map.
     */
    public Object target() {
        return target;
    }

    /** {@code BPF_F_BROADCAST} and {@code BPF_F_EXCLUDE_INGRESS} of a devmap broadcast, else 0. */
    public long flags() {
        return flags;
    }

    /** True for a devmap broadcast: the frame goes to every entry of {@link #map()}. */
    public boolean broadcast() {
        return (flags & MapFlags.F_BROADCAST) != 0;
    }

    /** What {@code bpf_redirect(ifindex, 0)} records. */
    public void setIfindex(int ifindex) {
        this.targetIndex = ifindex;
        this.mapId = IFINDEX_MAP_ID;
        this.mapType = MapType.UNSPEC;
        this.map = null;
        this.target = null;
        this.flags = 0;
    }

    /** What a {@code bpf_redirect_map} hit (or broadcast) records. */
    public void setMapTarget(BpfMap hit, int key, Object entry, long broadcastFlags) {
        this.targetIndex = key;
        this.mapId = hit.id();
        this.mapType = hit.type();
        this.map = hit;
        this.target = entry;
        this.flags = broadcastFlags;
    }

    /** What a {@code bpf_redirect_map} miss records: the kernel clears the map but not the index. */
    public void setMapMiss() {
        this.mapId = IFINDEX_MAP_ID;
        this.mapType = MapType.UNSPEC;
        this.map = null;
        this.target = null;
    }

    /** What {@code xdp_do_redirect} leaves after it used the state; the target index stays, as in the kernel. */
    public void clear() {
        this.mapId = 0;
        this.mapType = MapType.UNSPEC;
        this.map = null;
        this.target = null;
        this.flags = 0;
    }

    @Override
    public String toString() {
        return switch (kind()) {
            case NONE -> "no redirect";
            case IFINDEX -> "redirect to ifindex " + Integer.toUnsignedString(targetIndex);
            case MAP ->
                "redirect to " + map.describe() + " key " + Integer.toUnsignedString(targetIndex)
                        + (broadcast() ? " (broadcast)" : "");
        };
    }
}
