package io.jxdp.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jxdp.isa.Program;
import io.jxdp.verifier.testing.HelperCallCases;
import io.jxdp.verifier.testing.RecordedVerdicts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every helper id 0-212 called by the programs of {@link HelperCallCases}, against the kernel's
 * recorded verdicts and error lines ({@code kernel-verdicts/helpers.tsv}, with the release that
 * answered): the same verdict and the same error line, except where jxdp's model stops before the
 * kernel's does; those cases are listed here with jxdp's own text, and jxdp must give exactly it.
 */
class HelperRecordedTest {
    /**
     * "id variant" -> jxdp's rejection where jxdp's model stops before the kernel's: returned
     * references and BTF pointers, callbacks. The programs carry no BTF, so the kernel refuses a
     * callback's lddw ("missing btf func_info") before the call; jxdp, which does not know whether
     * a program has BTF, goes on to the call.
     */
    static final Map<String, String> NOT_MODELLED = new TreeMap<>(
            Map.ofEntries(
                    Map.entry(
                            "84 args",
                            "jxdp does not model the socket reference bpf_sk_lookup_tcp#84 returns (the kernel's verifier goes on)"), // the kernel: reference leak at exit
                    Map.entry(
                            "85 args",
                            "jxdp does not model the socket reference bpf_sk_lookup_udp#85 returns (the kernel's verifier goes on)"), // the kernel: reference leak at exit
                    Map.entry(
                            "99 args",
                            "jxdp does not model the sock_common reference bpf_skc_lookup_tcp#99 returns (the kernel's verifier goes on)"), // the kernel: reference leak at exit
                    Map.entry(
                            "131 args",
                            "jxdp does not model the ring buffer reservation bpf_ringbuf_reserve#131 returns (the kernel's verifier goes on)"), // the kernel: reference leak at exit
                    Map.entry(
                            "158 bare",
                            "jxdp does not model the BTF-typed kernel pointer bpf_get_current_task_btf#158 returns (the kernel's verifier goes on)"), // the kernel accepts
                    Map.entry(
                            "158 zero",
                            "jxdp does not model the BTF-typed kernel pointer bpf_get_current_task_btf#158 returns (the kernel's verifier goes on)"), // the kernel accepts
                    Map.entry(
                            "158 ctx",
                            "jxdp does not model the BTF-typed kernel pointer bpf_get_current_task_btf#158 returns (the kernel's verifier goes on)"), // the kernel accepts
                    Map.entry(
                            "158 args",
                            "jxdp does not model the BTF-typed kernel pointer bpf_get_current_task_btf#158 returns (the kernel's verifier goes on)"), // the kernel accepts
                    Map.entry(
                            "164 args",
                            "jxdp does not model callbacks: bpf_for_each_map_elem#164 calls a subprogram the kernel verifies in its own frame (the kernel's verifier goes on)"), // the kernel: missing btf func_info (no BTF in the program)
                    Map.entry(
                            "170 args",
                            "R1 type=scalar expected=map_value"), // the kernel refuses the callback's lddw first:
                    // missing btf func_info
                    Map.entry(
                            "180 args",
                            "R1 type=scalar expected=ptr_, trusted_ptr_, rcu_ptr_"), // the kernel refuses the
                    // callback's lddw first: missing
                    // btf func_info
                    Map.entry(
                            "181 args",
                            "jxdp does not model callbacks: bpf_loop#181 calls a subprogram the kernel verifies in its own frame (the kernel's verifier goes on)"), // the kernel: missing btf func_info
                    Map.entry(
                            "209 args",
                            "jxdp does not model callbacks: bpf_user_ringbuf_drain#209 calls a subprogram the kernel verifies in its own frame (the kernel's verifier goes on)"))); // the kernel: missing btf func_info

    @Test
    void jxdpGivesTheKernelsVerdictForEveryHelperId() {
        List<HelperCallCases.Verdict> recorded = HelperCallCases.read();
        assertEquals(HelperCallCases.cases().size(), recorded.size(), "recorded cases");
        List<String> diffs = new ArrayList<>();
        for (HelperCallCases.Verdict r : recorded) {
            Program p = HelperCallCases.program(r.id(), r.variant());
            assertEquals(
                    r.digest(),
                    RecordedVerdicts.digest(p),
                    () -> r.id() + " " + r.variant()
                            + ": HelperCallCases no longer makes the recorded program; re-record (-Pkernel -Djxdp.record=true)");
            VerifierResult ours = Verifier.verify(p, VerifierOptions.defaults());
            String key = r.id() + " " + r.variant();
            String mine = ours.accepted() ? "" : ours.error().orElseThrow().kernelMessage();
            String expected = NOT_MODELLED.get(key);
            if (expected != null) {
                if (!mine.equals(expected)) {
                    diffs.add(key + ": expected jxdp's '" + expected + "', got '" + mine + "'");
                }
            } else if (ours.accepted() != r.accept() || (!r.accept() && !mine.contains(r.error()))) {
                diffs.add("Map.entry(\"" + key + "\", \"" + mine + "\"), // kernel " + r.kernel() + ": "
                        + (r.accept() ? "accept" : r.error()));
            }
        }
        assertEquals(List.of(), diffs, () -> diffs.size() + " differences:\n" + String.join("\n", diffs));
    }
}
