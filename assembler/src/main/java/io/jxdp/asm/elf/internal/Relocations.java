package io.jxdp.asm.elf.internal;

import io.jxdp.isa.Instruction;
import io.jxdp.isa.Opcode;
import io.jxdp.isa.codec.Decoder;
import java.util.List;

/**
 * Reads the {@code SHT_REL} sections of code and records each relocation against the function
 * holding its instruction: libbpf's {@code bpf_object__collect_prog_relos} and
 * {@code bpf_program__record_reloc}. Relocations of other sections ({@code .rel.BTF},
 * {@code .rel.debug_*}) are skipped, as libbpf skips them.
 */
final class Relocations {
    private final ElfFile elf;
    private final ElfInput in;
    private final Code code;
    private final List<ObjectMap> maps;
    private final List<String> notes;

    private Relocations(ElfFile elf, Code code, List<ObjectMap> maps, List<String> notes) {
        this.elf = elf;
        this.in = elf.input();
        this.code = code;
        this.maps = maps;
        this.notes = notes;
    }

    static void record(ElfFile elf, Code code, List<ObjectMap> maps, List<String> notes) {
        Relocations r = new Relocations(elf, code, maps, notes);
        for (ElfSection s : elf.sections()) {
            if (s.type() != ElfSection.SHT_REL && s.type() != ElfSection.SHT_RELA) {
                continue;
            }
            ElfSection target = elf.section(s.info(), s.where(), "sh_info");
            if (!target.isCode()) {
                continue;
            }
            if (s.type() == ElfSection.SHT_RELA) {
                throw r.in.error(s.where(), "SHT_RELA relocations of code are not supported (LLVM emits SHT_REL)");
            }
            for (ElfRelocation rel : elf.relocations(s)) {
                r.recordOne(s, target, rel);
            }
        }
    }

    private void recordOne(ElfSection relSection, ElfSection target, ElfRelocation rel) {
        if (rel.symbol() >= elf.symbols().size()) {
            elf.symbol(
                    rel.symbol(),
                    relSection.where(),
                    String.format("relocation %d at offset 0x%x", rel.index(), rel.offset()));
        }
        ElfSymbol sym = elf.symbols().get((int) rel.symbol());
        Site where = new Site(relSection, rel);
        if (rel.offset() < 0 || rel.offset() % Decoder.SLOT != 0 || rel.offset() >= target.size()) {
            throw in.error(where.toString(), "not an instruction of %s (%d bytes)", target.where(), target.size());
        }
        long slot = rel.offset() / Decoder.SLOT;
        Function fn = code.functionAt(target.index(), slot);
        if (fn == null) {
            notes.add(where + ": skipped, no function holds that instruction");
            return;
        }
        int i = (int) (slot - fn.firstSlot());
        Instruction insn = fn.at(i);
        if (insn == null) {
            throw in.error(where.toString(), "points at the second half of an lddw");
        }
        String symName = elf.symbolName(sym);
        Relocation r;
        if (insn.op() == Opcode.CALL || insn.op() == Opcode.CALL_LOCAL || insn.op() == Opcode.CALL_KFUNC) {
            r = call(where, rel, sym, symName, insn);
        } else if (insn.op() == Opcode.LDDW) {
            r = lddw(where, rel, sym, symName, insn);
        } else {
            throw in.error(
                    where.toString(),
                    "expects an lddw or a call against '%s', finds opcode 0x%02x",
                    symName,
                    insn.raw().code());
        }
        if (fn.relocation(i) != null) {
            throw in.error(where.toString(), "a second relocation for the same instruction");
        }
        fn.setRelocation(i, r);
    }

    /** The relocation being recorded: its message prefix is only formatted for an error. */
    private record Site(ElfSection section, ElfRelocation rel) {
        @Override
        public String toString() {
            return Relocation.where(section, rel);
        }
    }

    private Relocation call(Site where, ElfRelocation rel, ElfSymbol sym, String name, Instruction insn) {
        if (insn.op() == Opcode.CALL_LOCAL && sym.isUndefined()) {
            // an extern function: a kfunc, resolved by name against the kernel's BTF when linked
            requireType(where, rel, ElfRelocation.R_BPF_64_32, "a call");
            return new Relocation(
                    Relocation.Kind.EXTERN_CALL,
                    0,
                    -1,
                    where.section(),
                    where.rel(),
                    name,
                    sym.bind() == ElfSymbol.STB_WEAK);
        }
        if (insn.op() != Opcode.CALL_LOCAL) {
            throw in.error(where.toString(), "call against '%s' is not a bpf-to-bpf call (src %d)", name, insn.src());
        }
        requireType(where, rel, ElfRelocation.R_BPF_64_32, "a call");
        ElfSection text = code.text();
        if (text == null || sym.shndx() != text.index()) {
            throw in.error(
                    where.toString(),
                    "call against '%s' in %s: sub-programs must live in .text",
                    name,
                    sym.isSpecial()
                            ? "a special section"
                            : elf.section(sym.shndx(), where.toString(), "the symbol")
                                    .where());
        }
        if (sym.value() % Decoder.SLOT != 0) {
            throw in.error(
                    where.toString(), "call against '%s' at offset %d, not an instruction boundary", name, sym.value());
        }
        return new Relocation(Relocation.Kind.CALL, sym.value(), -1, where.section(), where.rel());
    }

    private Relocation lddw(Site where, ElfRelocation rel, ElfSymbol sym, String name, Instruction insn) {
        requireType(where, rel, ElfRelocation.R_BPF_64_64, "an lddw");
        if (sym.isUndefined()) {
            throw in.error(
                    where.toString(),
                    "lddw of undefined symbol '%s' (__kconfig and __ksym externs are not" + " supported)",
                    name);
        }
        if (sym.isSpecial()) {
            throw in.error(
                    where.toString(),
                    "lddw of '%s' in special section 0x%x; forgot to initialize a global" + " variable?",
                    name,
                    sym.shndx());
        }
        ElfSection text = code.text();
        boolean function = sym.type() == ElfSymbol.STT_SECTION || sym.type() == ElfSymbol.STT_FUNC;
        if (text != null && sym.shndx() == text.index() && function) {
            // sym_is_subprog: a callback's address, e.g. for bpf_loop
            if (sym.value() % Decoder.SLOT != 0 || insn.imm32() % Decoder.SLOT != 0) {
                throw in.error(
                        where.toString(),
                        "function address '%s' at offset %d+%d, not an instruction boundary",
                        name,
                        sym.value(),
                        insn.imm32());
            }
            return new Relocation(Relocation.Kind.SUBPROG_ADDR, sym.value(), -1, where.section(), where.rel());
        }
        ElfSection section = sym.shndx() < elf.sections().size()
                ? elf.sections().get(sym.shndx())
                : elf.section(sym.shndx(), where.toString(), "symbol '" + name + "'");
        for (int m = 0; m < maps.size(); m++) {
            ObjectMap map = maps.get(m);
            if (map.section() != section.index()) {
                continue;
            }
            if (map.origin().isGlobalData()) {
                return new Relocation(Relocation.Kind.DATA, sym.value(), m, where.section(), where.rel());
            }
            if (map.offset() == sym.value()) {
                if (insn.imm() != 0) {
                    throw in.error(
                            where.toString(), "lddw of map '%s' has a non-zero immediate 0x%x", name, insn.imm());
                }
                return new Relocation(Relocation.Kind.MAP, 0, m, where.section(), where.rel());
            }
        }
        throw in.error(
                where.toString(),
                "lddw of '%s' in %s, which defines no map or global data there",
                name,
                section.where());
    }

    private void requireType(Site where, ElfRelocation rel, long expected, String what) {
        if (rel.type() != expected) {
            throw in.error(
                    where.toString(),
                    "unsupported relocation type %s for %s (%s expected)",
                    ElfRelocation.typeName(rel.type()),
                    what,
                    ElfRelocation.typeName(expected));
        }
    }
}
