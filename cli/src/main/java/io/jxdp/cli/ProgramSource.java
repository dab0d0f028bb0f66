package io.jxdp.cli;

import io.jxdp.asm.Assembler;
import io.jxdp.asm.Syntax;
import io.jxdp.asm.elf.ElfLoader;
import io.jxdp.asm.elf.ElfObject;
import io.jxdp.asm.elf.ElfProgram;
import io.jxdp.isa.JxdpException;
import io.jxdp.isa.MapDef;
import io.jxdp.isa.Program;
import io.jxdp.isa.codec.Decoder;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
    /** The longest program file jxdp reads (a million instructions of text is far below it). */
    static final long MAX_FILE = 256L << 20;

    static ProgramSource load(Path file, Syntax syntax, boolean raw, String select) throws IOException {
        byte[] bytes = read(file);
        String name = file.toString();
        if (isElf(bytes)) {
            ElfObject elf = ElfLoader.load(name, bytes);
            ElfProgram p = select == null && elf.programs().size() == 1 ? elf.programs().get(0) : elf.select(selectOrList(elf, select));
            return new ProgramSource(file, p.program(), elf.maps(), elf);
        }
        if (select != null) {
            throw new UsageException(null, "--prog picks a program in an ELF object; " + file + " is not one");
        }
        if (raw || !isText(bytes)) {
            Program p = Decoder.decode(bytes, name, List.of());
            return new ProgramSource(file, p, List.of(), null);
        }
        Program p = Assembler.assemble(new String(bytes, StandardCharsets.UTF_8), name, syntax);
        return new ProgramSource(file, p, p.maps(), null);
    }

    private static String selectOrList(ElfObject elf, String select) {
        if (select == null) {
            throw new JxdpException(elf.fileName() + " holds " + elf.programs().size() + " programs; pick one with --prog: "
                    + String.join(", ", elf.programs().stream().map(ElfProgram::functionName).toList()));
        }
        return select;
    }

    static byte[] read(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new JxdpException(file + ": is a directory, not a program");
        }
        if (Files.size(file) > MAX_FILE) {
            throw new JxdpException(file + ": " + Files.size(file) + " bytes is larger than jxdp reads (" + MAX_FILE + ")");
        }
        return Files.readAllBytes(file);
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
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(b));
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
