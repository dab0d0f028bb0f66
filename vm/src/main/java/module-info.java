/**
 * The engine core: Cpu, memory, maps, helpers and their calling convention, the interpreter, and
 * BPF_PROG_TEST_RUN for XDP. This is the API the JIT, the XDP runtime and the CLI are built on;
 * applications embed jxdp through the {@code io.jxdp} module, which keeps Cpu, Memory and Region out
 * of its API. The JIT plugs in as a {@link io.jxdp.vm.spi.ProgramCompiler}; the interpreter is
 * internal.
 */
// the JIT, which it exports the interpreter to, is built after it (javac warns of a qualified
// export to a module it has not seen)
@SuppressWarnings("module")
module io.jxdp.vm {
    requires transitive io.jxdp.isa;
    requires transitive io.jxdp.verifier;

    exports io.jxdp.vm;
    exports io.jxdp.vm.maps;
    exports io.jxdp.vm.helpers;
    exports io.jxdp.vm.memory;
    exports io.jxdp.vm.net;
    exports io.jxdp.vm.spi;
    exports io.jxdp.vm.interp to
            io.jxdp.jit;

    uses io.jxdp.vm.spi.ProgramCompiler;
}
