package io.jxdp.asm.elf;

/**
 * A source position from {@code .BTF.ext} line info, for naming the C line behind a pc.
 *
 * @param file the source file as clang was given it
 * @param line the line, from 1
 * @param column the column, from 1 (0 if unknown)
 * @param text the source line itself, as clang recorded it
 */
public record SourceLine(String file, int line, int column, String text) {
    @Override
    public String toString() {
        return file + ":" + line + (column > 0 ? ":" + column : "");
    }
}
