package io.jxdp.jit;

import io.jxdp.vm.BoundFacts;
import io.jxdp.vm.Cpu;
import io.jxdp.vm.EngineKind;
import io.jxdp.vm.LinkedProgram;
import io.jxdp.vm.LoadedProgram;
import io.jxdp.vm.VmFault;
import io.jxdp.vm.interp.InstructionText;

/**
 * A program compiled to a hidden class. The class holds no state; a run's state is the Cpu's:
 * its depth and budget are reset here, as the interpreter starts each run afresh. Generated code
 * turns what escapes a call into a fault naming it ({@link MethodEmitter}); here, a stack overflow
 * entering the class, or one so deep that not even the fault could be made, becomes the
 * program's {@link VmFault#outOfStack}, and anything else that escaped (which no call raised: an
 * array access a wrong fact declared proven) an {@link VmFault#unplaced} fault.
 */
final class JitProgram implements LoadedProgram {
    private final LinkedProgram linked;
    private final CompiledCode code;
    private final long budget;
    private final BoundFacts facts;
    private final InstructionText text;
    /** Thrown when the stack ran out where no fault could be built (see {@link VmFault#outOfStack}). */
    private final VmFault outOfStack;

    private final int methods;
    private final int largestMethod;

    JitProgram(LinkedProgram linked, CompiledCode code, long budget, BoundFacts facts, int methods, int largestMethod) {
        this.linked = linked;
        this.code = code;
        this.budget = budget;
        this.facts = facts;
        this.text = new InstructionText(linked.program());
        this.outOfStack = VmFault.outOfStack(text.at(0));
        this.methods = methods;
        this.largestMethod = largestMethod;
    }

    /** The number of JVM methods the program's eBPF code became (functions, chunks, dispatchers). */
    int methods() {
        return methods;
    }

    /** The bytecode size of the largest of them; always below HotSpot's 8,000-byte compile limit. */
    int largestMethod() {
        return largestMethod;
    }

    @Override
    public LinkedProgram linked() {
        return linked;
    }

    @Override
    public EngineKind engine() {
        return EngineKind.JIT;
    }

    @Override
    public BoundFacts facts() {
        return facts;
    }

    @Override
    public long run(Cpu cpu, long r1, long r2) {
        if (facts != null) {
            facts.checkEntry(cpu, r1, r2); // the code was compiled for that entry state only
        }
        cpu.depth = 0;
        cpu.budget = budget;
        cpu.tailCalls = 0;
        return guarded(cpu, r1, r2);
    }

    /** The target of a tail call: the compiled entry at the Cpu's depth and budget, which the caller set. */
    @Override
    public long runTail(Cpu cpu, long ctx) {
        return guarded(cpu, ctx, 0);
    }

    private long guarded(Cpu cpu, long r1, long r2) {
        try {
            try {
                return code.run(cpu, r1, r2);
            } catch (VmFault f) {
                throw f.withInstruction(text.at(f.pc()));
            } catch (StackOverflowError e) {
                throw outOfStack; // not where: see below
            } catch (Throwable t) { // from no call (those have handlers): a wrong fact's array access, or a bug
                throw VmFault.unplaced(t);
            }
        } catch (StackOverflowError e) {
            // entering the code, or so near the stack's end that making the fault overflowed it again
            throw outOfStack;
        }
    }
}
