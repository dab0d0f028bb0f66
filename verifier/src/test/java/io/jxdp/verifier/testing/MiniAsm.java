package io.jxdp.verifier.testing;

import io.jxdp.isa.AluOp;
import io.jxdp.isa.AtomicOp;
import io.jxdp.isa.InsnClass;
import io.jxdp.isa.Instruction;
import io.jxdp.isa.JmpOp;
import io.jxdp.isa.MapDef;
import io.jxdp.isa.MapType;
import io.jxdp.isa.Mode;
import io.jxdp.isa.Opcode;
import io.jxdp.isa.Program;
import io.jxdp.isa.PseudoSource;
import io.jxdp.isa.Size;
import io.jxdp.isa.Source;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for the project's assembler (branch {@code asm}) in test scope: the subset of the LLVM
 * text dialect the corpus uses. Replace with {@code io.jxdp.asm.Assembler} once it lands.
 */
public final class MiniAsm {
    private static final Map<String, Integer> HELPERS = Map.ofEntries(
            Map.entry("bpf_map_lookup_elem", 1), Map.entry("bpf_map_update_elem", 2),
            Map.entry("bpf_map_delete_elem", 3), Map.entry("bpf_ktime_get_ns", 5),
            Map.entry("bpf_trace_printk", 6), Map.entry("bpf_get_prandom_u32", 7),
            Map.entry("bpf_get_smp_processor_id", 8), Map.entry("bpf_redirect", 23),
            Map.entry("bpf_csum_diff", 28), Map.entry("bpf_xdp_adjust_head", 44),
            Map.entry("bpf_redirect_map", 51), Map.entry("bpf_xdp_adjust_meta", 54),
            Map.entry("bpf_xdp_adjust_tail", 65));

    private static final String REG = "([rw])(\\d+)";
    private static final String MEM = "\\*\\(([us])(8|16|32|64) \\*\\)\\(r(\\d+) *([+-]) *(\\d+)\\)";
    private static final Pattern P_LOAD = Pattern.compile(REG + " = " + MEM);
    private static final Pattern P_STORE = Pattern.compile(MEM + " = (.+)");
    private static final Pattern P_LOCK = Pattern.compile("lock " + MEM + " (\\+|\\||&|\\^)= " + REG);
    private static final Pattern P_FETCH = Pattern.compile(REG + " = atomic_fetch_(add|or|and|xor)\\(\\(u(32|64) \\*\\)\\(r(\\d+) *([+-]) *(\\d+)\\), *" + REG + "\\)");
    private static final Pattern P_XCHG = Pattern.compile(REG + " = (xchg|xchg32)_?(32|64)?\\(r(\\d+) *([+-]) *(\\d+), *" + REG + "\\)");
    private static final Pattern P_CMPXCHG = Pattern.compile("[rw]0 = cmpxchg(32)?_?(64)?\\(r(\\d+) *([+-]) *(\\d+), *[rw]0, *" + REG + "\\)");
    private static final Pattern P_LDDW = Pattern.compile("r(\\d+) = (\\S+) ll");
    private static final Pattern P_MOVSX = Pattern.compile(REG + " = \\(s(8|16|32)\\) *" + REG);
    private static final Pattern P_END = Pattern.compile(REG + " = (be|le|bswap)(16|32|64) " + REG);
    private static final Pattern P_NEG = Pattern.compile(REG + " = -" + REG);
    private static final Pattern P_ALU = Pattern.compile(REG + " (\\+|-|\\*|/|%|\\||&|\\^|<<|>>|s>>|s/|s%)?= *(.+)");
    private static final Pattern P_JMP = Pattern.compile("if " + REG + " (==|!=|>|>=|<|<=|s>|s>=|s<|s<=|&) (\\S+) goto (\\S+)");
    private static final Pattern P_GOTO = Pattern.compile("(goto|gotol) (\\S+)");

    private MiniAsm() {
    }

    /** Assembles the text; labels and maps are collected first. */
    public static Program assemble(String text, String name) {
        List<String> lines = new ArrayList<>();
        Map<String, Integer> labels = new HashMap<>();
        Map<String, Integer> mapIndex = new LinkedHashMap<>();
        List<MapDef> maps = new ArrayList<>();
        int pc = 0;
        for (String raw : text.split("\n")) {
            String line = strip(raw);
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith(".map ")) {
                MapDef m = parseMap(line);
                mapIndex.put(m.name(), maps.size());
                maps.add(m);
                continue;
            }
            if (line.endsWith(":")) {
                labels.put(line.substring(0, line.length() - 1).trim(), pc);
                continue;
            }
            if (line.startsWith(".")) {
                continue;
            }
            lines.add(line);
            pc += line.endsWith(" ll") ? 2 : 1;
        }
        List<Instruction> out = new ArrayList<>();
        pc = 0;
        for (String line : lines) {
            Instruction insn;
            try {
                insn = parse(line, pc, labels, mapIndex);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(name + ": cannot parse '" + line + "': " + e.getMessage(), e);
            }
            out.add(insn);
            pc += insn.width();
        }
        Map<Integer, String> byPc = new HashMap<>();
        labels.forEach((k, v) -> byPc.put(v, k));
        return Program.of(name, out, maps, byPc);
    }

    private static String strip(String raw) {
        String line = raw;
        for (String c : new String[] {"#", "//", ";"}) {
            int i = line.indexOf(c);
            if (i >= 0) {
                line = line.substring(0, i);
            }
        }
        return line.trim().replaceAll("\\s+", " ");
    }

    private static MapDef parseMap(String line) {
        String[] parts = line.split(" ");
        String name = parts[1];
        Map<String, String> kv = new HashMap<>();
        for (int i = 2; i < parts.length; i++) {
            String[] p = parts[i].split("=", 2);
            kv.put(p[0], p[1]);
        }
        MapType type = MapType.ofName(kv.get("type"));
        return new MapDef(name, type, num(kv.getOrDefault("key", "4")), num(kv.getOrDefault("value", "4")),
                num(kv.getOrDefault("max_entries", "1")), num(kv.getOrDefault("flags", "0")), null);
    }

    private static int num(String s) {
        return (int) parseImm(s);
    }

    private static long parseImm(String s) {
        String t = s.trim();
        boolean neg = t.startsWith("-");
        if (neg || t.startsWith("+")) {
            t = t.substring(1);
        }
        long v = t.startsWith("0x") ? Long.parseUnsignedLong(t.substring(2), 16) : Long.parseLong(t);
        return neg ? -v : v;
    }

    private static int reg(String kind, String num) {
        return Integer.parseInt(num);
    }

    private static Size size(String bits) {
        return Size.ofBytes(Integer.parseInt(bits) / 8);
    }

    private static int memOff(String sign, String value) {
        int v = Integer.parseInt(value);
        return sign.equals("-") ? -v : v;
    }

    private static int target(String t, int pc, Map<String, Integer> labels) {
        if (t.startsWith("+") || t.startsWith("-") || Character.isDigit(t.charAt(0))) {
            return pc + 1 + (int) parseImm(t);
        }
        Integer l = labels.get(t);
        if (l == null) {
            throw new IllegalArgumentException("unknown label " + t);
        }
        return l;
    }

    private static Instruction parse(String line, int pc, Map<String, Integer> labels, Map<String, Integer> maps) {
        Matcher m;
        if (line.equals("exit")) {
            return Instruction.of(Opcode.EXIT, 0, 0, 0, 0);
        }
        if (line.startsWith("callx ")) {
            return Instruction.of(Opcode.CALLX, Integer.parseInt(line.substring(7).trim()), 0, 0, 0);
        }
        if (line.startsWith("call ")) {
            String t = line.substring(5).trim();
            if (labels.containsKey(t)) {
                return Instruction.of(Opcode.CALL_LOCAL, 0, 1, 0, labels.get(t) - pc - 1);
            }
            if (t.startsWith("pc")) {
                return Instruction.of(Opcode.CALL_LOCAL, 0, 1, 0, parseImm(t.substring(2)));
            }
            Integer id = HELPERS.get(t);
            return Instruction.of(Opcode.CALL, 0, 0, 0, id != null ? id : parseImm(t));
        }
        if ((m = P_GOTO.matcher(line)).matches()) {
            int tgt = target(m.group(2), pc, labels);
            return m.group(1).equals("gotol") ? Instruction.of(Opcode.JA32, 0, 0, 0, tgt - pc - 1)
                    : Instruction.of(Opcode.JA, 0, 0, tgt - pc - 1, 0);
        }
        if ((m = P_JMP.matcher(line)).matches()) {
            boolean is32 = m.group(1).equals("w");
            JmpOp op = jmpOp(m.group(3));
            String rhs = m.group(4);
            int tgt = target(m.group(5), pc, labels);
            if (rhs.matches("[rw]\\d+")) {
                return Instruction.of(Opcode.jump(op, Source.X, is32), reg("", m.group(2)), Integer.parseInt(rhs.substring(1)), tgt - pc - 1, 0);
            }
            return Instruction.of(Opcode.jump(op, Source.K, is32), reg("", m.group(2)), 0, tgt - pc - 1, parseImm(rhs));
        }
        if ((m = P_LDDW.matcher(line)).matches()) {
            String v = m.group(2);
            int dst = Integer.parseInt(m.group(1));
            if (maps.containsKey(v)) {
                return Instruction.of(Opcode.LDDW, dst, PseudoSource.MAP_FD.code(), 0, maps.get(v));
            }
            Matcher mv = Pattern.compile("map_value\\((\\w+)\\)\\+?(\\d*)").matcher(v);
            if (mv.matches()) {
                long off = mv.group(2).isEmpty() ? 0 : Long.parseLong(mv.group(2));
                return Instruction.of(Opcode.LDDW, dst, PseudoSource.MAP_VALUE.code(), 0, (off << 32) | maps.get(mv.group(1)));
            }
            if (labels.containsKey(v)) {
                return Instruction.of(Opcode.LDDW, dst, PseudoSource.FUNC.code(), 0, labels.get(v) - pc - 1);
            }
            return Instruction.of(Opcode.LDDW, dst, 0, 0, parseImm(v));
        }
        if ((m = P_LOAD.matcher(line)).matches()) {
            boolean sx = m.group(3).equals("s");
            Size sz = size(m.group(4));
            Opcode op = Opcode.memory(InsnClass.LDX, sx ? Mode.MEMSX : Mode.MEM, sz);
            return Instruction.of(op, reg("", m.group(2)), Integer.parseInt(m.group(5)), memOff(m.group(6), m.group(7)), 0);
        }
        if ((m = P_LOCK.matcher(line)).matches()) {
            AtomicOp a = switch (m.group(6)) {
                case "+" -> AtomicOp.ADD;
                case "|" -> AtomicOp.OR;
                case "&" -> AtomicOp.AND;
                default -> AtomicOp.XOR;
            };
            return Instruction.of(Opcode.atomic(a, size(m.group(2))), Integer.parseInt(m.group(3)), Integer.parseInt(m.group(8)), memOff(m.group(4), m.group(5)), 0);
        }
        if ((m = P_FETCH.matcher(line)).matches()) {
            AtomicOp a = AtomicOp.valueOf("FETCH_" + m.group(3).toUpperCase(Locale.ROOT));
            return Instruction.of(Opcode.atomic(a, size(m.group(4))), Integer.parseInt(m.group(5)), Integer.parseInt(m.group(2)), memOff(m.group(6), m.group(7)), 0);
        }
        if ((m = P_XCHG.matcher(line)).matches()) {
            Size sz = m.group(1).equals("w") ? Size.W : Size.DW;
            return Instruction.of(Opcode.atomic(AtomicOp.XCHG, sz), Integer.parseInt(m.group(5)), Integer.parseInt(m.group(2)), memOff(m.group(6), m.group(7)), 0);
        }
        if ((m = P_CMPXCHG.matcher(line)).matches()) {
            Size sz = m.group(1) != null ? Size.W : Size.DW;
            return Instruction.of(Opcode.atomic(AtomicOp.CMPXCHG, sz), Integer.parseInt(m.group(3)), Integer.parseInt(m.group(7)), memOff(m.group(4), m.group(5)), 0);
        }
        if ((m = P_STORE.matcher(line)).matches()) {
            Size sz = size(m.group(2));
            int dst = Integer.parseInt(m.group(3));
            int off = memOff(m.group(4), m.group(5));
            String v = m.group(6).trim();
            if (v.matches("[rw]\\d+")) {
                return Instruction.of(Opcode.memory(InsnClass.STX, Mode.MEM, sz), dst, Integer.parseInt(v.substring(1)), off, 0);
            }
            return Instruction.of(Opcode.memory(InsnClass.ST, Mode.MEM, sz), dst, 0, off, parseImm(v));
        }
        if ((m = P_MOVSX.matcher(line)).matches()) {
            boolean is64 = m.group(1).equals("r");
            AluOp op = switch (m.group(3)) {
                case "8" -> AluOp.MOVSX8;
                case "16" -> AluOp.MOVSX16;
                default -> AluOp.MOVSX32;
            };
            return Instruction.of(Opcode.alu(op, Source.X, is64), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(5)), 0, 0);
        }
        if ((m = P_END.matcher(line)).matches()) {
            Opcode op = switch (m.group(3)) {
                case "be" -> Opcode.BE;
                case "le" -> Opcode.LE;
                default -> Opcode.BSWAP;
            };
            return Instruction.of(op, Integer.parseInt(m.group(2)), 0, 0, Integer.parseInt(m.group(4)));
        }
        if ((m = P_NEG.matcher(line)).matches()) {
            return Instruction.of(m.group(1).equals("r") ? Opcode.NEG64 : Opcode.NEG32, Integer.parseInt(m.group(2)), 0, 0, 0);
        }
        if ((m = P_ALU.matcher(line)).matches()) {
            boolean is64 = m.group(1).equals("r");
            int dst = Integer.parseInt(m.group(2));
            String opText = m.group(3) == null ? "" : m.group(3);
            AluOp op = switch (opText) {
                case "" -> AluOp.MOV;
                case "+" -> AluOp.ADD;
                case "-" -> AluOp.SUB;
                case "*" -> AluOp.MUL;
                case "/" -> AluOp.DIV;
                case "%" -> AluOp.MOD;
                case "|" -> AluOp.OR;
                case "&" -> AluOp.AND;
                case "^" -> AluOp.XOR;
                case "<<" -> AluOp.LSH;
                case ">>" -> AluOp.RSH;
                case "s>>" -> AluOp.ARSH;
                case "s/" -> AluOp.SDIV;
                default -> AluOp.SMOD;
            };
            String rhs = m.group(4).trim();
            if (rhs.matches("[rw]\\d+")) {
                return Instruction.of(Opcode.alu(op, Source.X, is64), dst, Integer.parseInt(rhs.substring(1)), 0, 0);
            }
            long imm = parseImm(rhs);
            if (imm != (int) imm) {
                if (!is64 || imm >>> 32 != 0) {
                    throw new IllegalArgumentException("immediate does not fit 32 bits (use ll)");
                }
                imm = (int) imm; // 0x80000000..0xffffffff written as unsigned
            }
            return Instruction.of(Opcode.alu(op, Source.K, is64), dst, 0, 0, imm);
        }
        throw new IllegalArgumentException("unknown syntax");
    }

    private static JmpOp jmpOp(String s) {
        return switch (s) {
            case "==" -> JmpOp.JEQ;
            case "!=" -> JmpOp.JNE;
            case ">" -> JmpOp.JGT;
            case ">=" -> JmpOp.JGE;
            case "<" -> JmpOp.JLT;
            case "<=" -> JmpOp.JLE;
            case "s>" -> JmpOp.JSGT;
            case "s>=" -> JmpOp.JSGE;
            case "s<" -> JmpOp.JSLT;
            case "s<=" -> JmpOp.JSLE;
            default -> JmpOp.JSET;
        };
    }
}
