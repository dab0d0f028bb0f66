package io.jxdp.asm;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jxdp.isa.Instruction;
import io.jxdp.isa.Program;
import io.jxdp.isa.codec.Encoder;
import java.util.HexFormat;

/** Short forms for the assembler tests. */
final class Asm {
    private Asm() {}

    static Program ubpf(String text) {
        return Assembler.assemble(text, "t.s", Syntax.UBPF);
    }

    static Program llvm(String text) {
        return Assembler.assemble(text, "t.s", Syntax.LLVM);
    }

    /** The one instruction of a one-line program. */
    static Instruction ubpf1(String line) {
        return ubpf(line).instructions().get(0);
    }

    static Instruction llvm1(String line) {
        return llvm(line).instructions().get(0);
    }

    static String hex(Program p) {
        return HexFormat.of().formatHex(Encoder.encode(p));
    }

    static AssemblerException error(String text, Syntax syntax) {
        return assertThrows(AssemblerException.class, () -> Assembler.assemble(text, "t.s", syntax));
    }
}
