package io.jxdp.asm.data;

import io.jxdp.isa.JxdpException;

/** A conformance {@code .data} file that does not parse; the message is {@code file:line: reason}. */
public class DataFileException extends JxdpException {
    private static final long serialVersionUID = 1L;

    private final String fileName;
    private final int line;
    private final String reason;

    public DataFileException(String fileName, int line, String reason) {
        super(fileName + ":" + line + ": " + reason);
        this.fileName = fileName;
        this.line = line;
        this.reason = reason;
    }

    public String fileName() {
        return fileName;
    }

    /** The 1-based line number. */
    public int line() {
        return line;
    }

    /** The reason without the position. */
    public String reason() {
        return reason;
    }
}
