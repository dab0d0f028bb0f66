package io.jxdp;

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
import io.jxdp.verifier.ProgramType;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A program read from what the user gave, as {@code jxdp} reads its PROG argument: an ELF object
 * (by its magic), raw bytecode (anything that is not UTF-8 text, or on request), else assembly text.
 *
 * @param program the program, its maps declared
 * @param objectMaps every map of its file (an ELF object's programs share them by name)
 * @param type what the verifier checks it as: XDP, or the cpumap/devmap type of an ELF section
 */
record Source(Program program, List<MapDef> objectMaps, ProgramType type) {

    /**
     * Reads a program named {@code name} in messages.
     *
     * @param select the function or section of an ELF object, or null if it holds one program
     * @throws JxdpException naming {@code name} for what cannot be read as a program
     */
    static Source read(String name, byte[] bytes, Syntax syntax, boolean raw, String select) {
        if (select != null && !isElf(bytes)) {
            throw new JxdpException(name + ": a program is picked by name only in an ELF object");
        }
        Source src;
        if (isElf(bytes)) {
            ElfObject elf = ElfLoader.load(name, bytes);
            ElfProgram p = select == null && elf.programs().size() == 1
                    ? elf.programs().get(0)
                    : elf.select(requireSelection(elf, select));
            src = new Source(p.program(), elf.maps(), typeOf(p));
        } else if (raw || !isText(bytes)) {
            try {
                // leniently, as bpf_prog_load reads slots: a slot that is no instruction is the verifier's to refuse
                src = new Source(Decoder.decodeLenient(bytes, name, List.of()), List.of(), ProgramType.xdp());
            } catch (InvalidProgramException e) {
                throw new JxdpException(name + ": " + e.reason());
            }
        } else {
            Program p = Assembler.assemble(new String(bytes, StandardCharsets.UTF_8), name, syntax);
            src = new Source(p, p.maps(), ProgramType.xdp());
        }
        if (src.program().size() == 0) {
            // bpf_prog_load refuses insn_cnt 0 before its verifier runs
            throw new JxdpException(name + ": the program is empty");
        }
        return src;
    }

    private static String requireSelection(ElfObject elf, String select) {
        if (select == null) {
            throw new JxdpException(elf.fileName() + " holds " + elf.programs().size()
                    + " programs; pick one with Loader.program(name): "
                    + String.join(
                            ", ",
                            elf.programs().stream()
                                    .map(ElfProgram::functionName)
                                    .toList()));
        }
        return select;
    }

    private static ProgramType typeOf(ElfProgram p) {
        return switch (p.attach()) {
            case CPUMAP -> ProgramType.xdpCpumap();
            case DEVMAP -> ProgramType.xdpDevmap();
            default -> ProgramType.xdp();
        };
    }

    private static boolean isElf(byte[] b) {
        return b.length >= 4 && b[0] == 0x7f && b[1] == 'E' && b[2] == 'L' && b[3] == 'F';
    }

    /** Text is valid UTF-8 without NUL bytes; anything else is taken as raw bytecode. */
    private static boolean isText(byte[] b) {
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
                    .decode(ByteBuffer.wrap(b));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
