package io.jxdp.verifier.testing;

import io.jxdp.isa.Program;
import io.jxdp.verifier.ProgramType;
import io.jxdp.verifier.VerifierOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One corpus program ({@code src/test/resources/corpus/<family>/<name>.bpf}) with its header:
 * {@code # verdict: accept|reject}, {@code # error: fragment}, {@code # mode: unprivileged},
 * {@code # type: cpumap|devmap}, {@code # kernel: RELEASE} (the kernel release whose verdict the
 * header records, or {@code none ...} where the kernel cannot load the program and the expectation
 * follows its rules).
 */
public record CorpusEntry(
        String name, String text, boolean accept, String error, boolean unprivileged, String type, String kernel) {

    /** Every corpus file, sorted by path. */
    public static List<CorpusEntry> all() {
        try {
            Path root = Path.of(CorpusEntry.class.getResource("/corpus").toURI());
            List<CorpusEntry> out = new ArrayList<>();
            try (Stream<Path> s = Files.walk(root)) {
                for (Path p :
                        s.filter(f -> f.toString().endsWith(".bpf")).sorted().toList()) {
                    out.add(parse(root.relativize(p).toString(), Files.readString(p)));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static CorpusEntry parse(String name, String text) {
        Boolean accept = null;
        String error = "";
        boolean unpriv = false;
        String type = "xdp";
        String kernel = "";
        for (String line : text.lines().toList()) {
            String l = line.trim();
            if (l.startsWith("# verdict:")) {
                accept = l.substring(10).trim().equals("accept");
            } else if (l.startsWith("# error:")) {
                error = l.substring(8).trim();
            } else if (l.startsWith("# mode:")) {
                unpriv = l.contains("unprivileged");
            } else if (l.startsWith("# type:")) {
                type = l.substring(7).trim();
            } else if (l.startsWith("# kernel:")) {
                kernel = l.substring(9).trim();
            }
        }
        if (accept == null) {
            throw new IllegalStateException(name + " has no '# verdict:' header");
        }
        return new CorpusEntry(name, text, accept, error, unpriv, type, kernel);
    }

    /**
     * The program, assembled by the project's assembler: the LLVM dialect, or the uBPF dialect under
     * a {@code # syntax: ubpf} header (which can name r11-r15, as raw bytecode can).
     */
    public Program program() {
        return text.contains("\n# syntax: ubpf") || text.startsWith("# syntax: ubpf")
                ? io.jxdp.asm.Assembler.assemble(text, name, io.jxdp.asm.Syntax.UBPF)
                : Asm.llvm(text, name);
    }

    public ProgramType programType() {
        return switch (type) {
            case "cpumap" -> ProgramType.xdpCpumap();
            case "devmap" -> ProgramType.xdpDevmap();
            default -> ProgramType.xdp();
        };
    }

    /** 0 none, 1 BPF_XDP_CPUMAP, 2 BPF_XDP_DEVMAP: for the kernel loader. */
    public int attachType() {
        return switch (type) {
            case "cpumap" -> 1;
            case "devmap" -> 2;
            default -> 0;
        };
    }

    public VerifierOptions options(int logLevel) {
        return VerifierOptions.defaults()
                .withPrivileged(!unprivileged)
                .withProgramType(programType())
                .withLogLevel(logLevel);
    }

    @Override
    public String toString() {
        return name;
    }
}
