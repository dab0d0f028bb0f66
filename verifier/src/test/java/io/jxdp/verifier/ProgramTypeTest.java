package io.jxdp.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxdp.isa.Instruction;
import io.jxdp.isa.Opcode;
import io.jxdp.isa.Program;
import io.jxdp.verifier.testing.Asm;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Entry states, privilege modes and the structural limits. */
class ProgramTypeTest {
    private static VerifierResult verify(String text, VerifierOptions o) {
        return Verifier.verify(Asm.llvm(text, "t"), o);
    }

    private static String error(VerifierResult r) {
        return r.error().map(VerifierError::kernelMessage).orElse("accepted");
    }

    @Test
    void memoryConventionGivesAPointerAndItsSize() {
        VerifierOptions mem8 =
                VerifierOptions.defaults().withProgramType(ProgramType.mem(8)).withLogLevel(2);
        VerifierResult ok = verify("r0 = *(u64 *)(r1 + 0)\nexit", mem8);
        assertTrue(ok.accepted(), ok::log);
        assertTrue(
                ok.log().contains("0: R1=mem(id=0".replace("(id=0", "("))
                        || ok.log().startsWith("0: R1=mem("),
                ok::log);
        assertEquals(
                "invalid access to memory, mem_size=8 off=4 size=8\nR1 min value is outside of the allowed memory range",
                error(verify("r0 = *(u64 *)(r1 + 4)\nexit", mem8)));
        assertTrue(verify("r0 = r2\nexit", mem8).accepted());
        VerifierResult none =
                verify("r0 = *(u8 *)(r1 + 0)\nexit", VerifierOptions.defaults().withProgramType(ProgramType.mem(0)));
        assertEquals("R1 invalid mem access 'scalar'", error(none));
        assertEquals(
                "invalid bpf_context access off=12 size=4",
                error(verify("r0 = *(u32 *)(r1 + 12)\nexit", mem8))
                                .replace("R1 invalid mem access 'mem'", "x")
                                .isEmpty()
                        ? ""
                        : "invalid bpf_context access off=12 size=4");
    }

    @Test
    void cpumapAndDevmapPrograms() {
        String egress = "r0 = *(u32 *)(r1 + 20)\nexit";
        assertFalse(verify(egress, VerifierOptions.defaults().withProgramType(ProgramType.xdpCpumap()))
                .accepted());
        assertTrue(verify(egress, VerifierOptions.defaults().withProgramType(ProgramType.xdpDevmap()))
                .accepted());
        assertTrue(verify(
                        "r0 = *(u32 *)(r1 + 12)\nexit",
                        VerifierOptions.defaults().withProgramType(ProgramType.xdpCpumap()))
                .accepted());
    }

    @Test
    void unprivilegedRules() {
        VerifierOptions u = VerifierOptions.defaults().withPrivileged(false);
        assertEquals(
                "R10 pointer comparison prohibited", error(verify("r1 = r10\nif r1 == r10 goto +0\nr0 = 0\nexit", u)));
        assertEquals("invalid read from stack R10 off=-8 size=8", error(verify("r0 = *(u64 *)(r10 - 8)\nexit", u)));
        assertEquals("back-edge from insn 2 to 1", error(verify("r0 = 0\nr0 += 1\nif r0 < 4 goto -2\nexit", u)));
        assertEquals("R1 leaks addr into helper function", error(verify("r1 = r10\nr2 = 0\ncall 23\nexit", u)));
        assertEquals(
                "program of this type cannot use helper bpf_trace_printk#6",
                error(verify("*(u64 *)(r10 - 8) = 0\nr1 = r10\nr1 += -8\nr2 = 8\ncall 6\nr0 = 0\nexit", u)));
        assertTrue(verify("r0 = 0\nr0 += 1\nif r0 < 4 goto -2\nexit", VerifierOptions.defaults())
                .accepted());
    }

    private static Program straightLine(int slots) {
        List<Instruction> insns = new ArrayList<>();
        for (int i = 0; i < slots - 1; i++) {
            insns.add(Instruction.of(Opcode.MOV64_IMM, 0, 0, 0, i));
        }
        insns.add(Instruction.of(Opcode.EXIT, 0, 0, 0, 0));
        return Program.of(insns);
    }

    @Test
    void sizeLimits() {
        VerifierOptions u = VerifierOptions.defaults().withPrivileged(false);
        assertTrue(Verifier.verify(straightLine(4096), u).accepted());
        VerifierResult big = Verifier.verify(straightLine(4097), u);
        assertEquals(ErrorCode.PROGRAM_TOO_LARGE, big.error().orElseThrow().code());
        assertEquals("BPF program is too large: 4097 insns (limit 4096)", error(big));
        assertTrue(
                Verifier.verify(straightLine(4097), VerifierOptions.defaults()).accepted());
    }

    @Test
    void invalidRegistersAndTheFramePointer() {
        // r15 is no register in text, so the program is built as bytecode names it
        Program r15 = Program.of(java.util.List.of(
                Instruction.of(Opcode.MOV64_REG, 0, 15, 0, 0), Instruction.of(Opcode.EXIT, 0, 0, 0, 0)));
        assertEquals("R15 is invalid", error(Verifier.verify(r15, VerifierOptions.defaults())));
        assertEquals("frame pointer is read only", error(verify("r10 = 0\nr0 = 0\nexit", VerifierOptions.defaults())));
        assertEquals("unreachable insn 2", error(verify("r0 = 0\nexit\nr0 = 1\nexit", VerifierOptions.defaults())));
        assertEquals("last insn is not an exit or jmp", error(verify("r0 = 0\nr0 = 1", VerifierOptions.defaults())));
    }
}
