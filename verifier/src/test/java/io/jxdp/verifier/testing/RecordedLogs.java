package io.jxdp.verifier.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The running kernel's whole level-1 logs for named programs, recorded by a live test and read by
 * the default build. One block per program:
 *
 * <pre>
 * == NAME
 * accept | reject ERRNO
 * the log, line by line, as the kernel wrote it
 * </pre>
 *
 * The file's header names the kernel release that answered.
 */
public final class RecordedLogs {
    /** One recorded answer. */
    public record Answer(boolean accept, int errno, String log) {}

    private RecordedLogs() {}

    /** The recording at {@code resource} on the test class path, by name, in file order. */
    public static Map<String, Answer> read(String resource) {
        try (InputStream in = RecordedLogs.class.getResourceAsStream("/" + resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the test resources");
            }
            Map<String, Answer> out = new LinkedHashMap<>();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (String block : text.split("(?m)^== ", -1)) {
                if (block.startsWith("#") || block.isBlank()) {
                    continue;
                }
                int nl = block.indexOf('\n');
                int nl2 = block.indexOf('\n', nl + 1);
                String name = block.substring(0, nl);
                String verdict = block.substring(nl + 1, nl2);
                String log = block.substring(nl2 + 1);
                boolean accept = verdict.equals("accept");
                out.put(
                        name,
                        new Answer(accept, accept ? 0 : Integer.parseInt(verdict.substring("reject ".length())), log));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the recording into the module's test resources in the source tree. */
    public static Path write(String resource, List<String> header, Map<String, Answer> answers) throws IOException {
        Path file = RecordedVerdicts.sourceDir().resolve("src/test/resources").resolve(resource);
        StringBuilder s = new StringBuilder();
        for (String h : header) {
            s.append("# ").append(h).append('\n');
        }
        answers.forEach((name, a) -> {
            s.append("== ")
                    .append(name)
                    .append('\n')
                    .append(a.accept() ? "accept" : "reject " + a.errno())
                    .append('\n')
                    .append(a.log());
            if (!a.log().isEmpty() && !a.log().endsWith("\n")) {
                s.append('\n');
            }
        });
        Files.createDirectories(file.getParent());
        Files.writeString(file, s);
        return file;
    }
}
