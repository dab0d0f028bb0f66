package io.jxdp.vm;

/**
 * A program ready to run. Reentrant: any number of threads may run it at once, each with its own
 * {@link Cpu}.
 */
public interface LoadedProgram {
    /** The program as linked: instructions, maps, lddw values, helpers. */
    LinkedProgram linked();

    EngineKind engine();

    /**
     * Runs the program once on {@code cpu}, r1 and r2 set as given, r10 at the top of frame 0,
     * every other register 0.
     *
     * @return r0 at the entry function's exit, all 64 bits
     * @throws VmFault if the program faults; the fault names pc, instruction and address
     */
    long run(Cpu cpu, long r1, long r2);
}
