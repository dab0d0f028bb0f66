package io.jxdp.verifier.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the kernel says about one {@link BoundsCase}, as a line of the recorded file: r6 and r7 just
 * before the operation, then for a branch whether it is decided ({@code never}/{@code always} taken)
 * or split, with both registers on each side, and for an ALU operation r6 after it. Registers are
 * printed as the kernel's log prints them, without scalar ids; {@code -} where there is nothing.
 */
record BoundsAnswer(String dstBefore, String srcBefore, String verdict, List<String> after) {
    static final String NONE = "-";

    private static final Pattern INSN_LINE = Pattern.compile("^(\\d+): \\([0-9a-f]{2}\\) [^;]*(?:; (.*))?$");
    private static final Pattern STATE_LINE = Pattern.compile("^(\\d+): (R\\d+=.*)$");
    private static final Pattern REG = Pattern.compile("(?:^|\\s)R(\\d+)=");

    /** The columns after the key: dst before, src before, verdict, four registers after. */
    String columns() {
        return dstBefore + "\t" + srcBefore + "\t" + verdict + "\t" + String.join("\t", after);
    }

    static BoundsAnswer ofColumns(String[] cols, int from) {
        return new BoundsAnswer(
                cols[from],
                cols[from + 1],
                cols[from + 2],
                List.of(cols[from + 3], cols[from + 4], cols[from + 5], cols[from + 6]));
    }

    /** Reads the answer from the kernel's level-2 log of the case's program. */
    static BoundsAnswer fromKernelLog(BoundsCase c, BoundsCase.Built b, String log) {
        Map<Integer, String> before = new HashMap<>();
        Map<Integer, String> opLine = null;
        boolean fall = false;
        boolean taken = false;
        Map<Integer, String> fromLine = null;
        for (String line : log.split("\n", -1)) {
            Matcher insn = INSN_LINE.matcher(line);
            Matcher state = STATE_LINE.matcher(line);
            if (insn.matches()) {
                int pc = Integer.parseInt(insn.group(1));
                Map<Integer, String> regs = insn.group(2) == null ? Map.of() : regs(insn.group(2));
                if (pc == b.opPc() && opLine == null) {
                    opLine = regs;
                } else if (opLine == null && pc < b.opPc()) {
                    before.putAll(regs);
                }
                fall |= pc == b.fallPc();
                taken |= pc == b.takenPc();
            } else if (state.matches() && opLine == null && Integer.parseInt(state.group(1)) < b.opPc()) {
                before.putAll(regs(state.group(2)));
            } else if (line.startsWith("from " + b.opPc() + " to " + b.takenPc() + ": ")) {
                fromLine = regs(line.substring(line.indexOf(": ") + 2));
            }
        }
        if (opLine == null) {
            throw new IllegalStateException("the kernel never reached the operation at pc " + b.opPc() + ":\n" + log);
        }
        String dst = required(before, 6, log);
        String src = c.immSrc() ? NONE : required(before, 7, log);
        if (c.kind() == BoundsCase.Kind.ALU) {
            return new BoundsAnswer(dst, src, "alu", List.of(required(opLine, 6, log), NONE, NONE, NONE));
        }
        if (fall && taken) {
            if (fromLine == null) {
                throw new IllegalStateException("no state for the taken branch:\n" + log);
            }
            return new BoundsAnswer(
                    dst,
                    src,
                    "split",
                    List.of(
                            required(opLine, 6, log),
                            c.immSrc() ? NONE : required(opLine, 7, log),
                            required(fromLine, 6, log),
                            c.immSrc() ? NONE : required(fromLine, 7, log)));
        }
        return new BoundsAnswer(dst, src, fall ? "never" : "always", List.of(NONE, NONE, NONE, NONE));
    }

    private static String required(Map<Integer, String> regs, int reg, String log) {
        String v = regs.get(reg);
        if (v == null) {
            throw new IllegalStateException("R" + reg + " is not in the log where expected:\n" + log);
        }
        return ScalarText.withoutId(v);
    }

    /** "R6=scalar(...) R7=5 fp-8=..." -> {6: "scalar(...)", 7: "5"} (a value may hold "; "). */
    static Map<Integer, String> regs(String state) {
        Map<Integer, String> out = new HashMap<>();
        Matcher m = REG.matcher(state);
        int reg = -1;
        int start = -1;
        while (m.find()) {
            if (reg >= 0) {
                out.put(reg, value(state.substring(start, m.start())));
            }
            reg = Integer.parseInt(m.group(1));
            start = m.end();
        }
        if (reg >= 0) {
            out.put(reg, value(state.substring(start)));
        }
        return out;
    }

    /** A register's text up to the end of its value (stack slots may follow it). */
    private static String value(String s) {
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '(') {
                depth++;
            } else if (ch == ')') {
                depth--;
            } else if (ch == ' ' && depth == 0) {
                return s.substring(0, i);
            }
        }
        return s.strip();
    }
}
