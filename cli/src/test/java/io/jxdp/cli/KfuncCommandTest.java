package io.jxdp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Objects calling kfuncs are judged, never refused as bad input: each answer below is what
 * {@code bpftool prog load} printed for the same object on Linux 6.18.44 (the release the kfunc
 * table is recorded from), as libbpf's message or the verifier's last line, exit 1.
 */
class KfuncCommandTest {
    private static String fixture(String name) {
        return Path.of("..", "assembler", "src", "test", "resources", "elf", name)
                .toString();
    }

    /** The verifier's log lines from the first instruction line on, and the exit code. */
    private static List<String> logTail(CliTest r, int lines) {
        List<String> all = r.out.lines().toList();
        int end = all.indexOf("");
        return all.subList(Math.max(0, end - lines), end);
    }

    @Test
    void aKernelFunctionXdpMayNotCallIsTheVerifiersRejection() {
        CliTest r = CliTest.run("verify", fixture("kfuncs.o"), "--prog", "xdp_denied");
        assertEquals(1, r.exit, r.err);
        assertEquals(
                List.of(
                        "3: (85) call bpf_dynptr_from_skb#63300",
                        "calling kernel function bpf_dynptr_from_skb is not allowed",
                        "processed 4 insns (limit 1000000) max_states_per_insn 0 total_states 0 peak_states 0 mark_read 0"),
                logTail(r, 3));
    }

    @Test
    void aWeakExternNoKernelHasLeavesR0Unset() {
        CliTest r = CliTest.run("verify", fixture("kfuncs.o"), "--prog", "xdp_weak");
        assertEquals(1, r.exit, r.err);
        assertEquals(
                List.of(
                        "0: (85) call #0",
                        "1: (95) exit",
                        "R0 !read_ok",
                        "processed 2 insns (limit 1000000) max_states_per_insn 0 total_states 0 peak_states 0 mark_read 0"),
                logTail(r, 4));
    }

    @Test
    void aStrongExternNoKernelHasFailsTheLoadForEveryProgram() {
        for (String prog : List.of("xdp_unknown", "xdp_plain")) {
            CliTest r = CliTest.run("verify", fixture("kfunc_unknown.o"), "--prog", prog);
            assertEquals(1, r.exit, r.err);
            assertEquals(
                    "jxdp verify: " + fixture("kfunc_unknown.o")
                            + ": libbpf: extern (func ksym) 'bpf_not_in_any_kernel': not found in kernel or module BTFs",
                    r.err.lines().findFirst().orElse(""));
        }
    }

    @Test
    void aProgramWhoseLicenseIsNotGplMayCallNoKernelFunction() {
        CliTest r = CliTest.run("verify", fixture("kfunc_proprietary.o"));
        assertEquals(1, r.exit, r.err);
        assertEquals(
                List.of(
                        "cannot call kernel function from non-GPL compatible program",
                        "processed 0 insns (limit 1000000) max_states_per_insn 0 total_states 0 peak_states 0 mark_read 0"),
                logTail(r, 2));
    }
}
