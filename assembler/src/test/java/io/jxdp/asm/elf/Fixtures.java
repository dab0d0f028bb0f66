package io.jxdp.asm.elf;

import io.jxdp.isa.Instruction;
import io.jxdp.isa.codec.Decoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

/** The committed objects under src/test/resources/elf and helpers to read objdump text. */
final class Fixtures {
    static final List<String> OBJECTS = List.of(
            "maps_btf.o",
            "subprog.o",
            "global_data.o",
            "two_sections.o",
            "legacy_maps.o",
            "callback.o",
            "xdp_redirect_cpu.o",
            "btf_kinds.o",
            "kfuncs.o",
            "kfunc_unknown.o",
            "kfunc_proprietary.o");

    private Fixtures() {}

    static byte[] bytes(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/elf/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ElfObject load(String name) {
        return ElfLoader.load(name, bytes(name));
    }

    /**
     * Instructions from {@code expected/<name>.objdump}, {@code llvm-objdump -d} text: the 8 bytes
     * of each slot in hex, then an optional {@code #} and the disassembly, one slot a line;
     * {@code <function>:} lines and comments are skipped.
     */
    static List<Instruction> objdump(String name) {
        StringBuilder hex = new StringBuilder();
        for (String line : new String(bytes("expected/" + name + ".objdump"), StandardCharsets.UTF_8)
                .lines()
                .toList()) {
            int hash = line.indexOf('#');
            String code = hash >= 0 ? line.substring(0, hash) : line;
            if (!code.startsWith("<")) {
                hex.append(code.replace(" ", ""));
            }
        }
        return Decoder.decodeInstructions(HexFormat.of().parseHex(hex.toString()));
    }
}
