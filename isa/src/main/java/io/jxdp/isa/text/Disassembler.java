package io.jxdp.isa.text;

import io.jxdp.isa.Instruction;
import io.jxdp.isa.MapDef;
import io.jxdp.isa.Program;
import io.jxdp.isa.codec.Encoder;
import java.util.Locale;
import java.util.Map;

/**
 * Prints a whole program in one {@link Dialect}, in one of two layouts:
 *
 * <ul>
 *   <li>source (the default): {@code .map} directives, then one instruction per line, with label
 *       lines {@code name:} and jumps to names when labels are on, else {@code +N} offsets;
 *   <li>listing: like {@code llvm-objdump -d}: {@code "       0:\tr0 = 1"}, optionally with the raw
 *       bytes, symbol lines {@code 0000000000000000 <name>:} for labels and {@code <name>}
 *       annotations after jump offsets.
 * </ul>
 *
 * Both layouts assemble back to the same bytes. Instances are immutable; the {@code with} methods
 * return changed copies.
 */
public final class Disassembler {
    private final Dialect dialect;
    private final boolean labels;
    private final boolean listing;
    private final boolean rawBytes;

    private Disassembler(Dialect dialect, boolean labels, boolean listing, boolean rawBytes) {
        this.dialect = dialect;
        this.labels = labels;
        this.listing = listing;
        this.rawBytes = rawBytes;
    }

    /** Source layout without labels. */
    public static Disassembler of(Dialect dialect) {
        return new Disassembler(dialect, false, false, false);
    }

    /** Name jump targets and print the program's labels. */
    public Disassembler withLabels(boolean on) {
        return new Disassembler(dialect, on, listing, rawBytes);
    }

    /** Print pcs (and symbol lines) like llvm-objdump. */
    public Disassembler withListing(boolean on) {
        return new Disassembler(dialect, labels, on, rawBytes);
    }

    /** In the listing layout, show each instruction's bytes as llvm-objdump does by default. */
    public Disassembler withRawBytes(boolean on) {
        return new Disassembler(dialect, labels, listing, on);
    }

    /** The whole program, one line per instruction, each line ending in a newline. */
    public String print(Program program) {
        LabelNames names = labels ? LabelNames.of(program) : LabelNames.mapsOnly(program);
        StringBuilder out = new StringBuilder();
        for (int m = 0; m < program.maps().size(); m++) {
            out.append(mapDirective(program.maps().get(m), names.maps().get(m))).append('\n');
        }
        if (!program.maps().isEmpty()) {
            out.append('\n');
        }
        Symbols inText = listing ? LabelNames.mapsOnly(program) : names;
        InstructionPrinter printer = dialect.printer();
        for (int i = 0; i < program.size(); i++) {
            int pc = program.pcOf(i);
            Instruction insn = program.instructions().get(i);
            label(out, names.labelAt(pc), pc);
            if (listing) {
                out.append(String.format(Locale.ROOT, "%8d:\t", pc));
                if (rawBytes) {
                    out.append(hex(Encoder.encode(insn))).append('\t');
                }
            }
            // llvm-objdump's word for bytes it cannot decode; the bytes are on the line already
            out.append(listing && rawBytes && insn.isMalformed() ? "<unknown>" : printer.format(insn, pc, inText));
            if (listing) {
                annotate(out, insn, pc, names);
            }
            out.append('\n');
        }
        // a label after the last instruction
        label(out, names.labelAt(program.slotCount()), program.slotCount());
        return out.toString();
    }

    /** One instruction of the program, named as {@link #print(Program)} names it. */
    public String format(Program program, int pc) {
        Symbols symbols = labels && !listing ? LabelNames.of(program) : LabelNames.mapsOnly(program);
        return dialect.printer().format(program.at(pc), pc, symbols);
    }

    private void label(StringBuilder out, String name, int pc) {
        if (name == null) {
            return;
        }
        if (listing) {
            // objdump separates symbols by a blank line
            if (out.length() > 0 && !endsWithBlankLine(out)) {
                out.append('\n');
            }
            out.append(String.format(Locale.ROOT, "%016x <%s>:\n", (long) pc * 8, name));
        } else {
            out.append(name).append(":\n");
        }
    }

    private static boolean endsWithBlankLine(StringBuilder out) {
        int n = out.length();
        return n >= 2 && out.charAt(n - 1) == '\n' && out.charAt(n - 2) == '\n';
    }

    /** objdump's {@code <name>} after a jump or call offset; the assembler skips it. */
    private static void annotate(StringBuilder out, Instruction insn, int pc, LabelNames names) {
        // target() is -1 for instructions without one, and no label lives at -1
        String name = names.labelAt(insn.target(pc));
        if (name != null) {
            out.append(" <").append(name).append('>');
        }
    }

    private static String mapDirective(MapDef map, String name) {
        String line = ".map " + name + " type=" + map.type().bpftoolName() + " key=" + map.keySize() + " value="
                + map.valueSize() + " max_entries=" + map.maxEntries()
                + (map.flags() != 0 ? " flags=0x" + Integer.toHexString(map.flags()) : "");
        byte[] init = map.initialValue();
        // The .map directive has no syntax for contents: say so rather than drop them silently.
        return init == null ? line : line + " # initial value of " + init.length + " bytes not shown";
    }

    static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length * 3);
        for (byte b : bytes) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return sb.toString();
    }

    /** The label names this disassembler would print, by pc. */
    public Map<Integer, String> labelNames(Program program) {
        return labels ? LabelNames.of(program).labels() : Map.of();
    }
}
