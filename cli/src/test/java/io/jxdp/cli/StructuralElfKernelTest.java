package io.jxdp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Live ({@code -Pkernel}): the ELF objects with malformed code that {@link ExitCodeTest} verifies,
 * loaded by {@code bpftool prog load}: the kernel's log must be the log {@code jxdp verify} prints.
 * Needs root and bpftool; under -Pkernel their absence is a failure.
 */
@Tag("kernel")
class StructuralElfKernelTest {
    @ParameterizedTest
    @ValueSource(strings = {"reserved_field.o", "two_faults.o"})
    void bpftoolPrintsTheLogJxdpVerifyPrints(String object) throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        if ((!root || !bpftool()) && Boolean.getBoolean("jxdp.kernel.required")) {
            fail("-Pkernel asks the running kernel, but this machine cannot: needs root and bpftool");
        }
        assumeTrue(root && bpftool(), "needs root and bpftool");
        Path file = Path.of(
                StructuralElfKernelTest.class.getResource("/elf/" + object).toURI());
        String pin = "/sys/fs/bpf/jxdp_structural_" + ProcessHandle.current().pid() + "_" + object.replace('.', '_');
        String out = exec("bpftool", "prog", "load", file.toString(), pin);
        exec("rm", "-f", pin); // loaded only if the kernel accepted it, which it must not
        int begin = out.indexOf("-- BEGIN PROG LOAD LOG --\n");
        int end = out.indexOf("-- END PROG LOAD LOG --");
        assumeTrue(begin >= 0 && end > begin, () -> "bpftool printed no load log:\n" + out);
        String kernelLog = out.substring(begin + "-- BEGIN PROG LOAD LOG --\n".length(), end);
        CliTest jxdp = CliTest.run("verify", file.toString());
        assertEquals(1, jxdp.exit, jxdp.err);
        assertEquals(kernelLog, jxdp.out.substring(0, jxdp.out.indexOf("\n\n") + 1));
    }

    private static boolean bpftool() throws IOException, InterruptedException {
        return new ProcessBuilder("sh", "-c", "command -v bpftool").start().waitFor() == 0;
    }

    private static String exec(String... command) throws IOException, InterruptedException, URISyntaxException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(String.join(" ", command) + " timed out");
        }
        return out;
    }
}
