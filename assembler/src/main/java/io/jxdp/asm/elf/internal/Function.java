package io.jxdp.asm.elf.internal;

import io.jxdp.isa.Instruction;
import java.util.Map;
import java.util.TreeMap;

/**
 * One function of a code section: a program (outside {@code .text}) or a subprogram (in
 * {@code .text}), with its decoded instructions by slot and the relocations recorded against them
 * (libbpf's {@code struct bpf_program} before relocation).
 */
public final class Function {
    private final String name;
    private final ElfSection section;
    private final int firstSlot;
    private final Instruction[] slots;
    private final Relocation[] relocations;
    private final TreeMap<Integer, String> labels = new TreeMap<>();

    Function(String name, ElfSection section, int firstSlot, Instruction[] slots) {
        this.name = name;
        this.section = section;
        this.firstSlot = firstSlot;
        this.slots = slots;
        this.relocations = new Relocation[slots.length];
    }

    public String name() {
        return name;
    }

    public ElfSection section() {
        return section;
    }

    /** The slot in its section where it starts ({@code sec_insn_off}). */
    public int firstSlot() {
        return firstSlot;
    }

    /** Its length in slots ({@code sec_insn_cnt}). */
    public int slotCount() {
        return slots.length;
    }

    /** True if the slot (relative to the function) lies inside it. */
    boolean containsSectionSlot(long sectionSlot) {
        return sectionSlot >= firstSlot && sectionSlot < firstSlot + slots.length;
    }

    /** The instruction starting at this slot, or null for the second slot of an {@code lddw}. */
    public Instruction at(int slot) {
        return slots[slot];
    }

    /** The relocation recorded for the instruction at this slot, or null. */
    public Relocation relocation(int slot) {
        return relocations[slot];
    }

    void setRelocation(int slot, Relocation relocation) {
        relocations[slot] = relocation;
    }

    /** Local labels ({@code LBB0_3}) by slot relative to the function start. */
    public Map<Integer, String> labels() {
        return labels;
    }

    void addLabel(int slot, String label) {
        labels.putIfAbsent(slot, label);
    }

    /** How errors name it. */
    public String where() {
        return section.where() + ": function '" + name + "'";
    }
}
