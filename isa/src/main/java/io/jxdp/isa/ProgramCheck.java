package io.jxdp.isa;

import io.jxdp.isa.codec.Decoder;
import io.jxdp.isa.codec.Encoder;

/**
 * The structural rules every program must meet before any engine runs it, whether or not it was
 * verified: every slot is an instruction (no {@link Opcode#MALFORMED} slot), registers exist and
 * r10 is never written, jumps land on an instruction inside their
 * own function, no function falls off its end, byte swaps have a width of 16, 32 or 64, and map
 * references point into the program's map table. The verifier checks more; engines rely on this.
 */
public final class ProgramCheck {
    /** The frame pointer. */
    public static final int R10 = 10;

    private ProgramCheck() {}

    /**
     * Checks the program.
     *
     * @throws InvalidProgramException naming the first offending pc and why
     */
    public static void check(Program program) {
        if (program.size() == 0) {
            throw new InvalidProgramException(0, "the program is empty");
        }
        int[] entries = program.functionEntries();
        for (int i = 0; i < program.size(); i++) {
            int pc = program.pcOf(i);
            Instruction insn = program.instructions().get(i);
            if (insn.isMalformed()) {
                // the strict decoder's reason, read from the bytes around the slot (an lddw pair spans two)
                throw Decoder.whyMalformed(Encoder.encode(program), pc);
            }
            checkRegisters(pc, insn);
            checkOperands(program, pc, insn);
            checkControlFlow(program, entries, pc, insn);
        }
    }

    private static void checkRegisters(int pc, Instruction insn) {
        Form form = insn.op().form();
        if (form.usesDst() && insn.dst() > R10) {
            throw new InvalidProgramException(pc, "R" + insn.dst() + " is invalid (registers are r0 to r10)");
        }
        if (form.usesSrcReg() && insn.src() > R10) {
            throw new InvalidProgramException(pc, "R" + insn.src() + " is invalid (registers are r0 to r10)");
        }
        if ((writesDst(insn) && insn.dst() == R10) || (writesSrc(insn) && insn.src() == R10)) {
            throw new InvalidProgramException(pc, "frame pointer is read only (r10 cannot be written)");
        }
    }

    /** True if the instruction writes its dst register. */
    public static boolean writesDst(Instruction insn) {
        return switch (insn.op().form()) {
            case ALU_IMM, ALU_REG, ALU_NEG, ALU_END, LOAD, LDDW -> true;
            default -> false;
        };
    }

    /** True if the instruction writes its src register (the fetching atomics other than cmpxchg). */
    public static boolean writesSrc(Instruction insn) {
        AtomicOp a = insn.op().atomicOp();
        return a != null && a.fetches() && a != AtomicOp.CMPXCHG;
    }

    private static void checkOperands(Program program, int pc, Instruction insn) {
        Form form = insn.op().form();
        if (form == Form.ALU_END && insn.imm() != 16 && insn.imm() != 32 && insn.imm() != 64) {
            throw new InvalidProgramException(pc, "byte swap width " + insn.imm() + " is not 16, 32 or 64");
        }
        if (form == Form.LDDW && insn.pseudoSource().isMap()) {
            int index = insn.mapIndex();
            if (index < 0 || index >= program.maps().size()) {
                throw new InvalidProgramException(
                        pc,
                        "lddw refers to map " + index + " but the program declares "
                                + program.maps().size() + (program.maps().size() == 1 ? " map" : " maps"));
            }
            if (insn.pseudoSource().isMapValue()) {
                MapDef map = program.maps().get(index);
                int off = insn.mapValueOffset();
                if (off < 0 || off >= map.valueSize()) {
                    throw new InvalidProgramException(
                            pc,
                            "lddw offset " + off + " is outside the " + map.valueSize() + "-byte value of map "
                                    + map.name());
                }
            }
        }
    }

    private static void checkControlFlow(Program program, int[] entries, int pc, Instruction insn) {
        int function = functionOf(entries, pc);
        if (insn.hasTarget()) {
            int target = insn.target(pc);
            if (target < 0 || target >= program.slotCount()) {
                throw new InvalidProgramException(pc, "jump out of range from insn " + pc + " to " + target);
            }
            if (!program.isInstructionStart(target)) {
                throw new InvalidProgramException(pc, "jump into the middle of the lddw at insn " + (target - 1));
            }
            boolean crossesFunctions = insn.op() != Opcode.CALL_LOCAL
                    && insn.op() != Opcode.LDDW
                    && functionOf(entries, target) != function;
            if (crossesFunctions) {
                throw new InvalidProgramException(
                        pc,
                        "jump out of range from insn " + pc + " to " + target + " (a jump cannot leave its function)");
            }
        }
        if (!insn.endsBlock()) {
            int next = pc + insn.width();
            if (next >= program.slotCount() || functionOf(entries, next) != function) {
                throw new InvalidProgramException(
                        pc,
                        "last insn is not an exit or jmp (control falls off the end"
                                + (next >= program.slotCount() ? " of the program)" : " of its function)"));
            }
        }
    }

    /** The entry pc of the function holding pc, given the sorted function entries. */
    public static int functionOf(int[] entries, int pc) {
        int lo = 0;
        int hi = entries.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (entries[mid] <= pc) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return entries[lo];
    }
}
