package io.jxdp.verifier.testing;

import io.jxdp.asm.Assembler;
import io.jxdp.asm.Syntax;
import io.jxdp.isa.Program;

/** Test programs are written in the LLVM text dialect and assembled by the project's assembler. */
public final class Asm {
    private Asm() {}

    public static Program llvm(String text, String name) {
        return Assembler.assemble(text, name, Syntax.LLVM);
    }
}
