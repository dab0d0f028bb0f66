package io.jxdp.asm;

import io.jxdp.asm.internal.Assembly;
import io.jxdp.isa.Program;

/**
 * Text to {@link Program}, in either dialect.
 *
 * <p>Both dialects share:
 *
 * <ul>
 *   <li>comments from {@code #}, {@code ;} or {@code //} to the end of the line; blank lines;
 *   <li>labels {@code name:} (at the start of a line, possibly before an instruction); jump targets
 *       are a label or {@code +N} / {@code -N} slots;
 *   <li>numbers in decimal or hex ({@code 0x}), with a sign; a 32-bit immediate is decimal
 *       -2^31..2^31-1 or hex 0..0xffffffff (a bit pattern), a 16-bit offset decimal
 *       -32768..32767 or hex 0..0xffff, an {@code lddw} constant any 64-bit value;
 *   <li>registers r0 to r15 (11 to 15 assemble so that tests can write them; {@link
 *       io.jxdp.isa.ProgramCheck} refuses them);
 *   <li>maps: {@code .map NAME type=TYPE key=N value=N max_entries=N [flags=N]} declares map
 *       number 0, 1, ... in order; an {@code lddw} operand {@code NAME} loads it ({@code r1 = NAME
 *       ll}, {@code lddw %r1, NAME}) and {@code map_value(NAME) + OFF} the address of its value
 *       plus OFF; see {@link io.jxdp.isa.text.InstructionPrinter} for the raw {@code KIND(N)} forms;
 *   <li>pasted {@code llvm-objdump -d [-r]} output: headers, symbol lines (labels), pc prefixes,
 *       raw bytes (which then are the instruction), {@code <label>} annotations, and
 *       {@code R_BPF_64_64} relocations against declared maps.
 * </ul>
 *
 * The result keeps the labels ({@link Program#labels()}) and is not checked: callers run {@link
 * io.jxdp.isa.ProgramCheck}. Every failure is an {@link AssemblerException}.
 */
public final class Assembler {
    private Assembler() {}

    /**
     * Assembles a whole file.
     *
     * @param text the source
     * @param fileName its name, used in messages and as the program's name
     * @param syntax the dialect, or {@link Syntax#AUTO} to decide from the text
     */
    public static Program assemble(String text, String fileName, Syntax syntax) {
        return assemble(text, fileName, syntax, 1);
    }

    /**
     * Assembles text that starts at line {@code firstLine} of a larger file (the {@code -- asm}
     * section of a conformance {@code .data} file), so that messages name the file's lines.
     */
    public static Program assemble(String text, String fileName, Syntax syntax, int firstLine) {
        return Assembly.assemble(text, fileName, syntax, firstLine);
    }
}
