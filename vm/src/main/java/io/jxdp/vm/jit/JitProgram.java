package io.jxdp.vm.jit;

import io.jxdp.vm.Cpu;
import io.jxdp.vm.EngineKind;
import io.jxdp.vm.LinkedProgram;
import io.jxdp.vm.LoadedProgram;
import io.jxdp.vm.VmFault;
import io.jxdp.vm.interp.InstructionText;

/**
 * A program compiled to a hidden class. The class holds no state; a run's state is the Cpu's:
 * its depth and budget are reset here, as the interpreter starts each run afresh.
 */
final class JitProgram implements LoadedProgram {
    private final LinkedProgram linked;
    private final CompiledCode code;
    private final long budget;
    private final InstructionText text;
    private final int methods;
    private final int largestMethod;

    JitProgram(LinkedProgram linked, CompiledCode code, long budget, int methods, int largestMethod) {
        this.linked = linked;
        this.code = code;
        this.budget = budget;
        this.text = new InstructionText(linked.program());
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
    public long run(Cpu cpu, long r1, long r2) {
        cpu.depth = 0;
        cpu.budget = budget;
        try {
            return code.run(cpu, r1, r2);
        } catch (VmFault f) {
            throw f.withInstruction(text.at(f.pc()));
        }
    }
}
