package io.jxdp.vm;

import io.jxdp.isa.JxdpException;
import io.jxdp.isa.Program;
import io.jxdp.vm.interp.Interpreter;
import io.jxdp.vm.maps.BpfMap;
import java.util.List;
import java.util.function.BiFunction;

/** The one way in: link a program to its maps and helpers and load it on an engine. */
public final class Vm {
    private static volatile BiFunction<LinkedProgram, VmOptions, LoadedProgram> jit;

    private Vm() {
    }

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
     */
    public static LoadedProgram load(Program program, List<BpfMap> maps, VmOptions options) {
        LinkedProgram linked = LinkedProgram.link(program, maps, options.helpers());
        return switch (options.engine()) {
            case INTERPRETER -> new Interpreter(linked, options.budget());
            case JIT -> {
                BiFunction<LinkedProgram, VmOptions, LoadedProgram> compiler = jit;
                if (compiler == null) {
                    throw new JxdpException("the JIT engine is not available in this build");
                }
                yield compiler.apply(linked, options);
            }
        };
    }

    /** True if this build can load programs on {@code engine}. */
    public static boolean isAvailable(EngineKind engine) {
        return engine == EngineKind.INTERPRETER || jit != null;
    }

    /** Installs the JIT compiler (done by the JIT's own class; kept as a seam so the interpreter stands alone). */
    public static void installJit(BiFunction<LinkedProgram, VmOptions, LoadedProgram> compiler) {
        jit = compiler;
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
