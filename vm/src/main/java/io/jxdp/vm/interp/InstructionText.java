package io.jxdp.vm.interp;

import io.jxdp.isa.Program;
import io.jxdp.isa.text.LabelNames;
import io.jxdp.isa.text.LlvmPrinter;

/** The text of an instruction for fault messages, as {@code llvm-objdump} prints it, map names included. */
public final class InstructionText {
    private final Program program;
    private LabelNames names;

    public InstructionText(Program program) {
        this.program = program;
    }

    public String at(int pc) {
        if (!program.isInstructionStart(pc)) {
            return "pc " + pc;
        }
        if (names == null) {
            names = LabelNames.mapsOnly(program);
        }
        return LlvmPrinter.INSTANCE.format(program.at(pc), pc, names);
    }
}
