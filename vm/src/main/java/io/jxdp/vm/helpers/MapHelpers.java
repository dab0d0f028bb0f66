package io.jxdp.vm.helpers;

import io.jxdp.isa.MapType;
import io.jxdp.vm.Cpu;
import io.jxdp.vm.FaultKind;
import io.jxdp.vm.VmFault;
import io.jxdp.vm.maps.BpfMap;
import io.jxdp.vm.maps.MapFlags;
import io.jxdp.vm.memory.Addresses;
import io.jxdp.vm.memory.Region;

/**
 * The map helpers (kernel/bpf/helpers.c): {@code bpf_map_lookup_elem}, {@code
 * bpf_map_update_elem}, {@code bpf_map_delete_elem}, and for queues, stacks and bloom filters
 * {@code bpf_map_push_elem}, {@code bpf_map_pop_elem}, {@code bpf_map_peek_elem}. Keys and values are read in place from the
 * program's memory, which must hold key_size (value_size) readable bytes at the pointer, else the
 * program faults as a load would. A first argument that is not a map, or a helper the verifier
 * would refuse on that map type, faults with {@link FaultKind#BAD_HELPER_ARGUMENT}: verified
 * programs never do either.
 */
public final class MapHelpers {
    private MapHelpers() {}

    /** 1: {@code void *bpf_map_lookup_elem(map, const void *key)}: the value's address or NULL. */
    public static long mapLookupElem(Cpu cpu, long r1, long r2, long r3, long r4, long r5) {
        BpfMap map = map(cpu, r1, "bpf_map_lookup_elem");
        Region key = cpu.memory().rangeOrFault(r2, map.keySize(), cpu.pc, "bpf_map_lookup_elem: read of the key");
        return map.bpfLookup(cpu, key.bytes(), key.base() + (int) r2);
    }

    /** 2: {@code long bpf_map_update_elem(map, const void *key, const void *value, u64 flags)}. */
    public static long mapUpdateElem(Cpu cpu, long r1, long r2, long r3, long r4, long r5) {
        BpfMap map = map(cpu, r1, "bpf_map_update_elem");
        readOnlyForPrograms(cpu, map, "bpf_map_update_elem");
        Region key = cpu.memory().rangeOrFault(r2, map.keySize(), cpu.pc, "bpf_map_update_elem: read of the key");
        Region value = cpu.memory().rangeOrFault(r3, map.valueSize(), cpu.pc, "bpf_map_update_elem: read of the value");
        return map.bpfUpdate(cpu, key.bytes(), key.base() + (int) r2, value.bytes(), value.base() + (int) r3, r4);
    }

    /** 3: {@code long bpf_map_delete_elem(map, const void *key)}. */
    public static long mapDeleteElem(Cpu cpu, long r1, long r2, long r3, long r4, long r5) {
        BpfMap map = map(cpu, r1, "bpf_map_delete_elem");
        readOnlyForPrograms(cpu, map, "bpf_map_delete_elem");
        Region key = cpu.memory().rangeOrFault(r2, map.keySize(), cpu.pc, "bpf_map_delete_elem: read of the key");
        return map.bpfDelete(cpu, key.bytes(), key.base() + (int) r2);
    }

    /** 87: {@code long bpf_map_push_elem(map, const void *value, u64 flags)}: queue, stack, bloom filter. */
    public static long mapPushElem(Cpu cpu, long r1, long r2, long r3, long r4, long r5) {
        BpfMap map = map(cpu, r1, "bpf_map_push_elem");
        readOnlyForPrograms(cpu, map, "bpf_map_push_elem");
        Region value = cpu.memory().rangeOrFault(r2, map.valueSize(), cpu.pc, "bpf_map_push_elem: read of the value");
        return map.bpfPush(cpu, value.bytes(), value.base() + (int) r2, r3);
    }

    /** 88: {@code long bpf_map_pop_elem(map, void *value)}: the value is written at r2. */
    public static long mapPopElem(Cpu cpu, long r1, long r2, long r3, long r4, long r5) {
        BpfMap map = map(cpu, r1, "bpf_map_pop_elem");
        readOnlyForPrograms(cpu, map, "bpf_map_pop_elem");
        Region out =
                cpu.memory().writableRangeOrFault(r2, map.valueSize(), cpu.pc, "bpf_map_pop_elem: write of the value");
        return map.bpfPop(cpu, out.bytes(), out.base() + (int) r2);
    }

    /**
     * 89: {@code long bpf_map_peek_elem(map, void *value)}: a queue or stack writes its next value
     * at r2; a bloom filter reads the value to test there.
     */
    public static long mapPeekElem(Cpu cpu, long r1, long r2, long r3, long r4, long r5) {
        BpfMap map = map(cpu, r1, "bpf_map_peek_elem");
        Region value = map.type() == MapType.BLOOM_FILTER
                ? cpu.memory().rangeOrFault(r2, map.valueSize(), cpu.pc, "bpf_map_peek_elem: read of the value")
                : cpu.memory()
                        .writableRangeOrFault(r2, map.valueSize(), cpu.pc, "bpf_map_peek_elem: write of the value");
        return map.bpfPeek(cpu, value.bytes(), value.base() + (int) r2);
    }

    /**
     * 195: {@code void *bpf_map_lookup_percpu_elem(map, const void *key, u32 cpu)}: the value in
     * that CPU's copy of a per-CPU map, or NULL (no key; a CPU the map has no copy for).
     */
    public static long mapLookupPercpuElem(Cpu cpu, long r1, long r2, long r3, long r4, long r5) {
        BpfMap map = map(cpu, r1, "bpf_map_lookup_percpu_elem");
        Region key =
                cpu.memory().rangeOrFault(r2, map.keySize(), cpu.pc, "bpf_map_lookup_percpu_elem: read of the key");
        return map.bpfLookupOnCpu(cpu, key.bytes(), key.base() + (int) r2, r3 & 0xffff_ffffL);
    }

    /** The map a handle names; faults naming the helper's pc if {@code handle} is not one. */
    static BpfMap map(Cpu cpu, long handle, String helper) {
        if (handle >>> 32 == Addresses.MAP_HANDLE) {
            Object owner = cpu.memory().space().owner((int) handle);
            if (owner instanceof BpfMap m) {
                return m;
            }
        }
        throw new VmFault(
                FaultKind.BAD_HELPER_ARGUMENT,
                cpu.pc,
                handle,
                helper + ": r1 = " + Addresses.format(handle) + " is not a map");
    }

    /** The verifier refuses writes from programs to BPF_F_RDONLY_PROG maps. */
    private static void readOnlyForPrograms(Cpu cpu, BpfMap map, String helper) {
        if ((map.def().flags() & MapFlags.RDONLY_PROG) != 0) {
            throw new VmFault(
                    FaultKind.BAD_HELPER_ARGUMENT,
                    cpu.pc,
                    map.handle(),
                    helper + ": " + map.describe() + " is read-only for programs (BPF_F_RDONLY_PROG)");
        }
    }
}
