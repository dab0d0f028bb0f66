package io.jxdp.jit;

import static io.jxdp.vm.testing.Insns.exit;
import static io.jxdp.vm.testing.Insns.i;
import static io.jxdp.vm.testing.Insns.mov;
import static io.jxdp.vm.testing.Insns.movr;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxdp.isa.Instruction;
import io.jxdp.isa.Opcode;
import io.jxdp.isa.Program;
import io.jxdp.vm.Cpu;
import io.jxdp.vm.EngineKind;
import io.jxdp.vm.LoadedProgram;
import io.jxdp.vm.Vm;
import io.jxdp.vm.VmOptions;
import io.jxdp.vm.memory.AddressSpace;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Functions far beyond one JVM method: split into chunks, every method small enough for HotSpot. */
class LargeProgramTest {
    private static final int MEMORY = 256;

    /**
     * About {@code size} instructions: the entry function loops three times over its first part
     * (a backward jump across many chunks) and calls a second large function now and then; both
     * hash memory words, store back, spill to the stack and branch forward.
     */
    static Program generate(int size) {
        List<Instruction> main = new ArrayList<>();
        List<Instruction> callee = new ArrayList<>();
        main.add(movr(6, 1));
        main.add(mov(0, 0));
        main.add(mov(8, 3));
        int loopStart = main.size();
        int calleeSize = size / 5;
        int block = 0;
        List<Integer> calls = new ArrayList<>();
        while (main.size() < size - calleeSize - 20) {
            block(main, block++);
            if (block % 2000 == 0) {
                main.add(movr(1, 6));
                calls.add(main.size());
                main.add(i(Opcode.CALL_LOCAL, 0, 1, 0, 0)); // target patched below
                main.add(i(Opcode.XOR64_REG, 0, 7, 0, 0));
            }
            if (main.size() - loopStart > 20_000
                    && main.get(main.size() - 1).op() != Opcode.JNE_IMM
                    && block % 1000 == 999
                    && main.stream().noneMatch(x -> x.op() == Opcode.JNE_IMM)) {
                main.add(i(Opcode.SUB64_IMM, 8, 0, 0, 1));
                int pc = main.size();
                main.add(i(Opcode.JNE_IMM, 8, 0, loopStart - pc - 1, 0));
            }
        }
        main.add(exit());
        callee.add(movr(6, 1));
        callee.add(mov(0, 0x5bd1e995));
        for (int b = 0; callee.size() < calleeSize - 2; b++) {
            block(callee, 7 * b + 1);
        }
        callee.add(movr(7, 0));
        callee.add(exit());
        int calleeEntry = main.size();
        for (int pc : calls) {
            main.set(pc, i(Opcode.CALL_LOCAL, 0, 1, 0, calleeEntry - pc - 1));
        }
        List<Instruction> all = new ArrayList<>(main);
        all.addAll(callee);
        return Program.of("large", all, List.of(), java.util.Map.of());
    }

    /** One block of 13 instructions mixing memory, the stack, arithmetic and a forward branch. */
    private static void block(List<Instruction> out, int n) {
        int word = (n * 4) % (MEMORY - 4);
        out.add(i(Opcode.LDXW, 2, 6, word, 0));
        out.add(i(Opcode.ADD64_IMM, 2, 0, 0, n & 0xfff));
        out.add(i(Opcode.XOR64_REG, 0, 2, 0, 0));
        out.add(i(Opcode.MUL64_IMM, 0, 0, 0, 16_777_619));
        out.add(movr(3, 0));
        out.add(i(Opcode.RSH64_IMM, 3, 0, 0, 29));
        out.add(i(Opcode.XOR64_REG, 0, 3, 0, 0));
        out.add(i(Opcode.JSET_IMM, 0, 0, 1, 1 << (n % 5)));
        out.add(i(Opcode.ADD64_IMM, 0, 0, 0, 7));
        out.add(i(Opcode.STXW, 6, 0, (n * 8) % (MEMORY - 8), 0));
        out.add(i(Opcode.STXDW, 10, 0, -8 - 8 * (n % 64), 0));
        out.add(i(Opcode.LDXDW, 4, 10, -8 - 8 * ((n + 3) % 64), 0));
        out.add(i(Opcode.ADD64_REG, 0, 4, 0, 0));
    }

    private static long run(LoadedProgram p, byte[] memory) {
        return Vm.runWithMemory(p, new Cpu(0, new AddressSpace()), memory);
    }

    @Test
    void aHundredThousandInstructionsRunSplitIntoMethodsHotSpotCompiles() {
        Program program = generate(100_000);
        assertTrue(program.size() >= 99_000, "program size " + program.size());
        List<String> warnings = new ArrayList<>();
        VmOptions options = VmOptions.defaults().withWarnings(warnings::add);
        LoadedProgram jit = Vm.load(program, options.withEngine(EngineKind.JIT));
        assertEquals(List.of(), warnings);
        assertEquals(EngineKind.JIT, jit.engine());
        JitProgram compiled = (JitProgram) jit;
        assertTrue(compiled.largestMethod() < CodeSize.HUGE_METHOD_LIMIT, "largest method " + compiled.largestMethod());
        assertTrue(compiled.methods() > 100, "only " + compiled.methods() + " methods");

        byte[] expectedMemory = new byte[MEMORY];
        byte[] actualMemory = new byte[MEMORY];
        for (int i = 0; i < MEMORY; i++) {
            expectedMemory[i] = actualMemory[i] = (byte) (i * 31);
        }
        long expected = run(Vm.load(program, options), expectedMemory);
        assertEquals(expected, run(jit, actualMemory));
        assertArrayEquals(expectedMemory, actualMemory);
    }

    @Test
    void aProgramBeyondTheClassFileLimitsRunsOnTheInterpreterWithAWarning() {
        // 70,000 distinct 64-bit constants: more than a class file's constant pool holds
        List<Instruction> insns = new ArrayList<>();
        for (long k = 0; k < 70_000; k++) {
            insns.add(i(Opcode.LDDW, 1, 0, 0, 0x1234_5678_0000_0000L + k * 0x1_0001L));
            insns.add(i(Opcode.XOR64_REG, 0, 1, 0, 0));
        }
        insns.add(exit());
        Program program = Program.of(insns);
        List<String> warnings = new ArrayList<>();
        LoadedProgram p =
                Vm.load(program, VmOptions.defaults().withEngine(EngineKind.JIT).withWarnings(warnings::add));
        assertEquals(EngineKind.INTERPRETER, p.engine());
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).startsWith("jit: program prog runs on the interpreter: "), warnings.get(0));
        assertEquals(
                run(Vm.load(program, VmOptions.defaults().withEngine(EngineKind.INTERPRETER)), null), run(p, null));
    }

    @Test
    void chunkedClassesPassAsmsVerifier() {
        GeneratedClasses.verify(GeneratedClasses.bytesOf(generate(6_000), VmOptions.defaults()));
    }
}
