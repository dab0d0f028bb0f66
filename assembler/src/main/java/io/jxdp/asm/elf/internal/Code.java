package io.jxdp.asm.elf.internal;

import io.jxdp.isa.Instruction;
import io.jxdp.isa.codec.Decoder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The functions of every code section, decoded: libbpf's {@code bpf_object__add_programs}, one
 * function per {@code STT_FUNC} symbol, those in {@code .text} being subprograms and every other
 * one a program. Local labels ({@code LBB0_3}, {@code STT_NOTYPE} symbols) are attached to the
 * function holding them.
 */
public final class Code {
    private final ElfSection text;
    private final Map<Integer, List<Function>> bySection;
    private final List<Function> programs;

    private Code(ElfSection text, Map<Integer, List<Function>> bySection, List<Function> programs) {
        this.text = text;
        this.bySection = bySection;
        this.programs = programs;
    }

    /** The {@code .text} section if it holds code, else null (as libbpf's {@code text_shndx}). */
    public ElfSection text() {
        return text;
    }

    /** The programs: functions outside {@code .text}, by section index then offset. */
    public List<Function> programs() {
        return programs;
    }

    /** libbpf's {@code find_prog_by_sec_insn}: the function of this section holding this slot, or null. */
    public Function functionAt(int section, long slot) {
        List<Function> fns = bySection.get(section);
        if (fns == null) {
            return null;
        }
        int lo = 0;
        int hi = fns.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Function f = fns.get(mid);
            if (slot < f.firstSlot()) {
                hi = mid - 1;
            } else if (slot >= f.firstSlot() + f.slotCount()) {
                lo = mid + 1;
            } else {
                return f;
            }
        }
        return null;
    }

    static Code read(ElfFile elf, List<String> notes) {
        ElfInput in = elf.input();
        ElfSection text = null;
        Map<Integer, List<Function>> bySection = new HashMap<>();
        List<Function> programs = new ArrayList<>();
        for (ElfSection s : elf.sections()) {
            if (!s.isCode() || s.size() == 0) {
                continue;
            }
            boolean isText = s.name().equals(".text");
            if (isText) {
                text = s;
            }
            List<Function> fns = new ArrayList<>();
            for (ElfSymbol sym : elf.symbols()) {
                if (sym.shndx() == s.index() && sym.type() == ElfSymbol.STT_FUNC) {
                    fns.add(function(elf, s, sym, isText));
                }
            }
            if (fns.isEmpty()) {
                notes.add(s.where() + ": code without function symbols, skipped");
            }
            fns.sort(Comparator.comparingInt(Function::firstSlot));
            for (int i = 1; i < fns.size(); i++) {
                Function prev = fns.get(i - 1);
                if (prev.firstSlot() + prev.slotCount() > fns.get(i).firstSlot()) {
                    throw in.error(
                            s.where(),
                            "functions '%s' and '%s' overlap",
                            prev.name(),
                            fns.get(i).name());
                }
            }
            bySection.put(s.index(), fns);
            if (!isText) {
                programs.addAll(fns);
            }
        }
        if (programs.isEmpty() && text != null && bySection.get(text.index()).size() == 1) {
            // An object whose only code is one function in .text (as bpf_conformance's ELF writer
            // emits its tests) has nothing to call it: that function is the program.
            programs.addAll(bySection.get(text.index()));
        }
        Code code = new Code(text, bySection, programs);
        code.attachLabels(elf);
        return code;
    }

    private static Function function(ElfFile elf, ElfSection s, ElfSymbol sym, boolean isText) {
        ElfInput in = elf.input();
        String name = elf.symbolName(sym);
        long off = sym.value();
        long size = sym.size();
        if (size == 0 || size % Decoder.SLOT != 0 || off % Decoder.SLOT != 0) {
            // bpf_object__init_prog: "corrupted program"
            throw in.error(
                    s.where(),
                    "function '%s' at offset 0x%x of %d bytes is not a whole number of instructions",
                    name,
                    off,
                    size);
        }
        if (off < 0 || size < 0 || off > s.size() || size > s.size() - off) {
            throw in.error(
                    s.where(),
                    "function '%s' at offset 0x%x of %d bytes crosses the section end (%d bytes)",
                    name,
                    off,
                    size,
                    s.size());
        }
        if (!isText && sym.bind() == ElfSymbol.STB_LOCAL) {
            throw in.error(s.where(), "program '%s' is static and not supported", name);
        }
        byte[] bytes = elf.contents(s).bytes(off, (int) size);
        int first = (int) (off / Decoder.SLOT);
        Instruction[] slots = new Instruction[(int) (size / Decoder.SLOT)];
        // read as libbpf hands code to the kernel, unjudged: a slot that is no instruction stays a
        // malformed one, for the verifier to reject in the kernel's words (and engines to refuse)
        int slot = 0;
        for (Instruction insn : Decoder.decodeSlots(bytes)) {
            slots[slot] = insn;
            slot += insn.width();
        }
        return new Function(name, s, first, slots);
    }

    private void attachLabels(ElfFile elf) {
        for (ElfSymbol sym : elf.symbols()) {
            if (sym.type() != ElfSymbol.STT_NOTYPE
                    || sym.nameOffset() == 0
                    || sym.value() % Decoder.SLOT != 0
                    || !bySection.containsKey(sym.shndx())) {
                continue;
            }
            long slot = sym.value() / Decoder.SLOT;
            Function f = functionAt(sym.shndx(), slot);
            if (f != null) {
                f.addLabel((int) (slot - f.firstSlot()), elf.symbolName(sym));
            }
        }
    }
}
