package io.jxdp;

import io.jxdp.vm.Cpu;
import io.jxdp.vm.memory.Memory;

/**
 * What a {@link CustomHelper} sees of one call: the arguments r1-r5 and the memory the program may
 * address, through checked accesses. An address that is not the program's to use (NULL, beyond a
 * stack slot, a packet's end, a map value's) ends the run with a {@link io.jxdp.vm.VmFault} naming
 * the call's pc and the address, as a load of the program's own would; the JVM's memory is never
 * reachable. A context is valid only during its call.
 */
public final class HelperContext {
    private final Cpu cpu;
    private final long[] args;

    HelperContext(Cpu cpu, long r1, long r2, long r3, long r4, long r5) {
        this.cpu = cpu;
        this.args = new long[] {r1, r2, r3, r4, r5};
    }

    /**
     * Argument {@code n}, 1 to 5: register r{@code n} as the program set it.
     *
     * @throws IllegalArgumentException for another {@code n}
     */
    public long arg(int n) {
        if (n < 1 || n > 5) {
            throw new IllegalArgumentException("helpers take r1 to r5, not r" + n);
        }
        return args[n - 1];
    }

    /** The CPU number the program runs on (what {@code bpf_get_smp_processor_id} returns). */
    public int cpu() {
        return cpu.id();
    }

    /** The pc of the call instruction. */
    public int pc() {
        return cpu.pc;
    }

    /** Copies {@code length} bytes from {@code address}; faults as the program's own load would. */
    public byte[] read(long address, int length) {
        return memory().read(address, length, cpu.pc);
    }

    /** The unsigned value of {@code size} (1, 2, 4 or 8) bytes at {@code address}, little-endian. */
    public long load(long address, int size) {
        checkSize(size);
        return memory().load(address, size, cpu.pc);
    }

    /** Stores the low {@code size} (1, 2, 4 or 8) bytes of {@code value} at {@code address}, little-endian. */
    public void store(long address, int size, long value) {
        checkSize(size);
        memory().store(address, size, value, cpu.pc);
    }

    /** Copies {@code bytes} to {@code address}; faults, before writing anything, where a store of them would. */
    public void write(long address, byte[] bytes) {
        if (bytes.length == 0) {
            return;
        }
        // bounds for the whole range, then writability (one region holds it all) by rewriting the
        // first byte: either check fails before anything changes
        memory().rangeOrFault(address, bytes.length, cpu.pc, "write");
        memory().store(address, 1, memory().load(address, 1, cpu.pc), cpu.pc);
        for (int i = 0; i < bytes.length; i++) {
            memory().store(address + i, 1, bytes[i], cpu.pc);
        }
    }

    private Memory memory() {
        return cpu.memory();
    }

    private static void checkSize(int size) {
        if (size != 1 && size != 2 && size != 4 && size != 8) {
            throw new IllegalArgumentException("an access is 1, 2, 4 or 8 bytes, not " + size);
        }
    }
}
