package io.jxdp.isa;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An eBPF program: its instructions, the maps it declares, and the labels that name its pcs.
 *
 * <p>Positions are pcs, counted in 8-byte slots as the kernel counts them (an {@code lddw} takes
 * two). {@link #at(int)} gives the instruction starting at a pc. Construction does not check the
 * program as a whole; {@link ProgramCheck#check(Program)} does, and every engine runs it first.
 */
public final class Program {
    private final String name;
    private final List<Instruction> instructions;
    private final int[] pcOfIndex;
    private final int[] indexOfPc;
    private final List<MapDef> maps;
    private final NavigableMap<Integer, String> labels;

    private Program(String name, List<Instruction> instructions, List<MapDef> maps, Map<Integer, String> labels) {
        this.name = Objects.requireNonNull(name, "name");
        this.instructions = List.copyOf(instructions);
        this.maps = List.copyOf(maps);
        this.labels = Collections.unmodifiableNavigableMap(new TreeMap<>(labels));
        this.pcOfIndex = new int[this.instructions.size()];
        int slots = 0;
        for (int i = 0; i < this.instructions.size(); i++) {
            pcOfIndex[i] = slots;
            slots += this.instructions.get(i).width();
        }
        this.indexOfPc = new int[slots];
        Arrays.fill(indexOfPc, -1);
        for (int i = 0; i < pcOfIndex.length; i++) {
            indexOfPc[pcOfIndex[i]] = i;
        }
    }

    /** A program of these instructions with no maps and no labels. */
    public static Program of(List<Instruction> instructions) {
        return new Program("prog", instructions, List.of(), Map.of());
    }

    /**
     * A program with maps and labels.
     *
     * @param name a name for messages (a file name, an ELF section)
     * @param instructions the instructions in order
     * @param maps the maps; {@code lddw} map references index this list
     * @param labels names of pcs, for printing; more than one name per pc is not kept
     */
    public static Program of(
            String name, List<Instruction> instructions, List<MapDef> maps, Map<Integer, String> labels) {
        return new Program(name, instructions, maps, labels);
    }

    public String name() {
        return name;
    }

    /** The instructions in order; the i-th starts at {@link #pcOf(int) pcOf(i)}. */
    public List<Instruction> instructions() {
        return instructions;
    }

    /** The number of 8-byte slots; pcs run from 0 to this minus one. */
    public int slotCount() {
        return indexOfPc.length;
    }

    /** The number of instructions (an {@code lddw} counts once). */
    public int size() {
        return instructions.size();
    }

    /** True if an instruction starts at this pc (false for the second slot of an {@code lddw}). */
    public boolean isInstructionStart(int pc) {
        return pc >= 0 && pc < indexOfPc.length && indexOfPc[pc] >= 0;
    }

    /** The instruction starting at this pc. */
    public Instruction at(int pc) {
        if (!isInstructionStart(pc)) {
            throw new IllegalArgumentException("no instruction starts at pc " + pc);
        }
        return instructions.get(indexOfPc[pc]);
    }

    /** The pc of the index-th instruction. */
    public int pcOf(int index) {
        return pcOfIndex[index];
    }

    /** The index of the instruction starting at pc, or -1. */
    public int indexOf(int pc) {
        return pc >= 0 && pc < indexOfPc.length ? indexOfPc[pc] : -1;
    }

    /** The maps the program declares, in the order its {@code lddw} references index them. */
    public List<MapDef> maps() {
        return maps;
    }

    /** Label names by pc. */
    public NavigableMap<Integer, String> labels() {
        return labels;
    }

    /** The same program under another name. */
    public Program withName(String newName) {
        return new Program(newName, instructions, maps, labels);
    }

    /** The same program with these maps. */
    public Program withMaps(List<MapDef> newMaps) {
        return new Program(name, instructions, newMaps, labels);
    }

    /** The pcs at which local functions start: 0, then every local call or function-pointer target, ascending. */
    public int[] functionEntries() {
        List<Integer> entries = new ArrayList<>();
        entries.add(0);
        for (int i = 0; i < instructions.size(); i++) {
            Instruction insn = instructions.get(i);
            if (insn.op() == Opcode.CALL_LOCAL || insn.pseudoSource() == PseudoSource.FUNC) {
                int target = insn.target(pcOfIndex[i]);
                if (!entries.contains(target)) {
                    entries.add(target);
                }
            }
        }
        return entries.stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Program p && instructions.equals(p.instructions) && maps.equals(p.maps);
    }

    @Override
    public int hashCode() {
        return instructions.hashCode() * 31 + maps.hashCode();
    }

    @Override
    public String toString() {
        return "Program[" + name + ", " + instructions.size() + " instructions, " + maps.size() + " maps]";
    }
}
