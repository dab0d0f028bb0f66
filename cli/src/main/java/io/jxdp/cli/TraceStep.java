package io.jxdp.cli;

import java.util.List;
import java.util.Locale;

/**
 * One executed instruction of a traced run, as the trace prints it.
 *
 * @param index the step's number, from 1
 * @param pc where it ran
 * @param depth the bpf-to-bpf call depth
 * @param insn the instruction in the chosen dialect
 * @param source the C source line that starts here ({@code ; text @ file:line}), or null
 * @param changes the registers it changed
 * @param memory the memory it read or wrote
 * @param effect a helper call with arguments and result, a call or return, a branch's outcome; or null
 * @param verifier the states the verifier walked into this pc with (empty without {@code --verifier-state})
 */
record TraceStep(
        int index,
        int pc,
        int depth,
        String insn,
        String source,
        List<Change> changes,
        List<Access> memory,
        String effect,
        List<String> verifier) {

    /** A register's old and new value, named ({@link ValueNames}) and raw. */
    record Change(int reg, String oldName, String newName, long oldValue, long newValue) {
        String text() {
            return "r" + reg + ": " + oldName + " -> " + newName;
        }
    }

    /**
     * A memory access: {@code read} or {@code write}, where, how many bytes, and the bytes (after a
     * write, the bytes written; null where they cannot be shown: a context field, a faulting access).
     */
    @SuppressWarnings("ArrayRecordComponent") // bytes to print, never compared
    record Access(String kind, String at, int size, byte[] bytes) {
        String text() {
            return kind + " " + at + " [" + size + "]" + (bytes == null ? "" : ": " + hex(bytes, " "));
        }
    }

    /** The step as one line: {@code pc: insn  ; changes ; memory ; effect}. */
    String text() {
        StringBuilder b = new StringBuilder();
        String code = "  ".repeat(depth) + insn;
        b.append(String.format(Locale.ROOT, "%5d: %-36s", pc, code));
        StringBuilder notes = new StringBuilder();
        for (Change c : changes) {
            append(notes, c.text());
        }
        for (Access a : memory) {
            append(notes, a.text());
        }
        if (effect != null) {
            append(notes, effect);
        }
        if (notes.length() > 0) {
            b.append(" ; ").append(notes);
        }
        return b.toString().stripTrailing();
    }

    private static void append(StringBuilder b, String s) {
        if (b.length() > 0) {
            b.append(", ");
        }
        b.append(s);
    }

    /** The step as one JSON object. */
    String json() {
        StringBuilder b = new StringBuilder("{\"step\":")
                .append(index)
                .append(",\"pc\":")
                .append(pc)
                .append(",\"depth\":")
                .append(depth)
                .append(",\"insn\":")
                .append(Json.quote(insn));
        if (source != null) {
            b.append(",\"source\":").append(Json.quote(source));
        }
        b.append(",\"changes\":[");
        for (int i = 0; i < changes.size(); i++) {
            Change c = changes.get(i);
            b.append(i > 0 ? "," : "")
                    .append("{\"reg\":\"r")
                    .append(c.reg())
                    .append("\",\"old\":")
                    .append(Json.quote(c.oldName()))
                    .append(",\"new\":")
                    .append(Json.quote(c.newName()))
                    .append(",\"old_raw\":")
                    .append(Json.quote("0x" + Long.toHexString(c.oldValue())))
                    .append(",\"new_raw\":")
                    .append(Json.quote("0x" + Long.toHexString(c.newValue())))
                    .append('}');
        }
        b.append("],\"memory\":[");
        for (int i = 0; i < memory.size(); i++) {
            Access a = memory.get(i);
            b.append(i > 0 ? "," : "")
                    .append("{\"access\":")
                    .append(Json.quote(a.kind()))
                    .append(",\"at\":")
                    .append(Json.quote(a.at()))
                    .append(",\"size\":")
                    .append(a.size());
            if (a.bytes() != null) {
                b.append(",\"bytes\":").append(Json.quote(hex(a.bytes(), "")));
            }
            b.append('}');
        }
        b.append(']');
        if (effect != null) {
            b.append(",\"effect\":").append(Json.quote(effect));
        }
        if (!verifier.isEmpty()) {
            b.append(",\"verifier\":[");
            for (int i = 0; i < verifier.size(); i++) {
                b.append(i > 0 ? "," : "").append(Json.quote(verifier.get(i)));
            }
            b.append(']');
        }
        return b.append('}').toString();
    }

    static String hex(byte[] bytes, String sep) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < bytes.length; i++) {
            if (i > 0) {
                b.append(sep);
            }
            b.append(String.format(Locale.ROOT, "%02x", bytes[i] & 0xff));
        }
        return b.toString();
    }
}
