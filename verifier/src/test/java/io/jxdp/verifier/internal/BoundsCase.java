package io.jxdp.verifier.internal;

import io.jxdp.isa.AluOp;
import io.jxdp.isa.JmpOp;
import io.jxdp.isa.Program;
import io.jxdp.verifier.testing.Asm;
import java.util.ArrayList;
import java.util.List;

/**
 * One crafted case for the scalar domain: r6 and r7 start as unknown 64-bit scalars (from
 * bpf_ktime_get_ns) and are narrowed by {@code setup} steps, then one comparison (BRANCH) or one ALU
 * operation (ALU) is applied to them. The same case is a program for the kernel, whose log (level 2)
 * shows both registers before the operation and after it, and an input for jxdp's bounds code.
 *
 * <p>Setup steps, comma-separated: {@code u>=N}, {@code u<=N}, {@code s>=N}, {@code s<=N} (64-bit
 * unsigned/signed bounds, made by a conditional jump away), {@code w>=N}, {@code w<=N}, {@code ws>=N},
 * {@code ws<=N} (the same on the 32-bit subregister), {@code =N}, {@code w=N} (a constant), {@code &N},
 * {@code |N} (a mask, for tnums); {@code any} leaves the register unknown. The source is a register
 * set up the same way, or {@code imm N} for the instruction's immediate.
 */
record BoundsCase(Kind kind, String op, int width, String dst, String src) {
    enum Kind {
        BRANCH,
        ALU
    }

    /** The program, with the pcs of the operation, its fall-through and its jump target (-1 for ALU). */
    record Built(Program program, int opPc, int fallPc, int takenPc) {}

    boolean immSrc() {
        return src.startsWith("imm ");
    }

    long imm() {
        return ScalarText.number(src.substring(4));
    }

    boolean is32() {
        return width == 32;
    }

    JmpOp jmpOp() {
        return JmpOp.valueOf(op.toUpperCase(java.util.Locale.ROOT));
    }

    AluOp aluOp() {
        return AluOp.valueOf(op.toUpperCase(java.util.Locale.ROOT));
    }

    /** The case's key columns in the recorded file. */
    String key() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + "\t" + op + "\t" + width + "\t" + dst + "\t" + src;
    }

    static BoundsCase ofKey(String[] cols) {
        return new BoundsCase(
                Kind.valueOf(cols[0].toUpperCase(java.util.Locale.ROOT)),
                cols[1],
                Integer.parseInt(cols[2]),
                cols[3],
                cols[4]);
    }

    Built build() {
        Text t = new Text();
        t.line("call 5");
        t.line("r6 = r0");
        t.steps(6, dst);
        if (!immSrc()) {
            t.line("call 5");
            t.line("r7 = r0");
            t.steps(7, src);
        }
        String r = is32() ? "w" : "r";
        String operand = immSrc() ? Long.toString(imm()) : r + "7";
        int opPc = t.pc;
        if (kind == Kind.BRANCH) {
            t.line("if " + r + "6 " + jmpOp().operator() + " " + operand + " goto TAKEN");
        } else {
            t.line(r + "6 " + aluOp().compoundOperator() + " " + operand);
        }
        int fallPc = t.pc;
        t.line("r0 = 1");
        t.line("exit");
        int takenPc = -1;
        if (kind == Kind.BRANCH) {
            takenPc = t.pc;
            t.text.append("TAKEN:\n");
            t.line("r0 = 2");
            t.line("exit");
        }
        if (t.jumpsOut) {
            // the kernel refuses unreachable code, so the way out is there only when a step uses it
            t.text.append("OUT:\n");
            t.line("r0 = 0");
            t.line("exit");
        }
        return new Built(Asm.llvm(t.text.toString(), "bounds.bpf"), opPc, fallPc, takenPc);
    }

    /** LLVM-dialect text with the pc of the next instruction counted as it is written. */
    private static final class Text {
        final StringBuilder text = new StringBuilder();
        int pc;
        boolean jumpsOut;

        void line(String insn) {
            text.append("    ").append(insn).append('\n');
            pc += insn.endsWith(" ll") ? 2 : 1;
        }

        void steps(int reg, String setup) {
            if (setup.equals("any")) {
                return;
            }
            for (String step : setup.split(",", -1)) {
                step(reg, step);
            }
        }

        private void step(int reg, String step) {
            String r = "r" + reg;
            String w = "w" + reg;
            String[][] jumps = {
                {"u>=", r, "<"}, {"u<=", r, ">"}, {"s>=", r, "s<"}, {"s<=", r, "s>"},
                {"ws>=", w, "s<"}, {"ws<=", w, "s>"}, {"w>=", w, "<"}, {"w<=", w, ">"}
            };
            for (String[] j : jumps) {
                if (step.startsWith(j[0])) {
                    long n = ScalarText.number(step.substring(j[0].length()));
                    line("if " + j[1] + " " + j[2] + " " + operand(n, j[1].startsWith("w")) + " goto OUT");
                    jumpsOut = true;
                    return;
                }
            }
            if (step.startsWith("w=")) {
                line(w + " = " + (int) ScalarText.number(step.substring(2)));
            } else if (step.startsWith("=")) {
                long n = ScalarText.number(step.substring(1));
                line(r + " = " + (fits32(n) ? Long.toString(n) : hex(n) + " ll"));
            } else if (step.startsWith("&") || step.startsWith("|")) {
                long n = ScalarText.number(step.substring(1));
                line(r + " " + step.charAt(0) + "= " + operand(n, false));
            } else {
                throw new IllegalArgumentException("unknown setup step " + step);
            }
        }

        /** An immediate, or r9 loaded with a 64-bit value no sign-extended imm32 can give. */
        private String operand(long n, boolean is32) {
            if (is32) {
                return Integer.toString((int) n);
            }
            if (fits32(n)) {
                return Long.toString(n);
            }
            line("r9 = " + hex(n) + " ll");
            return "r9";
        }

        private static boolean fits32(long n) {
            return n >= Integer.MIN_VALUE && n <= Integer.MAX_VALUE;
        }

        private static String hex(long n) {
            return "0x" + Long.toHexString(n);
        }
    }

    /** The cases' setups and sources in a list, for the tables of {@link BoundsCases}. */
    static List<BoundsCase> cross(Kind kind, List<String> ops, List<Integer> widths, List<String[]> pairs) {
        List<BoundsCase> out = new ArrayList<>();
        for (String[] p : pairs) {
            for (int width : widths) {
                for (String op : ops) {
                    out.add(new BoundsCase(kind, op, width, p[0], p[1]));
                }
            }
        }
        return out;
    }
}
