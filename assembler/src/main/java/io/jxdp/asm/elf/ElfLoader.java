package io.jxdp.asm.elf;

import io.jxdp.asm.elf.internal.ObjectLoader;
import io.jxdp.isa.JxdpException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads ELF objects built by {@code clang -target bpf -c} the way libbpf opens and relocates them:
 * programs split by function symbol, {@code .text} subprograms appended, maps from {@code .maps}
 * (BTF), the legacy {@code maps} section and global data, relocations resolved to map indexes.
 * See {@link ElfObject} for the map naming and sharing contract.
 *
 * <p>Every problem with the input is an {@link ElfFormatException} naming the file and the place;
 * nothing the file claims makes the loader allocate much more than the file's own size. The code
 * itself is not judged, as libbpf does not judge it: a slot that is no instruction is kept as a
 * {@link io.jxdp.isa.Opcode#MALFORMED malformed} one, and a program is linked whatever its jumps,
 * for the verifier to reject as the kernel would and {@link io.jxdp.isa.ProgramCheck} to keep from
 * the engines.
 */
public final class ElfLoader {
    /** The largest object file read. */
    public static final long MAX_FILE_SIZE = 256L << 20;

    private ElfLoader() {}

    /** Reads and loads a file. */
    public static ElfObject load(Path file) {
        String name = file.toString();
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_SIZE) {
                throw new ElfFormatException(
                        name,
                        "offset 0x0",
                        "a file of " + size + " bytes is larger than the " + (MAX_FILE_SIZE >> 20)
                                + " MiB an object may take");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new JxdpException(name + ": cannot read: " + e.getMessage(), e);
        }
        return load(name, bytes);
    }

    /**
     * Loads an object from its bytes.
     *
     * @param fileName the name used in messages and, as libbpf does, to name global data maps
     */
    public static ElfObject load(String fileName, byte[] bytes) {
        ObjectLoader.Result r = ObjectLoader.load(fileName, bytes);
        return new ElfObject(
                fileName,
                r.name(),
                r.license(),
                r.kernelVersion(),
                r.maps(),
                r.programs(),
                r.notes(),
                r.missingKsyms());
    }
}
