package io.jxdp.vm.maps;

import io.jxdp.vm.memory.Addresses;
import io.jxdp.vm.memory.Region;
import io.jxdp.vm.memory.RegionKind;
import java.util.Arrays;

/**
 * The values of a map: {@code slots} values of {@code round_up(value_size, 8)} bytes each (the
 * kernel's element stride), in one byte array shared by every Cpu or, for per-CPU maps, one array
 * per CPU. Each array is the window of a region at the map's id, so a program reaches value
 * {@code s} at {@code id << 32 | s * stride} and each Cpu sees its own copy of a per-CPU value.
 *
 * <p>The window spans every slot: a verified access stays inside its value (the verifier bounds it
 * by value_size), an unverified one may reach a neighbour, never outside the array.
 */
final class ValueStore {
    final int valueSize;
    final int stride;
    final int slots;
    final boolean perCpu;
    private final byte[][] data;
    private final Region[] regions;

    /**
     * @param programsMayWrite false for {@code BPF_F_RDONLY_PROG} maps and devmaps, whose values
     *     programs may only read
     */
    ValueStore(
            int regionId, Object owner, int valueSize, int slots, int nCpus, boolean perCpu, boolean programsMayWrite) {
        this.valueSize = valueSize;
        this.stride = BpfMap.roundUp8(valueSize);
        this.slots = slots;
        this.perCpu = perCpu;
        int copies = perCpu ? nCpus : 1;
        this.data = new byte[copies][];
        this.regions = new Region[copies];
        for (int c = 0; c < copies; c++) {
            data[c] = new byte[slots * stride];
            regions[c] = new Region(regionId, RegionKind.MAP_VALUE, owner);
            regions[c].set(data[c], 0, 0, data[c].length, programsMayWrite);
        }
    }

    /** The region Cpu {@code cpuId} sees, or null for a Cpu the map has no copy for. */
    Region region(int cpuId) {
        if (!perCpu) {
            return regions[0];
        }
        return cpuId >= 0 && cpuId < regions.length ? regions[cpuId] : null;
    }

    /** The array holding Cpu {@code cpuId}'s copy. */
    byte[] bytes(int cpuId) {
        return data[perCpu ? cpuId : 0];
    }

    long address(int regionId, int slot) {
        return Addresses.address(regionId, slot * stride);
    }

    /** A program's write of one value (value_size bytes) into {@code cpuId}'s copy of {@code slot}. */
    void write(int slot, int cpuId, byte[] src, int at) {
        System.arraycopy(src, at, bytes(cpuId), slot * stride, valueSize);
    }

    /**
     * A program's insert of a new element: as the kernel's {@code pcpu_init_value} with {@code
     * onallcpus} false, the other CPUs' copies are zeroed so the program knows what they hold.
     */
    void init(int slot, int cpuId, byte[] src, int at) {
        if (perCpu) {
            for (byte[] copy : data) {
                Arrays.fill(copy, slot * stride, slot * stride + stride, (byte) 0);
            }
        }
        write(slot, cpuId, src, at);
    }

    /** Zeroes every copy of {@code slot}. */
    void clear(int slot) {
        for (byte[] copy : data) {
            Arrays.fill(copy, slot * stride, slot * stride + stride, (byte) 0);
        }
    }

    /** The user face's size of a value: value_size, or one padded value per CPU. */
    int userSize() {
        return perCpu ? data.length * stride : valueSize;
    }

    /** A user-space write: value_size bytes, or for per-CPU maps {@code round_up(value_size, 8)} bytes per CPU in order. */
    void writeUser(int slot, byte[] value) {
        if (!perCpu) {
            System.arraycopy(value, 0, data[0], slot * stride, valueSize);
            return;
        }
        for (int c = 0; c < data.length; c++) {
            System.arraycopy(value, c * stride, data[c], slot * stride, stride);
        }
    }

    /** A user-space read, laid out as {@link #writeUser} takes it. */
    byte[] readUser(int slot) {
        byte[] out = new byte[userSize()];
        if (!perCpu) {
            System.arraycopy(data[0], slot * stride, out, 0, valueSize);
            return out;
        }
        for (int c = 0; c < data.length; c++) {
            System.arraycopy(data[c], slot * stride, out, c * stride, stride);
        }
        return out;
    }
}
