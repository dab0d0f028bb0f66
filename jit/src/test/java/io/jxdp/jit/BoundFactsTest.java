package io.jxdp.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jxdp.asm.Assembler;
import io.jxdp.asm.Syntax;
import io.jxdp.isa.Program;
import io.jxdp.verifier.ProgramType;
import io.jxdp.verifier.VerifiedProgram;
import io.jxdp.verifier.Verifier;
import io.jxdp.verifier.VerifierOptions;
import io.jxdp.vm.BoundFacts;
import io.jxdp.vm.Cpu;
import io.jxdp.vm.EngineKind;
import io.jxdp.vm.FaultKind;
import io.jxdp.vm.LinkedProgram;
import io.jxdp.vm.LoadedProgram;
import io.jxdp.vm.Vm;
import io.jxdp.vm.VmFault;
import io.jxdp.vm.VmOptions;
import io.jxdp.vm.XdpTestRun;
import io.jxdp.vm.memory.AddressSpace;
import io.jxdp.vm.memory.Memory;
import io.jxdp.vm.memory.RegionKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The verifier's facts belong to one program and one entry state. Before they were bound, handing
 * program B the facts of program A made the JIT trust A's proofs at B's pcs: the read at pc 5 of
 * B below returned a stale byte of the 4096-byte frame buffer past a 60-byte packet (offset 100),
 * an ArrayIndexOutOfBoundsException escaped the run (offset 5000), and B's endless loop never
 * stopped (A's loop ends, so its facts drop the loop budget). Now loading refuses them, and runs
 * whose inputs are not the verified entry state are refused too.
 */
class BoundFactsTest {
    private static final String GUARDED_READ = """
            r2 = *(u32 *)(r1 + 0)
            r3 = *(u32 *)(r1 + 4)
            r4 = r2
            r4 += 60
            if r4 > r3 goto out
            r0 = *(u8 *)(r2 + %d)
            exit
            out:
            r0 = 0
            exit
            """;
    private static final String LOOP = "r0 = 0\nr1 = 0\nloop:\nr0 += r1\nr1 += %d\nif r1 < 100 goto loop\nexit\n";

    private static Program asm(String text, String name) {
        return Assembler.assemble(text, name, Syntax.LLVM);
    }

    private static VmOptions on(EngineKind engine) {
        return VmOptions.defaults().withEngine(engine).withBudget(1000);
    }

    @Test
    void factsOfAnotherProgramAreRefusedAtLoadOnEveryEngine() {
        Program a = asm(GUARDED_READ.formatted(59), "a.bpf");
        VerifiedProgram facts = Verifier.verifyOrThrow(a, VerifierOptions.defaults());
        for (int offset : new int[] {100, 5000}) {
            Program b = asm(GUARDED_READ.formatted(offset), "b.bpf");
            String expected =
                    "the facts for program a.bpf do not belong to program b.bpf: pc 5 is r0 = *(u8 *)(r2 + 59) there, "
                            + "r0 = *(u8 *)(r2 + " + offset + ") here";
            for (EngineKind engine : EngineKind.values()) {
                IllegalArgumentException e = assertThrows(
                        IllegalArgumentException.class,
                        () -> Vm.load(b, on(engine).withFacts(facts)));
                assertEquals(expected, e.getMessage());
                // without A's facts, B's read faults where it leaves the packet, as it must
                VmFault f = assertThrows(
                        VmFault.class,
                        () -> XdpTestRun.run(Vm.load(b, on(engine)), new Cpu(0, new AddressSpace()), new byte[60]));
                assertEquals(FaultKind.OUT_OF_BOUNDS, f.kind());
                assertEquals(5, f.pc());
            }
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> JitCompiler.compile(
                            LinkedProgram.link(
                                    b, List.of(), VmOptions.defaults().helpers()),
                            on(EngineKind.JIT).withFacts(facts)));
            assertEquals(expected, e.getMessage());
        }
    }

    @Test
    void theFactsOfALoopThatEndsCannotDropTheBudgetOfOneThatDoesNot() {
        Program ends = asm(LOOP.formatted(1), "ends.bpf");
        Program endless = asm(LOOP.formatted(0), "endless.bpf");
        VerifiedProgram facts =
                Verifier.verifyOrThrow(ends, VerifierOptions.defaults().withProgramType(ProgramType.mem(0)));
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> Vm.load(endless, on(EngineKind.JIT).withFacts(facts)));
        assertEquals(
                "the facts for program ends.bpf do not belong to program endless.bpf: pc 3 is r1 += 1 there, r1 += 0 here",
                e.getMessage());
        assertEquals(
                4950,
                Vm.runWithMemory(
                        Vm.load(ends, on(EngineKind.JIT).withFacts(facts)), new Cpu(0, new AddressSpace()), null));
        VmFault f = assertThrows(
                VmFault.class,
                () -> Vm.runWithMemory(Vm.load(endless, on(EngineKind.JIT)), new Cpu(0, new AddressSpace()), null));
        assertEquals(FaultKind.BUDGET, f.kind());
    }

    @Test
    void handWrittenFactsAreBoundToTheirProgramToo() {
        Program a = asm(GUARDED_READ.formatted(59), "a.bpf");
        Program b = asm(GUARDED_READ.formatted(100), "b.bpf");
        AccessFacts aFacts = AccessFacts.of(a, Map.of(5, new AccessFacts.Access(RegionKind.PACKET, true)));
        LinkedProgram linkedB =
                LinkedProgram.link(b, List.of(), VmOptions.defaults().helpers());
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> JitCompiler.compile(linkedB, on(EngineKind.JIT), aFacts));
        assertEquals(
                "the facts for program a.bpf do not belong to program b.bpf: pc 5 is r0 = *(u8 *)(r2 + 59) there, "
                        + "r0 = *(u8 *)(r2 + 100) here",
                e.getMessage());
        VerifiedProgram verified = Verifier.verifyOrThrow(a, VerifierOptions.defaults());
        LinkedProgram linkedA =
                LinkedProgram.link(a, List.of(), VmOptions.defaults().helpers());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> JitCompiler.compile(linkedA, on(EngineKind.JIT).withFacts(verified), aFacts));
        assertEquals("the options carry the verifier's facts: give the JIT those or others, not both", e.getMessage());
    }

    @Test
    void theSameProgramAssembledAgainKeepsItsFacts() {
        VerifiedProgram facts =
                Verifier.verifyOrThrow(asm(GUARDED_READ.formatted(59), "a.bpf"), VerifierOptions.defaults());
        Program again = asm(GUARDED_READ.formatted(59), "again.bpf");
        byte[] packet = new byte[60];
        packet[59] = 42;
        for (EngineKind engine : EngineKind.values()) {
            LoadedProgram p = Vm.load(again, on(engine).withFacts(facts));
            assertSame(facts, p.facts().facts());
            assertEquals(
                    42,
                    XdpTestRun.run(p, new Cpu(0, new AddressSpace()), packet).retval());
        }
    }

    @Test
    void programsWithOtherMapsAreOtherPrograms() {
        String text = ".map arr type=array key=4 value=%d max_entries=4\nr0 = 0\nexit\n";
        VerifiedProgram facts = Verifier.verifyOrThrow(asm(text.formatted(16), "a.bpf"), VerifierOptions.defaults());
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> BoundFacts.bind(asm(text.formatted(8), "b.bpf"), facts));
        assertEquals(
                "the facts for program a.bpf do not belong to program b.bpf: map 0 is .map arr type=array key=4 value=16 "
                        + "max_entries=4 there, .map arr type=array key=4 value=8 max_entries=4 here",
                e.getMessage());
    }

    @Test
    void aRunMustHaveTheMemoryTheFactsWereVerifiedWith() {
        // proven in bounds for 64 bytes; given 32, the JIT's array access would index past the memory
        Program p = asm("r0 = *(u8 *)(r1 + 63)\nexit\n", "m.bpf");
        VerifiedProgram facts =
                Verifier.verifyOrThrow(p, VerifierOptions.defaults().withProgramType(ProgramType.mem(64)));
        byte[] memory = new byte[64];
        memory[63] = 7;
        for (EngineKind engine : EngineKind.values()) {
            LoadedProgram loaded = Vm.load(p, on(engine).withFacts(facts));
            assertEquals(7, Vm.runWithMemory(loaded, new Cpu(0, new AddressSpace()), memory));
            for (int size : new int[] {32, 128}) {
                IllegalArgumentException e = assertThrows(
                        IllegalArgumentException.class,
                        () -> Vm.runWithMemory(loaded, new Cpu(0, new AddressSpace()), new byte[size]));
                assertEquals(
                        "program m.bpf was verified as mem(64): its runs need r1 = a writable memory of 64 bytes "
                                + "(0x4_00000000) and r2 = 64, not r1 = 0x4_00000000 and r2 = " + size
                                + " with a writable memory of "
                                + size + " bytes",
                        e.getMessage());
            }
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> loaded.run(new Cpu(0, new AddressSpace()), Memory.contextPointer(), 0));
            assertEquals(
                    "program m.bpf was verified as mem(64): its runs need r1 = a writable memory of 64 bytes (0x4_00000000) "
                            + "and r2 = 64, not r1 = 0x2_00000000 and r2 = 0 with a read-only memory of 0 bytes",
                    e.getMessage());
            e = assertThrows(
                    IllegalArgumentException.class,
                    () -> XdpTestRun.run(loaded, new Cpu(0, new AddressSpace()), new byte[60]));
            assertEquals(
                    "the XDP test run runs programs on packets, but program m.bpf was verified as mem(64); "
                            + "verify it as an XDP program to run it here",
                    e.getMessage());
        }
    }

    @Test
    void anXdpProgramsFactsNeedTheContextInR1() {
        Program a = asm(GUARDED_READ.formatted(59), "a.bpf");
        VerifiedProgram facts = Verifier.verifyOrThrow(a, VerifierOptions.defaults());
        for (EngineKind engine : EngineKind.values()) {
            LoadedProgram loaded = Vm.load(a, on(engine).withFacts(facts));
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> Vm.runWithMemory(loaded, new Cpu(0, new AddressSpace()), new byte[64]));
            assertEquals(
                    "program a.bpf was verified as xdp: its runs need r1 = the context (0x2_00000000), not r1 = 0x4_00000000",
                    e.getMessage());
        }
    }
}
