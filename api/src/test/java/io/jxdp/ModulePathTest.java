package io.jxdp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The module descriptors work for an application on the module path: it requires {@code io.jxdp}
 * alone, reads the types the API names through {@code requires transitive}, and gets the JIT,
 * which it never names, by service binding.
 */
class ModulePathTest {
    private static final String DESCRIPTOR = "module example { requires io.jxdp; }\n";
    private static final String MAIN = String.join(
            "\n",
            "package example;",
            "",
            "import io.jxdp.Jxdp;",
            "import io.jxdp.XdpProgram;",
            "import io.jxdp.vm.XdpAction;",
            "",
            "public class Main {",
            "    public static void main(String[] args) {",
            "        XdpProgram p = Jxdp.loader().assemble(\"pass.bpf\", \"r0 = 2\\nexit\\n\");",
            "        XdpAction a = p.run(new byte[60]).action();",
            "        System.out.println(p.engine() + \" \" + a + \" \" + Main.class.getModule().getName()",
            "                + \" \" + Jxdp.class.getModule().getName());",
            "    }",
            "}",
            "");

    @Test
    void anApplicationRequiringIoJxdpRunsOnTheModulePathWithTheJit(@TempDir Path dir) throws Exception {
        Path src = dir.resolve("src");
        Files.createDirectories(src.resolve("example"));
        Files.writeString(src.resolve("module-info.java"), DESCRIPTOR);
        Files.writeString(src.resolve("example/Main.java"), MAIN);
        Path out = dir.resolve("out");
        String modulePath = modulePath();

        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int rc = ToolProvider.getSystemJavaCompiler()
                .run(
                        null,
                        diagnostics,
                        diagnostics,
                        "-proc:none",
                        "--module-path",
                        modulePath,
                        "-d",
                        out.toString(),
                        src.resolve("module-info.java").toString(),
                        src.resolve("example/Main.java").toString());
        assertEquals(0, rc, diagnostics.toString(StandardCharsets.UTF_8));

        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path",
                modulePath + File.pathSeparator + out,
                "-m",
                "example/example.Main"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(true, p.waitFor(60, TimeUnit.SECONDS), output);
        assertEquals(0, p.exitValue(), output);
        assertEquals("JIT PASS example io.jxdp\n", output);
    }

    /** The application's module path: every main artifact on the test class path, no test code or test libraries. */
    private static String modulePath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator, -1))
                .filter(e -> !e.isEmpty())
                .filter(e -> !e.contains("test-classes") && !e.endsWith("-tests.jar"))
                .filter(e -> !e.contains("junit") && !e.contains("opentest4j") && !e.contains("apiguardian"))
                .filter(e -> !e.contains("surefire"))
                .collect(Collectors.joining(File.pathSeparator));
    }
}
