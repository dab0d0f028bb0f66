package io.jxdp.bench;

import io.jxdp.isa.Instruction;
import io.jxdp.isa.Opcode;
import io.jxdp.isa.Program;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A few lines of label handling to write the benchmark programs as instruction sequences, until
 * they move to {@code .bpf} text for the assembler. Jumps name labels; {@link #program} resolves
 * them to pc-relative offsets.
 */
final class Asm {
    private final List<Instruction> insns = new ArrayList<>();
    private final List<String> targets = new ArrayList<>();
    private final Map<String, Integer> labels = new HashMap<>();

    Asm op(Opcode op, int dst, int src, int off, long imm) {
        insns.add(Instruction.of(op, dst, src, off, imm));
        targets.add(null);
        return this;
    }

    /** {@code op dst, imm}. */
    Asm imm(Opcode op, int dst, long imm) {
        return op(op, dst, 0, 0, imm);
    }

    /** {@code op dst, src}. */
    Asm reg(Opcode op, int dst, int src) {
        return op(op, dst, src, 0, 0);
    }

    /** A conditional jump against an immediate (or {@code ja}) to a label. */
    Asm jump(Opcode op, int dst, long imm, String label) {
        op(op, dst, 0, 0, imm);
        targets.set(targets.size() - 1, label);
        return this;
    }

    /** A conditional jump against a register to a label. */
    Asm jumpReg(Opcode op, int dst, int src, String label) {
        op(op, dst, src, 0, 0);
        targets.set(targets.size() - 1, label);
        return this;
    }

    Asm label(String name) {
        labels.put(name, insns.size());
        return this;
    }

    Program program(String name) {
        int[] pcs = new int[insns.size() + 1];
        for (int i = 0; i < insns.size(); i++) {
            pcs[i + 1] = pcs[i] + insns.get(i).width();
        }
        List<Instruction> out = new ArrayList<>();
        for (int i = 0; i < insns.size(); i++) {
            Instruction insn = insns.get(i);
            String target = targets.get(i);
            out.add(target == null ? insn : insn.withTarget(pcs[i], pcs[labels.get(target)]));
        }
        return Program.of(name, out, List.of(), Map.of());
    }
}
