package io.jxdp.vm;

/**
 * A program ready to run. Reentrant: any number of threads may run it at once, each with its own
 * {@link Cpu}.
 */
public interface LoadedProgram {
    /** The program as linked: instructions, maps, lddw values, helpers. */
    LinkedProgram linked();

    EngineKind engine();

    /** The verifier's facts it was loaded with, bound to its program, or null. */
    BoundFacts facts();

    /**
     * Runs the program once on {@code cpu}, r1 and r2 set as given, r10 at the top of frame 0,
     * every other register 0.
     *
     * @return r0 at the entry function's exit, all 64 bits
     * @throws VmFault if the program faults; the fault names pc, instruction and address. Nothing
     *     else escapes a run: a JVM exception from a helper or the engine becomes a fault of kind
     *     {@link FaultKind#INTERNAL} at the instruction (on the JIT: the call) that ran (see
     *     {@link VmFault#internal}); a stack overflow where none can be built is
     *     {@link VmFault#outOfStack}, and on the JIT an array miss caused by a wrong fact
     *     {@link VmFault#unplaced}. OutOfMemoryError and the JVM's other failures pass as they are
     * @throws IllegalArgumentException before the first instruction, if the program was loaded
     *     with facts and r1, r2 or the memory are not the entry state they were verified for
     *     ({@link BoundFacts#checkEntry})
     */
    long run(Cpu cpu, long r1, long r2);

    /**
     * Runs the program as the target of a {@code bpf_tail_call} ({@link TailCalls}): r1 = {@code
     * ctx}, every other register 0, r10 at the frame of the caller that tail-called
     * ({@code cpu.depth}, as the kernel's target reuses its caller's stack frame), spending what is
     * left of the run's budget ({@code cpu.budget}) and leaving the rest there. The run's tail
     * call count and entry state are the caller's, so nothing is reset or checked.
     *
     * @return r0 at the entry function's exit
     * @throws VmFault if the program faults; the fault names pc and instruction in this program
     */
    long runTail(Cpu cpu, long ctx);
}
