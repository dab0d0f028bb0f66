package io.jxdp.asm.data;

import java.util.List;

/**
 * One section of a {@code .data} file as written: its name, the line of its {@code -- NAME}
 * header, and its lines verbatim (comments included).
 *
 * @param name the name after {@code -- }, trimmed
 * @param headerLine the 1-based line number of the header
 * @param lines the lines up to the next header or the end of the file
 */
public record Section(String name, int headerLine, List<String> lines) {

    public Section {
        lines = List.copyOf(lines);
    }

    /** The line number of the section's first line. */
    public int firstLine() {
        return headerLine + 1;
    }

    /** The lines joined with newlines, each line ending in one. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            sb.append(l).append('\n');
        }
        return sb.toString();
    }
}
