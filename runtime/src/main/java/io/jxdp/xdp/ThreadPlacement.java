package io.jxdp.xdp;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;

/**
 * Where a datapath thread runs. Pure Java has no affinity API, so pinning goes through OpenHFT's
 * Java-Thread-Affinity ({@code net.openhft.affinity.Affinity.setAffinity}, {@code
 * sched_setaffinity(2)} through JNA), found by name at run time so that the runtime works, unpinned,
 * where the library or its native part is missing. The CPU a thread last ran on is read from
 * {@code /proc/thread-self/stat}, field 39 ({@code processor}, proc(5)), which needs no library.
 */
final class ThreadPlacement {
    private static final Method SET_AFFINITY = affinityMethod("setAffinity", int.class);
    private static final Method GET_AFFINITY = affinityMethod("getAffinity");

    private ThreadPlacement() {}

    private static Method affinityMethod(String name, Class<?>... parameters) {
        try {
            return Class.forName("net.openhft.affinity.Affinity").getMethod(name, parameters);
        } catch (ReflectiveOperationException | LinkageError e) {
            return null; // not on the class path: threads run where the scheduler puts them
        }
    }

    /**
     * Pins the calling thread to {@code cpu}.
     *
     * @return null when the thread now runs only on {@code cpu}, else why not
     */
    static String pin(int cpu) {
        if (SET_AFFINITY == null || GET_AFFINITY == null) {
            return "OpenHFT affinity is not on the class path";
        }
        try {
            SET_AFFINITY.invoke(null, cpu);
            Object mask = GET_AFFINITY.invoke(null);
            if (mask instanceof BitSet b && b.cardinality() == 1 && b.get(cpu)) {
                return null;
            }
            return "the affinity mask is " + mask + " after asking for cpu " + cpu;
        } catch (InvocationTargetException e) {
            return "sched_setaffinity failed: " + e.getCause();
        } catch (ReflectiveOperationException | LinkageError e) {
            return "OpenHFT affinity failed: " + e;
        }
    }

    /** The CPU the calling thread ran on last, or -1 where /proc does not say. */
    static int currentCpu() {
        try {
            String stat = Files.readString(Path.of("/proc/thread-self/stat"));
            // field 2 (comm) is in parentheses and may hold spaces: count fields after its ')'
            String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ", -1);
            return Integer.parseInt(rest[39 - 3]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The bit of the CPU the calling thread runs on now, 0 where /proc does not say. */
    static long cpuBit() {
        int c = currentCpu();
        return c >= 0 && c < Long.SIZE ? 1L << c : 0;
    }

    /**
     * Tells a datapath loop when to look at its CPU again: about every 10 ms, reading the clock only
     * every 1,024 calls, so that a loop turning millions of times a second pays nearly nothing.
     */
    static final class Sampler {
        private int calls;
        private long next = System.nanoTime();

        boolean due() {
            if ((++calls & 1023) != 0) {
                return false;
            }
            long now = System.nanoTime();
            if (now - next < 0) {
                return false;
            }
            next = now + 10_000_000L;
            return true;
        }
    }
}
