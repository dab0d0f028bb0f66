package io.jxdp.jit;

import static org.junit.jupiter.api.Assertions.fail;

import io.jxdp.isa.Program;
import io.jxdp.vm.Cpu;
import io.jxdp.vm.EngineKind;
import io.jxdp.vm.LinkedProgram;
import io.jxdp.vm.LoadedProgram;
import io.jxdp.vm.Vm;
import io.jxdp.vm.VmFault;
import io.jxdp.vm.VmOptions;
import io.jxdp.vm.interp.InstructionText;
import io.jxdp.vm.memory.AddressSpace;
import io.jxdp.vm.memory.Memory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Runs seeded random programs ({@link RandomProgram}) on the interpreter and the JIT, each on a
 * fresh Cpu, and requires the same outcome: r0 or the fault (kind, pc and message), the memory or
 * packet, the whole stack, and the trace output. Where the generator knows facts that hold, the JIT
 * also gets them, so the verified fast paths are fuzzed too; every fourth program also runs split
 * into chunks of a few instructions, so the chunked form of large functions is fuzzed as well.
 *
 * <p>{@code -Djxdp.fuzz.count=N} runs N programs (default 10,000), {@code -Djxdp.fuzz.seed=S}
 * starts at seed S; a failure prints the seed and the program.
 */
class DifferentialFuzzTest {
    private static final long BUDGET = 3000;
    private static final long FIRST_SEED = 0x6A78_6470_0000L;

    /** What one run left behind. */
    @SuppressWarnings("ArrayRecordComponent") // compared by sameAs, which compares the contents
    record Outcome(String result, byte[] memory, byte[] stack, List<String> trace) {
        boolean sameAs(Outcome o) {
            return result.equals(o.result)
                    && Arrays.equals(memory, o.memory)
                    && Arrays.equals(stack, o.stack)
                    && trace.equals(o.trace);
        }

        String describe() {
            return result + "\n  memory " + hex(memory) + "\n  trace " + trace;
        }
    }

    @Test
    void theJitAgreesWithTheInterpreterOnRandomPrograms() {
        int count = Integer.getInteger("jxdp.fuzz.count", 10_000);
        long first = Long.getLong("jxdp.fuzz.seed", FIRST_SEED);
        Map<Kind, Integer> seen = new EnumMap<>(Kind.class);
        for (long seed = first; seed < first + count; seed++) {
            Kind kind = check(seed);
            seen.merge(kind, 1, Integer::sum);
        }
        // the generator must keep reaching every kind of ending, or the fuzzer tests less than it claims
        if (count >= 1000) {
            for (Kind k : Kind.values()) {
                if (seen.getOrDefault(k, 0) < count / 200) {
                    fail("only " + seen.getOrDefault(k, 0) + " of " + count + " programs ended as " + k + ": " + seen);
                }
            }
        }
        System.out.println("differential fuzzer: " + count + " programs, endings " + seen);
    }

    /** How a program ended, to check the generator's spread. */
    enum Kind {
        EXIT,
        OUT_OF_BOUNDS,
        BUDGET,
        CALL_DEPTH,
        BAD_CALL,
        OTHER_FAULT
    }

    static Kind check(long seed) {
        RandomProgram generated = RandomProgram.generate(seed);
        Program program = generated.program;
        Outcome expected;
        try {
            expected = run(generated, EngineKind.INTERPRETER, null, 0);
        } catch (RuntimeException e) {
            throw new AssertionError(report(seed, program, "the interpreter threw " + e), e);
        }
        // every fourth program also runs split into chunks of a few instructions each
        int chunkTarget = seed % 4 == 0 ? 30 + (int) (seed % 97) : 0;
        for (AccessFacts facts : generated.facts() == null
                ? List.<AccessFacts>of(AccessFacts.of(program, Map.of()))
                : List.of(AccessFacts.of(program, Map.of()), generated.facts())) {
            Outcome actual;
            try {
                actual = run(generated, EngineKind.JIT, facts, chunkTarget);
            } catch (RuntimeException | LinkageError e) {
                throw new AssertionError(report(seed, program, "the JIT threw " + e), e);
            }
            if (!expected.sameAs(actual)) {
                fail(report(
                        seed,
                        program,
                        "interpreter: " + expected.describe() + "\njit:         " + actual.describe()
                                + (Arrays.equals(expected.stack, actual.stack) ? "" : "\n  stacks differ")));
            }
        }
        String r = expected.result;
        return r.startsWith("r0")
                ? Kind.EXIT
                : r.contains("OUT_OF_BOUNDS")
                        ? Kind.OUT_OF_BOUNDS
                        : r.contains("BUDGET")
                                ? Kind.BUDGET
                                : r.contains("CALL_DEPTH")
                                        ? Kind.CALL_DEPTH
                                        : r.contains("BAD_CALL") ? Kind.BAD_CALL : Kind.OTHER_FAULT;
    }

    static Outcome run(RandomProgram generated, EngineKind engine, AccessFacts facts, int chunkTarget) {
        VmOptions options = VmOptions.defaults().withEngine(engine).withBudget(BUDGET);
        LoadedProgram loaded = engine == EngineKind.INTERPRETER
                ? Vm.load(generated.program, options)
                : JitCompiler.compile(
                        LinkedProgram.link(generated.program, List.of(), options.helpers()),
                        options,
                        facts,
                        chunkTarget);
        Cpu cpu = new Cpu(0, new AddressSpace());
        cpu.clock(() -> 1_234_567_890L);
        List<String> trace = new ArrayList<>();
        cpu.trace(trace::add);
        byte[] memory = pattern(generated.xdp ? 512 : RandomProgram.MEMORY_SIZE);
        long r1;
        long r2;
        if (generated.xdp) {
            cpu.memory().xdp().attach(memory, 256, 256 + RandomProgram.MEMORY_SIZE, 448, 3, 1);
            r1 = Memory.contextPointer();
            r2 = 0;
        } else {
            r1 = cpu.memory().attachMemory(memory);
            r2 = memory.length;
        }
        String result;
        try {
            result = "r0 = " + loaded.run(cpu, r1, r2);
        } catch (VmFault f) {
            result = f.kind() + " at pc " + f.pc() + ": " + f.getMessage();
        }
        return new Outcome(result, memory, cpu.memory().stackBytes().clone(), trace);
    }

    private static byte[] pattern(int size) {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        return b;
    }

    private static String report(long seed, Program program, String what) {
        StringBuilder b = new StringBuilder("seed " + seed + " (rerun with -Djxdp.fuzz.seed=" + seed
                + " -Djxdp.fuzz.count=1): " + what + "\nprogram:\n");
        b.append(listing(program));
        return b.toString();
    }

    /** The program as text, one instruction per line with its pc, function entries marked. */
    static String listing(Program program) {
        InstructionText text = new InstructionText(program);
        List<Integer> entries = Arrays.stream(program.functionEntries()).boxed().toList();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < program.size(); i++) {
            int pc = program.pcOf(i);
            if (entries.contains(pc)) {
                b.append("function at pc ").append(pc).append(":\n");
            }
            b.append(String.format("%5d: %s%n", pc, text.at(pc)));
        }
        return b.toString();
    }

    private static String hex(byte[] bytes) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(bytes.length, 512); i++) {
            b.append(String.format("%02x", bytes[i]));
        }
        return b.toString();
    }
}
