package io.jxdp.vm.spi;

import io.jxdp.vm.LinkedProgram;
import io.jxdp.vm.LoadedProgram;
import io.jxdp.vm.VmOptions;

/**
 * A compiling engine, found by {@link java.util.ServiceLoader}: the JIT lives in its own module
 * ({@code jxdp-jit}, which brings ASM), so a user of the interpreter alone needs neither. The
 * engine core asks for one when {@link io.jxdp.vm.EngineKind#JIT} is chosen.
 */
public interface ProgramCompiler {
    /** Compiles a linked program; must give exactly the interpreter's results. */
    LoadedProgram compile(LinkedProgram linked, VmOptions options);
}
