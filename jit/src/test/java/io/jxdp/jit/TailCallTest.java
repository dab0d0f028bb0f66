package io.jxdp.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jxdp.asm.Assembler;
import io.jxdp.asm.Syntax;
import io.jxdp.isa.MapDef;
import io.jxdp.isa.Program;
import io.jxdp.verifier.Verifier;
import io.jxdp.verifier.VerifierOptions;
import io.jxdp.vm.Cpu;
import io.jxdp.vm.EngineKind;
import io.jxdp.vm.FaultKind;
import io.jxdp.vm.LoadedProgram;
import io.jxdp.vm.TailCalls;
import io.jxdp.vm.Vm;
import io.jxdp.vm.VmFault;
import io.jxdp.vm.VmOptions;
import io.jxdp.vm.XdpTestRun;
import io.jxdp.vm.maps.BpfMap;
import io.jxdp.vm.maps.Maps;
import io.jxdp.vm.maps.ProgArray;
import io.jxdp.vm.memory.AddressSpace;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * bpf_tail_call on each engine (the interpreter, the JIT, the JIT with the verifier's facts): the
 * kernel's limit of 33 tail calls per run, fall-through with r0 unchanged on an index out of range,
 * an empty slot or an exhausted count (which an empty slot still spends), the target's r0 as the
 * caller's exit, the caller's frame reused, one budget for the whole chain, and a fault in a target
 * naming its own pc and instruction.
 */
class TailCallTest {
    private static final byte[] PACKET = new byte[64];
    private static final String MAPS = """
            .map jmp type=prog_array key=4 value=4 max_entries=4
            .map counter type=array key=4 value=8 max_entries=1
            """;
    /** counter[0] += 1, r1 preserved in r6. */
    private static final String COUNT = """
            r6 = r1
            *(u32 *)(r10 - 4) = 0
            r2 = r10
            r2 += -4
            r1 = counter ll
            call 1
            if r0 == 0 goto out
            r1 = 1
            lock *(u64 *)(r0 + 0) += r1
            out:
            r1 = r6
            """;

    enum Variant {
        INTERPRETER,
        JIT,
        JIT_WITH_FACTS
    }

    /** Programs of one "object" sharing their maps, loaded on one engine. */
    private static final class Programs {
        final AddressSpace space = new AddressSpace();
        final Map<String, BpfMap> maps = new LinkedHashMap<>();
        final Map<String, LoadedProgram> loaded = new LinkedHashMap<>();
        final Variant variant;
        long budget = VmOptions.defaults().budget();

        Programs(Variant variant) {
            this.variant = variant;
        }

        LoadedProgram load(String name, String body) {
            Program p = Assembler.assemble(MAPS + body, name + ".bpf", Syntax.LLVM);
            List<BpfMap> bound = new ArrayList<>();
            for (MapDef d : p.maps()) {
                bound.add(maps.computeIfAbsent(d.name(), n -> Maps.create(d, space, 1)));
            }
            VmOptions options = VmOptions.defaults()
                    .withEngine(variant == Variant.INTERPRETER ? EngineKind.INTERPRETER : EngineKind.JIT)
                    .withBudget(budget);
            if (variant == Variant.JIT_WITH_FACTS) {
                options = options.withFacts(Verifier.verifyOrThrow(p, VerifierOptions.defaults()));
            }
            LoadedProgram lp = Vm.load(p, bound, options);
            loaded.put(name, lp);
            return lp;
        }

        void slot(int index, String name) {
            ((ProgArray) maps.get("jmp")).set(index, index + 1, loaded.get(name));
        }

        long run(String name) {
            return XdpTestRun.run(loaded.get(name), new Cpu(0, space), PACKET).retval();
        }

        long counter() {
            byte[] v = maps.get("counter").lookup(new byte[4]);
            return ByteBuffer.wrap(v).order(ByteOrder.LITTLE_ENDIAN).getLong();
        }
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void aProgramTailCallingItselfRuns34TimesThenFallsThrough(Variant v) {
        Programs ps = new Programs(v);
        ps.load("self", COUNT + """
                r2 = jmp ll
                r3 = 0
                call 12
                r0 = 1
                exit
                """);
        ps.slot(0, "self");
        assertEquals(1, ps.run("self"));
        assertEquals(1 + TailCalls.MAX_TAIL_CALL_CNT, ps.counter());
        assertEquals(1, ps.run("self")); // the count starts again each run
        assertEquals(2 * (1 + TailCalls.MAX_TAIL_CALL_CNT), ps.counter());
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void theTargetsReturnValueIsTheCallersAndTheRestOfTheCallerNeverRuns(Variant v) {
        Programs ps = new Programs(v);
        ps.load("target", COUNT + """
                r0 = 3
                exit
                """);
        ps.load("entry", """
                r6 = r1
                r2 = jmp ll
                r3 = 2
                call 12
                r1 = r6
                """ + COUNT + """
                r0 = 1
                exit
                """);
        ps.slot(2, "target");
        assertEquals(3, ps.run("entry"));
        assertEquals(1, ps.counter()); // the target counted, the caller's code after the call did not
    }

    /** Unverified (r0 is not readable after a tail call to the verifier): r0 keeps its value on a fall-through. */
    @ParameterizedTest
    @EnumSource(
            value = Variant.class,
            names = {"INTERPRETER", "JIT"})
    void anIndexOutOfRangeOrAnEmptySlotFallsThroughWithR0Unchanged(Variant v) {
        Programs ps = new Programs(v);
        ps.load("target", "r0 = 3\nexit\n");
        ps.load("entry", """
                r6 = r1
                r0 = 7
                r2 = jmp ll
                r3 = 4
                call 12
                r1 = r6
                r2 = jmp ll
                r3 = -1
                call 12
                r1 = r6
                r2 = jmp ll
                r3 = 1
                call 12
                exit
                """);
        ps.slot(0, "target");
        assertEquals(7, ps.run("entry")); // indices 4 and 2^32-1 are past max_entries 4, slot 1 is empty
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void anEmptySlotSpendsOneOfThe33(Variant v) {
        Programs ps = new Programs(v);
        ps.load("target", COUNT + "r0 = 3\nexit\n");
        // n empty-slot calls, then the call of slot 0: taken while n < 33, a fall-through at 33
        ps.load("entry", """
                r6 = r1
                r7 = 0
                loop:
                r1 = r6
                r2 = jmp ll
                r3 = 1
                call 12
                r7 += 1
                if r7 < %d goto loop
                r1 = r6
                r2 = jmp ll
                r3 = 0
                call 12
                r0 = 1
                exit
                """.formatted(TailCalls.MAX_TAIL_CALL_CNT - 1));
        ps.load("exhausted", """
                r6 = r1
                r7 = 0
                loop:
                r1 = r6
                r2 = jmp ll
                r3 = 1
                call 12
                r7 += 1
                if r7 < %d goto loop
                r1 = r6
                r2 = jmp ll
                r3 = 0
                call 12
                r0 = 1
                exit
                """.formatted(TailCalls.MAX_TAIL_CALL_CNT));
        ps.slot(0, "target");
        assertEquals(3, ps.run("entry"));
        assertEquals(1, ps.counter());
        assertEquals(1, ps.run("exhausted"));
        assertEquals(1, ps.counter());
    }

    /**
     * A tail call from a subprogram replaces that subprogram only (as the kernel's x86-64 JIT runs
     * it): the target runs in its frame, returns to the subprogram's caller, and the caller's stack
     * is intact. Unverified: the kernel's verifier needs a JIT to mix tail calls and subprograms.
     */
    @ParameterizedTest
    @EnumSource(
            value = Variant.class,
            names = {"INTERPRETER", "JIT"})
    void aTailCallFromASubprogramReturnsToItsCaller(Variant v) {
        Programs ps = new Programs(v);
        ps.load("target", """
                r1 = 40
                *(u64 *)(r10 - 8) = r1
                r0 = *(u64 *)(r10 - 8)
                r0 += 2
                exit
                """);
        ps.load("entry", """
                r1 = 100
                *(u64 *)(r10 - 8) = r1
                call sub
                r1 = *(u64 *)(r10 - 8)
                r0 += r1
                exit
                sub:
                r2 = 5
                *(u64 *)(r10 - 8) = r2
                r2 = jmp ll
                r3 = 0
                call 12
                r0 = 1
                exit
                """);
        ps.slot(0, "target");
        assertEquals(142, ps.run("entry")); // 42 from the target, 100 from the untouched frame 0
    }

    /** One budget for the run: the target spends what its caller left. */
    @ParameterizedTest
    @EnumSource(
            value = Variant.class,
            names = {"INTERPRETER", "JIT"})
    void theTargetSpendsTheCallersBudget(Variant v) {
        String loops = """
                r7 = 0
                loop%1$s:
                r7 += 1
                if r7 < %2$d goto loop%1$s
                """;
        Programs fits = new Programs(v);
        fits.budget = 10;
        fits.load("target", loops.formatted("b", 5) + "r0 = 2\nexit\n");
        fits.load("entry", "r6 = r1\n" + loops.formatted("a", 5) + "r1 = r6\nr2 = jmp ll\nr3 = 0\ncall 12\nexit\n");
        fits.slot(0, "target");
        assertEquals(2, fits.run("entry")); // 4 backward jumps each: 8 of 10

        Programs over = new Programs(v);
        over.budget = 10;
        over.load("target", loops.formatted("b", 8) + "r0 = 2\nexit\n");
        over.load("entry", "r6 = r1\n" + loops.formatted("a", 5) + "r1 = r6\nr2 = jmp ll\nr3 = 0\ncall 12\nexit\n");
        over.slot(0, "target");
        VmFault f = assertThrows(VmFault.class, () -> over.run("entry")); // 4 + 7 > 10
        assertEquals(FaultKind.BUDGET, f.kind());
        assertEquals(2, f.pc()); // the target's backward jump
        assertEquals("if r7 < 8 goto -2", f.instruction());
    }

    @ParameterizedTest
    @EnumSource(
            value = Variant.class,
            names = {"INTERPRETER", "JIT"})
    void aFaultInTheTargetNamesItsPcAndInstruction(Variant v) {
        Programs ps = new Programs(v);
        ps.load("target", "r0 = 0\nr0 = *(u64 *)(r0 + 16)\nexit\n");
        ps.load("entry", "r2 = jmp ll\nr3 = 0\ncall 12\nr0 = 1\nexit\n");
        ps.slot(0, "target");
        VmFault f = assertThrows(VmFault.class, () -> ps.run("entry"));
        assertEquals(1, f.pc());
        assertEquals("r0 = *(u64 *)(r0 + 16)", f.instruction());
    }
}
