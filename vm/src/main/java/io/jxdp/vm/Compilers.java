package io.jxdp.vm;

import io.jxdp.vm.spi.ProgramCompiler;
import java.util.ServiceLoader;

/** Finds the JIT ({@code jxdp-jit}) once, on the class path or the module path. */
final class Compilers {
    private static final ProgramCompiler JIT = ServiceLoader.load(
                    ProgramCompiler.class, Compilers.class.getClassLoader())
            .findFirst()
            .orElse(null);

    private Compilers() {}

    /** True when {@code jxdp-jit} was found. */
    static boolean jitAvailable() {
        return JIT != null;
    }

    static ProgramCompiler jit() {
        if (JIT == null) {
            throw new UnsupportedOperationException(
                    "the JIT is not available: add the jxdp-jit module (io.jxdp:jxdp-jit) "
                            + "beside jxdp-vm, or choose EngineKind.INTERPRETER");
        }
        return JIT;
    }
}
