package io.jxdp.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxdp.isa.AluOp;
import io.jxdp.isa.Form;
import io.jxdp.isa.Instruction;
import io.jxdp.isa.JmpOp;
import io.jxdp.isa.Opcode;
import io.jxdp.isa.Program;
import io.jxdp.isa.ProgramCheck;
import io.jxdp.isa.Source;
import io.jxdp.verifier.testing.RandomPrograms;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random programs over the ISA: the verifier never throws, and a program it accepts holds no
 * structural surprise (ProgramCheck passes, every access fact is at a memory instruction the walk
 * reached, in bounds). The run-on-both-engines soundness check uses {@link VerifiedProgram} too.
 */
class PropertyTest {
    private static final Opcode[] OPS = Opcode.values();

    /** A random sequence of instructions: mostly nonsense, sometimes a program. */
    static Program anyProgram(Random rnd) {
        int n = 1 + rnd.nextInt(12);
        List<Instruction> insns = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Opcode op = OPS[rnd.nextInt(OPS.length)];
            if (op.form() == Form.LDDW || op.form() == Form.CALL_KFUNC || op == Opcode.CALL_LOCAL) {
                op = Opcode.MOV64_IMM;
            }
            long imm = switch (rnd.nextInt(4)) {
                case 0 -> rnd.nextInt(8);
                case 1 -> rnd.nextInt();
                case 2 -> new int[] {16, 32, 64}[rnd.nextInt(3)];
                default -> -rnd.nextInt(16);
            };
            if (op.form() == Form.CALL_HELPER) {
                imm = new int[] {1, 2, 3, 5, 6, 7, 8, 23, 28, 44, 51, 54, 65, 9999}[rnd.nextInt(14)];
            }
            if (op.form() == Form.ALU_END) {
                imm = new int[] {16, 32, 64}[rnd.nextInt(3)];
            }
            int off = rnd.nextInt(3) == 0 ? -8 * (1 + rnd.nextInt(4)) : rnd.nextInt(5) - 2;
            insns.add(Instruction.of(op, rnd.nextInt(11), rnd.nextInt(11), off, imm));
        }
        insns.add(Instruction.of(Opcode.MOV64_IMM, 0, 0, 0, 0));
        insns.add(Instruction.of(Opcode.EXIT, 0, 0, 0, 0));
        return Program.of("any", insns, List.of(), Map.of());
    }

    private static void checkAccepted(VerifierResult r) {
        if (!r.accepted()) {
            assertTrue(r.error().orElseThrow().kernelMessage().length() > 0);
            return;
        }
        VerifiedProgram v = r.orThrow();
        ProgramCheck.check(v.program());
        for (AccessFact f : v.accesses().values()) {
            Form form = v.program().at(f.pc()).op().form();
            assertTrue(
                    form == Form.LOAD || form == Form.STORE_IMM || form == Form.STORE_REG || form == Form.ATOMIC,
                    f::toString);
            assertTrue(v.reached(f.pc()));
            assertTrue(f.inBounds());
            if (f.region() == Region.STACK) {
                assertTrue(f.minOff() >= -512 && f.maxOff() <= 0, f::toString);
            }
        }
    }

    @Test
    void randomInstructionSequences() {
        Random rnd = new Random(42);
        int accepted = 0;
        for (int i = 0; i < 3000; i++) {
            Program p = anyProgram(rnd);
            for (boolean priv : new boolean[] {true, false}) {
                VerifierResult r = Verifier.verify(
                        p, VerifierOptions.defaults().withPrivileged(priv).withLogLevel(2));
                checkAccepted(r);
                if (r.accepted()) {
                    accepted++;
                }
            }
        }
        assertTrue(accepted > 0);
    }

    @Test
    void randomBoundsPrograms() {
        for (long seed = 0; seed < 400; seed++) {
            checkAccepted(Verifier.verify(RandomPrograms.generate(seed), VerifierOptions.defaults()));
        }
    }

    @Test
    void theSameProgramGivesTheSameResult() {
        Program p = RandomPrograms.generate(7);
        VerifierResult a = Verifier.verify(p, VerifierOptions.defaults().withLogLevel(2));
        VerifierResult b = Verifier.verify(p, VerifierOptions.defaults().withLogLevel(2));
        assertEquals(a.log(), b.log());
        assertEquals(a.toJson(), b.toJson());
    }

    @Test
    void shiftsAndDivisionsByImmediatesFollowTheRules() {
        for (AluOp op : new AluOp[] {AluOp.LSH, AluOp.RSH, AluOp.ARSH}) {
            for (boolean is64 : new boolean[] {true, false}) {
                int width = is64 ? 64 : 32;
                Program bad = Program.of(List.of(
                        Instruction.of(Opcode.MOV64_IMM, 0, 0, 0, 1),
                        Instruction.of(Opcode.alu(op, Source.K, is64), 0, 0, 0, width),
                        Instruction.of(Opcode.EXIT, 0, 0, 0, 0)));
                assertEquals(
                        "invalid shift " + width,
                        Verifier.verify(bad).error().orElseThrow().kernelMessage());
            }
        }
        Program jset = Program.of(List.of(
                Instruction.of(Opcode.MOV64_IMM, 0, 0, 0, 1),
                Instruction.of(Opcode.jump(JmpOp.JSET, Source.K, false), 0, 0, 0, 1),
                Instruction.of(Opcode.EXIT, 0, 0, 0, 0)));
        assertTrue(Verifier.verify(jset).accepted());
    }
}
