package io.jxdp.jit;

import io.jxdp.isa.Form;
import io.jxdp.isa.Instruction;
import io.jxdp.isa.Opcode;
import io.jxdp.isa.Program;
import java.util.HashMap;
import java.util.Map;

/**
 * Int shadows of pointer registers in loops. HotSpot's C2 optimises a loop (range check
 * elimination, unrolling) only when it counts in an int; an eBPF loop over a buffer steps a 64-bit
 * pointer {@code region << 32 | offset}. So in a loop whose exit test compares pointers into one
 * region ({@link AccessPlan#sameRegionCompare}, the low 32 bits decide) or whose accesses index a
 * window with the pointer, the JIT keeps beside such a register an int local holding its low 32
 * bits: {@code r += imm} also adds to the int, any other write stores {@code (int) r} into it, and
 * the loop's entry sets it. The register itself stays exact; the int is only ever equal to its low
 * half, which is what the compare and the array index read.
 *
 * <p>A loop is the pc interval from a backward jump's target (its header) to the last backward
 * jump there; it is used only if nothing outside it jumps into it but to its header, so the entry
 * code (the preheader) runs before any instruction of it. Only whole-function methods get shadows.
 */
final class LoopOffsets {
    static final LoopOffsets NONE = new LoopOffsets(0, 0);

    private final int start;
    /** Per pc of the unit: the registers whose shadow is kept there. */
    private final int[] kept;
    /** Per loop header: the registers its preheader sets. */
    private final Map<Integer, Integer> preheaders = new HashMap<>();
    /** Per loop header: the last pc of the loop. */
    private final Map<Integer, Integer> loopEnds = new HashMap<>();
    /** Every register that has a shadow somewhere in the unit. */
    private int all;

    private LoopOffsets(int start, int length) {
        this.start = start;
        this.kept = new int[length];
    }

    static LoopOffsets of(Program program, MethodUnit unit, AccessPlan access) {
        if (unit.isChunk()) {
            return NONE;
        }
        LoopOffsets l = new LoopOffsets(unit.start(), unit.end() - unit.start());
        Map<Integer, Integer> ends = new HashMap<>();
        for (int pc = unit.start(); pc < unit.end(); pc += program.at(pc).width()) {
            Instruction insn = program.at(pc);
            if (insn.op().isBranch() && insn.target(pc) <= pc && unit.contains(insn.target(pc))) {
                ends.merge(insn.target(pc), pc, Math::max);
            }
        }
        ends.forEach((header, end) -> {
            if (singleEntry(program, unit, header, end)) {
                int regs = candidates(program, access, header, end);
                if (regs != 0) {
                    l.preheaders.put(header, regs);
                    l.loopEnds.put(header, end);
                    for (int pc = header; pc <= end; pc++) {
                        l.kept[pc - l.start] |= regs;
                    }
                    l.all |= regs;
                }
            }
        });
        return l;
    }

    /** True if every jump into {@code [header, end]} from outside it lands on the header. */
    private static boolean singleEntry(Program program, MethodUnit unit, int header, int end) {
        for (int pc = unit.start(); pc < unit.end(); pc += program.at(pc).width()) {
            Instruction insn = program.at(pc);
            if ((pc < header || pc > end) && insn.op().isBranch()) {
                int t = insn.target(pc);
                if (t > header && t <= end) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The registers worth a shadow in the loop: stepped by an add or subtract there, and read as a
     * pointer whose low half matters (an operand of a same-region compare, or the base of a window
     * access).
     */
    private static int candidates(Program program, AccessPlan access, int header, int end) {
        int stepped = 0;
        int read = 0;
        for (int pc = header; pc <= end; pc += program.at(pc).width()) {
            Instruction insn = program.at(pc);
            Opcode op = insn.op();
            Form form = op.form();
            if (op == Opcode.ADD64_IMM || op == Opcode.SUB64_IMM || op == Opcode.ADD64_REG || op == Opcode.SUB64_REG) {
                stepped |= 1 << insn.dst();
            }
            if (form == Form.JUMP_REG && access.sameRegionCompare(pc)) {
                read |= 1 << insn.dst() | 1 << insn.src();
            }
            if (form == Form.LOAD || form == Form.STORE_IMM || form == Form.STORE_REG) {
                AccessPlan.Route route = access.route(pc);
                if (route.window >= 0) {
                    read |= 1 << (form == Form.LOAD ? insn.src() : insn.dst());
                }
            }
        }
        return stepped & read & ~(1 << 10); // r10 is never written
    }

    /** True if register r has a shadow at pc (so writes there keep it). */
    boolean kept(int pc, int r) {
        int i = pc - start;
        return i >= 0 && i < kept.length && (kept[i] & 1 << r) != 0;
    }

    /** The registers the preheader of the loop at {@code header} sets, or 0 if none starts there. */
    int preheader(int header) {
        return preheaders.getOrDefault(header, 0);
    }

    /** True if pc lies in the loop whose header is {@code header}. */
    boolean inLoop(int header, int pc) {
        Integer end = loopEnds.get(header);
        return end != null && pc >= header && pc <= end;
    }

    /** Every register with a shadow somewhere: those slots are in the method's frame. */
    int registers() {
        return all;
    }
}
