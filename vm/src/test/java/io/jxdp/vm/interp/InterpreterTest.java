package io.jxdp.vm.interp;

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
import io.jxdp.vm.Cpu;
import io.jxdp.vm.FaultKind;
import io.jxdp.vm.LoadedProgram;
import io.jxdp.vm.Vm;
import io.jxdp.vm.VmFault;
import io.jxdp.vm.VmOptions;
import io.jxdp.vm.memory.AddressSpace;
import java.util.List;
import org.junit.jupiter.api.Test;

class InterpreterTest {
    private static long run(byte[] mem, Instruction... insns) {
        LoadedProgram p = Vm.load(Program.of(List.of(insns)), VmOptions.defaults());
        return Vm.runWithMemory(p, new Cpu(0, new AddressSpace()), mem);
    }

    private static VmFault fault(VmOptions options, byte[] mem, Instruction... insns) {
        LoadedProgram p = Vm.load(Program.of(List.of(insns)), options);
        return assertThrows(VmFault.class, () -> Vm.runWithMemory(p, new Cpu(0, new AddressSpace()), mem));
    }

    @Test
    void arithmeticAndZeroExtension() {
        assertEquals(0xffff_ffffL, run(null, mov(0, -1), i(Opcode.MOV32_REG, 0, 0, 0, 0), exit()));
        assertEquals(
                3,
                run(
                        null,
                        mov(0, 7),
                        mov(1, 2),
                        i(Opcode.MOD64_REG, 0, 1, 0, 0),
                        i(Opcode.ADD64_IMM, 0, 0, 0, 2),
                        exit()));
        assertEquals(
                0, run(null, mov(0, 7), i(Opcode.DIV64_REG, 0, 1, 0, 0), exit())); // r1 is 0 at entry without memory
        assertEquals(0x1122334455667788L, run(null, i(Opcode.LDDW, 0, 0, 0, 0x1122334455667788L), exit()));
    }

    @Test
    void memoryCallingConvention() {
        byte[] mem = {1, 2, 3, 4, 5, 6, 7, 8};
        assertEquals(8, run(mem, movr(0, 2), exit()));
        assertEquals(0x04030201L, run(mem, i(Opcode.LDXW, 0, 1, 0, 0), exit()));
        assertEquals(0xffff_ffff_ffff_ff80L, run(new byte[] {(byte) 0x80}, i(Opcode.LDXSB, 0, 1, 0, 0), exit()));
        run(mem, i(Opcode.STXW, 1, 1, 4, 0), mov(0, 0), exit());
        assertEquals(0, mem[4]); // the low byte of r1 = 4 << 32 | 0 is 0
    }

    @Test
    void outOfBoundsAccessIsAFaultNamingPcAndAddress() {
        VmFault f = fault(VmOptions.defaults(), new byte[4], mov(0, 0), i(Opcode.LDXW, 0, 1, 2, 0), exit());
        assertEquals(FaultKind.OUT_OF_BOUNDS, f.kind());
        assertEquals(1, f.pc());
        assertEquals(0x4_0000_0002L, f.address());
        assertEquals(
                "fault at pc 1 (r0 = *(u32 *)(r1 + 2)): load of 4 bytes at 0x4_00000002 is outside the memory: "
                        + "offset 2, accessible [0, 4)",
                f.getMessage());
        VmFault nul = fault(VmOptions.defaults(), null, i(Opcode.LDXDW, 0, 1, 0, 0), exit());
        assertEquals("load of 8 bytes at 0x0_00000000: a NULL pointer", nul.detail());
    }

    @Test
    void stackFramesAndLocalCalls() {
        // r6 = 6; call f; r0 += r6; exit  |  f: *(u64 *)(r10 - 8) = 40; r0 = *(u64 *)(r10 - 8); r6 = 99; exit
        assertEquals(
                46,
                run(
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

    @Test
    void callxCallsAHelperByIdOrAFunctionByPointer() {
        // callx r2 with r2 = 8 (get_smp_processor_id) on cpu 0
        assertEquals(0, run(null, mov(2, 8), mov(0, 5), i(Opcode.CALLX, 2, 0, 0, 0), exit()));
        // r2 = &f; callx r2; exit | f: r0 = 7; exit
        assertEquals(7, run(null, i(Opcode.LDDW, 2, 4, 0, 3), i(Opcode.CALLX, 2, 0, 0, 0), exit(), mov(0, 7), exit()));
    }

    @Test
    void runawayLoopsStopAtTheBudget() {
        VmFault f = fault(VmOptions.defaults().withBudget(1000), null, mov(0, 0), i(Opcode.JA, 0, 0, -1, 0), exit());
        assertEquals(FaultKind.BUDGET, f.kind());
        assertEquals(1, f.pc());
    }

    @Test
    void recursionStopsAtEightFrames() {
        VmFault f = fault(VmOptions.defaults(), null, i(Opcode.CALL_LOCAL, 0, 1, 0, -1), exit());
        assertEquals(FaultKind.CALL_DEPTH, f.kind());
    }

    @Test
    void atomicsReturnTheOldValue() {
        byte[] mem = new byte[16];
        mem[8] = 5;
        // r2 = 3; r2 = atomic_fetch_add((u64 *)(r1 + 8), r2); r0 = *(u64 *)(r1 + 8); r0 = r0 * 100 + r2
        assertEquals(
                805,
                run(
                        mem,
                        mov(2, 3),
                        i(Opcode.ATOMIC64_FETCH_ADD, 1, 2, 8, 0),
                        i(Opcode.LDXDW, 0, 1, 8, 0),
                        i(Opcode.MUL64_IMM, 0, 0, 0, 100),
                        i(Opcode.ADD64_REG, 0, 2, 0, 0),
                        exit()));
        VmFault f = fault(VmOptions.defaults(), mem, i(Opcode.ATOMIC32_ADD, 1, 2, 2, 0), mov(0, 0), exit());
        assertEquals(FaultKind.MISALIGNED, f.kind());
    }

    @Test
    void unknownHelpersAreRefusedAtLoad() {
        InvalidProgramException e = assertThrows(
                InvalidProgramException.class,
                () -> Vm.load(Program.of(List.of(i(Opcode.CALL, 0, 0, 0, 0), exit())), VmOptions.defaults()));
        assertEquals(0, e.pc());
    }
}
