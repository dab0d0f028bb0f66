package io.jxdp.asm.data;

import io.jxdp.asm.Assembler;
import io.jxdp.asm.Syntax;
import io.jxdp.isa.Program;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * A conformance test file ({@code /work/shared/conformance/README.md} describes the format): a
 * list of sections opened by {@code -- NAME} lines, {@code #} starting a comment anywhere on a line
 * (except in {@code -- c}, which is C source kept verbatim). Parsing checks the sections it knows
 * and refuses unknown or repeated ones; whether a file is a sensible test is the runner's business.
 * Immutable.
 */
public final class DataFile {
    /** The sections jxdp knows. */
    public static final List<String> KNOWN_SECTIONS =
            List.of("asm", "raw", "mem", "result", "error", "no register offset", "c");

    private static final Pattern HEX_BYTE = Pattern.compile("[0-9a-fA-F]{2}");
    private static final Pattern HEX_WORD = Pattern.compile("(0[xX])?[0-9a-fA-F]{1,16}");

    private final String name;
    private final Map<String, Section> sections;
    private final byte[] raw;
    private final byte[] mem;
    private final Long result;

    private DataFile(String name, Map<String, Section> sections, byte[] raw, byte[] mem, Long result) {
        this.name = name;
        this.sections = sections;
        this.raw = raw;
        this.mem = mem;
        this.result = result;
    }

    /** Reads and parses a file; its name in messages is the path as given. */
    public static DataFile read(Path path) throws IOException {
        return parse(Files.readString(path, StandardCharsets.UTF_8), path.toString());
    }

    /**
     * Parses the text of a {@code .data} file.
     *
     * @throws DataFileException naming the line: an unknown or repeated section, text before the
     *     first section, malformed hex in {@code raw}, {@code mem} or {@code result}
     */
    public static DataFile parse(String text, String fileName) {
        String[] lines = text.split("\r\n|\n|\r", -1);
        Map<String, Section> sections = new LinkedHashMap<>();
        String current = null;
        int header = 0;
        List<String> body = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.startsWith("--") && (line.length() == 2 || line.charAt(2) == ' ' || line.charAt(2) == '\t')) {
                if (current != null) {
                    sections.put(current, new Section(current, header, body));
                }
                current = line.substring(2).strip();
                header = i + 1;
                body = new ArrayList<>();
                if (!KNOWN_SECTIONS.contains(current)) {
                    throw new DataFileException(
                            fileName,
                            header,
                            "unknown section '-- " + current + "' (known: -- " + String.join(", -- ", KNOWN_SECTIONS)
                                    + ")");
                }
                if (sections.containsKey(current)) {
                    throw new DataFileException(
                            fileName,
                            header,
                            "section '-- " + current + "' appears twice (first at line "
                                    + sections.get(current).headerLine() + ")");
                }
            } else if (current == null) {
                if (!stripComment(line).isBlank()) {
                    throw new DataFileException(
                            fileName, i + 1, "text before the first section (sections start with '-- NAME')");
                }
            } else {
                body.add(line);
            }
        }
        if (current != null) {
            sections.put(current, new Section(current, header, body));
        }
        Section rawSection = sections.get("raw");
        Section memSection = sections.get("mem");
        Section resultSection = sections.get("result");
        return new DataFile(
                fileName,
                sections,
                rawSection == null ? null : raw(fileName, rawSection),
                memSection == null ? null : hexBytes(fileName, memSection),
                resultSection == null ? null : result(fileName, resultSection));
    }

    public String name() {
        return name;
    }

    /** The sections in file order. */
    public List<Section> sections() {
        return List.copyOf(sections.values());
    }

    /** A section by name. */
    public Optional<Section> section(String sectionName) {
        return Optional.ofNullable(sections.get(sectionName));
    }

    /** The {@code -- asm} section: uBPF text, with its first line number for messages. */
    public Optional<Section> asm() {
        return section("asm");
    }

    /** The {@code -- raw} section as bytecode, 8 bytes per instruction in memory order. */
    public Optional<byte[]> raw() {
        return Optional.ofNullable(raw).map(byte[]::clone);
    }

    /** The {@code -- mem} input bytes. */
    public Optional<byte[]> mem() {
        return Optional.ofNullable(mem).map(byte[]::clone);
    }

    /** The expected r0 at exit (all 64 bits). */
    public OptionalLong result() {
        return result == null ? OptionalLong.empty() : OptionalLong.of(result);
    }

    /**
     * Present if the file has an {@code -- error} section: the program must be refused. The value
     * is the expected message, comments removed and trimmed; it may be empty.
     */
    public Optional<String> error() {
        return section("error").map(s -> textOf(s));
    }

    /** The {@code -- no register offset} text (which instruction forms the test needs), if any. */
    public Optional<String> noRegisterOffset() {
        return section("no register offset").map(s -> textOf(s));
    }

    /** The {@code -- c} source, verbatim. */
    public Optional<String> c() {
        return section("c").map(Section::text);
    }

    /** True if the file gives a program, as text or as bytes. */
    public boolean hasProgram() {
        return sections.containsKey("asm") || raw != null;
    }

    /**
     * Assembles the {@code -- asm} section (uBPF dialect); messages name this file's lines.
     *
     * @throws io.jxdp.asm.AssemblerException if it does not assemble
     */
    public Optional<Program> assembleAsm() {
        return asm().map(s -> Assembler.assemble(s.text(), name, Syntax.UBPF, s.firstLine()));
    }

    private static String textOf(Section s) {
        List<String> kept = new ArrayList<>();
        for (String l : s.lines()) {
            kept.add(stripComment(l).strip());
        }
        return String.join("\n", kept).strip();
    }

    static String stripComment(String line) {
        int hash = line.indexOf('#');
        return hash < 0 ? line : line.substring(0, hash);
    }

    /** Hex bytes ({@code 07 00 01 00}) or one little-endian 64-bit word per line ({@code 0x5566778800000018}). */
    private static byte[] raw(String file, Section s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.lines().size(); i++) {
            String line = stripComment(s.lines().get(i)).strip();
            if (line.startsWith("0x") || line.startsWith("0X")) {
                if (!HEX_WORD.matcher(line).matches()) {
                    throw new DataFileException(
                            file, s.firstLine() + i, "expected one 64-bit hex word, found '" + line + "'");
                }
                long word = Long.parseUnsignedLong(line.substring(2), 16);
                for (int b = 0; b < 8; b++) {
                    out.write((int) (word >>> (8 * b)));
                }
            } else {
                lineBytes(file, s.firstLine() + i, line, out);
            }
        }
        return out.toByteArray();
    }

    private static byte[] hexBytes(String file, Section s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.lines().size(); i++) {
            lineBytes(file, s.firstLine() + i, stripComment(s.lines().get(i)).strip(), out);
        }
        return out.toByteArray();
    }

    private static void lineBytes(String file, int line, String text, ByteArrayOutputStream out) {
        if (text.isEmpty()) {
            return;
        }
        for (String token : text.split("\\s+", -1)) {
            if (!HEX_BYTE.matcher(token).matches()) {
                throw new DataFileException(file, line, "expected hex bytes like '0a ff', found '" + token + "'");
            }
            out.write(Integer.parseInt(token, 16));
        }
    }

    /** The expected value: hex, with or without 0x, up to 64 bits. */
    private static long result(String file, Section s) {
        String value = null;
        int line = s.headerLine();
        for (int i = 0; i < s.lines().size(); i++) {
            String t = stripComment(s.lines().get(i)).strip();
            if (t.isEmpty()) {
                continue;
            }
            if (value != null || !HEX_WORD.matcher(t).matches()) {
                throw new DataFileException(
                        file, s.firstLine() + i, "expected one hex value such as 0x1f, found '" + t + "'");
            }
            value = t;
            line = s.firstLine() + i;
        }
        if (value == null) {
            throw new DataFileException(file, line, "the result section has no value");
        }
        return Long.parseUnsignedLong(
                value.startsWith("0x") || value.startsWith("0X") ? value.substring(2) : value, 16);
    }
}
