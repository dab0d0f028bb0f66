package io.jxdp.jit;

import static io.jxdp.vm.testing.Insns.exit;
import static io.jxdp.vm.testing.Insns.i;
import static io.jxdp.vm.testing.Insns.mov;
import static io.jxdp.vm.testing.Insns.movr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxdp.isa.Instruction;
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
import io.jxdp.vm.memory.AddressSpace;
import io.jxdp.vm.memory.Memory;
import io.jxdp.vm.memory.RegionKind;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Verified fast paths, driven by a hand-made facts table as the verifier's facts will drive them. */
class AccessFactsTest {
    private static final AccessFacts.Access PACKET = new AccessFacts.Access(RegionKind.PACKET, true);
    private static final AccessFacts.Access MEMORY = new AccessFacts.Access(RegionKind.MEMORY, true);

    private static String classText(Program program, AccessFacts facts) {
        return new String(GeneratedClasses.bytesOf(program, VmOptions.defaults(), facts), StandardCharsets.ISO_8859_1);
    }

    /** The program on the JIT with facts of the test's own (or none). */
    private static LoadedProgram jit(Program program, VmOptions options, AccessFacts facts) {
        VmOptions jit = options.withEngine(EngineKind.JIT);
        return JitCompiler.compile(LinkedProgram.link(program, List.of(), jit.helpers()), jit, facts);
    }

    /** r0 = ctx->data; r0 = *(u16 *)(r0 + 12) (the EtherType of an Ethernet frame). */
    private static final Program ETHER_TYPE = Program.of(
            List.of(i(Opcode.LDXW, 2, 1, 0, 0), i(Opcode.LDXH, 0, 2, 12, 0), i(Opcode.BE, 0, 0, 0, 16), exit()));

    private static long runOnPacket(LoadedProgram p, byte[] frame) {
        Cpu cpu = new Cpu(0, new AddressSpace());
        cpu.memory().xdp().attach(frame, 256, frame.length, frame.length, 1, 0);
        return p.run(cpu, Memory.contextPointer(), 0);
    }

    private static AccessPlan.Route route(Program program, AccessFacts facts, int pc) {
        return AccessPlan.of(program, program.functionEntries(), facts).route(pc);
    }

    @Test
    void provenPacketAccessesReadTheArrayDirectly() {
        AccessFacts facts = AccessFacts.of(ETHER_TYPE, Map.of(1, PACKET));
        assertEquals(AccessPlan.Route.PACKET, route(ETHER_TYPE, facts, 1));
        byte[] frame = new byte[256 + 64];
        frame[256 + 12] = 0x08;
        assertEquals(0x0800, runOnPacket(jit(ETHER_TYPE, VmOptions.defaults(), facts), frame));
    }

    @Test
    void withoutBoundsTheAccessIsGuardedAndFaultsAsTheInterpreterDoes() {
        // a kind without bounds, or no facts at all (the JIT guesses a ctx->data load is a packet pointer)
        for (AccessFacts facts : new AccessFacts[] {
            AccessFacts.of(ETHER_TYPE, Map.of(1, new AccessFacts.Access(RegionKind.PACKET, false))), null
        }) {
            assertEquals(AccessPlan.Route.GUARDED_PACKET, route(ETHER_TYPE, facts, 1));
            assertTrue(classText(ETHER_TYPE, facts).contains("loadH")); // the checked call, out of line
            VmFault f = assertThrows(
                    VmFault.class, () -> runOnPacket(jit(ETHER_TYPE, VmOptions.defaults(), facts), new byte[256 + 10]));
            assertEquals(1, f.pc());
            VmFault expected = assertThrows(
                    VmFault.class,
                    () -> runOnPacket(
                            Vm.load(ETHER_TYPE, VmOptions.defaults().withEngine(EngineKind.INTERPRETER)),
                            new byte[256 + 10]));
            assertEquals(expected.getMessage(), f.getMessage());
            byte[] frame = new byte[256 + 64];
            frame[256 + 13] = 0x06;
            assertEquals(0x0006, runOnPacket(jit(ETHER_TYPE, VmOptions.defaults(), facts), frame));
        }
    }

    @Test
    void aWrongFactThatTheArrayCheckStopsIsAFaultNotAnArrayException() {
        // the "verifier" claims in bounds; the packet is 10 bytes in a 266-byte buffer: the JVM's check stops
        // the direct access, and the run ends in a fault (which cannot name the access: no handler covers it)
        LoadedProgram wrong = jit(ETHER_TYPE, VmOptions.defaults(), AccessFacts.of(ETHER_TYPE, Map.of(1, PACKET)));
        VmFault f = assertThrows(VmFault.class, () -> runOnPacket(wrong, new byte[256 + 10]));
        assertEquals(FaultKind.INTERNAL, f.kind());
        assertEquals(-1, f.pc());
        assertEquals(
                "fault at an unknown pc: the compiled code failed at an instruction it cannot name: "
                        + "java.lang.ArrayIndexOutOfBoundsException: Index 268 out of bounds for length 265 "
                        + "(a wrong fact given to the JIT, or a bug in jxdp)",
                f.getMessage());
        // a wrong fact the array check cannot see reads stale bytes of the frame buffer: which is why the
        // verifier's facts are bound to their program and entry state, and hand-written ones are the caller's word
        byte[] frame = new byte[256 + 64];
        frame[256 + 12] = 0x08;
        Cpu cpu = new Cpu(0, new AddressSpace());
        cpu.memory().xdp().attach(frame, 256, 256 + 10, frame.length, 1, 0);
        assertEquals(0x0800, wrong.run(cpu, Memory.contextPointer(), 0));
    }

    @Test
    void thePacketIsReloadedAfterEveryHelperCall() {
        byte[] second = new byte[256 + 64];
        second[256] = 42;
        // helper 99 replaces the packet, as a helper that moves the frame would
        HelperFunction swap = new HelperFunction(
                99,
                "swap_packet",
                (cpu, a, b, c, d, e) -> {
                    cpu.memory().xdp().attach(second, 256, second.length, second.length, 1, 0);
                    return 0;
                },
                null);
        // r6 = ctx->data; r0 = *(u8 *)(r6 + 0); call 99; r6 = ctx->data; r0 += *(u8 *)(r6 + 0)
        Instruction[] insns = {
            i(Opcode.LDXW, 6, 1, 0, 0),
            i(Opcode.LDXB, 7, 6, 0, 0),
            i(Opcode.CALL, 0, 0, 0, 99),
            i(Opcode.LDXW, 6, 1, 0, 0),
            i(Opcode.LDXB, 0, 6, 0, 0),
            i(Opcode.ADD64_REG, 0, 7, 0, 0),
            exit()
        };
        Program program = Program.of(List.of(insns));
        VmOptions options =
                VmOptions.defaults().withHelpers(StandardHelpers.table().with(swap));
        AccessFacts facts = AccessFacts.of(program, Map.of(1, PACKET, 4, PACKET));
        byte[] first = new byte[256 + 64];
        first[256] = 1;
        assertEquals(43, runOnPacket(jit(program, options, facts), first));
        GeneratedClasses.verify(GeneratedClasses.bytesOf(program, options, facts));
    }

    @Test
    void aGuardNeverTakesAnAccessWhoseAddressCarriesOutOfTheRegion() {
        // r2 = r1 + low; r0 = *(u8 *)(r2 + 32): the JIT guesses r2 points into the memory
        for (long low : new long[] {0xffff_fff0L, 0x7fff_fff0L, 0x8000_0000L, 0xffff_ffe0L}) {
            Program program = Program.of(List.of(
                    i(Opcode.LDDW, 3, 0, 0, low),
                    movr(2, 1),
                    i(Opcode.ADD64_REG, 2, 3, 0, 0),
                    i(Opcode.LDXB, 0, 2, 32, 0),
                    exit()));
            assertEquals(AccessPlan.Route.GUARDED_MEMORY, route(program, null, 4));
            VmFault expected = assertThrows(
                    VmFault.class,
                    () -> Vm.runWithMemory(
                            Vm.load(program, VmOptions.defaults().withEngine(EngineKind.INTERPRETER)),
                            new Cpu(0, new AddressSpace()),
                            new byte[64]));
            VmFault actual = assertThrows(
                    VmFault.class,
                    () -> Vm.runWithMemory(
                            Vm.load(program, VmOptions.defaults().withEngine(EngineKind.JIT)),
                            new Cpu(0, new AddressSpace()),
                            new byte[64]));
            assertEquals(expected.getMessage(), actual.getMessage());
        }
    }

    @Test
    void provenMemoryAccessesAndTheJitsOwnFrameProofs() {
        // *(u64 *)(r10 - 16) = r2; r3 = r10; r3 += -16; r0 = *(u64 *)(r3 + 0); r0 += *(u32 *)(r1 + 4)
        Program program = Program.of(List.of(
                i(Opcode.STXDW, 10, 2, -16, 0),
                movr(3, 10),
                i(Opcode.ADD64_IMM, 3, 0, 0, -16),
                i(Opcode.LDXDW, 0, 3, 0, 0),
                i(Opcode.LDXW, 4, 1, 4, 0),
                i(Opcode.ADD64_REG, 0, 4, 0, 0),
                exit()));
        AccessFacts facts = AccessFacts.of(program, Map.of(4, MEMORY));
        byte[] mem = {0, 0, 0, 0, 5, 0, 0, 0};
        assertEquals(
                13, Vm.runWithMemory(jit(program, VmOptions.defaults(), facts), new Cpu(0, new AddressSpace()), mem));
        AccessPlan plan = AccessPlan.of(program, program.functionEntries(), facts);
        assertEquals(AccessPlan.Route.STACK, plan.route(0));
        assertEquals(AccessPlan.Route.STACK, plan.route(3));
        assertEquals(AccessPlan.Route.MEMORY, plan.route(4));
        assertEquals(
                AccessPlan.Route.GUARDED_MEMORY,
                AccessPlan.of(program, program.functionEntries(), null).route(4));
    }

    @Test
    void frameProofsStopWhereAPointerLeavesTheFrameOrIsNoLongerKnown() {
        // r2 = r10 - 8 on one path, r10 - 600 on the other; r3 = r10 + 8; r4 = r10 - 4 (u64 would cross r10)
        Program program = Program.of(List.of(
                movr(2, 10),
                i(Opcode.ADD64_IMM, 2, 0, 0, -8),
                i(Opcode.JEQ_IMM, 1, 0, 1, 0),
                i(Opcode.ADD64_IMM, 2, 0, 0, -592),
                i(Opcode.LDXB, 0, 2, 0, 0),
                i(Opcode.LDXB, 0, 10, -512, 0),
                i(Opcode.LDXB, 0, 10, -513, 0),
                i(Opcode.LDXDW, 0, 10, -4, 0),
                mov(0, 0),
                exit()));
        AccessPlan plan = AccessPlan.of(program, program.functionEntries(), null);
        assertEquals(AccessPlan.Route.CHECKED, plan.route(4));
        assertEquals(AccessPlan.Route.STACK, plan.route(5));
        assertEquals(AccessPlan.Route.CHECKED, plan.route(6));
        assertEquals(AccessPlan.Route.CHECKED, plan.route(7));
    }
}
