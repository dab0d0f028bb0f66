package io.jxdp.vm.helpers;

import io.jxdp.vm.Cpu;

/**
 * A helper function as programs call it: r1-r5 in, r0 out. A helper reads and writes program
 * memory only through {@code cpu.memory()}, which checks every access.
 */
@FunctionalInterface
public interface Helper {
    long call(Cpu cpu, long r1, long r2, long r3, long r4, long r5);
}
