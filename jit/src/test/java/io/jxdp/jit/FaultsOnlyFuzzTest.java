package io.jxdp.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxdp.asm.Assembler;
import io.jxdp.asm.Syntax;
import io.jxdp.isa.Form;
import io.jxdp.isa.MapDef;
import io.jxdp.isa.Program;
import io.jxdp.jit.soundness.XdpProgramGenerator;
import io.jxdp.verifier.ProgramType;
import io.jxdp.verifier.VerifiedProgram;
import io.jxdp.verifier.Verifier;
import io.jxdp.verifier.VerifierOptions;
import io.jxdp.verifier.VerifierResult;
import io.jxdp.vm.Cpu;
import io.jxdp.vm.EngineKind;
import io.jxdp.vm.FaultKind;
import io.jxdp.vm.LinkedProgram;
import io.jxdp.vm.LoadedProgram;
import io.jxdp.vm.Vm;
import io.jxdp.vm.VmFault;
import io.jxdp.vm.VmOptions;
import io.jxdp.vm.XdpTestRun;
import io.jxdp.vm.interp.InstructionText;
import io.jxdp.vm.maps.BpfMap;
import io.jxdp.vm.maps.Maps;
import io.jxdp.vm.memory.AddressSpace;
import io.jxdp.vm.memory.Addresses;
import io.jxdp.vm.memory.Memory;
import io.jxdp.vm.memory.RegionKind;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Whatever runs, on whatever input, a run returns r0 or throws a {@link VmFault} naming the pc, the
 * instruction and, for a memory fault, the address; never a JVM exception. (Facts that lie may
 * end a run in an internal fault that names the call it happened under, or no pc.) The programs: the
 * differential fuzzer's ({@link RandomProgram}: every instruction, in and out of bounds, runaway
 * loops, bad calls) on both engines, the JIT with no facts, with the generator's true facts, with
 * facts that lie about random accesses, and in small chunks; and the soundness test's XDP programs
 * ({@link XdpProgramGenerator}), with the verifier's facts where it accepts them (which then never
 * fault). Inputs: memories of random sizes, packets of random lengths.
 *
 * <p>{@code -Djxdp.faultfuzz.count=N} runs N random programs (default 1,500).
 */
class FaultsOnlyFuzzTest {
    private static final long FIRST_SEED = 0x6661_756C_7400L;
    private static final int XDP_PROGRAMS = 400;

    @Test
    void randomProgramsOnRandomInputsEndInR0OrAFaultThatNamesItsInstruction() {
        int count = Integer.getInteger("jxdp.faultfuzz.count", 1500);
        Map<FaultKind, Integer> kinds = new EnumMap<>(FaultKind.class);
        for (long seed = FIRST_SEED; seed < FIRST_SEED + count; seed++) {
            RandomProgram g = RandomProgram.generate(seed);
            Program program = g.program;
            Random rnd = new Random(seed);
            AccessFacts lies = lies(program, rnd);
            VmOptions options = VmOptions.defaults().withBudget(3000);
            VmOptions jit = options.withEngine(EngineKind.JIT);
            LinkedProgram linked = LinkedProgram.link(program, List.of(), options.helpers());
            Map<String, Supplier<LoadedProgram>> engines = new java.util.LinkedHashMap<>();
            engines.put("interpreter", () -> Vm.load(program, options));
            engines.put("jit", () -> Vm.load(program, jit));
            if (g.facts() != null) {
                engines.put("jit with true facts", () -> JitCompiler.compile(linked, jit, g.facts()));
                engines.put(
                        "jit with true facts, in chunks",
                        () -> JitCompiler.compile(linked, jit, g.facts(), 30 + rnd.nextInt(60)));
            }
            engines.put("jit with lies", () -> JitCompiler.compile(linked, jit, lies));
            engines.put("jit with lies, in chunks", () -> JitCompiler.compile(linked, jit, lies, 30 + rnd.nextInt(60)));
            for (var engine : engines.entrySet()) {
                LoadedProgram loaded = engine.getValue().get();
                for (int input = 0; input < 3; input++) {
                    // the generator's facts hold for a 64-byte memory or a packet of at least 64 bytes
                    boolean conforming = input == 0;
                    Cpu cpu = new Cpu(0, new AddressSpace());
                    cpu.clock(() -> 1L);
                    long r1;
                    long r2;
                    String given;
                    if (g.xdp) {
                        int length = conforming ? 64 + rnd.nextInt(97) : rnd.nextInt(160);
                        byte[] frame = random(rnd, 512);
                        cpu.memory()
                                .xdp()
                                .attach(
                                        frame,
                                        256,
                                        256 + length,
                                        256 + length + rnd.nextInt(512 - 256 - length + 1),
                                        1,
                                        0);
                        r1 = Memory.contextPointer();
                        r2 = 0;
                        given = "a packet of " + length + " bytes";
                    } else {
                        byte[] memory = conforming
                                ? random(rnd, 64)
                                : rnd.nextInt(8) == 0 ? null : random(rnd, rnd.nextInt(129));
                        r1 = cpu.memory().attachMemory(memory);
                        r2 = memory == null ? 0 : memory.length;
                        given = memory == null ? "no memory" : "a memory of " + memory.length + " bytes";
                    }
                    try {
                        loaded.run(cpu, r1, r2);
                    } catch (VmFault f) {
                        boolean lying = engine.getKey().contains("lies")
                                || (engine.getKey().contains("true") && !conforming);
                        check(f, program, lying, "seed " + seed + ", " + engine.getKey() + ", " + given);
                        kinds.merge(f.kind(), 1, Integer::sum);
                    } catch (Throwable t) {
                        throw new AssertionError("seed " + seed + ", " + engine.getKey() + ", " + given + ": " + t, t);
                    }
                }
            }
        }
        System.out.println("faults-only fuzzer: " + count + " programs, faults " + kinds);
        // the generator must keep reaching the faults that name addresses, or this proves less than it claims
        assertTrue(kinds.getOrDefault(FaultKind.OUT_OF_BOUNDS, 0) > count / 4, kinds.toString());
    }

    @Test
    void generatedXdpProgramsVerifiedOrNotEndInAVerdictOrAFault() {
        int accepted = 0;
        for (long seed = FIRST_SEED; seed < FIRST_SEED + XDP_PROGRAMS; seed++) {
            String text = new XdpProgramGenerator(seed).program();
            Program program = Assembler.assemble(text, "gen-" + seed + ".bpf", Syntax.LLVM);
            VerifierResult result =
                    Verifier.verify(program, VerifierOptions.defaults().withProgramType(ProgramType.xdp()));
            VerifiedProgram facts = result.accepted() ? result.orThrow() : null;
            accepted += facts == null ? 0 : 1;
            Random rnd = new Random(seed);
            for (EngineKind engine : EngineKind.values()) {
                AddressSpace space = new AddressSpace();
                List<BpfMap> maps = new ArrayList<>();
                for (MapDef d : program.maps()) {
                    maps.add(Maps.create(d, space, 1));
                }
                LoadedProgram loaded = Vm.load(
                        program, maps, VmOptions.defaults().withEngine(engine).withFacts(facts));
                Cpu cpu = new Cpu(0, space);
                for (int p = 0; p < 6; p++) {
                    byte[] packet = random(rnd, 14 + rnd.nextInt(120));
                    try {
                        XdpTestRun.run(loaded, cpu, packet);
                    } catch (VmFault f) {
                        check(f, program, false, "seed " + seed + ", " + engine);
                        assertEquals(null, facts, "a verified program faulted: " + f.getMessage() + "\n" + text);
                    } catch (Throwable t) {
                        throw new AssertionError("seed " + seed + ", " + engine + ": " + t + "\n" + text, t);
                    }
                }
            }
        }
        assertTrue(accepted > XDP_PROGRAMS / 5 && accepted < XDP_PROGRAMS * 9 / 10, "accepted " + accepted);
    }

    /**
     * The fault names its pc, that pc's instruction, and for a memory fault the address it accessed.
     * Facts that do not hold may make a proven access miss its array: that is a fault too, naming
     * the call it happened under, or no pc where none did.
     */
    private static void check(VmFault f, Program program, boolean lying, String where) {
        String context = where + ": " + f.getMessage();
        if (f.kind() == FaultKind.INTERNAL) {
            assertTrue(lying && f.getCause() instanceof IndexOutOfBoundsException, context);
            if (f.pc() < 0) {
                // (HotSpot throws a preallocated exception without a message once one has been thrown often)
                assertTrue(
                        f.getMessage()
                                .startsWith("fault at an unknown pc: the compiled code failed at an instruction "
                                        + "it cannot name: java.lang.ArrayIndexOutOfBoundsException"),
                        context);
                return;
            }
            Form form = program.at(f.pc()).op().form();
            assertTrue(form == Form.CALL_LOCAL || form == Form.CALLX, context);
        }
        assertTrue(program.isInstructionStart(f.pc()), context);
        String text = new InstructionText(program).at(f.pc());
        assertEquals(text, f.instruction(), context);
        assertTrue(f.getMessage().startsWith("fault at pc " + f.pc() + " (" + text + "): "), context);
        switch (f.kind()) {
            case OUT_OF_BOUNDS, READ_ONLY, MISALIGNED ->
                assertTrue(f.getMessage().contains(Addresses.format(f.address())), context);
            case BAD_CONTEXT_ACCESS ->
                assertTrue(f.getMessage().contains("off=" + Addresses.offset(f.address()) + " "), context);
            default -> {}
        }
    }

    /** Claims about random loads and stores: proven or guarded, packet, memory or stack, true or not. */
    private static AccessFacts lies(Program program, Random rnd) {
        Map<Integer, AccessFacts.Access> facts = new HashMap<>();
        RegionKind[] kinds = {RegionKind.PACKET, RegionKind.MEMORY, RegionKind.STACK};
        for (int i = 0; i < program.size(); i++) {
            Form form = program.instructions().get(i).op().form();
            if ((form == Form.LOAD || form == Form.STORE_IMM || form == Form.STORE_REG) && rnd.nextInt(3) != 0) {
                facts.put(
                        program.pcOf(i), new AccessFacts.Access(kinds[rnd.nextInt(kinds.length)], rnd.nextInt(4) != 0));
            }
        }
        return AccessFacts.of(program, facts);
    }

    private static byte[] random(Random rnd, int size) {
        byte[] b = new byte[size];
        rnd.nextBytes(b);
        return b;
    }
}
