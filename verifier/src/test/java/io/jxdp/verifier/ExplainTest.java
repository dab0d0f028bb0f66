package io.jxdp.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxdp.verifier.testing.Asm;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The explanations the kernel does not give: code, category, path, the deciding fact and a hint. */
class ExplainTest {
    private static VerifierError reject(String text, VerifierOptions options) {
        VerifierResult r = Verifier.verify(Asm.llvm(text, "t"), options);
        return r.error().orElseThrow(() -> new AssertionError("accepted:\n" + r.log()));
    }

    private static VerifierError reject(String text) {
        return reject(text, VerifierOptions.defaults());
    }

    @Test
    void packetRangeTooShortNamesWhereTheRangeCameFrom() {
        VerifierError e = reject("""
                r2 = *(u32 *)(r1 + 0)
                r3 = *(u32 *)(r1 + 4)
                r1 = r2
                r1 += 8
                if r1 > r3 goto +1
                r0 = *(u64 *)(r1 - 4)
                r0 = 1
                exit
                """);
        assertEquals(ErrorCode.PKT_OUT_OF_RANGE, e.code());
        assertEquals(ErrorCategory.UNSAFE, e.category());
        assertEquals(5, e.pc());
        assertEquals("(79) r0 = *(u64 *)(r1 -4)", e.instruction());
        assertEquals(1, e.register());
        assertEquals("pkt(off=8,r=8)", e.registerState());
        assertEquals(List.of(new BranchStep(4, 5, false)), e.path());
        assertEquals(
                "R1 got its packet range r=8 at insn 4 (a comparison with pkt_end); this access reaches beyond it",
                e.fact());
        assertTrue(e.hint().startsWith("Compare data + offset + size with data_end"), e.hint());
        assertEquals(
                "R1 offset is outside of the packet", e.kernelMessage().lines().toArray(String[]::new)[1]);
    }

    @Test
    void aRegisterClobberedByACallSaysSo() {
        VerifierError e = reject("r5 = 1\ncall 5\nr0 = r5\nexit");
        assertEquals(ErrorCode.UNINIT_REG, e.code());
        assertEquals("R5 !read_ok", e.kernelMessage());
        assertEquals(
                "R5 was clobbered by the call to bpf_ktime_get_ns at insn 1; calls leave R1-R5 unreadable", e.fact());
    }

    @Test
    void aMissingNullCheckNamesTheLookup() {
        VerifierError e = reject("""
                .map m type=hash key=4 value=8 max_entries=16
                *(u32 *)(r10 - 4) = 0
                r2 = r10
                r2 += -4
                r1 = m ll
                call 1
                r0 = *(u64 *)(r0 + 0)
                r0 = 0
                exit
                """);
        assertEquals(ErrorCode.MAP_VALUE_OR_NULL_DEREF, e.code());
        assertEquals("R0 invalid mem access 'map_value_or_null'", e.kernelMessage());
        assertEquals(
                "R0 comes from bpf_map_lookup_elem on map m (NULL when the key is absent) at insn 5 and is not null-checked on this path",
                e.fact());
    }

    @Test
    void aPointerTurnedIntoANumberSaysWhere() {
        VerifierError e = reject("w2 = w1\nr0 = *(u32 *)(r2 + 0)\nexit");
        assertEquals(ErrorCode.SCALAR_DEREF, e.code());
        assertEquals(
                "R2 holds a number, not a pointer: it became a 32-bit copy of a pointer (only the low half survives) at insn 0",
                e.fact());
    }

    @Test
    void theBudgetIsItsOwnCategory() {
        VerifierError e = reject(
                "r0 = 5\nif r0 < 4 goto +2\nr0 += 1\ngoto -2\nexit",
                VerifierOptions.defaults().withInsnBudget(10_000));
        assertEquals(ErrorCode.TOO_COMPLEX, e.code());
        assertEquals(ErrorCategory.BUDGET_EXCEEDED, e.category());
        assertTrue(e.fact().contains("the jump at insn 3 ((05) goto pc-2) was walked 4999 times"), e.fact());
        assertEquals("BPF program is too large. Processed 10001 insn", e.kernelMessage());
    }

    @Test
    void cannotProveIsApartFromUnsafe() {
        VerifierError e = reject("""
                .map m type=array key=4 value=16 max_entries=4
                *(u32 *)(r10 - 4) = 0
                r2 = r10
                r2 += -4
                r1 = m ll
                call 1
                if r0 == 0 goto +5
                r6 = r0
                call 7
                r6 += r0
                r1 = *(u8 *)(r6 + 0)
                r0 = 0
                exit
                """);
        assertEquals(ErrorCode.PTR_ARITH_UNBOUNDED, e.code());
        assertEquals(ErrorCategory.CANNOT_PROVE, e.category());
        assertEquals(
                "math between map_value pointer and register with unbounded min value is not allowed",
                e.kernelMessage());
        assertEquals(List.of(new BranchStep(6, 7, false)), e.path());
    }

    @Test
    void unprivilegedLeaksAreNotAllowed() {
        VerifierError e = reject("r0 = r10\nexit", VerifierOptions.defaults().withPrivileged(false));
        assertEquals(ErrorCode.POINTER_LEAK, e.code());
        assertEquals(ErrorCategory.NOT_ALLOWED, e.category());
        assertEquals("R0 leaks addr as return value", e.kernelMessage());
    }

    @Test
    void structuralErrorsAreMalformedWithThePc() {
        VerifierError e = reject("r0 = 0\ngoto +5\nexit");
        assertEquals(ErrorCode.JUMP_OUT_OF_RANGE, e.code());
        assertEquals(ErrorCategory.MALFORMED, e.category());
        assertEquals(1, e.pc());
        assertEquals("jump out of range from insn 1 to 7", e.kernelMessage());
    }

    @Test
    void explainReadsAsOneBlock() {
        VerifierError e = reject("r0 = r2\nexit");
        assertEquals("""
                UNINIT_REG (unsafe) at insn 0: (bf) r0 = r2
                  kernel: R2 !read_ok
                  R2 = ?
                  why: R2 is not written on this path before it is read
                  fix: Write the register before reading it on every path; after a call, reload R1-R5 (keep values in R6-R9 across calls).""", e.explain());
    }

    @Test
    void orThrowGivesAJxdpException() {
        VerifierResult r = Verifier.verify(Asm.llvm("r0 = r2\nexit", "t"));
        VerifierException ex = org.junit.jupiter.api.Assertions.assertThrows(VerifierException.class, r::orThrow);
        assertEquals("insn 0: R2 !read_ok [UNINIT_REG]", ex.getMessage());
    }
}
