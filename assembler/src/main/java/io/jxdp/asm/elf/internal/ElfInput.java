package io.jxdp.asm.elf.internal;

import io.jxdp.asm.elf.ElfFormatException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The bytes of one object file, its name for messages, and the allowance for decoded names.
 *
 * <p>Every read is bounds-checked against a {@link Window}, so a header that lies produces an
 * {@link ElfFormatException} rather than an index error. Names are decoded from string tables on
 * demand and charged against an allowance proportional to the file size: thousands of symbols
 * pointing at one long string must not make the loader allocate far more than the file holds.
 */
public final class ElfInput {
    /** The longest name kept; C identifiers and section names are far shorter. */
    static final int MAX_NAME = 4096;

    private final String file;
    private final byte[] bytes;
    private long nameAllowance;

    public ElfInput(String file, byte[] bytes) {
        this.file = file;
        this.bytes = bytes;
        this.nameAllowance = 2L * bytes.length + 65536;
    }

    /** The file name as given. */
    public String file() {
        return file;
    }

    /** The file length in bytes. */
    public int length() {
        return bytes.length;
    }

    /** The whole file as a window. */
    public Window whole() {
        return new Window(this, 0, bytes.length, "");
    }

    byte[] bytes() {
        return bytes;
    }

    /** An error at a place in this file. */
    public ElfFormatException error(String where, String reason) {
        return new ElfFormatException(file, where, reason);
    }

    /** An error at a place in this file, formatted. */
    public ElfFormatException error(String where, String format, Object... args) {
        return new ElfFormatException(file, where, String.format(Locale.ROOT, format, args));
    }

    /**
     * A NUL-terminated string at {@code offset} inside {@code table}.
     *
     * @throws ElfFormatException if the offset is outside the table, no NUL ends the string within
     *     it, the string is longer than {@value #MAX_NAME} bytes, or the file's name allowance is spent
     */
    String cString(Window table, long offset, Supplier<String> what) {
        if (offset < 0 || offset >= table.size()) {
            throw error(
                    table.where(),
                    "%s at string offset %d lies outside the %d-byte string table",
                    what.get(),
                    offset,
                    table.size());
        }
        int start = table.start() + (int) offset;
        int end = table.start() + table.size();
        int limit = Math.min(end, start + MAX_NAME + 1);
        int nul = start;
        while (nul < limit && bytes[nul] != 0) {
            nul++;
        }
        if (nul == limit) {
            throw error(
                    table.where(),
                    nul == end
                            ? "%s at string offset %d is not NUL-terminated in its table"
                            : "%s at string offset %d is longer than " + MAX_NAME + " bytes",
                    what.get(),
                    offset);
        }
        nameAllowance -= nul - start + 16;
        if (nameAllowance < 0) {
            throw error(table.where(), "names take more bytes than the file holds (string offset %d)", offset);
        }
        return new String(bytes, start, nul - start, StandardCharsets.UTF_8);
    }

    /** True if the string at {@code offset} of {@code table} is exactly {@code name}; no allocation. */
    boolean cStringEquals(Window table, long offset, byte[] name) {
        if (offset < 0 || offset + name.length >= table.size()) {
            return false;
        }
        int start = table.start() + (int) offset;
        for (int i = 0; i < name.length; i++) {
            if (bytes[start + i] != name[i]) {
                return false;
            }
        }
        return bytes[start + name.length] == 0;
    }
}
