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
    private OutputFile() {}

    /**
     * Checks that {@code out} may be written, before anything runs: not one of the inputs, not a
     * directory, in a directory that exists, and new unless {@code force}.
     */
    static void check(Path out, boolean force, List<Path> inputs) {
        for (Path in : inputs) {
            try {
                if (Files.exists(out) && Files.exists(in) && Files.isSameFile(out, in)) {
                    throw new JxdpException(out + ": is an input of this command; refusing to overwrite it");
                }
            } catch (IOException e) {
                throw new JxdpException(out + ": cannot tell whether it is an input ("
                        + e.getClass().getSimpleName() + ")");
            }
        }
        if (Files.isDirectory(out)) {
            throw new JxdpException(out + ": is a directory");
        }
        if (Files.exists(out, LinkOption.NOFOLLOW_LINKS) && !force) {
            throw new JxdpException(out + ": exists; pass --force to replace it");
        }
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new JxdpException(out + ": no such directory " + parent);
        }
    }

    /** Writes {@code bytes} to {@code out} after {@link #check}. */
    static void write(Path out, byte[] bytes, boolean force, List<Path> inputs) throws IOException {
        check(out, force, inputs);
        Files.write(
                out, bytes, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
    }

    /**
     * Checks a directory the user names for output files ({@code --out DIR}): an existing
     * directory, or one that can be made in an existing parent.
     */
    static void checkDirectory(String option, Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new JxdpException(option + " " + dir + ": not a directory");
        }
        Path parent = dir.toAbsolutePath().getParent();
        if (!Files.exists(dir) && parent != null && !Files.isDirectory(parent)) {
            throw new JxdpException(option + " " + dir + ": not a directory (nor is " + parent + ")");
        }
    }
}
