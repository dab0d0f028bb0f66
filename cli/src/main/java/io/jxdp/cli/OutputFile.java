package io.jxdp.cli;

import io.jxdp.isa.JxdpException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** Writing what the user asked for without ever clobbering what the user gave. */
final class OutputFile {
    private OutputFile() {
    }

    /**
     * Writes {@code bytes} to {@code out}: refused if {@code out} is one of the inputs, or exists
     * and {@code force} is not set.
     */
    static void write(Path out, byte[] bytes, boolean force, List<Path> inputs) throws IOException {
        for (Path in : inputs) {
            if (Files.exists(out) && Files.exists(in) && Files.isSameFile(out, in)) {
                throw new JxdpException(out + ": is an input of this command; refusing to overwrite it");
            }
        }
        if (Files.exists(out, LinkOption.NOFOLLOW_LINKS) && !force) {
            throw new JxdpException(out + ": exists; pass --force to replace it");
        }
        if (Files.isDirectory(out)) {
            throw new JxdpException(out + ": is a directory");
        }
        Files.write(out, bytes, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
    }
}
