package io.jxdp.asm.internal;

import io.jxdp.asm.AssemblerException;

/**
 * Reads the instruction text of one line, character by character, skipping blanks between
 * tokens. Every error names the column where the scanner stands, so the parsers stay free of
 * position bookkeeping.
 */
public final class LineScanner {
    /** Register numbers the field can hold; 11 to 15 assemble so that negative tests can be written. */
    static final int MAX_REGISTER = 15;

    private final SourceLine line;
    private final String s;
    private final int end;
    private int pos;

    /** Scans {@code line.text()} from index {@code start} up to (not including) {@code end}. */
    public LineScanner(SourceLine line, int start, int end) {
        this.line = line;
        this.s = line.text();
        this.pos = start;
        this.end = end;
    }

    public SourceLine line() {
        return line;
    }

    /** The index of the next character that is not blank. */
    public int index() {
        skipBlanks();
        return pos;
    }

    /** Moves back to an index returned by {@link #index()}. */
    public void reset(int index) {
        pos = index;
    }

    private void skipBlanks() {
        while (pos < end && isBlank(s.charAt(pos))) {
            pos++;
        }
    }

    static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\u000b';
    }

    static boolean isIdentStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '.';
    }

    static boolean isIdentPart(char c) {
        return isIdentStart(c) || (c >= '0' && c <= '9');
    }

    /** True if only blanks remain. */
    public boolean atEnd() {
        skipBlanks();
        return pos >= end;
    }

    /** The next character that is not blank, or 0 at the end. */
    public char peek() {
        skipBlanks();
        return pos < end ? s.charAt(pos) : 0;
    }

    /** Consumes {@code text} if it comes next. */
    public boolean accept(String text) {
        skipBlanks();
        if (pos + text.length() <= end && s.startsWith(text, pos)) {
            pos += text.length();
            return true;
        }
        return false;
    }

    /** Consumes the word {@code word} if it comes next and is not the start of a longer word. */
    public boolean acceptWord(String word) {
        int save = index();
        if (accept(word) && (pos >= end || !isIdentPart(s.charAt(pos)))) {
            return true;
        }
        pos = save;
        return false;
    }

    /** Consumes {@code text} or fails with "expected 'text'". */
    public void expect(String text) {
        if (!accept(text)) {
            throw error("expected '" + text + "'" + found());
        }
    }

    /** " but found 'x'" or " but the line ends", for messages. */
    public String found() {
        skipBlanks();
        if (pos >= end) {
            return " but the line ends";
        }
        int stop = pos;
        while (stop < end && !isBlank(s.charAt(stop)) && stop - pos < 20) {
            stop++;
        }
        return " but found '" + s.substring(pos, Math.max(stop, pos + 1)) + "'";
    }

    /** The next identifier ({@code [A-Za-z_.][A-Za-z0-9_.]*}), consumed, or null. */
    public String ident() {
        skipBlanks();
        if (pos >= end || !isIdentStart(s.charAt(pos))) {
            return null;
        }
        int start = pos;
        while (pos < end && isIdentPart(s.charAt(pos))) {
            pos++;
        }
        return s.substring(start, pos);
    }

    /**
     * A register written {@code <letter>N}, optionally after {@code %} when {@code percent} is
     * allowed; returns its number or -1 (nothing consumed) if no such register comes next. A number
     * above 15 is an error.
     */
    public int register(char letter, boolean percent) {
        int save = index();
        boolean hadPercent = percent && accept("%");
        int p = pos;
        if (p < end && s.charAt(p) == letter) {
            int q = p + 1;
            while (q < end && Character.isDigit(s.charAt(q))) {
                q++;
            }
            // "r1x" is a name, not a register; "%r1x" is a bad register
            boolean digitsOnly = q > p + 1 && (q >= end || !isIdentPart(s.charAt(q)));
            if (digitsOnly) {
                pos = q;
                String digits = s.substring(p + 1, q);
                if (digits.length() > 2 || Integer.parseInt(digits) > MAX_REGISTER) {
                    throw errorAt(save, "invalid register '" + s.substring(save, q) + "' (registers are r0 to r10)");
                }
                return Integer.parseInt(digits);
            }
        }
        if (hadPercent) {
            int q = pos;
            while (q < end && isIdentPart(s.charAt(q))) {
                q++;
            }
            throw errorAt(save, "invalid register '" + s.substring(save, q) + "'");
        }
        pos = save;
        return -1;
    }

    /**
     * A number, {@code [+-]digits} or {@code [+-]0xhex}, consumed, or null if none comes next.
     * A sign must touch its digits.
     */
    public Literal number() {
        int start = index();
        int p = pos;
        boolean negative = false;
        if (p < end && (s.charAt(p) == '-' || s.charAt(p) == '+')) {
            negative = s.charAt(p) == '-';
            p++;
        }
        if (p >= end || !Character.isDigit(s.charAt(p))) {
            return null;
        }
        boolean hex = p + 1 < end && s.charAt(p) == '0' && (s.charAt(p + 1) == 'x' || s.charAt(p + 1) == 'X');
        int digitsStart = hex ? p + 2 : p;
        int q = digitsStart;
        while (q < end && isIdentPart(s.charAt(q))) {
            q++;
        }
        String digits = s.substring(digitsStart, q);
        pos = q;
        String text = s.substring(start, q);
        if (digits.isEmpty()) {
            throw errorAt(start, "malformed number '" + text + "'");
        }
        try {
            long magnitude = Long.parseUnsignedLong(digits, hex ? 16 : 10);
            return new Literal(negative, magnitude, hex, start, text);
        } catch (NumberFormatException e) {
            boolean allDigits = digits.chars().allMatch(c -> Character.digit(c, hex ? 16 : 10) >= 0);
            throw errorAt(start, (allDigits ? "number out of range: '" : "malformed number '") + text + "'");
        }
    }

    /** A number that must come next. */
    public Literal expectNumber(String what) {
        Literal lit = number();
        if (lit == null) {
            throw error("expected " + what + found());
        }
        return lit;
    }

    /** A 32-bit immediate (decimal -2^31..2^31-1, hex 0..0xffffffff). */
    public int imm32(Literal lit) {
        Long v = lit.fit(32);
        if (v == null) {
            throw errorAt(
                    lit.index(),
                    "immediate " + lit.text() + " does not fit in 32 bits"
                            + " (decimal -2147483648..2147483647, hex 0..0xffffffff)");
        }
        return (int) (long) v;
    }

    /** A 16-bit offset (decimal -32768..32767, hex 0..0xffff). */
    public int offset16(Literal lit) {
        Long v = lit.fit(16);
        if (v == null) {
            throw errorAt(
                    lit.index(),
                    "offset " + lit.text() + " does not fit in 16 bits" + " (decimal -32768..32767, hex 0..0xffff)");
        }
        return (int) (long) v;
    }

    /** A 64-bit immediate (decimal -2^63..2^64-1, hex up to 16 digits). */
    public long imm64(Literal lit) {
        Long v = lit.fit(64);
        if (v == null) {
            throw errorAt(lit.index(), "immediate " + lit.text() + " does not fit in 64 bits");
        }
        return v;
    }

    /** An unsigned value in 0..2^32-1 (a byte-swap width, the high half of an lddw). */
    public long unsigned32(Literal lit) {
        Long v = lit.unsigned(0xffff_ffffL);
        if (v == null) {
            throw errorAt(lit.index(), lit.text() + " must be an unsigned 32-bit number");
        }
        return v;
    }

    /**
     * Ends the instruction: only blanks may remain, after an optional {@code <name>} annotation as
     * llvm-objdump prints after jump targets.
     */
    public void expectEnd(String usage) {
        skipBlanks();
        if (pos < end && s.charAt(pos) == '<') {
            int close = s.indexOf('>', pos);
            if (close > 0 && close < end && s.substring(close + 1, end).isBlank()) {
                pos = end;
            }
        }
        if (!atEnd()) {
            throw error("unexpected '" + s.substring(pos, end).strip() + "'" + (usage != null ? "; " + usage : ""));
        }
    }

    /** An error at the next non-blank character. */
    public AssemblerException error(String reason) {
        skipBlanks();
        return line.error(pos, reason);
    }

    /** An error at a 0-based index of the line. */
    public AssemblerException errorAt(int index, String reason) {
        return line.error(index, reason);
    }
}
