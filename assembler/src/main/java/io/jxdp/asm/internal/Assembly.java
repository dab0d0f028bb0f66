package io.jxdp.asm.internal;

import io.jxdp.asm.Syntax;
import io.jxdp.isa.Instruction;
import io.jxdp.isa.InvalidProgramException;
import io.jxdp.isa.Program;
import io.jxdp.isa.codec.Decoder;
import java.util.List;
import java.util.Set;

/** One run of the assembler over one file. */
public final class Assembly {
    /** Directives of LLVM's assembler that change nothing here, so clang -S style headers pass. */
    private static final Set<String> IGNORED_DIRECTIVES =
            Set.of(".text", ".globl", ".global", ".p2align", ".align", ".type", ".size", ".file", ".addrsig");

    private Assembly() {}

    /**
     * Assembles a file.
     *
     * @param text the source
     * @param file its name, for messages and as the program's name
     * @param syntax the dialect, or AUTO
     * @param firstLine the line number of the text's first line (to report lines of a larger file)
     */
    public static Program assemble(String text, String file, Syntax syntax, int firstLine) {
        List<SourceReader.Item> items = SourceReader.read(text, file, firstLine);
        Syntax chosen = syntax == Syntax.AUTO ? SyntaxDetector.detect(items) : syntax;
        InstructionParser parser = chosen == Syntax.UBPF ? UbpfParser.INSTANCE : LlvmParser.INSTANCE;
        ProgramBuilder builder = new ProgramBuilder(file, chosen == Syntax.UBPF);
        for (SourceReader.Item item : items) {
            if (item instanceof SourceReader.Label l) {
                builder.label(l.name(), l.line(), l.index());
            } else if (item instanceof SourceReader.Directive d) {
                directive(builder, new LineScanner(d.line(), d.start(), d.end()));
            } else if (item instanceof SourceReader.Text t) {
                LineScanner s = new LineScanner(t.line(), t.start(), t.end());
                if (t.line().text().startsWith("<unknown>", t.start())) {
                    throw s.error(
                            "llvm-objdump could not print this instruction; paste the listing with its raw bytes");
                }
                builder.add(t.line(), t.start(), parser.parse(s));
            } else if (item instanceof SourceReader.Raw r) {
                builder.addRaw(r.line(), r.index(), decode(r));
            } else if (item instanceof SourceReader.Relocation r) {
                builder.relocate(r.line(), r.index(), r.type(), r.symbol());
            }
        }
        return builder.build();
    }

    private static void directive(ProgramBuilder builder, LineScanner s) {
        int at = s.index();
        String name = s.ident();
        if (".map".equals(name)) {
            builder.map(MapDirective.parse(s), s.line(), at);
        } else if (!IGNORED_DIRECTIVES.contains(name)) {
            throw s.errorAt(at, "unknown directive '" + name + "' (jxdp knows .map)");
        }
    }

    private static Instruction decode(SourceReader.Raw raw) {
        try {
            List<Instruction> insns = Decoder.decodeInstructions(raw.bytes());
            if (insns.size() != 1 || insns.get(0).width() * Decoder.SLOT != raw.bytes().length) {
                throw raw.line().error(raw.index(), "raw bytes must hold one instruction (8 bytes, 16 for lddw)");
            }
            return insns.get(0);
        } catch (InvalidProgramException e) {
            throw raw.line().error(raw.index(), "raw bytes: " + e.reason());
        }
    }
}
