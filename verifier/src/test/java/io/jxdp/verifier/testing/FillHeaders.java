package io.jxdp.verifier.testing;

import io.jxdp.isa.Program;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Developer tool: for corpus files without a {@code # verdict:} header, asks the running kernel and
 * writes its verdict and error line into the header. The kernel is the reference: jxdp must agree.
 */
public final class FillHeaders {
    private FillHeaders() {}

    public static void main(String[] args) throws Exception {
        List<Path> files = new ArrayList<>();
        for (String a : args) {
            try (Stream<Path> s = Files.walk(Path.of(a))) {
                s.filter(p -> p.toString().endsWith(".bpf")).sorted().forEach(files::add);
            }
        }
        for (Path f : files) {
            String text = Files.readString(f);
            if (text.contains("# verdict:") || text.contains("# mode: unprivileged")) {
                continue;
            }
            Program p = Asm.llvm(text, f.toString());
            int attach = text.contains("type: cpumap") ? 1 : text.contains("type: devmap") ? 2 : 0;
            KernelOracle.Verdict v = KernelOracle.load(p, 1, attach);
            String header;
            if (v.accepted()) {
                header = "# verdict: accept\n";
            } else {
                header = "# verdict: reject\n# error: " + errorLine(v.log()) + "\n";
            }
            int nl = text.indexOf('\n');
            Files.writeString(f, text.substring(0, nl + 1) + header + text.substring(nl + 1));
            System.out.println(f + ": " + header.replace("\n", " "));
        }
    }

    /** The kernel's error line: the last line before the statistics, or the infinite-loop line. */
    public static String errorLine(String log) {
        String[] lines = log.lines().toArray(String[]::new);
        for (String l : lines) {
            int i = l.indexOf("infinite loop detected");
            if (i >= 0) {
                return l.substring(i);
            }
        }
        for (int i = lines.length - 1; i > 0; i--) {
            if (lines[i].startsWith("processed ")) {
                return lines[i - 1].trim();
            }
        }
        return lines.length > 0 ? lines[lines.length - 1].trim() : "";
    }
}
