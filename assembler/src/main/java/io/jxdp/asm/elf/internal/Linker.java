package io.jxdp.asm.elf.internal;

import io.jxdp.isa.Instruction;
import io.jxdp.isa.MapDef;
import io.jxdp.isa.Opcode;
import io.jxdp.isa.PseudoSource;
import io.jxdp.isa.btf.KernelFunc;
import io.jxdp.isa.btf.KernelFuncs;
import io.jxdp.isa.codec.Decoder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Lays out one program with the subprograms it calls and rewrites its relocated instructions, as
 * libbpf's {@code bpf_object__relocate} does for each main program:
 *
 * <ol>
 *   <li>{@code bpf_object__reloc_code}: walk the program; at each bpf-to-bpf call or function
 *       address, find the callee in {@code .text}; the first time a callee is met, append it
 *       ({@code bpf_object__append_subprog_code}) and walk it at once, depth first, before going on
 *       with the caller; point the call at the callee's new position.
 *   <li>{@code bpf_object__relocate_data}: map references become {@code MAP_IDX} and global
 *       variables {@code MAP_IDX_VALUE} with the variable's offset, indexing the program's map
 *       list: the object's maps that the program (with its subprograms) refers to, in object order.
 * </ol>
 *
 * The walk keeps an explicit stack, so a long chain of calls cannot overflow the Java stack.
 */
final class Linker {
    /** The kernel's {@code BPF_COMPLEXITY_LIMIT_INSNS}: no program may be longer. */
    static final int MAX_SLOTS = 1_000_000;

    /** A function and the pc it starts at in the linked program. */
    record Placement(Function function, int pc) {}

    /**
     * The result: instructions, the object indexes of the program's maps, labels, where each
     * function went, and the strong {@code __ksym} externs the kernel's BTF does not have.
     */
    record Linked(
            List<Instruction> instructions,
            int slots,
            List<Integer> objectMaps,
            Map<Integer, String> labels,
            List<Placement> placements,
            List<String> missingKsyms) {}

    private final ElfInput in;
    private final Code code;
    private final List<ObjectMap> maps;
    private final ArrayList<Instruction> slots = new ArrayList<>();
    private final IdentityHashMap<Function, Integer> placed = new IdentityHashMap<>();
    private final List<Placement> placements = new ArrayList<>();

    private Linker(ElfInput in, Code code, List<ObjectMap> maps) {
        this.in = in;
        this.code = code;
        this.maps = maps;
    }

    static Linked link(ElfInput in, Code code, List<ObjectMap> maps, Function main) {
        return new Linker(in, code, maps).link(main);
    }

    @SuppressWarnings("ArrayRecordComponent") // traversal state, never compared
    private record Frame(Function function, int[] next) {}

    private Linked link(Function main) {
        append(main);
        Deque<Frame> stack = new ArrayDeque<>();
        stack.push(new Frame(main, new int[1]));
        while (!stack.isEmpty()) {
            Frame frame = stack.peek();
            Function fn = frame.function();
            if (frame.next()[0] >= fn.slotCount()) {
                stack.pop();
                continue;
            }
            int i = frame.next()[0]++;
            Function callee = relocateCode(fn, i);
            if (callee != null && !placed.containsKey(callee)) {
                append(callee);
                stack.push(new Frame(callee, new int[1]));
            }
            if (callee != null) {
                int pc = placed.get(fn) + i;
                slots.set(pc, pointAt(slots.get(pc), pc, placed.get(callee)));
            }
        }
        List<Integer> objectMaps = relocateData();
        List<String> missing = relocateExterns();
        List<Instruction> instructions = new ArrayList<>(slots.size());
        for (Instruction insn : slots) {
            if (insn != null) {
                instructions.add(insn);
            }
        }
        return new Linked(instructions, slots.size(), objectMaps, labels(), placements, missing);
    }

    private void append(Function fn) {
        if ((long) slots.size() + fn.slotCount() > MAX_SLOTS) {
            throw in.error(fn.where(), "appending it makes the program longer than %d instructions", MAX_SLOTS);
        }
        placed.put(fn, slots.size());
        placements.add(new Placement(fn, slots.size()));
        for (int i = 0; i < fn.slotCount(); i++) {
            slots.add(fn.at(i));
        }
    }

    /** For a call or function address at slot i of fn, the callee; null for any other instruction. */
    private Function relocateCode(Function fn, int i) {
        Instruction insn = fn.at(i);
        if (insn == null) {
            return null;
        }
        Relocation r = fn.relocation(i);
        long target;
        if (r != null && r.kind() == Relocation.Kind.EXTERN_CALL) {
            return null; // a kfunc: relocateExterns
        }
        if (r != null && r.kind() == Relocation.Kind.CALL) {
            // a global function: symbol value, imm -1; a static one: the section, imm its slot - 1
            target = r.symbolOffset() / Decoder.SLOT + insn.imm32() + 1;
        } else if (r != null && r.kind() == Relocation.Kind.SUBPROG_ADDR) {
            target = (r.symbolOffset() + insn.imm32()) / Decoder.SLOT;
        } else if (insn.op() == Opcode.CALL_LOCAL) {
            // no relocation: a static function of the same section, imm relative to the call
            target = fn.firstSlot() + i + (long) insn.imm32() + 1;
            if (target > fn.firstSlot() && target < fn.firstSlot() + fn.slotCount()) {
                // into the middle of its own function (hand-written code, as bpf_conformance's
                // tests): the function moves as one piece, so the relative offset stays right
                return null;
            }
            if (code.text() == null || fn.section().index() != code.text().index()) {
                throw in.error(where(fn, i, r), "a bpf-to-bpf call without a relocation outside .text");
            }
        } else if (insn.op() == Opcode.LDDW && insn.src() != 0 && r == null) {
            throw in.error(where(fn, i, r), "lddw with pseudo source %d and no relocation", insn.src());
        } else {
            return null;
        }
        Function callee =
                code.text() == null ? null : code.functionAt(code.text().index(), target);
        if (callee == null || callee.firstSlot() != target) {
            throw in.error(where(fn, i, r), "the target, slot %d of .text, is not the start of a function", target);
        }
        return callee;
    }

    private static String where(Function fn, int i, Relocation r) {
        return r != null
                ? r.where()
                : String.format(
                        "%s: instruction at offset 0x%x", fn.where(), (fn.firstSlot() + i) * (long) Decoder.SLOT);
    }

    private static Instruction pointAt(Instruction insn, int pc, int targetPc) {
        if (insn.op() == Opcode.CALL_LOCAL) {
            return insn.withTarget(pc, targetPc);
        }
        long rel = (targetPc - pc - 1) & 0xffff_ffffL;
        return new Instruction(
                Opcode.LDDW, insn.dst(), PseudoSource.FUNC.code(), 0, rel | (insn.imm() & 0xffff_ffff_0000_0000L));
    }

    private List<Integer> relocateData() {
        TreeSet<Integer> used = new TreeSet<>();
        for (Placement p : placements) {
            for (int i = 0; i < p.function().slotCount(); i++) {
                Relocation r = p.function().relocation(i);
                if (r != null && r.map() >= 0) {
                    used.add(r.map());
                }
            }
        }
        List<Integer> objectMaps = new ArrayList<>(used);
        for (Placement p : placements) {
            for (int i = 0; i < p.function().slotCount(); i++) {
                Relocation r = p.function().relocation(i);
                if (r != null && r.map() >= 0) {
                    int pc = p.pc() + i;
                    slots.set(pc, mapReference(r, slots.get(pc), objectMaps.indexOf(r.map())));
                }
            }
        }
        return objectMaps;
    }

    /**
     * bpf_object__resolve_externs and RELO_EXTERN_CALL: each call of an extern function becomes a
     * kfunc call of the kernel function of that name (src BPF_PSEUDO_KFUNC_CALL, imm its BTF id in
     * vmlinux, off 0: jxdp knows no module BTF). A weak extern the kernel lacks becomes imm 0, for
     * the verifier to refuse if a path reaches it; a strong one is libbpf's load failure, returned.
     */
    private List<String> relocateExterns() {
        TreeSet<String> missing = new TreeSet<>();
        for (Placement p : placements) {
            for (int i = 0; i < p.function().slotCount(); i++) {
                Relocation r = p.function().relocation(i);
                if (r == null || r.kind() != Relocation.Kind.EXTERN_CALL) {
                    continue;
                }
                Optional<KernelFunc> fn = KernelFuncs.vmlinux().byName(r.extern());
                if (fn.isEmpty() && !r.weak()) {
                    missing.add(r.extern());
                }
                int id = fn.map(KernelFunc::btfId).orElse(0);
                slots.set(p.pc() + i, Instruction.of(Opcode.CALL_KFUNC, 0, 0, 0, id));
            }
        }
        return List.copyOf(missing);
    }

    private Instruction mapReference(Relocation r, Instruction insn, int index) {
        if (r.kind() == Relocation.Kind.MAP) {
            return new Instruction(Opcode.LDDW, insn.dst(), PseudoSource.MAP_IDX.code(), 0, index);
        }
        MapDef map = maps.get(r.map()).def();
        long offset = (long) insn.imm32() + r.symbolOffset();
        if (offset < 0 || offset >= map.valueSize()) {
            throw in.error(
                    r.where(),
                    "global variable at offset %d lies outside map '%s' (%d bytes)",
                    offset,
                    map.name(),
                    map.valueSize());
        }
        return new Instruction(Opcode.LDDW, insn.dst(), PseudoSource.MAP_IDX_VALUE.code(), 0, offset << 32 | index);
    }

    private Map<Integer, String> labels() {
        Map<Integer, String> labels = new TreeMap<>();
        for (Placement p : placements) {
            labels.put(p.pc(), p.function().name());
        }
        for (Placement p : placements) {
            for (Map.Entry<Integer, String> e : p.function().labels().entrySet()) {
                labels.putIfAbsent(p.pc() + e.getKey(), e.getValue());
            }
        }
        return labels;
    }
}
