/** The ASM JIT, found by the engine core as a service; nothing of it is API. */
module io.jxdp.jit {
    requires io.jxdp.vm;
    requires org.objectweb.asm;

    provides io.jxdp.vm.spi.ProgramCompiler with
            io.jxdp.jit.JitProvider;
}
