package io.jxdp.jit;

import io.jxdp.isa.sem.Loads;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Little-endian loads and stores straight on a region's {@code byte[]}, for accesses whose region
 * and bounds are proven (by the verifier's facts or the JIT's own frame analysis). The only check
 * left is the JVM's array bounds check, which is what keeps the JVM safe even if a proof were
 * wrong. Loads return the value zero-extended ({@link Loads}), as {@code Memory}'s do.
 */
final class DirectMemory {
    private static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private DirectMemory() {}

    static long loadB(byte[] b, int i) {
        return Loads.ldxb(b[i]);
    }

    static long loadH(byte[] b, int i) {
        return Loads.ldxh((short) I16.get(b, i));
    }

    static long loadW(byte[] b, int i) {
        return Loads.ldxw((int) I32.get(b, i));
    }

    static long loadDW(byte[] b, int i) {
        return Loads.ldxdw((long) I64.get(b, i));
    }

    static void storeB(byte[] b, int i, long v) {
        b[i] = (byte) v;
    }

    static void storeH(byte[] b, int i, long v) {
        I16.set(b, i, (short) v);
    }

    static void storeW(byte[] b, int i, long v) {
        I32.set(b, i, (int) v);
    }

    static void storeDW(byte[] b, int i, long v) {
        I64.set(b, i, v);
    }
}
