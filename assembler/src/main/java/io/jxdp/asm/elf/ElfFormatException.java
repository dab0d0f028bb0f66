package io.jxdp.asm.elf;

import io.jxdp.isa.JxdpException;

/**
 * An ELF object jxdp cannot load: not a little-endian 64-bit BPF relocatable object, a header or
 * section that lies about sizes or offsets, a relocation it cannot resolve, BTF that does not
 * describe the maps it claims to, a construct libbpf would refuse. One line: the file, where in it
 * (a byte offset, a section, a map or a program), and what is wrong, e.g.
 * {@code x.o: section .relxdp: relocation 3 at offset 0x1c0 refers to symbol 40 of 12}.
 */
public class ElfFormatException extends JxdpException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final String where;
    private final String reason;

    /**
     * @param file the file name as the user gave it
     * @param where the place in the file: {@code offset 0x12}, {@code section .maps}, {@code map 'flows'}
     * @param reason what is wrong there
     */
    public ElfFormatException(String file, String where, String reason) {
        super(printable(file + ": " + where + ": " + reason));
        this.file = file;
        this.where = where;
        this.reason = reason;
    }

    /** The same, keeping the error that revealed the problem (a decoder error, say). */
    public ElfFormatException(String file, String where, String reason, Throwable cause) {
        super(printable(file + ": " + where + ": " + reason), cause);
        this.file = file;
        this.where = where;
        this.reason = reason;
    }

    /**
     * The text with control characters written as {@code \xNN}: names come from the file, and a
     * message stays on one line whatever they hold.
     */
    public static String printable(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                if (out == null) {
                    out = new StringBuilder(text.substring(0, i));
                }
                out.append(String.format("\\x%02x", (int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    /** The file name. */
    public String file() {
        return file;
    }

    /** The place in the file: an offset, a section, a map or a program. */
    public String where() {
        return where;
    }

    /** What is wrong, without file and place. */
    public String reason() {
        return reason;
    }
}
