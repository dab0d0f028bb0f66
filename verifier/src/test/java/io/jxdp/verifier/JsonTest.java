package io.jxdp.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxdp.verifier.testing.Asm;
import org.junit.jupiter.api.Test;

/** The JSON rendering: every field, escaped. */
class JsonTest {
    @Test
    void aRejection() {
        VerifierResult r = Verifier.verify(Asm.llvm("r0 = r2\nexit", "x\"y"), VerifierOptions.defaults());
        assertEquals(
                "{\"program\":\"x\\\"y\",\"accepted\":false,\"mode\":\"privileged\",\"type\":\"xdp\","
                        + "\"stats\":{\"processed_insns\":1,\"insn_limit\":1000000,\"max_states_per_insn\":0,\"total_states\":0,\"peak_states\":0,\"mark_read\":0},"
                        + "\"error\":{\"code\":\"UNINIT_REG\",\"category\":\"UNSAFE\",\"pc\":0,\"instruction\":\"(bf) r0 = r2\","
                        + "\"kernel_message\":\"R2 !read_ok\",\"register\":2,\"register_state\":\"?\",\"path\":[],"
                        + "\"fact\":\"R2 is not written on this path before it is read\","
                        + "\"hint\":\"Write the register before reading it on every path; after a call, reload R1-R5 (keep values in R6-R9 across calls).\"},"
                        + "\"accesses\":[],\"log\":\"0: R1=ctx() R10=fp0\\n0: (bf) r0 = r2\\nR2 !read_ok\\n"
                        + "processed 1 insns (limit 1000000) max_states_per_insn 0 total_states 0 peak_states 0 mark_read 0\\n\"}",
                r.toJson());
    }

    @Test
    void anAcceptanceWithAccessesAndAPath() {
        VerifierResult r = Verifier.verify(
                Asm.llvm("r2 = *(u32 *)(r1 + 12)\nif r2 == 0 goto +1\nr0 = 1\nr0 = 2\nexit", "p"),
                VerifierOptions.defaults().withLogLevel(0));
        String json = r.toJson();
        assertTrue(json.contains("\"accepted\":true"), json);
        assertTrue(json.contains("\"error\":null"), json);
        assertTrue(
                json.contains(
                        "\"accesses\":[{\"pc\":0,\"region\":\"CTX\",\"map_index\":-1,\"in_bounds\":true,\"min_off\":12,\"max_off\":16,\"size\":4,\"write\":false}]"),
                json);
        assertTrue(json.endsWith("\"log\":\"\"}"), json);
    }
}
