package io.jxdp.asm.internal;

import io.jxdp.isa.Form;
import io.jxdp.isa.Instruction;
import io.jxdp.isa.Opcode;
import io.jxdp.isa.PseudoSource;

/** Operands both dialects write the same way: jump targets, {@code lddw} pseudo operands, offsets. */
final class Operands {
    private Operands() {}

    /**
     * A jump or call target as written: a number ({@code +3}, {@code -3}, {@code 3}) or a label.
     *
     * @param value the offset when numeric
     * @param label the label, or null
     * @param index where the target starts in its line
     */
    record Target(long value, String label, int index) {
        /** The fixup that turns the label into an offset, or null for a numeric target. */
        Fixup fixup() {
            return label == null ? null : toLabel(label, index);
        }
    }

    /** Reads a target; {@code wide} targets (gotol, local calls) take 32 bits, others 16. */
    static Target target(LineScanner s, boolean wide) {
        int at = s.index();
        Literal lit = s.number();
        if (lit != null) {
            return new Target(wide ? s.imm32(lit) : s.offset16(lit), null, at);
        }
        String name = s.ident();
        if (name == null) {
            throw s.error("expected a jump target (+N, -N or a label)" + s.found());
        }
        return new Target(0, name, at);
    }

    /** Points a jump, a local call or a function-pointer lddw at a label. */
    static Fixup toLabel(String name, int index) {
        return (insn, pc, names) -> {
            int target = names.labelPc(name, index);
            if (target >= names.slotCount()) {
                throw names.error(index, "label '" + name + "' is after the last instruction");
            }
            long rel = (long) target - pc - 1;
            Form form = insn.op().form();
            if ((form == Form.JA || form == Form.JUMP_IMM || form == Form.JUMP_REG)
                    && (rel < Short.MIN_VALUE || rel > Short.MAX_VALUE)) {
                throw names.error(
                        index,
                        "label '" + name + "' is too far: offset " + rel + " does not fit in 16 bits"
                                + (insn.op() == Opcode.JA ? " (gotol / ja32 takes 32 bits)" : ""));
            }
            return insn.withTarget(pc, target);
        };
    }

    /**
     * After a base register: an optional {@code + N} or {@code - N} (with or without blanks),
     * checked to fit 16 bits.
     */
    static int offsetAfterBase(LineScanner s) {
        Literal lit;
        if (s.accept("+")) {
            lit = s.expectNumber("an offset");
        } else if (s.accept("-")) {
            lit = s.expectNumber("an offset").negate();
        } else {
            return 0;
        }
        return s.offset16(lit);
    }

    private static PseudoSource keyword(String word) {
        for (PseudoSource p : PseudoSource.values()) {
            if (p != PseudoSource.IMM64 && p.keyword().equals(word)) {
                return p;
            }
        }
        return null;
    }

    /**
     * The operand of an {@code lddw} that is not a number: {@code NAME} (a declared map, or the
     * function at a label), {@code KIND(N|NAME)} with an optional {@code + HIGH}; see
     * {@link io.jxdp.isa.text.InstructionPrinter} for the table.
     */
    static Parsed pseudo(LineScanner s, int insnIndex, int dst) {
        int at = s.index();
        String word = s.ident();
        if (word == null) {
            throw s.error("expected a number, a map or label name, or map_value(NAME)" + s.found());
        }
        PseudoSource kind = keyword(word);
        Parsed placeholder = Parsed.of(s, insnIndex, Opcode.LDDW, dst, 0, 0, 0);
        if (kind == null || s.peek() != '(') {
            if (s.peek() == '+') {
                throw s.error("an offset into a map value is written map_value(" + word + ") + OFF");
            }
            return placeholder.withFixup((insn, pc, names) -> {
                if (names.isMap(word)) {
                    return lddw(dst, PseudoSource.MAP_IDX, names.mapIndex(word, at), 0);
                }
                if (names.isLabel(word)) {
                    return toLabel(word, at).resolve(lddw(dst, PseudoSource.FUNC, 0, 0), pc, names);
                }
                throw names.error(at, "unknown map or label '" + word + "'");
            });
        }
        s.expect("(");
        int argAt = s.index();
        Literal lit = s.number();
        String name = lit == null ? s.ident() : null;
        if (lit == null && name == null) {
            throw s.error("expected a number or a name" + s.found());
        }
        int low = lit != null ? s.imm32(lit) : 0;
        s.expect(")");
        long high = s.accept("+") ? s.unsigned32(s.expectNumber("the high 32 bits")) : 0;
        if (lit != null) {
            return new Parsed(lddw(dst, kind, low, high), null);
        }
        return placeholder.withFixup(byName(kind, name, argAt, dst, high));
    }

    private static Fixup byName(PseudoSource kind, String name, int at, int dst, long high) {
        return switch (kind) {
            // a named map is indexed, so map_value(NAME) is the by-index form
            case MAP_VALUE, MAP_IDX_VALUE ->
                (insn, pc, names) -> lddw(dst, PseudoSource.MAP_IDX_VALUE, names.mapIndex(name, at), high);
            case MAP_IDX -> (insn, pc, names) -> lddw(dst, PseudoSource.MAP_IDX, names.mapIndex(name, at), high);
            case FUNC ->
                (insn, pc, names) -> {
                    Instruction withLow = toLabel(name, at).resolve(lddw(dst, PseudoSource.FUNC, 0, 0), pc, names);
                    return lddw(dst, PseudoSource.FUNC, (int) withLow.imm(), high);
                };
            default ->
                (insn, pc, names) -> {
                    throw names.error(at, kind.keyword() + "(...) takes a number, not a name");
                };
        };
    }

    private static Instruction lddw(int dst, PseudoSource src, int low, long high) {
        return Instruction.of(Opcode.LDDW, dst, src.code(), 0, (low & 0xffff_ffffL) | high << 32);
    }
}
