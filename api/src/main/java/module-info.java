/**
 * Embed jxdp in a Java application: {@link io.jxdp.Jxdp} loads an XDP program (assembly text in
 * either dialect, raw bytecode, an ELF object from {@code clang -target bpf}), verifies it as the
 * Linux kernel would, and returns an {@link io.jxdp.XdpProgram} to run on packets, whose maps are
 * read and written by name; {@link io.jxdp.Datapath} builds the emulated XDP datapath with its
 * cpumap. The JIT ({@code jxdp-jit}) is found at run time; without it programs run on the
 * interpreter.
 */
module io.jxdp {
    // the types the API names: XdpAction, EngineKind, Errno and the exceptions (vm), VerifierError
    // (verifier), Syntax and AssemblerException (asm), TrafficProfile (packet), RuntimeStats and
    // PacketSink (runtime)
    requires transitive io.jxdp.vm;
    requires transitive io.jxdp.asm;
    requires transitive io.jxdp.xdp;

    exports io.jxdp;
}
