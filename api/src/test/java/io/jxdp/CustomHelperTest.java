package io.jxdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxdp.vm.EngineKind;
import io.jxdp.vm.FaultKind;
import io.jxdp.vm.VmFault;
import org.junit.jupiter.api.Test;

/** Helpers written as lambdas, registered by id, on both engines. */
class CustomHelperTest {
    /** r0 = helper 7 (the kernel's bpf_get_prandom_u32, here replaced). */
    private static final String CALL_7 = "call 7\nexit\n";

    /** Puts 0x1122 on the stack, calls helper 1000 with (fp-8, 5), and returns the stack slot it rewrote plus r0. */
    private static final String CALL_1000 = String.join(
            "\n",
            "    r1 = 0x1122",
            "    *(u64 *)(r10 - 8) = r1",
            "    r1 = r10",
            "    r1 += -8",
            "    r2 = 5",
            "    call 1000",
            "    r1 = *(u64 *)(r10 - 8)",
            "    r0 += r1",
            "    exit",
            "");

    @Test
    void aHelperReplacingAKernelHelperIsVerifiedWithItsPrototype() {
        for (EngineKind engine : EngineKind.values()) {
            XdpProgram p = Jxdp.loader()
                    .engine(engine)
                    .helper(7, "get_prandom_u32", ctx -> 3)
                    .assemble("call7.bpf", CALL_7);
            assertTrue(p.verification().accepted());
            assertEquals(3, p.run(new byte[60]).returnValue(), engine.name());
        }
    }

    @Test
    void aHelperTheKernelLacksIsRejectedByTheVerifierAsTheKernelWould() {
        RejectedException e = assertThrows(
                RejectedException.class,
                () -> Jxdp.loader().helper(1000, "mine", ctx -> 0).assemble("call1000.bpf", CALL_1000));
        assertEquals("invalid func unknown#1000", e.verification().message());
    }

    @Test
    void aHelperReadsAndWritesTheProgramsMemoryThroughItsContext() {
        for (EngineKind engine : EngineKind.values()) {
            XdpProgram p = Jxdp.loader()
                    .engine(engine)
                    .verify(false)
                    .helper(1000, "mine", ctx -> {
                        long old = ctx.load(ctx.arg(1), 8);
                        ctx.write(ctx.arg(1), new byte[] {0x44, 0x33});
                        return old + ctx.arg(2) + ctx.cpu();
                    })
                    .assemble("call1000.bpf", CALL_1000);
            // r0 = 0x1122 + 5 + cpu 0; the slot now holds 0x3344
            assertEquals(0x1122 + 5 + 0x3344, p.run(new byte[60]).returnValue(), engine.name());
        }
    }

    @Test
    void aHelperCannotReachBeyondWhatTheProgramMayAddress() {
        for (EngineKind engine : EngineKind.values()) {
            XdpProgram p = Jxdp.loader()
                    .engine(engine)
                    .verify(false)
                    .helper(1000, "mine", ctx -> ctx.read(ctx.arg(1), 16).length)
                    .assemble("call1000.bpf", CALL_1000);
            // 16 bytes from fp-8 run past the stack's top
            VmFault f = assertThrows(VmFault.class, () -> p.run(new byte[60]));
            assertEquals(5, f.pc(), engine.name());
            assertEquals(FaultKind.OUT_OF_BOUNDS, f.kind(), engine.name());
        }
    }
}
