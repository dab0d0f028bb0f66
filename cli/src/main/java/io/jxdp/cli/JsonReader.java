package io.jxdp.cli;

import io.jxdp.isa.JxdpException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict JSON reader (RFC 8259) for the files jxdp reads back, such as saved maps. Objects are
 * {@code Map<String, Object>} in file order, arrays {@code List<Object>}, numbers {@link BigDecimal},
 * and {@code true}/{@code false}/{@code null} as themselves. A syntax error is one line naming the
 * file, line and column.
 */
final class JsonReader {
    /** Deep enough for any file jxdp writes; deeper input is refused rather than overflowing the stack. */
    private static final int MAX_DEPTH = 64;

    private final String text;
    private final String file;
    private int pos;

    private JsonReader(String text, String file) {
        this.text = text;
        this.file = file;
    }

    /** The one JSON value {@code text} holds (nothing but whitespace around it). */
    static Object parse(String text, String file) {
        JsonReader r = new JsonReader(text, file);
        r.skipSpace();
        if (r.pos == text.length()) {
            throw r.error("no JSON value (the file is empty)");
        }
        Object v = r.value(0);
        r.skipSpace();
        if (r.pos < text.length()) {
            throw r.error("unexpected '" + text.charAt(r.pos) + "' after the JSON value");
        }
        return v;
    }

    private Object value(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("nested more than " + MAX_DEPTH + " deep");
        }
        if (pos >= text.length()) {
            throw error("unexpected end of file");
        }
        char c = text.charAt(pos);
        return switch (c) {
            case '{' -> object(depth);
            case '[' -> array(depth);
            case '"' -> string();
            case 't' -> word("true", true);
            case 'f' -> word("false", false);
            case 'n' -> word("null", null);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield number();
                }
                throw error("unexpected '" + c + "'");
            }
        };
    }

    private Map<String, Object> object(int depth) {
        Map<String, Object> m = new LinkedHashMap<>();
        pos++; // {
        skipSpace();
        if (peek() == '}') {
            pos++;
            return m;
        }
        while (true) {
            skipSpace();
            more();
            if (peek() != '"') {
                throw error("expected a member name in quotes");
            }
            int at = pos;
            String name = string();
            if (m.containsKey(name)) {
                pos = at;
                throw error("member \"" + name + "\" appears twice");
            }
            skipSpace();
            expect(':');
            skipSpace();
            m.put(name, value(depth + 1));
            skipSpace();
            more();
            if (peek() == ',') {
                pos++;
            } else if (peek() == '}') {
                pos++;
                return m;
            } else {
                throw error("expected ',' or '}'");
            }
        }
    }

    private List<Object> array(int depth) {
        List<Object> a = new ArrayList<>();
        pos++; // [
        skipSpace();
        if (peek() == ']') {
            pos++;
            return a;
        }
        while (true) {
            skipSpace();
            a.add(value(depth + 1));
            skipSpace();
            more();
            if (peek() == ',') {
                pos++;
            } else if (peek() == ']') {
                pos++;
                return a;
            } else {
                throw error("expected ',' or ']'");
            }
        }
    }

    private String string() {
        pos++; // "
        StringBuilder b = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(pos);
            if (c == '"') {
                pos++;
                return b.toString();
            }
            if (c < 0x20) {
                throw error("control character in a string");
            }
            if (c == '\\') {
                pos++;
                char e = peek();
                switch (e) {
                    case '"', '\\', '/' -> b.append(e);
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'n' -> b.append('\n');
                    case 'r' -> b.append('\r');
                    case 't' -> b.append('\t');
                    case 'u' -> {
                        if (pos + 5 > text.length()) {
                            throw error("unterminated \\u escape");
                        }
                        try {
                            b.append((char) Integer.parseInt(text.substring(pos + 1, pos + 5), 16));
                        } catch (NumberFormatException x) {
                            throw error("bad \\u escape");
                        }
                        pos += 4;
                    }
                    default -> throw error("bad escape '\\" + e + "'");
                }
                pos++;
            } else {
                b.append(c);
                pos++;
            }
        }
    }

    private BigDecimal number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (isDigit(peek())) {
            digits();
        } else {
            throw error("bad number");
        }
        if (peek() == '.') {
            pos++;
            if (!isDigit(peek())) {
                throw error("bad number");
            }
            digits();
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!isDigit(peek())) {
                throw error("bad number");
            }
            digits();
        }
        return new BigDecimal(text.substring(start, pos));
    }

    private void digits() {
        while (isDigit(peek())) {
            pos++;
        }
    }

    /** Fails at the end of the text, where a value or a delimiter must follow. */
    private void more() {
        if (pos >= text.length()) {
            throw error("unexpected end of file");
        }
    }

    /** ASCII digits only: JSON has no others. */
    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private Object word(String w, Object v) {
        if (!text.startsWith(w, pos)) {
            throw error("unexpected '" + text.charAt(pos) + "'");
        }
        pos += w.length();
        return v;
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    /** The character at the position, or NUL at the end (which no rule accepts). */
    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void skipSpace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private JxdpException error(String what) {
        int line = 1;
        int col = 1;
        for (int i = 0; i < Math.min(pos, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        return new JxdpException(file + ":" + line + ":" + col + ": " + what);
    }
}
