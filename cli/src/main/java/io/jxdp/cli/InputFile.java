package io.jxdp.cli;

import io.jxdp.isa.JxdpException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reading what the user names, with one line naming the file and the reason when it cannot be read. */
final class InputFile {
    /** The longest file jxdp reads (a million instructions of text is far below it). */
    static final long MAX_FILE = 256L << 20;

    private InputFile() {}

    /** The file's bytes; {@code x: no such file}, {@code x: is a directory}, ... otherwise. */
    static byte[] read(Path file) {
        if (Files.isDirectory(file)) {
            throw new JxdpException(file + ": is a directory");
        }
        try {
            long size = Files.size(file);
            if (size > MAX_FILE) {
                throw new JxdpException(file + ": " + size + " bytes is larger than jxdp reads (" + MAX_FILE + ")");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new JxdpException(file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new JxdpException(file + ": permission denied");
        } catch (IOException e) {
            throw new JxdpException(file + ": cannot read (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Fails with {@code x: no such file} (or why else it cannot be read) unless {@code file} is a readable file. */
    static void mustExist(Path file) {
        if (Files.isDirectory(file)) {
            throw new JxdpException(file + ": is a directory");
        }
        if (!Files.exists(file)) {
            throw new JxdpException(file + ": no such file");
        }
        if (!Files.isReadable(file)) {
            throw new JxdpException(file + ": permission denied");
        }
    }
}
