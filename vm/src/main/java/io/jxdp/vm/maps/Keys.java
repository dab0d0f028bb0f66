package io.jxdp.vm.maps;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Little-endian reads and writes of keys and values in place, as the x86-64 kernel sees them. */
final class Keys {
    static final VarHandle LE32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle LE64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Keys() {}

    /** The u32 at {@code bytes[at...]}, as an int (compare it unsigned). */
    static int u32(byte[] bytes, int at) {
        return (int) LE32.get(bytes, at);
    }

    static byte[] u32Bytes(int value) {
        byte[] b = new byte[4];
        LE32.set(b, 0, value);
        return b;
    }

    /** True if {@code index} (a u32) is below {@code limit}. */
    static boolean below(int index, int limit) {
        return Integer.compareUnsigned(index, limit) < 0;
    }

    /**
     * The array maps' {@code get_next_key} (kernel/bpf/arraymap.c, array_map_get_next_key, also
     * cpumap and devmap): index 0 after a missing or out-of-range key, else the next index, none after the last.
     */
    static byte[] nextIndex(byte[] key, int maxEntries) {
        if (key == null || !below(u32(key, 0), maxEntries)) {
            return u32Bytes(0);
        }
        int index = u32(key, 0);
        return index == maxEntries - 1 ? null : u32Bytes(index + 1);
    }
}
