package io.jxdp.vm.interp;

import io.jxdp.isa.Instruction;
import io.jxdp.isa.Program;
import java.util.Locale;

/** The text of an instruction for fault messages; both engines attach it to their faults. */
public final class InstructionText {
    private final Program program;

    public InstructionText(Program program) {
        this.program = program;
    }

    public String at(int pc) {
        if (!program.isInstructionStart(pc)) {
            return "pc " + pc;
        }
        Instruction i = program.at(pc);
        return String.format(Locale.ROOT, "%s dst=r%d src=r%d off=%d imm=%d", i.op().name().toLowerCase(Locale.ROOT),
                i.dst(), i.src(), i.offset(), i.imm());
    }
}
