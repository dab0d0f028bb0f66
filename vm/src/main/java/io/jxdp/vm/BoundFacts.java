package io.jxdp.vm;

import io.jxdp.isa.MapDef;
import io.jxdp.isa.Program;
import io.jxdp.verifier.ProgramType;
import io.jxdp.verifier.VerifiedProgram;
import io.jxdp.vm.interp.InstructionText;
import io.jxdp.vm.memory.Addresses;
import io.jxdp.vm.memory.Memory;
import io.jxdp.vm.memory.Region;
import java.util.List;

/**
 * The verifier's facts bound to the one program they were computed for, and to the entry state
 * they assumed. The JIT trusts them (a "proven" access is a plain array access, a verified loop
 * spends no budget), so facts of another program, or a run whose inputs are not those the verifier
 * started from, would make it read the wrong bytes or loop forever. Both are refused here.
 *
 * <p>The program must be the verified one by content: the same instructions and map definitions
 * ({@link Program#equals}), which is all the verifier reads. Its name and labels may differ, so a
 * program assembled again from the same text keeps its facts; identity would refuse that and add
 * nothing, since the facts are a function of the content alone.
 *
 * <p>The entry state is the program type's ({@link ProgramType}): an XDP type (xdp, cpumap,
 * devmap) starts with r1 = the context; {@code mem(n)} with r1 = a writable memory of exactly n
 * bytes (NULL when n is 0) and r2 = n. Every run of a program loaded with facts is checked against
 * it before its first instruction.
 */
public final class BoundFacts {
    private final VerifiedProgram facts;
    private final String name;
    private final ProgramType type;

    private BoundFacts(VerifiedProgram facts, String name) {
        this.facts = facts;
        this.name = name;
        this.type = facts.options().programType();
    }

    /**
     * Binds {@code facts} to {@code program}.
     *
     * @return null if {@code facts} is null
     * @throws IllegalArgumentException if the facts were computed for a program with other
     *     instructions or maps (the message names the first difference)
     */
    public static BoundFacts bind(Program program, VerifiedProgram facts) {
        if (facts == null) {
            return null;
        }
        requireSameProgram(facts.program(), program);
        return new BoundFacts(facts, program.name());
    }

    /**
     * Refuses facts about {@code factsProgram} for {@code program} unless the two have the same
     * instructions and maps; for every kind of facts an engine takes.
     *
     * @throws IllegalArgumentException naming both programs and where they first differ
     */
    public static void requireSameProgram(Program factsProgram, Program program) {
        if (!factsProgram.equals(program)) {
            throw new IllegalArgumentException("the facts for program " + factsProgram.name()
                    + " do not belong to program " + program.name() + ": " + difference(factsProgram, program));
        }
    }

    public VerifiedProgram facts() {
        return facts;
    }

    /** The type the program was verified as. */
    public ProgramType type() {
        return type;
    }

    /**
     * Refuses a run whose inputs are not the entry state the facts were computed for.
     *
     * @throws IllegalArgumentException naming the state the facts need and the one given
     */
    public void checkEntry(Cpu cpu, long r1, long r2) {
        if (type.isXdp()) {
            if (r1 != Memory.contextPointer()) {
                throw new IllegalArgumentException("program " + name + " was verified as " + type
                        + ": its runs need r1 = the context (" + Addresses.format(Memory.contextPointer())
                        + "), not r1 = "
                        + Addresses.format(r1));
            }
            return;
        }
        int size = type.memSize();
        Region memory = cpu.memory().memoryRegion();
        boolean attached = size == 0 || (memory.lo() == 0 && memory.hi() == size && memory.writable());
        long expected = size == 0 ? 0 : Addresses.address(Addresses.MEMORY, 0);
        if (r1 != expected || r2 != size || !attached) {
            throw new IllegalArgumentException("program " + name + " was verified as " + type + ": its runs need r1 = "
                    + (size == 0
                            ? "NULL"
                            : "a writable memory of " + size + " bytes (" + Addresses.format(expected) + ")")
                    + " and r2 = " + size + ", not r1 = " + Addresses.format(r1) + " and r2 = " + r2 + " with "
                    + (memory.writable() ? "a writable" : "a read-only") + " memory of " + (memory.hi() - memory.lo())
                    + " bytes");
        }
    }

    /**
     * Refuses a program loaded with facts for the memory calling convention where it is to run on
     * packets: every run would be refused, so the runner says so before the first.
     *
     * @throws IllegalArgumentException if {@code program}'s facts are not for an XDP type
     */
    public static void requireXdp(LoadedProgram program, String runner) {
        BoundFacts f = program.facts();
        if (f != null && !f.type.isXdp()) {
            throw new IllegalArgumentException(runner + " runs programs on packets, but program " + f.name
                    + " was verified as " + f.type + "; verify it as an XDP program to run it here");
        }
    }

    /** Where two programs first differ, for the refusal's message. */
    static String difference(Program verified, Program given) {
        List<MapDef> a = verified.maps();
        List<MapDef> b = given.maps();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            MapDef there = i < a.size() ? a.get(i) : null;
            MapDef here = i < b.size() ? b.get(i) : null;
            if (there == null || !there.equals(here)) {
                return "map " + i + " is " + (there == null ? "absent" : there) + " there, "
                        + (here == null ? "absent" : here) + " here";
            }
        }
        InstructionText textA = new InstructionText(verified);
        InstructionText textB = new InstructionText(given);
        for (int i = 0; i < Math.max(verified.size(), given.size()); i++) {
            boolean inA = i < verified.size();
            boolean inB = i < given.size();
            if (inA
                    && inB
                    && verified.instructions()
                            .get(i)
                            .equals(given.instructions().get(i))) {
                continue;
            }
            int pc = inA ? verified.pcOf(i) : given.pcOf(i);
            return "pc " + pc + " is " + (inA ? textA.at(verified.pcOf(i)) : "past the end") + " there, "
                    + (inB ? textB.at(given.pcOf(i)) : "past the end") + " here";
        }
        return "they differ"; // equals() said so; the loops above find where in every case
    }
}
