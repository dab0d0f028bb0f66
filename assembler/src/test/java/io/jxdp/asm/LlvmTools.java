package io.jxdp.asm;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** llvm-mc, llvm-objdump and llvm-objcopy from PATH (plain or with a -14 ... -20 suffix). */
final class LlvmTools {
    private final Path dir;

    LlvmTools(Path dir) {
        this.dir = dir;
    }

    /** The tool's path, or skips the calling test if it is not installed. */
    static String require(String name) {
        String path = System.getenv("PATH");
        for (String suffix : new String[] {"", "-14", "-15", "-16", "-17", "-18", "-19", "-20"}) {
            for (String d : (path == null ? "" : path).split(File.pathSeparator, -1)) {
                Path p = Path.of(d.isEmpty() ? "." : d, name + suffix);
                if (Files.isExecutable(p)) {
                    return p.toString();
                }
            }
        }
        assumeTrue(false, name + " is not installed");
        return null;
    }

    /** Runs a command in the scratch directory; fails on a non-zero exit. Returns stdout and stderr. */
    String run(String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + String.join(" ", command));
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed:\n" + text);
        }
        return text;
    }

    /** Assembles LLVM text with llvm-mc into an object file in the scratch directory. */
    Path assemble(String source, String name) throws IOException, InterruptedException {
        Path s = dir.resolve(name + ".s");
        Files.writeString(s, source);
        Path o = dir.resolve(name + ".o");
        run(require("llvm-mc"), "-triple", "bpf", "-filetype=obj", s.toString(), "-o", o.toString());
        return o;
    }

    /** The .text bytes of an object file, via llvm-objcopy. */
    byte[] text(Path object) throws IOException, InterruptedException {
        Path bin = dir.resolve(object.getFileName() + ".text.bin");
        run(require("llvm-objcopy"), "-O", "binary", "--only-section=.text", object.toString(), bin.toString());
        return Files.readAllBytes(bin);
    }

    /** llvm-objdump -d with extra options. */
    String objdump(Path object, String... options) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(require("llvm-objdump"), "-d"));
        cmd.addAll(List.of(options));
        cmd.add(object.toString());
        return run(cmd.toArray(String[]::new));
    }
}
