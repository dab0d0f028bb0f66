package io.jxdp.asm.internal;

import io.jxdp.isa.AluOp;
import io.jxdp.isa.AtomicOp;
import io.jxdp.isa.InsnClass;
import io.jxdp.isa.JmpOp;
import io.jxdp.isa.Mode;
import io.jxdp.isa.Opcode;
import io.jxdp.isa.Size;
import io.jxdp.isa.Source;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The LLVM / kernel dialect: everything {@link io.jxdp.isa.text.LlvmPrinter} prints, plus what
 * LLVM itself prints or accepts for the same instructions ({@code w} registers in 32-bit loads,
 * stores and atomics, {@code r} registers in {@code lock *(u32 *)}, {@code call NAME} for a local
 * call as in LLVM assembly).
 */
final class LlvmParser implements InstructionParser {
    static final LlvmParser INSTANCE = new LlvmParser();

    /** Longest first, so that {@code s>>=} is not read as {@code s>} or {@code >>=} as {@code >=}. */
    private static final String[] ALU_OPS = {
        "s>>=", "s/=", "s%=", "<<=", ">>=", "+=", "-=", "*=", "/=", "%=", "|=", "&=", "^=", "="
    };

    private static final AluOp[] ALU_OP_VALUES = {
        AluOp.ARSH,
        AluOp.SDIV,
        AluOp.SMOD,
        AluOp.LSH,
        AluOp.RSH,
        AluOp.ADD,
        AluOp.SUB,
        AluOp.MUL,
        AluOp.DIV,
        AluOp.MOD,
        AluOp.OR,
        AluOp.AND,
        AluOp.XOR,
        AluOp.MOV
    };
    private static final String[] JMP_OPS = {"s>=", "s<=", "s>", "s<", "==", "!=", ">=", "<=", ">", "<", "&"};
    private static final JmpOp[] JMP_OP_VALUES = {
        JmpOp.JSGE,
        JmpOp.JSLE,
        JmpOp.JSGT,
        JmpOp.JSLT,
        JmpOp.JEQ,
        JmpOp.JNE,
        JmpOp.JGE,
        JmpOp.JLE,
        JmpOp.JGT,
        JmpOp.JLT,
        JmpOp.JSET
    };
    private static final Pattern SWAP = Pattern.compile("(be|le|bswap)([0-9]{1,10})");
    private static final Pattern FETCH = Pattern.compile("atomic_fetch_(add|or|and|xor)");

    /** A register as written: its number and whether it was {@code wN}. */
    private record Reg(int n, boolean w, int index) {}

    private LlvmParser() {}

    @Override
    public Parsed parse(LineScanner s) {
        int at = s.index();
        if (s.acceptWord("exit")) {
            s.expectEnd("exit takes no operands");
            return Parsed.of(s, at, Opcode.EXIT, 0, 0, 0, 0);
        }
        if (s.acceptWord("goto") || s.acceptWord("gotol")) {
            boolean wide = s.line().text().startsWith("gotol", at);
            Operands.Target t = Operands.target(s, wide);
            s.expectEnd(null);
            Parsed p = wide
                    ? Parsed.of(s, at, Opcode.JA32, 0, 0, 0, t.value())
                    : Parsed.of(s, at, Opcode.JA, 0, 0, (int) t.value(), 0);
            return p.withFixup(t.fixup());
        }
        if (s.acceptWord("if")) {
            return conditional(s, at);
        }
        if (s.acceptWord("callx")) {
            Reg r = reg(s);
            s.expectEnd("callx REG");
            return Parsed.of(s, at, Opcode.CALLX, r.n(), 0, 0, 0);
        }
        if (s.acceptWord("call")) {
            return call(s, at);
        }
        if (s.acceptWord("lock")) {
            return lock(s, at);
        }
        if (s.peek() == '*') {
            return store(s, at);
        }
        Reg dst = regOrNull(s);
        if (dst == null) {
            throw s.error("expected an instruction" + s.found());
        }
        for (int i = 0; i < ALU_OPS.length; i++) {
            if (s.accept(ALU_OPS[i])) {
                return ALU_OP_VALUES[i] == AluOp.MOV ? assignment(s, at, dst) : alu(s, at, dst, ALU_OP_VALUES[i]);
            }
        }
        throw s.error("expected an assignment (=, +=, ...)" + s.found());
    }

    private static Parsed alu(LineScanner s, int at, Reg dst, AluOp op) {
        Reg src = regOrNull(s);
        if (src != null) {
            sameWidth(s, dst, src);
            s.expectEnd(null);
            return Parsed.of(s, at, Opcode.alu(op, Source.X, !dst.w()), dst.n(), src.n(), 0, 0);
        }
        int imm = s.imm32(s.expectNumber("a register or an immediate"));
        s.expectEnd(null);
        return Parsed.of(s, at, Opcode.alu(op, Source.K, !dst.w()), dst.n(), 0, 0, imm);
    }

    /** Everything after {@code rN =}. */
    private static Parsed assignment(LineScanner s, int at, Reg dst) {
        int rhs = s.index();
        if (s.accept("-")) {
            Reg r = regOrNull(s);
            if (r != null) {
                sameRegister(s, dst, r, "negation");
                s.expectEnd(null);
                return Parsed.of(s, at, dst.w() ? Opcode.NEG32 : Opcode.NEG64, dst.n(), 0, 0, 0);
            }
            s.reset(rhs);
        }
        if (s.accept("*")) {
            return load(s, at, dst);
        }
        if (s.accept("(")) {
            return signExtend(s, at, dst);
        }
        Reg src = regOrNull(s);
        if (src != null) {
            sameWidth(s, dst, src);
            s.expectEnd(null);
            return Parsed.of(s, at, dst.w() ? Opcode.MOV32_REG : Opcode.MOV64_REG, dst.n(), src.n(), 0, 0);
        }
        Literal lit = s.number();
        if (lit != null) {
            if (s.acceptWord("ll")) {
                requireR(s, dst, "lddw");
                s.expectEnd(null);
                return Parsed.of(s, at, Opcode.LDDW, dst.n(), 0, 0, s.imm64(lit));
            }
            int imm = s.imm32(lit);
            s.expectEnd(null);
            return Parsed.of(s, at, dst.w() ? Opcode.MOV32_IMM : Opcode.MOV64_IMM, dst.n(), 0, 0, imm);
        }
        int wordAt = s.index();
        String word = s.ident();
        if (word == null) {
            throw s.error("expected a register, a number or a name" + s.found());
        }
        Matcher swap = SWAP.matcher(word);
        if (swap.matches()) {
            return swap(s, at, dst, swap);
        }
        Matcher fetch = FETCH.matcher(word);
        if (fetch.matches()) {
            return fetch(s, at, dst, fetch.group(1));
        }
        switch (word) {
            case "xchg_64", "xchg32_32" -> {
                return xchg(s, at, dst, word.equals("xchg32_32"));
            }
            case "cmpxchg_64", "cmpxchg32_32" -> {
                return cmpxchg(s, at, dst, word.equals("cmpxchg32_32"));
            }
            default -> {
                s.reset(wordAt);
                requireR(s, dst, "lddw");
                Parsed p = Operands.pseudo(s, at, dst.n());
                if (!s.acceptWord("ll")) {
                    throw s.error("expected 'll' after the 64-bit operand" + s.found());
                }
                s.expectEnd(null);
                return p;
            }
        }
    }

    /** After {@code rN = *}: {@code (u32 *)(rS + OFF)} or the legacy {@code (u8 *)skb[...]}. */
    private static Parsed load(LineScanner s, int at, Reg dst) {
        Size[] size = new Size[1];
        boolean signed = cType(s, size);
        if (s.accept("skb")) {
            return legacyLoad(s, at, dst, size[0], signed);
        }
        int[] mem = parenMem(s);
        s.expectEnd(null);
        if (dst.w() && (signed || size[0] == Size.DW)) {
            throw s.errorAt(
                    dst.index(),
                    "a " + (signed ? "sign-extending" : "64-bit") + " load writes r" + dst.n() + ", not w" + dst.n());
        }
        Opcode op = Opcode.memory(InsnClass.LDX, signed ? Mode.MEMSX : Mode.MEM, size[0]);
        if (op == null) {
            throw s.errorAt(at, "there is no sign-extending 64-bit load");
        }
        return Parsed.of(s, at, op, dst.n(), mem[0], mem[1], 0);
    }

    private static Parsed legacyLoad(LineScanner s, int at, Reg dst, Size size, boolean signed) {
        if (dst.w() || dst.n() != 0 || signed || size == Size.DW) {
            throw s.errorAt(at, "a legacy packet load is r0 = *(u8|u16|u32 *)skb[...]");
        }
        s.expect("[");
        Reg r = regOrNull(s);
        int imm;
        if (r != null) {
            requireR(s, r, "the packet offset");
            imm = 0;
            if (s.accept("+")) {
                imm = s.imm32(s.expectNumber("an offset"));
            } else if (s.accept("-")) {
                imm = s.imm32(s.expectNumber("an offset").negate());
            }
        } else {
            imm = s.imm32(s.expectNumber("a register or an offset"));
        }
        s.expect("]");
        s.expectEnd(null);
        Opcode op = Opcode.memory(InsnClass.LD, r != null ? Mode.IND : Mode.ABS, size);
        return Parsed.of(s, at, op, 0, r != null ? r.n() : 0, 0, imm);
    }

    /** After {@code rN = (}: {@code s8)rS}, {@code s16)wS}, {@code s32)rS}. */
    private static Parsed signExtend(LineScanner s, int at, Reg dst) {
        int typeAt = s.index();
        String type = s.ident();
        int bits = type == null
                ? 0
                : switch (type) {
                    case "s8" -> 8;
                    case "s16" -> 16;
                    case "s32" -> 32;
                    default -> 0;
                };
        if (bits == 0) {
            throw s.errorAt(typeAt, "expected (s8), (s16) or (s32)");
        }
        s.expect(")");
        Reg src = reg(s);
        sameWidth(s, dst, src);
        s.expectEnd(null);
        Opcode op = dst.w()
                ? (bits == 8 ? Opcode.MOVSX32_8 : bits == 16 ? Opcode.MOVSX32_16 : null)
                : (bits == 8 ? Opcode.MOVSX64_8 : bits == 16 ? Opcode.MOVSX64_16 : Opcode.MOVSX64_32);
        if (op == null) {
            throw s.errorAt(typeAt, "(s32) extends into a 64-bit register: write rN = (s32)rM");
        }
        return Parsed.of(s, at, op, dst.n(), src.n(), 0, 0);
    }

    private static Parsed swap(LineScanner s, int at, Reg dst, Matcher swap) {
        long width = Long.parseLong(swap.group(2));
        if (width > 0xffff_ffffL) {
            throw s.errorAt(at, "byte-swap width " + width + " does not fit in 32 bits");
        }
        Reg src = reg(s);
        requireR(s, dst, "a byte swap");
        sameRegister(s, dst, src, "a byte swap");
        s.expectEnd(null);
        Opcode op = switch (swap.group(1)) {
            case "be" -> Opcode.BE;
            case "le" -> Opcode.LE;
            default -> Opcode.BSWAP;
        };
        int imm32 = (int) width; // the imm field's 32 bits (a width printed unsigned comes back as its bits)
        return Parsed.of(s, at, op, dst.n(), 0, 0, imm32);
    }

    /** {@code *(u32 *)(rD + OFF) = rS|wS|IMM}. */
    private static Parsed store(LineScanner s, int at) {
        s.expect("*");
        Size[] size = new Size[1];
        if (cType(s, size)) {
            throw s.errorAt(at, "stores are unsigned: write *(u8|u16|u32|u64 *)");
        }
        int[] mem = parenMem(s);
        s.expect("=");
        Reg src = regOrNull(s);
        if (src != null) {
            if (src.w() && size[0] == Size.DW) {
                throw s.errorAt(src.index(), "a 64-bit store takes r" + src.n());
            }
            s.expectEnd(null);
            return Parsed.of(s, at, Opcode.memory(InsnClass.STX, Mode.MEM, size[0]), mem[0], src.n(), mem[1], 0);
        }
        int imm = s.imm32(s.expectNumber("a register or an immediate"));
        s.expectEnd(null);
        return Parsed.of(s, at, Opcode.memory(InsnClass.ST, Mode.MEM, size[0]), mem[0], 0, mem[1], imm);
    }

    /** {@code lock *(u64 *)(rD + OFF) += rS}. */
    private static Parsed lock(LineScanner s, int at) {
        s.expect("*");
        Size[] size = new Size[1];
        boolean signed = cType(s, size);
        if (signed || size[0] == Size.B || size[0] == Size.H) {
            throw s.errorAt(at, "atomics act on u32 or u64");
        }
        int[] mem = parenMem(s);
        AtomicOp op = s.accept("+=")
                ? AtomicOp.ADD
                : s.accept("|=") ? AtomicOp.OR : s.accept("&=") ? AtomicOp.AND : s.accept("^=") ? AtomicOp.XOR : null;
        if (op == null) {
            throw s.error("expected +=, |=, &= or ^=" + s.found());
        }
        Reg src = reg(s);
        atomicWidth(s, src, size[0]);
        s.expectEnd(null);
        return Parsed.of(s, at, Opcode.atomic(op, size[0]), mem[0], src.n(), mem[1], 0);
    }

    /** After {@code rS = atomic_fetch_OP}: {@code ((u64 *)(rD + OFF), rS)}. */
    private static Parsed fetch(LineScanner s, int at, Reg dst, String name) {
        s.expect("(");
        Size[] size = new Size[1];
        if (cType(s, size) || size[0] == Size.B || size[0] == Size.H) {
            throw s.errorAt(at, "atomics act on u32 or u64");
        }
        int[] mem = parenMem(s);
        s.expect(",");
        Reg src = reg(s);
        s.expect(")");
        s.expectEnd(null);
        sameRegister(s, dst, src, "atomic_fetch_" + name);
        atomicWidth(s, src, size[0]);
        AtomicOp op = switch (name) {
            case "add" -> AtomicOp.FETCH_ADD;
            case "or" -> AtomicOp.FETCH_OR;
            case "and" -> AtomicOp.FETCH_AND;
            default -> AtomicOp.FETCH_XOR;
        };
        return Parsed.of(s, at, Opcode.atomic(op, size[0]), mem[0], src.n(), mem[1], 0);
    }

    /** After {@code rS = xchg_64}: {@code (rD + OFF, rS)}. */
    private static Parsed xchg(LineScanner s, int at, Reg dst, boolean is32) {
        s.expect("(");
        int[] mem = mem(s);
        s.expect(",");
        Reg src = reg(s);
        s.expect(")");
        s.expectEnd(null);
        sameRegister(s, dst, src, "xchg");
        atomicWidth(s, src, is32 ? Size.W : Size.DW);
        return Parsed.of(s, at, Opcode.atomic(AtomicOp.XCHG, is32 ? Size.W : Size.DW), mem[0], src.n(), mem[1], 0);
    }

    /** After {@code r0 = cmpxchg_64}: {@code (rD + OFF, r0, rS)}. */
    private static Parsed cmpxchg(LineScanner s, int at, Reg dst, boolean is32) {
        s.expect("(");
        int[] mem = mem(s);
        s.expect(",");
        Reg expected = reg(s);
        s.expect(",");
        Reg src = reg(s);
        s.expect(")");
        s.expectEnd(null);
        Size size = is32 ? Size.W : Size.DW;
        for (Reg r : new Reg[] {dst, expected}) {
            if (r.n() != 0 || r.w() != is32) {
                throw s.errorAt(r.index(), "cmpxchg compares and returns " + (is32 ? "w0" : "r0"));
            }
        }
        atomicWidth(s, src, size);
        return Parsed.of(s, at, Opcode.atomic(AtomicOp.CMPXCHG, size), mem[0], src.n(), mem[1], 0);
    }

    private static Parsed conditional(LineScanner s, int at) {
        Reg dst = reg(s);
        JmpOp op = null;
        for (int i = 0; i < JMP_OPS.length && op == null; i++) {
            if (s.accept(JMP_OPS[i])) {
                op = JMP_OP_VALUES[i];
            }
        }
        if (op == null) {
            throw s.error("expected a comparison (==, !=, >, s>, &, ...)" + s.found());
        }
        Reg src = regOrNull(s);
        int imm = 0;
        if (src != null) {
            sameWidth(s, dst, src);
        } else {
            imm = s.imm32(s.expectNumber("a register or an immediate"));
        }
        if (!s.acceptWord("goto")) {
            throw s.error("expected 'goto'" + s.found());
        }
        Operands.Target t = Operands.target(s, false);
        s.expectEnd(null);
        Opcode opcode = Opcode.jump(op, src != null ? Source.X : Source.K, dst.w());
        return Parsed.of(s, at, opcode, dst.n(), src != null ? src.n() : 0, (int) t.value(), imm)
                .withFixup(t.fixup());
    }

    /** {@code call N}, {@code call pc+N}, {@code call NAME}, {@code call kfunc N[, OFF]}. */
    private static Parsed call(LineScanner s, int at) {
        int save = s.index();
        if (s.acceptWord("pc") && (s.peek() == '+' || s.peek() == '-')) {
            int imm = s.imm32(s.expectNumber("an offset"));
            s.expectEnd(null);
            return Parsed.of(s, at, Opcode.CALL_LOCAL, 0, 0, 0, imm);
        }
        s.reset(save);
        if (s.acceptWord("kfunc") && s.number() != null) {
            s.reset(save);
            s.acceptWord("kfunc");
            int imm = s.imm32(s.expectNumber("a kernel function id"));
            int off = s.accept(",") ? s.offset16(s.expectNumber("an offset")) : 0;
            s.expectEnd(null);
            return Parsed.of(s, at, Opcode.CALL_KFUNC, 0, 0, off, imm);
        }
        s.reset(save);
        Literal lit = s.number();
        if (lit != null) {
            int imm = s.imm32(lit);
            s.expectEnd(null);
            return Parsed.of(s, at, Opcode.CALL, 0, 0, 0, imm);
        }
        Operands.Target t = Operands.target(s, true);
        s.expectEnd(null);
        return Parsed.of(s, at, Opcode.CALL_LOCAL, 0, 0, 0, 0).withFixup(t.fixup());
    }

    /** {@code (u32 *)} after the {@code *}: sets the size, returns true for the signed types. */
    private static boolean cType(LineScanner s, Size[] size) {
        s.expect("(");
        int at = s.index();
        String type = s.ident();
        boolean signed = type != null && type.startsWith("s");
        size[0] = type == null
                ? null
                : switch (type) {
                    case "u8", "s8" -> Size.B;
                    case "u16", "s16" -> Size.H;
                    case "u32", "s32" -> Size.W;
                    case "u64" -> Size.DW;
                    default -> null;
                };
        if (size[0] == null) {
            throw s.errorAt(at, "expected u8, u16, u32, u64, s8, s16 or s32");
        }
        s.expect("*");
        s.expect(")");
        return signed;
    }

    /** {@code (rN + OFF)}. */
    private static int[] parenMem(LineScanner s) {
        s.expect("(");
        int[] mem = mem(s);
        s.expect(")");
        return mem;
    }

    /** {@code rN + OFF}, {@code rN - OFF}, {@code rN}. */
    private static final int MAX_LLVM_REGISTER = 10;

    private static int[] mem(LineScanner s) {
        Reg base = reg(s);
        requireR(s, base, "an address");
        return new int[] {base.n(), Operands.offsetAfterBase(s)};
    }

    /**
     * A register. In the LLVM dialect only r0-r10 (w0-w10) exist, so {@code r11} is text that does
     * not assemble (file:line:col, exit 2), while raw bytecode naming r11 reaches the verifier ("R11
     * is invalid", exit 1). llvm-mc 14 itself still assembles r11; jxdp refuses it on purpose, since
     * no program can use it. The uBPF dialect keeps r11-r15 for the negative conformance tests.
     */
    private static Reg regOrNull(LineScanner s) {
        int at = s.index();
        boolean wide = true;
        int r = s.register('r', false);
        if (r < 0) {
            wide = false;
            r = s.register('w', false);
        }
        if (r > MAX_LLVM_REGISTER) {
            throw s.errorAt(at, "invalid register '" + (wide ? "r" : "w") + r + "' (registers are r0 to r10)");
        }
        return r >= 0 ? new Reg(r, !wide, at) : null;
    }

    private static Reg reg(LineScanner s) {
        Reg r = regOrNull(s);
        if (r == null) {
            throw s.error("expected a register" + s.found());
        }
        return r;
    }

    private static void sameWidth(LineScanner s, Reg a, Reg b) {
        if (a.w() != b.w()) {
            throw s.errorAt(b.index(), "mixed register widths: " + name(a) + " and " + name(b));
        }
    }

    private static void sameRegister(LineScanner s, Reg a, Reg b, String what) {
        if (a.n() != b.n() || a.w() != b.w()) {
            throw s.errorAt(b.index(), what + " names the same register on both sides: " + name(a) + " and " + name(b));
        }
    }

    private static void requireR(LineScanner s, Reg r, String what) {
        if (r.w()) {
            throw s.errorAt(r.index(), what + " takes r" + r.n() + ", not w" + r.n());
        }
    }

    /** 64-bit atomics take rN; 32-bit ones wN or (as LLVM 14 prints lock add) rN. */
    private static void atomicWidth(LineScanner s, Reg r, Size size) {
        if (size == Size.DW && r.w()) {
            throw s.errorAt(r.index(), "a 64-bit atomic takes r" + r.n());
        }
    }

    private static String name(Reg r) {
        return (r.w() ? "w" : "r") + r.n();
    }
}
