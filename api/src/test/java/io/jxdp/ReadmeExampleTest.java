package io.jxdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's "Use jxdp from Java" example, taken from README.md, compiles, runs and prints what the README shows. */
class ReadmeExampleTest {
    static final Path ROOT =
            Path.of(System.getProperty("jxdp.source.dir", ".")).toAbsolutePath().getParent();

    @Test
    void theReadmeExampleCompilesRunsAndPrintsWhatTheReadmeShows(@TempDir Path dir) throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"));
        String section = readme.substring(readme.indexOf("## Use jxdp from Java"));
        String code = block(section, "```java\n");
        String transcript = block(section, "```\n$ java");
        List<String> lines = transcript.lines().toList();
        // "$ java -cp ... Example PROGRAM": the program is the last word, relative to the repository
        String[] command = lines.get(0).split(" ", -1);
        String program = ROOT.resolve(command[command.length - 1]).toString();

        Path source = dir.resolve("Example.java");
        Files.writeString(source, code);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int rc = javac.run(
                null,
                diagnostics,
                diagnostics,
                "-proc:none",
                "-classpath",
                System.getProperty("java.class.path"),
                "-d",
                dir.toString(),
                source.toString());
        assertEquals(0, rc, diagnostics.toString(StandardCharsets.UTF_8));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            Method main = loader.loadClass("Example").getMethod("main", String[].class);
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            main.invoke(null, (Object) new String[] {program});
        } finally {
            System.setOut(saved);
        }
        assertEquals(String.join("\n", lines.subList(1, lines.size())) + "\n", out.toString(StandardCharsets.UTF_8));
        assertEquals(
                List.of("XDP_REDIRECT, 60 bytes, redirect to cpumap cpu_map key 2 on JIT", "CPU 0 processed 1 frame"),
                lines.subList(1, lines.size()));
        // no more than the ten lines of Java the issue asks for: nine statements in main
        String body = code.substring(code.indexOf("main("), code.lastIndexOf("}", code.lastIndexOf("}") - 1));
        assertEquals(9, body.lines().skip(1).filter(l -> !l.isBlank()).count(), body);
    }

    /** The text of the fenced block that starts with {@code opening}, without the fences. */
    static String block(String text, String opening) {
        int start = text.indexOf(opening);
        assertTrue(start >= 0, "no block starting " + opening);
        int from = opening.startsWith("```\n") ? start + 4 : start + opening.length();
        return text.substring(from, text.indexOf("```", start + opening.length()));
    }
}
