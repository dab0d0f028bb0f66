package io.jxdp.asm;

import io.jxdp.isa.JxdpException;

/**
 * Text that does not assemble. The message is one line, {@code file:line:col: reason}; the
 * accessors give the parts, and the source line so that a caller can print it with a caret under
 * the column.
 */
public class AssemblerException extends JxdpException {
    private static final long serialVersionUID = 1L;

    private final String fileName;
    private final int line;
    private final int column;
    private final String sourceLine;
    private final String reason;

    /**
     * @param fileName the file, as given to the assembler
     * @param line the 1-based line number
     * @param column the 1-based column (characters, tabs count one)
     * @param sourceLine the offending line without its line terminator
     * @param reason what is wrong, without the position
     */
    public AssemblerException(String fileName, int line, int column, String sourceLine, String reason) {
        super(fileName + ":" + line + ":" + column + ": " + reason);
        this.fileName = fileName;
        this.line = line;
        this.column = column;
        this.sourceLine = sourceLine;
        this.reason = reason;
    }

    public String fileName() {
        return fileName;
    }

    /** The 1-based line number. */
    public int line() {
        return line;
    }

    /** The 1-based column. */
    public int column() {
        return column;
    }

    /** The text of the offending line. */
    public String sourceLine() {
        return sourceLine;
    }

    /** The reason without the position. */
    public String reason() {
        return reason;
    }

    /** The source line and a caret under the column, on two lines, for terminals. */
    public String caretDisplay() {
        StringBuilder caret = new StringBuilder();
        for (int i = 0; i < column - 1 && i < sourceLine.length(); i++) {
            caret.append(sourceLine.charAt(i) == '\t' ? '\t' : ' ');
        }
        return sourceLine + "\n" + caret + "^";
    }
}
