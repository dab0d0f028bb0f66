package io.jxdp.asm.internal;

import io.jxdp.isa.AluOp;
import io.jxdp.isa.AtomicOp;
import io.jxdp.isa.InsnClass;
import io.jxdp.isa.JmpOp;
import io.jxdp.isa.Mode;
import io.jxdp.isa.Opcode;
import io.jxdp.isa.Size;
import io.jxdp.isa.Source;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The uBPF / conformance dialect: everything {@link io.jxdp.isa.text.UbpfPrinter} prints, plus the
 * spellings the conformance suite uses ({@code swap16}, {@code add64}, {@code callx}, a
 * {@code %}-less register, {@code call helper N}).
 */
final class UbpfParser implements InstructionParser {
    static final UbpfParser INSTANCE = new UbpfParser();

    private static final Map<String, AluOp> ALU = Map.ofEntries(
            Map.entry("add", AluOp.ADD),
            Map.entry("sub", AluOp.SUB),
            Map.entry("mul", AluOp.MUL),
            Map.entry("div", AluOp.DIV),
            Map.entry("sdiv", AluOp.SDIV),
            Map.entry("or", AluOp.OR),
            Map.entry("and", AluOp.AND),
            Map.entry("lsh", AluOp.LSH),
            Map.entry("rsh", AluOp.RSH),
            Map.entry("mod", AluOp.MOD),
            Map.entry("smod", AluOp.SMOD),
            Map.entry("xor", AluOp.XOR),
            Map.entry("mov", AluOp.MOV),
            Map.entry("arsh", AluOp.ARSH),
            Map.entry("neg", AluOp.NEG));
    private static final Map<String, Opcode> MOVSX = Map.of(
            "movsx832",
            Opcode.MOVSX32_8,
            "movsx1632",
            Opcode.MOVSX32_16,
            "movsx864",
            Opcode.MOVSX64_8,
            "movsx1664",
            Opcode.MOVSX64_16,
            "movsx3264",
            Opcode.MOVSX64_32);
    private static final Pattern SWAP = Pattern.compile("(be|le|bswap|swap)([0-9]{1,10})");
    private static final Pattern MEMORY = Pattern.compile("(ldxs|ldx|stx|st|ldabs|ldind)(b|h|w|dw)");

    private UbpfParser() {}

    @Override
    public Parsed parse(LineScanner s) {
        int at = s.index();
        String word = s.ident();
        if (word == null) {
            throw s.error("expected an instruction" + s.found());
        }
        String m = word.toLowerCase(Locale.ROOT);
        switch (m) {
            case "exit":
                s.expectEnd("exit takes no operands");
                return Parsed.of(s, at, Opcode.EXIT, 0, 0, 0, 0);
            case "call":
                return call(s, at);
            case "callx": {
                int r = reg(s, "callx REG");
                s.expectEnd(null);
                return Parsed.of(s, at, Opcode.CALLX, r, 0, 0, 0);
            }
            case "ja":
            case "ja32": {
                String usage = m + " +N|-N|LABEL";
                noOperand(s, usage);
                Operands.Target t = Operands.target(s, m.equals("ja32"));
                s.expectEnd(usage);
                Parsed p = m.equals("ja")
                        ? Parsed.of(s, at, Opcode.JA, 0, 0, (int) t.value(), 0)
                        : Parsed.of(s, at, Opcode.JA32, 0, 0, 0, t.value());
                return p.withFixup(t.fixup());
            }
            case "lddw":
                return lddw(s, at);
            case "lock":
                return lock(s, at);
            default:
                break;
        }
        Opcode movsx = MOVSX.get(m);
        if (movsx != null) {
            String usage = m + " REG, REG";
            int dst = reg(s, usage);
            comma(s, usage);
            int src = reg(s, usage);
            s.expectEnd(usage);
            return Parsed.of(s, at, movsx, dst, src, 0, 0);
        }
        Matcher swap = SWAP.matcher(m);
        if (swap.matches()) {
            return swap(s, at, m, swap);
        }
        Matcher mem = MEMORY.matcher(m);
        if (mem.matches()) {
            return memory(s, at, m, mem.group(1), size(mem.group(2)));
        }
        boolean is32 = m.endsWith("32");
        String base = is32 || m.endsWith("64") ? m.substring(0, m.length() - 2) : m;
        AluOp alu = ALU.get(base);
        if (alu != null) {
            return alu(s, at, m, alu, !is32);
        }
        JmpOp jmp = jump(base);
        if (jmp != null && !m.endsWith("64")) {
            return jump(s, at, m, jmp, is32);
        }
        throw s.errorAt(at, "unknown mnemonic '" + word + "'");
    }

    private static Parsed alu(LineScanner s, int at, String m, AluOp op, boolean is64) {
        if (op == AluOp.NEG) {
            int dst = reg(s, m + " REG");
            s.expectEnd(m + " REG");
            return Parsed.of(s, at, is64 ? Opcode.NEG64 : Opcode.NEG32, dst, 0, 0, 0);
        }
        String usage = m + " REG, REG|IMM";
        int dst = reg(s, usage);
        comma(s, usage);
        noOperand(s, usage);
        int src = s.register('r', true);
        if (src >= 0) {
            s.expectEnd(usage);
            return Parsed.of(s, at, Opcode.alu(op, Source.X, is64), dst, src, 0, 0);
        }
        Literal lit = s.number();
        if (lit == null) {
            throw s.error("expected a register or an immediate" + s.found());
        }
        int imm = s.imm32(lit);
        s.expectEnd(usage);
        return Parsed.of(s, at, Opcode.alu(op, Source.K, is64), dst, 0, 0, imm);
    }

    private static Parsed jump(LineScanner s, int at, String m, JmpOp op, boolean is32) {
        String usage = m + " REG, REG|IMM, +N|-N|LABEL";
        int dst = reg(s, usage);
        comma(s, usage);
        noOperand(s, usage);
        int src = s.register('r', true);
        int imm = 0;
        if (src < 0) {
            Literal lit = s.number();
            if (lit == null) {
                throw s.error("expected a register or an immediate" + s.found());
            }
            imm = s.imm32(lit);
        }
        comma(s, usage);
        noOperand(s, usage);
        Operands.Target t = Operands.target(s, false);
        s.expectEnd(usage);
        Opcode op32 = Opcode.jump(op, src >= 0 ? Source.X : Source.K, is32);
        return Parsed.of(s, at, op32, dst, Math.max(src, 0), (int) t.value(), imm)
                .withFixup(t.fixup());
    }

    private static Parsed swap(LineScanner s, int at, String m, Matcher swap) {
        long width = Long.parseLong(swap.group(2));
        if (width > 0xffff_ffffL) {
            throw s.errorAt(at, "byte-swap width " + width + " does not fit in 32 bits");
        }
        Opcode op = switch (swap.group(1)) {
            case "be" -> Opcode.BE;
            case "le" -> Opcode.LE;
            default -> Opcode.BSWAP;
        };
        int dst = reg(s, m + " REG");
        s.expectEnd(m + " REG");
        int imm32 = (int) width; // the imm field's 32 bits (a width printed unsigned comes back as its bits)
        return Parsed.of(s, at, op, dst, 0, 0, imm32);
    }

    private static Parsed memory(LineScanner s, int at, String m, String kind, Size size) {
        switch (kind) {
            case "ldx":
            case "ldxs": {
                String usage = m + " REG, [REG+OFF]";
                int dst = reg(s, usage);
                comma(s, usage);
                int[] mem = mem(s, usage);
                s.expectEnd(usage);
                Opcode op = Opcode.memory(InsnClass.LDX, kind.equals("ldxs") ? Mode.MEMSX : Mode.MEM, size);
                return make(s, at, m, op, dst, mem[0], mem[1], 0);
            }
            case "st": {
                String usage = m + " [REG+OFF], IMM";
                int[] mem = mem(s, usage);
                comma(s, usage);
                int imm = s.imm32(s.expectNumber("an immediate"));
                s.expectEnd(usage);
                return make(s, at, m, Opcode.memory(InsnClass.ST, Mode.MEM, size), mem[0], 0, mem[1], imm);
            }
            case "stx": {
                String usage = m + " [REG+OFF], REG";
                int[] mem = mem(s, usage);
                comma(s, usage);
                int src = reg(s, usage);
                s.expectEnd(usage);
                return make(s, at, m, Opcode.memory(InsnClass.STX, Mode.MEM, size), mem[0], src, mem[1], 0);
            }
            case "ldabs": {
                noOperand(s, m + " IMM");
                int imm = s.imm32(s.expectNumber("an immediate"));
                s.expectEnd(m + " IMM");
                return make(s, at, m, Opcode.memory(InsnClass.LD, Mode.ABS, size), 0, 0, 0, imm);
            }
            default: {
                String usage = m + " REG, IMM";
                int src = reg(s, usage);
                comma(s, usage);
                int imm = s.imm32(s.expectNumber("an immediate"));
                s.expectEnd(usage);
                return make(s, at, m, Opcode.memory(InsnClass.LD, Mode.IND, size), 0, src, 0, imm);
            }
        }
    }

    private static Parsed make(LineScanner s, int at, String m, Opcode op, int dst, int src, int off, long imm) {
        if (op == null) {
            throw s.errorAt(at, "unknown mnemonic '" + m + "'");
        }
        return Parsed.of(s, at, op, dst, src, off, imm);
    }

    private static Parsed call(LineScanner s, int at) {
        String usage = "call N | call local LABEL | call REG";
        noOperand(s, usage);
        if (s.acceptWord("local")) {
            noOperand(s, usage);
            Operands.Target t = Operands.target(s, true);
            s.expectEnd(usage);
            return Parsed.of(s, at, Opcode.CALL_LOCAL, 0, 0, 0, t.value()).withFixup(t.fixup());
        }
        if (s.acceptWord("runtime") || s.acceptWord("kfunc")) {
            int imm = s.imm32(s.expectNumber("a kernel function id"));
            int off = s.accept(",") ? s.offset16(s.expectNumber("an offset")) : 0;
            s.expectEnd("call runtime N[, OFF]");
            return Parsed.of(s, at, Opcode.CALL_KFUNC, 0, 0, off, imm);
        }
        s.acceptWord("helper");
        int r = s.register('r', true);
        if (r >= 0) {
            s.expectEnd(usage);
            return Parsed.of(s, at, Opcode.CALLX, r, 0, 0, 0);
        }
        Literal lit = s.number();
        if (lit == null) {
            throw s.error("expected a helper number, a register or 'local LABEL'" + s.found());
        }
        int imm = s.imm32(lit);
        s.expectEnd(usage);
        return Parsed.of(s, at, Opcode.CALL, 0, 0, 0, imm);
    }

    private static Parsed lddw(LineScanner s, int at) {
        String usage = "lddw REG, IMM64|MAP|map_value(MAP) + OFF";
        int dst = reg(s, usage);
        comma(s, usage);
        noOperand(s, usage);
        Literal lit = s.number();
        Parsed p = lit != null ? Parsed.of(s, at, Opcode.LDDW, dst, 0, 0, s.imm64(lit)) : Operands.pseudo(s, at, dst);
        s.expectEnd(usage);
        return p;
    }

    private static Parsed lock(LineScanner s, int at) {
        String usage = "lock [fetch] OP[32] [REG+OFF], REG";
        noOperand(s, usage);
        boolean fetch = s.acceptWord("fetch");
        noOperand(s, usage);
        int opAt = s.index();
        String word = s.ident();
        if (word == null) {
            throw s.error("expected an atomic operation (add, or, and, xor, xchg, cmpxchg)" + s.found());
        }
        String name = word.toLowerCase(Locale.ROOT);
        boolean is32 = name.endsWith("32");
        String base = is32 ? name.substring(0, name.length() - 2) : name;
        AtomicOp op = switch (base) {
            case "add" -> fetch ? AtomicOp.FETCH_ADD : AtomicOp.ADD;
            case "or" -> fetch ? AtomicOp.FETCH_OR : AtomicOp.OR;
            case "and" -> fetch ? AtomicOp.FETCH_AND : AtomicOp.AND;
            case "xor" -> fetch ? AtomicOp.FETCH_XOR : AtomicOp.XOR;
            case "xchg" -> AtomicOp.XCHG;
            case "cmpxchg" -> AtomicOp.CMPXCHG;
            default -> throw s.errorAt(opAt, "unknown atomic operation '" + word + "'");
        };
        int[] mem = mem(s, usage);
        comma(s, usage);
        int src = reg(s, usage);
        s.expectEnd(usage);
        return Parsed.of(s, at, Opcode.atomic(op, is32 ? Size.W : Size.DW), mem[0], src, mem[1], 0);
    }

    /** {@code [%rN]}, {@code [%rN+OFF]}, {@code [%rN-OFF]}: base register and offset. */
    private static int[] mem(LineScanner s, String usage) {
        noOperand(s, usage);
        if (!s.accept("[")) {
            throw s.error("expected a memory operand [REG+OFF]" + s.found());
        }
        int base = s.register('r', true);
        if (base < 0) {
            throw s.error("expected a base register" + s.found());
        }
        int off = Operands.offsetAfterBase(s);
        s.expect("]");
        return new int[] {base, off};
    }

    private static int reg(LineScanner s, String usage) {
        noOperand(s, usage);
        int r = s.register('r', true);
        if (r < 0) {
            throw s.error("expected a register" + s.found());
        }
        return r;
    }

    private static void comma(LineScanner s, String usage) {
        noOperand(s, usage);
        s.expect(",");
    }

    /** The conformance suite's message for a missing operand, with the expected form. */
    private static void noOperand(LineScanner s, String usage) {
        if (s.atEnd()) {
            String m = usage.substring(0, usage.indexOf(' '));
            throw s.error("invalid number of operands for " + m + " (expected " + usage + ")");
        }
    }

    private static Size size(String suffix) {
        return switch (suffix) {
            case "b" -> Size.B;
            case "h" -> Size.H;
            case "w" -> Size.W;
            default -> Size.DW;
        };
    }

    private static JmpOp jump(String base) {
        for (JmpOp op : JmpOp.values()) {
            if (op.isConditional() && op.mnemonic().equals(base)) {
                return op;
            }
        }
        return null;
    }
}
