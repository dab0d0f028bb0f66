package io.jxdp.vm.net;

import io.jxdp.isa.JxdpException;
import java.util.ArrayList;
import java.util.List;

/**
 * The lines of a table file ({@code --fib}): words separated by blanks, {@code #} to the end of a
 * line a comment, blank lines skipped. Every error names the file, the line and the column of the
 * word at fault ({@code routes.txt:3:7: ...}).
 */
final class TableText {
    /** A word and the 1-based column it starts at. */
    record Word(String text, int column) {}

    /** One line's words. */
    static final class Line {
        private final String file;
        private final int number;
        private final List<Word> words;
        private int next;

        Line(String file, int number, List<Word> words) {
            this.file = file;
            this.number = number;
            this.words = words;
        }

        boolean hasNext() {
            return next < words.size();
        }

        /** The next word; an error at the end of the line saying what was expected. */
        Word next(String expected) {
            if (!hasNext()) {
                throw missing(expected);
            }
            return words.get(next++);
        }

        /** The next word, left to be read again. */
        Word peek(String expected) {
            Word w = next(expected);
            next--;
            return w;
        }

        /** Steps back one word. */
        void back() {
            next--;
        }

        /** An error just past the line's last word: {@code expected X}. */
        JxdpException missing(String expected) {
            Word last = words.get(words.size() - 1);
            return new JxdpException(
                    file + ":" + number + ":" + (last.column() + last.text().length()) + ": expected " + expected);
        }

        JxdpException error(Word at, String message) {
            return new JxdpException(file + ":" + number + ":" + at.column() + ": " + message);
        }

        /** A decimal number in [min, max]. */
        long number(String what, long min, long max) {
            Word w = next("a number (" + what + ")");
            try {
                long v = Long.parseLong(w.text());
                if (v >= min && v <= max) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // reported below with the range
            }
            throw error(w, what + " must be a number from " + min + " to " + max + ", not '" + w.text() + "'");
        }

        /** An IPv4 or IPv6 address. */
        IpAddress address(String what) {
            Word w = next(what);
            try {
                return IpAddress.parse(w.text());
            } catch (IllegalArgumentException e) {
                throw error(w, e.getMessage());
            }
        }

        /** A MAC address {@code aa:bb:cc:dd:ee:ff}, as 48 bits. */
        long mac(String what) {
            Word w = next(what);
            if (!w.text().matches("[0-9A-Fa-f]{1,2}(:[0-9A-Fa-f]{1,2}){5}")) {
                throw error(w, "'" + w.text() + "' is not a MAC address (aa:bb:cc:dd:ee:ff)");
            }
            long v = 0;
            for (String part : w.text().split(":", -1)) {
                v = v << 8 | Integer.parseInt(part, 16);
            }
            return v;
        }
    }

    private TableText() {}

    static List<Line> lines(String text, String file) {
        List<Line> lines = new ArrayList<>();
        String[] raw = text.split("\r?\n", -1);
        for (int i = 0; i < raw.length; i++) {
            String s = raw[i];
            int hash = s.indexOf('#');
            if (hash >= 0) {
                s = s.substring(0, hash);
            }
            List<Word> words = new ArrayList<>();
            int k = 0;
            while (k < s.length()) {
                if (Character.isWhitespace(s.charAt(k))) {
                    k++;
                    continue;
                }
                int start = k;
                while (k < s.length() && !Character.isWhitespace(s.charAt(k))) {
                    k++;
                }
                words.add(new Word(s.substring(start, k), start + 1));
            }
            if (!words.isEmpty()) {
                lines.add(new Line(file, i + 1, words));
            }
        }
        return lines;
    }
}
