package io.jxdp.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxdp.asm.Assembler;
import io.jxdp.asm.Syntax;
import io.jxdp.isa.Program;
import io.jxdp.isa.codec.Decoder;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What jxdp adds to the kernel's words for programs refused for their structure: code, pc, instruction, hint. */
class StructuralErrorTest {
    private static Program raw(String hex) {
        return Decoder.decodeLenient(HexFormat.of().parseHex(hex.replace(" ", "")), "p.bin", List.of());
    }

    private static VerifierError error(Program p, VerifierOptions options) {
        VerifierResult r = Verifier.verify(p, options);
        assertTrue(!r.accepted(), r::log);
        return r.error().orElseThrow();
    }

    @Test
    void anUnknownOpcodeNamesItsSlotAndShowsItsBytes() {
        VerifierError e = error(raw("b700000000000000 e70b000000000000 9500000000000000"), VerifierOptions.defaults());
        assertEquals(
                "UNKNOWN_OPCODE (malformed) at insn 1: (e7) e7 0b 00 00 00 00 00 00\n"
                        + "  kernel: unknown opcode e7\n"
                        + "  fix: Use only opcodes of the eBPF instruction set; bytes that are no opcode often mean a truncated or misaligned program.",
                e.explain());
    }

    @Test
    void aReservedFieldIsJudgedWhenThePathReachesIt() {
        VerifierResult r = Verifier.verify(raw("b701000100000000 9500000000000000"), VerifierOptions.defaults());
        assertEquals(
                "0: R1=ctx() R10=fp0\n0: (b7) r1 = 0\nBPF_MOV uses reserved fields\n"
                        + "processed 1 insns (limit 1000000) max_states_per_insn 0 total_states 0 peak_states 0 mark_read 0\n",
                r.log());
        VerifierError e = r.error().orElseThrow();
        assertEquals(ErrorCode.RESERVED_FIELDS, e.code());
        assertEquals(0, e.pc());
        assertEquals("(b7) r1 = 0", e.instruction());
    }

    @Test
    void theSecondHalfOfAnLddwHasNoInstructionToShow() {
        VerifierError e = error(raw("b700000000000000 1800000000000000 0000000000000000"), VerifierOptions.defaults());
        assertEquals(
                "LAST_INSN_NOT_EXIT (malformed) at insn 2\n  kernel: last insn is not an exit or jmp\n"
                        + "  fix: End every function with exit (or an unconditional goto).",
                e.explain());
    }

    @Test
    void brokenLddwPairsAndCallx() {
        assertEquals(
                ErrorCode.INVALID_LDDW,
                error(raw("1871000000000000 0000000000000000 9500000000000000"), VerifierOptions.defaults())
                        .code());
        VerifierError callx =
                error(raw("b700000000000000 8d00000000000000 9500000000000000"), VerifierOptions.defaults());
        assertEquals(ErrorCode.UNSUPPORTED_INSN, callx.code());
        assertEquals("unknown opcode 8d", callx.kernelMessage());
    }

    @Test
    void anOddByteSwapWidthFromTextIsRejectedByTheWalkAsTheKernelDoes() {
        Program p = Assembler.assemble("r0 = 0\nr0 = le8 r0\nexit\n", "le8.bpf", Syntax.LLVM);
        VerifierResult r = Verifier.verify(p, VerifierOptions.defaults());
        assertTrue(
                r.log()
                        .endsWith(
                                "1: (d4) r0 = le8 r0\nBPF_END uses reserved fields\n"
                                        + "processed 2 insns (limit 1000000) max_states_per_insn 0 total_states 0 peak_states 0 mark_read 0\n"),
                r.log());
        assertEquals(ErrorCode.RESERVED_FIELDS, r.error().orElseThrow().code());
    }

    @Test
    void unprivilegedLoadersMayNotTakeAFunctionsAddress() {
        VerifierError e = error(
                raw(
                        "1840000002000000 0000000000000000 b700000000000000 9500000000000000 b700000000000000 9500000000000000"),
                VerifierOptions.defaults().withPrivileged(false));
        assertEquals(
                "loading/calling other bpf or kernel functions are allowed for CAP_BPF and CAP_SYS_ADMIN",
                e.kernelMessage());
        assertEquals(0, e.pc());
    }

    @Test
    void anExitWithAnOffsetIsAnExitToTheKernelSoTheProgramIsAccepted() {
        // jxdp's engines refuse the slot (ProgramCheck): verified is not runnable here
        VerifierResult r = Verifier.verify(raw("b700000000000000 9500010000000000"), VerifierOptions.defaults());
        assertTrue(r.accepted(), r::log);
    }
}
