package io.jxdp.jit;

import static io.jxdp.vm.testing.Insns.exit;
import static io.jxdp.vm.testing.Insns.i;
import static io.jxdp.vm.testing.Insns.mov;
import static io.jxdp.vm.testing.Insns.movr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jxdp.isa.Opcode;
import io.jxdp.isa.Program;
import io.jxdp.vm.Cpu;
import io.jxdp.vm.EngineKind;
import io.jxdp.vm.FaultKind;
import io.jxdp.vm.LinkedProgram;
import io.jxdp.vm.LoadedProgram;
import io.jxdp.vm.Vm;
import io.jxdp.vm.VmFault;
import io.jxdp.vm.VmOptions;
import io.jxdp.vm.helpers.HelperFunction;
import io.jxdp.vm.helpers.StandardHelpers;
import io.jxdp.vm.interp.InstructionText;
import io.jxdp.vm.memory.AddressSpace;
import io.jxdp.vm.memory.Addresses;
import io.jxdp.vm.memory.RegionKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Nothing but a VmFault leaves a run: what a helper throws, a stack overflow in a helper or in the
 * engine itself, an array check that stops a wrong fact, each becomes a fault naming the pc, the
 * instruction and (for loads and stores) the address, on the interpreter, the JIT and the JIT's
 * chunked form alike. OutOfMemoryError passes as it is.
 */
class EscapedExceptionTest {
    /** Helpers the JIT calls with invokestatic (public static methods of a public class). */
    public static final class Failing {
        private Failing() {}

        @SuppressWarnings("DoNotCallSuggester") // a helper that throws on purpose, called by programs
        public static long boom(Cpu cpu, long r1, long r2, long r3, long r4, long r5) {
            throw new IllegalStateException("boom " + r1);
        }

        @SuppressWarnings("InfiniteRecursion") // on purpose: a helper that overflows the stack
        public static long recurse(Cpu cpu, long r1, long r2, long r3, long r4, long r5) {
            return recurse(cpu, r1 + 1, r2, r3, r4, r5) + 1; // until the stack overflows
        }

        @SuppressWarnings("DoNotCallSuggester") // a helper that throws on purpose, called by programs
        public static long outOfMemory(Cpu cpu, long r1, long r2, long r3, long r4, long r5) {
            throw new OutOfMemoryError("pretend");
        }
    }

    private static final VmOptions HELPERS = VmOptions.defaults()
            .withHelpers(StandardHelpers.table()
                    .with(HelperFunction.ofStatic(90, "boom", Failing.class, "boom"))
                    .with(HelperFunction.ofStatic(91, "recurse", Failing.class, "recurse"))
                    .with(HelperFunction.ofStatic(92, "out_of_memory", Failing.class, "outOfMemory"))
                    .with(new HelperFunction(
                            93,
                            "boom_object",
                            (cpu, r1, r2, r3, r4, r5) -> {
                                throw new ArithmeticException("/ by zero " + r1);
                            },
                            null)));

    /** The engines a program runs on: the interpreter, the JIT, and the JIT with every function in small chunks. */
    private static Map<String, Function<Program, LoadedProgram>> engines(VmOptions options) {
        Map<String, Function<Program, LoadedProgram>> m = new LinkedHashMap<>();
        m.put("interpreter", p -> Vm.load(p, options.withEngine(EngineKind.INTERPRETER)));
        m.put("jit", p -> Vm.load(p, options.withEngine(EngineKind.JIT)));
        m.put(
                "jit chunks",
                p -> JitCompiler.compile(
                        LinkedProgram.link(p, List.of(), options.helpers()), options.withEngine(EngineKind.JIT), 30));
        return m;
    }

    /** r1 = 7; call f; exit; f: r0 = 0; call id; exit: the helper runs one function down. */
    private static Program callingHelper(int id) {
        return Program.of(List.of(
                mov(1, 7),
                i(Opcode.CALL_LOCAL, 0, 1, 0, 0).withTarget(1, 3),
                exit(),
                mov(0, 0),
                i(Opcode.CALL, 0, 0, 0, id),
                exit()));
    }

    private static VmFault fault(LoadedProgram p) {
        return assertThrows(VmFault.class, () -> Vm.runWithMemory(p, new Cpu(0, new AddressSpace()), new byte[64]));
    }

    @Test
    void anExceptionFromAHelperIsAFaultAtItsCall() {
        for (var engine : engines(HELPERS).entrySet()) {
            VmFault f = fault(engine.getValue().apply(callingHelper(90)));
            assertEquals(FaultKind.INTERNAL, f.kind(), engine.getKey());
            assertEquals(4, f.pc());
            assertEquals(
                    "fault at pc 4 (call 90): the engine or a helper failed: java.lang.IllegalStateException: boom 7",
                    f.getMessage(),
                    engine.getKey());
            assertInstanceOf(IllegalStateException.class, f.getCause());
            // a helper called through its object, not invokestatic
            f = fault(engine.getValue().apply(callingHelper(93)));
            assertEquals(
                    "fault at pc 4 (call 93): the engine or a helper failed: java.lang.ArithmeticException: / by zero 7",
                    f.getMessage(),
                    engine.getKey());
        }
    }

    @Test
    void aStackOverflowInAHelperIsAFaultAtItsCall() {
        for (var engine : engines(HELPERS).entrySet()) {
            VmFault f = fault(engine.getValue().apply(callingHelper(91)));
            assertEquals(FaultKind.INTERNAL, f.kind(), engine.getKey());
            assertEquals(
                    "fault at pc 4 (call 91): the engine or a helper failed: java.lang.StackOverflowError",
                    f.getMessage(),
                    engine.getKey());
            assertInstanceOf(StackOverflowError.class, f.getCause());
        }
    }

    @Test
    void outOfMemoryPassesAsItIs() {
        for (var engine : engines(HELPERS).entrySet()) {
            LoadedProgram p = engine.getValue().apply(callingHelper(92));
            OutOfMemoryError e = assertThrows(
                    OutOfMemoryError.class,
                    () -> Vm.runWithMemory(p, new Cpu(0, new AddressSpace()), new byte[64]),
                    engine.getKey());
            assertEquals("pretend", e.getMessage());
        }
    }

    @Test
    void bpfToBpfRecursionStopsAtEightFramesNotAtTheJvmsStack() {
        // f: call f: endless recursion is the call depth fault at the eighth frame, on every engine
        Program p = Program.of(List.of(
                i(Opcode.CALL_LOCAL, 0, 1, 0, 0).withTarget(0, 2),
                exit(),
                i(Opcode.CALL_LOCAL, 0, 1, 0, 0).withTarget(2, 2),
                exit()));
        for (var engine : engines(VmOptions.defaults()).entrySet()) {
            VmFault f = fault(engine.getValue().apply(p));
            assertEquals(FaultKind.CALL_DEPTH, f.kind(), engine.getKey());
            assertEquals("fault at pc 2 (call pc-1): call depth exceeds 8 frames", f.getMessage(), engine.getKey());
        }
    }

    /**
     * r1 = 6; call f; exit; f: if r1 == 0 goto leaf; r1 -= 1; call f; exit; leaf: a stack store
     * and load and a helper call: seven frames deep, every kind of instruction that calls out.
     */
    private static final Program DEEP = Program.of(List.of(
            mov(1, 6),
            i(Opcode.CALL_LOCAL, 0, 1, 0, 0).withTarget(1, 3),
            exit(),
            i(Opcode.JEQ_IMM, 1, 0, 3, 0),
            i(Opcode.SUB64_IMM, 1, 0, 0, 1),
            i(Opcode.CALL_LOCAL, 0, 1, 0, 0).withTarget(5, 3),
            exit(),
            i(Opcode.STXDW, 10, 1, -8, 0),
            i(Opcode.LDXDW, 0, 10, -8, 0),
            movr(6, 0),
            i(Opcode.CALL, 0, 0, 0, 7),
            exit()));

    /** Runs p ever deeper on this thread's stack until a run fails: that failure. */
    @SuppressWarnings("InfiniteRecursion") // on purpose: deeper until the stack is nearly full
    private static VmFault dive(LoadedProgram p, Cpu cpu, byte[] memory) {
        try {
            Vm.runWithMemory(p, cpu, memory);
        } catch (VmFault f) {
            return f;
        }
        return dive(p, cpu, memory);
    }

    /**
     * Run deeper and deeper on a small thread stack until the stack runs out inside the engine:
     * the run ends in a fault, never a StackOverflowError. Where it can, the fault names the
     * instruction (the interpreter's) or call (the JIT's) that ran; so close to the stack's end
     * that is rarely possible, and the fault is the program's preallocated outOfStack.
     */
    @Test
    void aStackOverflowAnywhereInARunIsAFault() throws InterruptedException {
        InstructionText text = new InstructionText(DEEP);
        for (var engine : engines(VmOptions.defaults()).entrySet()) {
            LoadedProgram p = engine.getValue().apply(DEEP);
            Cpu cpu = new Cpu(0, new AddressSpace());
            Vm.runWithMemory(p, cpu, new byte[64]); // runs normally with stack to spare
            // the fault path once with room, so nothing it uses is linked for the first time in the overflow
            fault(engines(HELPERS).get(engine.getKey()).apply(callingHelper(90)));
            List<VmFault> faults = new ArrayList<>();
            for (int attempt = 0; attempt < 5; attempt++) {
                AtomicReference<Throwable> escaped = new AtomicReference<>();
                Thread t = new Thread(
                        null,
                        () -> {
                            try {
                                faults.add(dive(p, cpu, new byte[64]));
                            } catch (Throwable e) {
                                escaped.set(e);
                            }
                        },
                        "dive",
                        256 * 1024);
                t.start();
                t.join();
                if (escaped.get() != null) {
                    throw new AssertionError(
                            engine.getKey() + ": a run let " + escaped.get() + " escape", escaped.get());
                }
            }
            int named = 0;
            for (VmFault f : faults) {
                assertEquals(FaultKind.INTERNAL, f.kind(), engine.getKey() + ": " + f.getMessage());
                assertNotNull(f.instruction());
                if (f.getCause() == null) {
                    // overflowed entering the program, or too near the end to make a fault naming the instruction
                    assertEquals(
                            "fault at pc 0 (r1 = 6): the thread's stack ran out entering the program, or too close to "
                                    + "its end to name the instruction (run it on a thread with more stack)",
                            f.getMessage());
                    continue;
                }
                named++;
                assertInstanceOf(StackOverflowError.class, f.getCause());
                assertTrue(DEEP.isInstructionStart(f.pc()), f.getMessage());
                Opcode op = DEEP.at(f.pc()).op();
                if (!engine.getKey().equals("interpreter")) {
                    assertTrue(
                            op == Opcode.CALL_LOCAL || op == Opcode.CALL,
                            "the JIT names calls only: " + f.getMessage());
                }
                String where = op == Opcode.STXDW || op == Opcode.LDXDW ? " at " + Addresses.format(f.address()) : "";
                assertEquals(
                        "fault at pc " + f.pc() + " (" + text.at(f.pc()) + "): the engine or a helper failed" + where
                                + ": java.lang.StackOverflowError",
                        f.getMessage());
            }
            System.out.println(
                    engine.getKey() + ": " + faults.size() + " overflows, " + named + " named their instruction");
        }
    }

    @Test
    void aWrongFactIsAFaultNeverAnArrayException() {
        // r0 = *(u8 *)(r1 + 3) with r1 the memory, but the facts claim a proven packet access: the
        // packet's array (empty here) cannot hold it. In the entry function no handler names it; in a
        // called function the call's handler does
        Program entry = Program.of(List.of(i(Opcode.LDXB, 0, 1, 3, 0), exit()));
        Program called = Program.of(
                List.of(i(Opcode.CALL_LOCAL, 0, 1, 0, 0).withTarget(0, 2), exit(), i(Opcode.LDXB, 0, 1, 3, 0), exit()));
        VmOptions options = VmOptions.defaults().withEngine(EngineKind.JIT);
        for (int chunks : new int[] {0, 30}) {
            VmFault f = fault(JitCompiler.compile(
                    LinkedProgram.link(entry, List.of(), options.helpers()),
                    options,
                    AccessFacts.of(entry, Map.of(0, new AccessFacts.Access(RegionKind.PACKET, true))),
                    chunks));
            assertEquals(FaultKind.INTERNAL, f.kind());
            assertEquals(
                    "fault at an unknown pc: the compiled code failed at an instruction it cannot name: "
                            + "java.lang.ArrayIndexOutOfBoundsException: Index 3 out of bounds for length 0 "
                            + "(a wrong fact given to the JIT, or a bug in jxdp)",
                    f.getMessage());
            f = fault(JitCompiler.compile(
                    LinkedProgram.link(called, List.of(), options.helpers()),
                    options,
                    AccessFacts.of(called, Map.of(2, new AccessFacts.Access(RegionKind.PACKET, true))),
                    chunks));
            assertEquals(FaultKind.INTERNAL, f.kind());
            assertEquals(
                    "fault at pc 0 (call pc+1): the engine or a helper failed: "
                            + "java.lang.ArrayIndexOutOfBoundsException: Index 3 out of bounds for length 0",
                    f.getMessage());
        }
    }

    @Test
    void aFaultKeepsTheStackTraceOfWhereItWasRaised() {
        VmFault f = fault(Vm.load(callingHelper(90), HELPERS));
        assertSame(IllegalStateException.class, f.getCause().getClass());
        StackTraceElement top = f.getStackTrace()[0];
        if (!top.getClassName().equals(VmFault.class.getName())) {
            fail("the trace starts at " + top);
        }
    }
}
