package io.jxdp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jxdp --version}, and {@code -j} for {@code --json} on every command that has it. */
class VersionAndShortJsonTest {
    @TempDir
    Path dir;

    @Test
    void versionNamesTheBuildsVersionAndTheLaunchersCommit() throws Exception {
        // the version from the pom (the cli module inherits its parent's); no launcher here, so no commit
        Matcher m = Pattern.compile("<parent>.*?<version>([^<]+)</version>", Pattern.DOTALL)
                .matcher(Files.readString(Path.of("pom.xml")));
        assertEquals(true, m.find());
        String java = "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")\n";
        for (String flag : new String[] {"--version", "-V"}) {
            CliTest r = CliTest.run(flag);
            assertEquals(0, r.exit, r.err);
            assertEquals("jxdp " + m.group(1) + " (commit unknown)\n" + java, r.out);
            assertEquals("", r.err);
        }
        assertEquals("jxdp " + m.group(1) + " (commit 0123456789ab)", Version.line("0123456789ab"));
        assertEquals("jxdp " + m.group(1) + " (commit unknown)", Version.line(""));
    }

    @Test
    void dashJIsJsonWhereverJsonIs() throws Exception {
        Path prog = Files.writeString(dir.resolve("p.bpf"), "r0 = 2\nexit\n");
        Path packet = Files.write(dir.resolve("pkt.bin"), new byte[60]);
        CliTest verifyLong = CliTest.run("verify", prog.toString(), "--json");
        CliTest verifyShort = CliTest.run("verify", prog.toString(), "-j");
        assertEquals(0, verifyShort.exit, verifyShort.err);
        assertEquals(verifyLong.out, verifyShort.out);
        assertEquals(true, verifyShort.out.startsWith("{"), verifyShort.out);
        CliTest testRun = CliTest.run("test-run", prog.toString(), "--data-in", packet.toString(), "-j");
        assertEquals(0, testRun.exit, testRun.err);
        assertEquals(true, testRun.out.startsWith("{\"retval\":2,\"duration\":"), testRun.out);
        CliTest run = CliTest.run("run", prog.toString(), "--count", "100", "-j");
        assertEquals(0, run.exit, run.err);
        assertEquals(
                CliTest.run("run", prog.toString(), "--count", "100", "--json")
                        .out
                        .lines()
                        .findFirst(),
                run.out.lines().findFirst());
        assertEquals(true, run.out.startsWith("{"), run.out);
    }
}
