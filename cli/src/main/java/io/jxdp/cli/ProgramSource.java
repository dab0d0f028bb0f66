package io.jxdp.cli;

import io.jxdp.asm.Assembler;
import io.jxdp.asm.Syntax;
import io.jxdp.asm.elf.ElfLoader;
import io.jxdp.asm.elf.ElfObject;
import io.jxdp.asm.elf.ElfProgram;
import io.jxdp.isa.InvalidProgramException;
import io.jxdp.isa.JxdpException;
import io.jxdp.isa.MapDef;
import io.jxdp.isa.Program;
import io.jxdp.isa.codec.Decoder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * A program as a user names it on the command line: an ELF object from {@code clang -target bpf}
 * (recognised by its magic; {@code --prog} picks a function or section), raw bytecode ({@code
 * --raw}, or any file that is not text), or assembly text in either dialect.
 *
 * @param file where it came from
 * @param program the program (its maps declared)
 * @param objectMaps every map of its file, so programs of one object share them by name
 * @param elf the ELF object, or null for text and raw bytecode
 */
record ProgramSource(Path file, Program program, List<MapDef> objectMaps, ElfObject elf) {

    /**
     * Reads the program a user names. Exit-2 problems (input errors) are a {@link JxdpException}
     * naming the file: no such file, a length that is not a multiple of 8, a broken ELF object,
     * text that does not assemble (an {@link io.jxdp.asm.AssemblerException} with line and column),
     * no instruction at all. Bytes that are no instruction are not an input error: they load as
     * malformed slots, for the verifier to reject as the kernel does.
     */
    static ProgramSource load(Path file, Syntax syntax, boolean raw, String select) {
        byte[] bytes = InputFile.read(file);
        String name = file.toString();
        ProgramSource src;
        if (isElf(bytes)) {
            ElfObject elf = ElfLoader.load(name, bytes);
            ElfProgram p = select == null && elf.programs().size() == 1
                    ? elf.programs().get(0)
                    : elf.select(selectOrList(elf, select));
            src = new ProgramSource(file, p.program(), elf.maps(), elf);
        } else if (select != null) {
            throw new UsageException(null, "--prog picks a program in an ELF object; " + file + " is not one");
        } else if (raw || !isText(bytes)) {
            Program p;
            try {
                p = Decoder.decodeLenient(bytes, name, List.of());
            } catch (InvalidProgramException e) {
                throw new JxdpException(name + ": " + e.reason()); // a length that is not a multiple of 8
            }
            src = new ProgramSource(file, p, List.of(), null);
        } else {
            Program p = Assembler.assemble(new String(bytes, StandardCharsets.UTF_8), name, syntax);
            src = new ProgramSource(file, p, p.maps(), null);
        }
        if (src.program().size() == 0) {
            // as bpf_prog_load refuses insn_cnt 0 before its verifier runs
            throw new JxdpException(name + ": the program is empty");
        }
        return src;
    }

    private static String selectOrList(ElfObject elf, String select) {
        if (select == null) {
            throw new JxdpException(
                    elf.fileName() + " holds " + elf.programs().size() + " programs; pick one with --prog: "
                            + String.join(
                                    ", ",
                                    elf.programs().stream()
                                            .map(ElfProgram::functionName)
                                            .toList()));
        }
        return select;
    }

    static boolean isElf(byte[] b) {
        return b.length >= 4 && b[0] == 0x7f && b[1] == 'E' && b[2] == 'L' && b[3] == 'F';
    }

    /** Text is valid UTF-8 without NUL bytes; anything else is taken as raw bytecode. */
    static boolean isText(byte[] b) {
        for (byte x : b) {
            if (x == 0) {
                return false;
            }
        }
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(b));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** The {@code --syntax} option: ubpf, llvm or auto. */
    static Syntax syntax(Args args) {
        return switch (args.choice("syntax", "auto", "auto", "ubpf", "llvm")) {
            case "ubpf" -> Syntax.UBPF;
            case "llvm" -> Syntax.LLVM;
            default -> Syntax.AUTO;
        };
    }
}
