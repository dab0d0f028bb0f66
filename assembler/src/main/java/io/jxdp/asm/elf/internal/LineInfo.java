package io.jxdp.asm.elf.internal;

import io.jxdp.asm.elf.SourceLine;
import io.jxdp.isa.codec.Decoder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * The line info of {@code .BTF.ext} (libbpf's {@code btf_ext_parse} and
 * {@code btf_ext_setup_line_info}): for each code section, records of {@code insn_off} (bytes into
 * the section), file name, source text and line/column, all names in the {@code .BTF} string
 * section. Func info and CO-RE relocations are not read.
 */
final class LineInfo {
    private static final int HEADER_MIN = 24;
    private static final int RECORD_MIN = 16;

    private record LineRecord(long insnOffset, SourceLine line) {}

    private final Map<String, List<LineRecord>> bySection;

    private LineInfo(Map<String, List<LineRecord>> bySection) {
        this.bySection = bySection;
    }

    /**
     * Parses the section. A malformed {@code .BTF.ext} is an error here; the caller drops line
     * info and notes why, as libbpf ignores a {@code .BTF.ext} it cannot parse.
     *
     * @param hasCoRe set to true in element 0 if the section holds CO-RE relocations
     */
    static LineInfo parse(Window ext, Btf btf, boolean[] hasCoRe) {
        ElfInput in = ext.input();
        String where = ext.where();
        if (ext.size() < HEADER_MIN || ext.u16(0) != 0xeb9f || ext.u8(2) != 1) {
            throw in.error(where, "not a version 1 little-endian .BTF.ext header");
        }
        long hdrLen = ext.u32(4);
        if (hdrLen < HEADER_MIN || hdrLen > ext.size()) {
            throw in.error(where, "header length %d outside %d..%d", hdrLen, HEADER_MIN, ext.size());
        }
        hasCoRe[0] = hdrLen >= 32 && ext.u32(28) > 0;
        Window data = ext.slice(hdrLen, ext.size() - hdrLen, where, ".BTF.ext data");
        Map<String, List<LineRecord>> bySection = new HashMap<>();
        long len = ext.u32(20);
        if (len == 0) {
            return new LineInfo(bySection);
        }
        Window lines = data.slice(ext.u32(16), len, where, "the line info");
        long recSize = lines.u32(0);
        if (recSize < RECORD_MIN || recSize % 4 != 0) {
            throw in.error(where, "line info record size %d", recSize);
        }
        Map<Long, String> strings = new HashMap<>();
        long off = 4;
        while (off < lines.size()) {
            String section = string(btf, strings, lines.u32(off));
            long count = lines.u32(off + 4);
            off += 8;
            if (count == 0 || count > (lines.size() - off) / recSize) {
                throw in.error(where, "line info for section '%s' claims %d records", section, count);
            }
            List<LineRecord> records = bySection.computeIfAbsent(section, k -> new ArrayList<>());
            for (long i = 0; i < count; i++, off += recSize) {
                long lineCol = lines.u32(off + 12);
                SourceLine line = new SourceLine(
                        string(btf, strings, lines.u32(off + 4)),
                        (int) (lineCol >>> 10),
                        (int) (lineCol & 0x3ff),
                        string(btf, strings, lines.u32(off + 8)));
                records.add(new LineRecord(lines.u32(off), line));
            }
        }
        return new LineInfo(bySection);
    }

    private static String string(Btf btf, Map<Long, String> cache, long offset) {
        String s = cache.get(offset);
        if (s == null) {
            s = btf.string(offset, "a line info name");
            cache.put(offset, s);
        }
        return s;
    }

    /**
     * The source lines of a function placed at {@code pc} of a linked program, by pc (libbpf's
     * {@code adjust_prog_btf_ext_info} moves them the same way).
     */
    void addLines(Function fn, int pc, NavigableMap<Integer, SourceLine> out) {
        List<LineRecord> records = bySection.get(fn.section().name());
        if (records == null) {
            return;
        }
        for (LineRecord r : records) {
            long slot = r.insnOffset() / Decoder.SLOT;
            if (r.insnOffset() % Decoder.SLOT == 0 && fn.containsSectionSlot(slot)) {
                out.put(pc + (int) (slot - fn.firstSlot()), r.line());
            }
        }
    }

    /** An empty line table, when there is no usable {@code .BTF.ext}. */
    static LineInfo none() {
        return new LineInfo(Map.of());
    }
}
