package io.jxdp.jit;

import io.jxdp.vm.Cpu;

/** What each generated class implements: the program's entry, r1 and r2 given, r3-r5 zero. */
interface CompiledCode {
    long run(Cpu cpu, long r1, long r2);
}
