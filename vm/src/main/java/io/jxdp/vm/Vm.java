package io.jxdp.vm;

import io.jxdp.isa.Program;
import io.jxdp.vm.interp.Interpreter;
import io.jxdp.vm.maps.BpfMap;
import java.util.List;

/** The one way in: link a program to its maps and helpers and load it on an engine. */
public final class Vm {
    private Vm() {}

    /**
     * Loads a program that declares no maps.
     *
     * @throws io.jxdp.isa.InvalidProgramException if the program cannot run (with pc and reason)
     */
    public static LoadedProgram load(Program program, VmOptions options) {
        return load(program, List.of(), options);
    }

    /**
     * Loads a program.
     *
     * @param maps the maps backing {@code program.maps()}, in order
     * @throws IllegalArgumentException if {@code options.facts()} were verified for another program
     */
    public static LoadedProgram load(Program program, List<BpfMap> maps, VmOptions options) {
        BoundFacts facts =
                BoundFacts.bind(program, options.facts()); // before linking: the facts' fault, not the program's
        LinkedProgram linked = LinkedProgram.link(program, maps, options.helpers());
        return switch (options.engine()) {
            case INTERPRETER -> new Interpreter(linked, options.budget(), facts);
            case JIT -> Compilers.jit().compile(linked, options);
        };
    }

    /**
     * Loads a program on the interpreter with a hook called before every instruction (a tracer),
     * whatever engine {@code options} name; the program and its facts are checked as {@link #load}
     * checks them.
     */
    public static LoadedProgram loadTraced(Program program, List<BpfMap> maps, VmOptions options, StepHook hook) {
        BoundFacts facts = BoundFacts.bind(program, options.facts());
        LinkedProgram linked = LinkedProgram.link(program, maps, options.helpers());
        return new Interpreter(linked, options.budget(), facts, java.util.Objects.requireNonNull(hook, "hook"));
    }

    /**
     * Runs a loaded program on the conformance calling convention: r1 points at {@code memory}
     * (NULL if it is null), r2 holds its length.
     */
    public static long runWithMemory(LoadedProgram program, Cpu cpu, byte[] memory) {
        long address = cpu.memory().attachMemory(memory);
        return program.run(cpu, address, memory == null ? 0 : memory.length);
    }
}
