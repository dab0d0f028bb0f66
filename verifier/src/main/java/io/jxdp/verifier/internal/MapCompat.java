package io.jxdp.verifier.internal;

import io.jxdp.isa.MapDef;
import io.jxdp.isa.MapType;
import io.jxdp.verifier.ErrorCode;
import java.util.Set;

/**
 * check_map_func_compatibility (kernel/bpf/verifier.c): which helpers a map type works with, checked
 * both ways, from the map's side (a prog array only for bpf_tail_call) and from the helper's (bpf_tail_call
 * only on a prog array). A helper or map type not named on either side is free.
 */
final class MapCompat {
    private MapCompat() {}

    static void check(MapDef map, int funcId) {
        if (!mapAllows(map.type(), funcId) || !helperAllows(funcId, map.type())) {
            throw new Rejection(
                    ErrorCode.MAP_HELPER_INCOMPATIBLE,
                    "cannot pass map_type " + map.type().id() + " into func " + HelperProtos.name(funcId) + "#"
                            + funcId);
        }
    }

    /** The map's side: the helpers a map type is restricted to (null: no restriction). */
    private static Set<Integer> onlyFor(MapType type) {
        return switch (type) {
            case PROG_ARRAY -> Set.of(12);
            case PERF_EVENT_ARRAY -> Set.of(22, 25, 111, 55, 121);
            case RINGBUF -> Set.of(130, 131, 134, 198, 199, 200);
            case USER_RINGBUF -> Set.of(209);
            case STACK_TRACE -> Set.of(27);
            case CGROUP_ARRAY -> Set.of(33, 37);
            case CGROUP_STORAGE, PERCPU_CGROUP_STORAGE -> Set.of(81);
            case DEVMAP, DEVMAP_HASH, XSKMAP -> Set.of(51, 1);
            case CPUMAP -> Set.of(51);
            case ARRAY_OF_MAPS, HASH_OF_MAPS -> Set.of(1);
            // may_update_sockmap: XDP programs may update and delete entries (2, 3)
            case SOCKMAP -> Set.of(52, 53, 60, 82, 1, 2, 3);
            case SOCKHASH -> Set.of(72, 70, 71, 82, 1, 2, 3);
            case REUSEPORT_SOCKARRAY -> Set.of(82);
            case QUEUE, STACK -> Set.of(89, 88, 87);
            case SK_STORAGE -> Set.of(107, 108, 194);
            case INODE_STORAGE -> Set.of(145, 146, 194);
            case TASK_STORAGE -> Set.of(156, 157, 194);
            case CGRP_STORAGE -> Set.of(210, 211, 194);
            case BLOOM_FILTER -> Set.of(89, 87);
            default -> null;
        };
    }

    private static boolean mapAllows(MapType type, int funcId) {
        Set<Integer> only = onlyFor(type);
        return only == null || only.contains(funcId);
    }

    /** The helper's side: the map types a helper needs (null: any map). */
    private static Set<MapType> needs(int funcId) {
        return switch (funcId) {
            case 12 -> Set.of(MapType.PROG_ARRAY);
            case 22, 25, 55, 111, 121 -> Set.of(MapType.PERF_EVENT_ARRAY);
            case 130, 131, 134, 198, 199, 200 -> Set.of(MapType.RINGBUF);
            case 209 -> Set.of(MapType.USER_RINGBUF);
            case 27, 67 -> Set.of(MapType.STACK_TRACE);
            case 33, 37 -> Set.of(MapType.CGROUP_ARRAY);
            case 51 -> Set.of(MapType.DEVMAP, MapType.DEVMAP_HASH, MapType.CPUMAP, MapType.XSKMAP);
            case 52, 53, 60 -> Set.of(MapType.SOCKMAP);
            case 70, 71, 72 -> Set.of(MapType.SOCKHASH);
            case 81 -> Set.of(MapType.CGROUP_STORAGE, MapType.PERCPU_CGROUP_STORAGE);
            case 82 -> Set.of(MapType.REUSEPORT_SOCKARRAY, MapType.SOCKMAP, MapType.SOCKHASH);
            case 88 -> Set.of(MapType.QUEUE, MapType.STACK);
            case 87, 89 -> Set.of(MapType.QUEUE, MapType.STACK, MapType.BLOOM_FILTER);
            case 195 -> Set.of(MapType.PERCPU_ARRAY, MapType.PERCPU_HASH, MapType.LRU_PERCPU_HASH);
            case 107, 108 -> Set.of(MapType.SK_STORAGE);
            case 145, 146 -> Set.of(MapType.INODE_STORAGE);
            case 156, 157 -> Set.of(MapType.TASK_STORAGE);
            case 210, 211 -> Set.of(MapType.CGRP_STORAGE);
            default -> null;
        };
    }

    private static boolean helperAllows(int funcId, MapType type) {
        Set<MapType> need = needs(funcId);
        return need == null || need.contains(type);
    }
}
