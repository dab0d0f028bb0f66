package io.jxdp.asm.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a source file into what its lines hold: labels, directives, instruction text, raw
 * instruction bytes, relocations. It strips comments ({@code #}, {@code ;}, {@code //}) and reads
 * pasted {@code llvm-objdump -d [-r]} output: header lines are skipped, symbol lines
 * ({@code 0000000000000000 <xdp_prog>:}) become labels, {@code N:} pc prefixes are dropped, and
 * when raw bytes follow the pc the bytes are the instruction (the text after them, which objdump
 * derives from the bytes and which may be {@code <unknown>}, is not read).
 */
final class SourceReader {
    /** What one piece of a line holds. */
    sealed interface Item permits Label, Directive, Text, Raw, Relocation {
        SourceLine line();
    }

    /** {@code name:} at {@code index}. */
    record Label(SourceLine line, int index, String name) implements Item {}

    /** {@code .name ...} from {@code start} to {@code end}. */
    record Directive(SourceLine line, int start, int end) implements Item {}

    /** Instruction text from {@code start} to {@code end}. */
    record Text(SourceLine line, int start, int end) implements Item {}

    /** An instruction given as bytes (8, or 16 for lddw) in an objdump listing. */
    @SuppressWarnings("ArrayRecordComponent") // a parsed item, never compared
    record Raw(SourceLine line, int index, byte[] bytes) implements Item {}

    /** An objdump {@code -r} relocation line. */
    record Relocation(SourceLine line, int index, String type, String symbol) implements Item {}

    private static final Pattern FILE_FORMAT = Pattern.compile(".*:\\s+file format\\s+\\S+");
    private static final Pattern SECTION = Pattern.compile("Disassembly of section .*:");
    private static final Pattern SYMBOL = Pattern.compile("[0-9a-fA-F]{8,16}\\s+<([^<>\\s]+)>:");
    private static final Pattern RELOCATION = Pattern.compile("[0-9a-fA-F]+:\\s+(R_BPF_[A-Za-z0-9_]+)\\s+(\\S+)");
    private static final Pattern PC = Pattern.compile("[0-9]+:");
    private static final Pattern RAW =
            Pattern.compile("((?:[0-9a-fA-F]{2}[ \\t]){7}[0-9a-fA-F]{2})" + "((?:[ \\t][0-9a-fA-F]{2}){8})?(?=\\s|$)");
    private static final Pattern LABEL = Pattern.compile("([A-Za-z_.][A-Za-z0-9_.]*)[ \\t]*:");

    private SourceReader() {}

    /**
     * @param text the file
     * @param file its name for messages
     * @param firstLine the number of the text's first line (1 for a whole file)
     */
    static List<Item> read(String text, String file, int firstLine) {
        List<Item> items = new ArrayList<>();
        String[] lines = text.split("\r\n|\n|\r", -1);
        for (int i = 0; i < lines.length; i++) {
            readLine(new SourceLine(file, firstLine + i, lines[i]), items);
        }
        return items;
    }

    private static void readLine(SourceLine line, List<Item> items) {
        String s = line.text();
        int end = commentStart(s);
        int p = skipBlanks(s, 0, end);
        if (p >= end) {
            return;
        }
        String body = s.substring(p, end).strip();
        // cheap tests first: most lines are plain instructions and need no regex at all
        if ((body.contains("file format") && FILE_FORMAT.matcher(body).matches())
                || (body.startsWith("Disassembly of section")
                        && SECTION.matcher(body).matches())) {
            return;
        }
        Matcher m;
        if (body.endsWith(">:")) {
            m = SYMBOL.matcher(body);
            if (m.matches()) {
                items.add(new Label(line, p + body.indexOf('<') + 1, m.group(1)));
                return;
            }
        }
        if (body.contains("R_BPF_")) {
            m = RELOCATION.matcher(body);
            if (m.matches()) {
                items.add(new Relocation(line, p + m.start(2), m.group(1), m.group(2)));
                return;
            }
        }
        Matcher pc = Character.isDigit(s.charAt(p)) ? PC.matcher(s).region(p, end) : null;
        if (pc != null && pc.lookingAt()) {
            p = skipBlanks(s, pc.end(), end);
            Matcher raw = RAW.matcher(s).region(p, end);
            if (raw.lookingAt()) {
                items.add(new Raw(line, p, bytes(raw.group(1) + (raw.group(2) != null ? raw.group(2) : ""))));
                return;
            }
        }
        // labels, possibly followed by an instruction on the same line
        if (body.indexOf(':') >= 0) {
            for (m = LABEL.matcher(s).region(p, end);
                    m.lookingAt();
                    m = LABEL.matcher(s).region(p, end)) {
                items.add(new Label(line, p, m.group(1)));
                p = skipBlanks(s, m.end(), end);
            }
        }
        if (p >= end) {
            return;
        }
        if (s.charAt(p) == '.') {
            items.add(new Directive(line, p, end));
        } else {
            items.add(new Text(line, p, end));
        }
    }

    /** Where a comment starts: the first {@code #}, {@code ;} or {@code //}, else the line's length. */
    static int commentStart(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '#' || c == ';' || (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '/')) {
                return i;
            }
        }
        return s.length();
    }

    private static int skipBlanks(String s, int p, int end) {
        while (p < end && LineScanner.isBlank(s.charAt(p))) {
            p++;
        }
        return p;
    }

    private static byte[] bytes(String hex) {
        String[] parts = hex.trim().split("[ \\t]+", -1);
        byte[] out = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return out;
    }
}
