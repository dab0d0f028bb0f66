package io.jxdp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyCommandTest {
    @TempDir
    Path dir;

    private Path write(String text) throws Exception {
        Path p = dir.resolve("p.bpf");
        Files.writeString(p, text);
        return p;
    }

    @Test
    void anUncheckedPacketReadIsRejectedWithTheKernelsTextAndAnExplanation() throws Exception {
        Path p = write("r2 = *(u32 *)(r1 + 0)\nr3 = *(u32 *)(r1 + 4)\nr0 = *(u8 *)(r2 + 20)\nexit\n");
        CliTest r = CliTest.run("verify", p.toString());
        assertEquals(1, r.exit, r.err);
        assertTrue(
                r.out.contains(
                        "invalid access to packet, off=20 size=1, R2(id=0,off=20,r=0)\nR2 offset is outside of the packet\n"),
                r.out);
        assertTrue(
                r.out.contains(
                        "processed 3 insns (limit 1000000) max_states_per_insn 0 total_states 0 peak_states 0 mark_read 0"),
                r.out);
        assertTrue(r.out.contains("PKT_OUT_OF_RANGE (unsafe) at insn 2: (71) r0 = *(u8 *)(r2 +20)"), r.out);
        assertTrue(r.out.contains("  fix: Compare data + offset + size with data_end before the access"), r.out);
    }

    @Test
    void theShippedProgramsVerify() {
        for (String name : io.jxdp.programs.ProgramResources.ALL) {
            Path p = Path.of("..", "programs", "src", "main", "resources", "programs", name);
            String type = name.contains("cpumap_") ? "xdp-cpumap" : "xdp";
            CliTest r = CliTest.run("verify", p.toString(), "--type", type, "--log-level", "0");
            assertEquals(0, r.exit, name + ": " + r.out + r.err);
            assertTrue(r.out.strip().endsWith("accepted"), r.out);
        }
    }

    @Test
    void runAndTestRunRefuseARejectedProgramUnlessToldNotToVerify() throws Exception {
        Path p = write("r2 = *(u32 *)(r1 + 0)\nr0 = *(u8 *)(r2 + 20)\nexit\n");
        Path packet = dir.resolve("packet.bin");
        Files.write(packet, new byte[64]);
        CliTest refused = CliTest.run("test-run", p.toString(), "--data-in", packet.toString());
        assertEquals(1, refused.exit);
        assertTrue(refused.err.contains("the verifier rejected the program"), refused.err);
        CliTest unverified = CliTest.run("test-run", p.toString(), "--data-in", packet.toString(), "--no-verify");
        assertEquals(0, unverified.exit, unverified.err);
        assertTrue(unverified.out.startsWith("Return value: 0, duration: "), unverified.out);
        assertEquals(1, CliTest.run("run", p.toString(), "--count", "100").exit);
    }

    @Test
    void jsonAndBadInput() throws Exception {
        Path p = write("r0 = 2\nexit\n");
        CliTest r = CliTest.run("verify", p.toString(), "--json");
        assertEquals(0, r.exit);
        assertTrue(
                r.out.startsWith(
                        "{\"program\":\"" + p + "\",\"accepted\":true,\"mode\":\"privileged\",\"type\":\"xdp\""),
                r.out);
        CliTest.run("verify", p.toString(), "--type", "tc")
                .badInput("--type must be xdp, xdp-cpumap, xdp-devmap or mem:SIZE, got 'tc'");
        CliTest.run("verify", dir.resolve("missing.bpf").toString()).badInput("missing.bpf: no such file");
    }
}
