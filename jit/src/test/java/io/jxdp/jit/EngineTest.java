package io.jxdp.jit;

import static io.jxdp.vm.testing.Insns.exit;
import static io.jxdp.vm.testing.Insns.i;
import static io.jxdp.vm.testing.Insns.mov;
import static io.jxdp.vm.testing.Insns.movr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jxdp.isa.Instruction;
import io.jxdp.isa.InvalidProgramException;
import io.jxdp.isa.Opcode;
import io.jxdp.isa.Program;
import io.jxdp.isa.ProgramCheck;
import io.jxdp.isa.sem.SemanticsTable;
import io.jxdp.isa.sem.SemanticsTable.Entry;
import io.jxdp.isa.sem.SemanticsTable.Jit;
import io.jxdp.vm.Cpu;
import io.jxdp.vm.EngineKind;
import io.jxdp.vm.FaultKind;
import io.jxdp.vm.LoadedProgram;
import io.jxdp.vm.Vm;
import io.jxdp.vm.VmFault;
import io.jxdp.vm.VmOptions;
import io.jxdp.vm.memory.AddressSpace;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The engines' shared behaviour, each test on both (the semantics of single operations are in
 * {@link SemanticsEdgeTest}; random programs in the differential fuzzer).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@ParameterizedTest(name = "{0}")
@EnumSource(EngineKind.class)
@interface BothEngines {}

class EngineTest {
    private static VmOptions options(EngineKind engine) {
        return VmOptions.defaults().withEngine(engine);
    }

    private static LoadedProgram load(EngineKind engine, VmOptions options, Instruction... insns) {
        Program program = Program.of(List.of(insns));
        if (engine == EngineKind.JIT) {
            GeneratedClasses.verify(GeneratedClasses.bytesOf(program, options.withEngine(engine)));
        }
        LoadedProgram p = Vm.load(program, options.withEngine(engine));
        assertEquals(engine, p.engine());
        return p;
    }

    private static long run(EngineKind engine, byte[] mem, Instruction... insns) {
        LoadedProgram p = load(engine, options(engine), insns);
        return Vm.runWithMemory(p, new Cpu(0, new AddressSpace()), mem);
    }

    private static VmFault fault(EngineKind engine, VmOptions options, byte[] mem, Instruction... insns) {
        LoadedProgram p = load(engine, options, insns);
        return assertThrows(VmFault.class, () -> Vm.runWithMemory(p, new Cpu(0, new AddressSpace()), mem));
    }

    @BothEngines
    void arithmeticAndZeroExtension(EngineKind engine) {
        assertEquals(0xffff_ffffL, run(engine, null, mov(0, -1), i(Opcode.MOV32_REG, 0, 0, 0, 0), exit()));
        assertEquals(
                3,
                run(
                        engine,
                        null,
                        mov(0, 7),
                        mov(1, 2),
                        i(Opcode.MOD64_REG, 0, 1, 0, 0),
                        i(Opcode.ADD64_IMM, 0, 0, 0, 2),
                        exit()));
        // r1 is 0 at entry without memory
        assertEquals(0, run(engine, null, mov(0, 7), i(Opcode.DIV64_REG, 0, 1, 0, 0), exit()));
        assertEquals(0x1122334455667788L, run(engine, null, i(Opcode.LDDW, 0, 0, 0, 0x1122334455667788L), exit()));
    }

    @BothEngines
    void memoryCallingConvention(EngineKind engine) {
        byte[] mem = {1, 2, 3, 4, 5, 6, 7, 8};
        assertEquals(8, run(engine, mem, movr(0, 2), exit()));
        assertEquals(0x04030201L, run(engine, mem, i(Opcode.LDXW, 0, 1, 0, 0), exit()));
        assertEquals(
                0xffff_ffff_ffff_ff80L, run(engine, new byte[] {(byte) 0x80}, i(Opcode.LDXSB, 0, 1, 0, 0), exit()));
        run(engine, mem, i(Opcode.STXW, 1, 1, 4, 0), mov(0, 0), exit());
        assertEquals(0, mem[4]); // the low byte of r1 = 4 << 32 | 0 is 0
    }

    @BothEngines
    void outOfBoundsAccessIsAFaultNamingPcAndAddress(EngineKind engine) {
        VmFault f = fault(engine, VmOptions.defaults(), new byte[4], mov(0, 0), i(Opcode.LDXW, 0, 1, 2, 0), exit());
        assertEquals(FaultKind.OUT_OF_BOUNDS, f.kind());
        assertEquals(1, f.pc());
        assertEquals(0x4_0000_0002L, f.address());
        assertEquals(
                "fault at pc 1 (r0 = *(u32 *)(r1 + 2)): load of 4 bytes at 0x4_00000002 is outside the memory: "
                        + "offset 2, accessible [0, 4)",
                f.getMessage());
        VmFault nul = fault(engine, VmOptions.defaults(), null, i(Opcode.LDXDW, 0, 1, 0, 0), exit());
        assertEquals("load of 8 bytes at 0x0_00000000: a NULL pointer", nul.detail());
    }

    @BothEngines
    void stackFramesAndLocalCalls(EngineKind engine) {
        // r6 = 6; call f; r0 += r6; exit  |  f: *(u64 *)(r10 - 8) = 40; r0 = *(u64 *)(r10 - 8); r6 = 99; exit
        assertEquals(
                46,
                run(
                        engine,
                        null,
                        mov(6, 6),
                        i(Opcode.CALL_LOCAL, 0, 1, 0, 2),
                        i(Opcode.ADD64_REG, 0, 6, 0, 0),
                        exit(),
                        i(Opcode.STDW, 10, 0, -8, 40),
                        i(Opcode.LDXDW, 0, 10, -8, 0),
                        mov(6, 99),
                        exit()));
    }

    @BothEngines
    void callxCallsAHelperByIdOrAFunctionByPointer(EngineKind engine) {
        // callx r2 with r2 = 8 (get_smp_processor_id) on cpu 0
        assertEquals(0, run(engine, null, mov(2, 8), mov(0, 5), i(Opcode.CALLX, 2, 0, 0, 0), exit()));
        // r2 = &f; callx r2; exit | f: r0 = 7; exit
        assertEquals(
                7,
                run(engine, null, i(Opcode.LDDW, 2, 4, 0, 3), i(Opcode.CALLX, 2, 0, 0, 0), exit(), mov(0, 7), exit()));
    }

    @BothEngines
    void jumpsInBothWidthsAndGotol(EngineKind engine) {
        // goto +1 skips r0 = 1; gotol +1 skips r0 = 2
        assertEquals(
                3,
                run(
                        engine,
                        null,
                        mov(0, 0),
                        i(Opcode.JA, 0, 0, 1, 0),
                        mov(0, 1),
                        i(Opcode.JA32, 0, 0, 0, 1),
                        mov(0, 2),
                        i(Opcode.ADD64_IMM, 0, 0, 0, 3),
                        exit()));
    }

    @BothEngines
    void runawayLoopsStopAtTheBudget(EngineKind engine) {
        VmFault f = fault(
                engine, VmOptions.defaults().withBudget(1000), null, mov(0, 0), i(Opcode.JA, 0, 0, -1, 0), exit());
        assertEquals(FaultKind.BUDGET, f.kind());
        assertEquals(1, f.pc());
    }

    @BothEngines
    void recursionStopsAtEightFrames(EngineKind engine) {
        VmFault f = fault(engine, VmOptions.defaults(), null, i(Opcode.CALL_LOCAL, 0, 1, 0, -1), exit());
        assertEquals(FaultKind.CALL_DEPTH, f.kind());
        assertEquals(0, f.pc());
    }

    @BothEngines
    void atomicsReturnTheOldValue(EngineKind engine) {
        byte[] mem = new byte[16];
        mem[8] = 5;
        // r2 = 3; r2 = atomic_fetch_add((u64 *)(r1 + 8), r2); r0 = *(u64 *)(r1 + 8); r0 = r0 * 100 + r2
        assertEquals(
                805,
                run(
                        engine,
                        mem,
                        mov(2, 3),
                        i(Opcode.ATOMIC64_FETCH_ADD, 1, 2, 8, 0),
                        i(Opcode.LDXDW, 0, 1, 8, 0),
                        i(Opcode.MUL64_IMM, 0, 0, 0, 100),
                        i(Opcode.ADD64_REG, 0, 2, 0, 0),
                        exit()));
        VmFault f = fault(engine, VmOptions.defaults(), mem, i(Opcode.ATOMIC32_ADD, 1, 2, 2, 0), mov(0, 0), exit());
        assertEquals(FaultKind.MISALIGNED, f.kind());
    }

    @BothEngines
    void unknownHelpersAreRefusedAtLoad(EngineKind engine) {
        InvalidProgramException e = assertThrows(
                InvalidProgramException.class,
                () -> Vm.load(Program.of(List.of(i(Opcode.CALL, 0, 0, 0, 0), exit())), options(engine)));
        assertEquals(0, e.pc());
    }

    /**
     * The table's engine-handled opcodes, each run or refused as its reason says; the others run in
     * {@link SemanticsEdgeTest}. An opcode added to the table as engine-handled needs a case here.
     */
    @BothEngines
    void everyEngineHandledOpcodeRunsOrIsRefusedAsTheTableSays(EngineKind engine) {
        for (Entry e : SemanticsTable.entries()) {
            if (e.jit() != Jit.ENGINE || e.opcode().atomicOp() != null) {
                continue; // atomics: SemanticsEdgeTest
            }
            Opcode op = e.opcode();
            switch (op) {
                case LDDW -> assertEquals(-5, run(engine, null, i(op, 0, 0, 0, -5), exit()));
                case JA, JA32 ->
                    assertEquals(
                            1,
                            run(engine, null, mov(0, 1), i(op, 0, 0, op == Opcode.JA ? 1 : 0, 1), mov(0, 2), exit()));
                // bpf_get_smp_processor_id (8) on CPU 0
                case CALL -> assertEquals(0, run(engine, null, mov(0, 5), i(op, 0, 0, 0, 8), exit()));
                case CALL_LOCAL -> assertEquals(7, run(engine, null, i(op, 0, 1, 0, 1), exit(), mov(0, 7), exit()));
                case CALLX -> assertEquals(0, run(engine, null, mov(2, 8), mov(0, 5), i(op, 2, 0, 0, 0), exit()));
                case EXIT -> assertEquals(9, run(engine, null, mov(0, 9), i(op, 0, 0, 0, 0)));
                case CALL_KFUNC, LDABSW, LDABSH, LDABSB, LDINDW, LDINDH, LDINDB -> {
                    InvalidProgramException refused = assertThrows(
                            InvalidProgramException.class,
                            () -> Vm.load(Program.of(List.of(i(op, 0, 0, 0, 1), exit())), options(engine)));
                    assertEquals(0, refused.pc());
                    String expected = op == Opcode.CALL_KFUNC ? "kfunc calls" : "legacy packet loads";
                    assertEquals(
                            true,
                            refused.getMessage().contains(expected),
                            refused.getMessage().toLowerCase(Locale.ROOT));
                }
                case MALFORMED ->
                    assertThrows(
                            InvalidProgramException.class,
                            () -> ProgramCheck.check(Program.of(List.of(Instruction.malformed(0xffL), exit()))));
                default -> throw new AssertionError(op + " is engine-handled: add its case to this test");
            }
        }
    }
}
