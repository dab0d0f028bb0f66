package io.jxdp.vm;

/**
 * What a tracer sees of an interpreted run: a call before each instruction executes, with the
 * live register file. Between two calls exactly one instruction ran, so comparing what a hook saw
 * with what it sees next tells what that instruction changed; memory is read through the run's
 * {@link Cpu#memory()}. Loaded with {@link Vm#loadTraced}; the JIT has no hook.
 */
@FunctionalInterface
public interface StepHook {
    /**
     * Called before the instruction at {@code pc} executes.
     *
     * @param registers r0-r10 as they are now: the engine's own array, to read and never to write
     * @param depth the bpf-to-bpf call depth, 0 in the entry function
     * @throws RuntimeException to stop the run: it ends as a {@link VmFault} of kind {@link
     *     FaultKind#INTERNAL} at {@code pc} whose cause is that exception
     */
    void beforeStep(int pc, long[] registers, int depth);
}
