package io.jxdp.jit;

import io.jxdp.vm.LinkedProgram;
import io.jxdp.vm.LoadedProgram;
import io.jxdp.vm.VmOptions;
import io.jxdp.vm.spi.ProgramCompiler;

/** The JIT as the engine core finds it ({@code ServiceLoader}, declared in module-info and META-INF/services). */
public final class JitProvider implements ProgramCompiler {
    @Override
    public LoadedProgram compile(LinkedProgram linked, VmOptions options) {
        return JitCompiler.compile(linked, options);
    }
}
