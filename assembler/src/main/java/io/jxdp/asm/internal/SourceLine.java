package io.jxdp.asm.internal;

import io.jxdp.asm.AssemblerException;

/**
 * One physical line of a source file, for error messages.
 *
 * @param file the file name as given to the assembler
 * @param number the 1-based line number in that file
 * @param text the line without its terminator
 */
public record SourceLine(String file, int number, String text) {

    /** An error at the 0-based character index {@code index} of this line. */
    public AssemblerException error(int index, String reason) {
        return new AssemblerException(file, number, Math.max(0, Math.min(index, text.length())) + 1, text, reason);
    }
}
