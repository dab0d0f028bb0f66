package io.jxdp.asm.internal;

import io.jxdp.asm.Syntax;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Decides {@link Syntax#AUTO} for a file: see there for the rules. */
final class SyntaxDetector {
    private static final Set<String> LLVM_START = Set.of("if", "goto", "gotol");
    private static final Pattern REGISTER_START = Pattern.compile("[rw][0-9]+\\b.*");
    private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private SyntaxDetector() {}

    static Syntax detect(List<SourceReader.Item> items) {
        for (SourceReader.Item item : items) {
            if (item instanceof SourceReader.Text t) {
                Syntax s = decide(t.line().text().substring(t.start(), t.end()).strip());
                if (s != null) {
                    return s;
                }
            }
        }
        return Syntax.LLVM;
    }

    /** The dialect this instruction text can only be, or null if both read it alike. */
    static Syntax decide(String text) {
        if (text.contains("=")
                || text.startsWith("*")
                || REGISTER_START.matcher(text).matches()) {
            return Syntax.LLVM;
        }
        if (text.contains("%")) {
            return Syntax.UBPF;
        }
        String[] words = text.split("[\\s,]+", -1);
        String first = words.length > 0 ? words[0] : "";
        if (LLVM_START.contains(first)) {
            return Syntax.LLVM;
        }
        switch (first) {
            case "exit", "callx":
                return null;
            case "call": {
                String arg = words.length > 1 ? words[1] : "";
                if (arg.equals("local") || arg.equals("runtime") || arg.equals("helper") || arg.matches("r[0-9]+")) {
                    return Syntax.UBPF;
                }
                if (arg.startsWith("pc+")
                        || arg.startsWith("pc-")
                        || (WORD.matcher(arg).matches() && !arg.equals("kfunc"))) {
                    return Syntax.LLVM;
                }
                return null;
            }
            default:
                return WORD.matcher(first).matches() ? Syntax.UBPF : null;
        }
    }
}
