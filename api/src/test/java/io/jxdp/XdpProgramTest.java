package io.jxdp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxdp.asm.AssemblerException;
import io.jxdp.asm.Syntax;
import io.jxdp.isa.MapType;
import io.jxdp.vm.EngineKind;
import io.jxdp.vm.XdpAction;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/** Loading in every form, verification as data, BPF_PROG_TEST_RUN results, on both engines. */
class XdpProgramTest {
    static final String UNSAFE = "r2 = *(u32 *)(r1 + 0)\nr3 = *(u32 *)(r1 + 4)\nr0 = *(u8 *)(r2 + 20)\nexit\n";

    /** Counts runs in counts[0] and passes. */
    static final String COUNTER = String.join(
            "\n",
            ".map counts type=array key=4 value=8 max_entries=1",
            "    r1 = 0",
            "    *(u32 *)(r10 - 4) = r1",
            "    r2 = r10",
            "    r2 += -4",
            "    r1 = counts ll",
            "    call 1",
            "    if r0 == 0 goto out",
            "    r1 = *(u64 *)(r0 + 0)",
            "    r1 += 1",
            "    *(u64 *)(r0 + 0) = r1",
            "out:",
            "    r0 = 2",
            "    exit",
            "");

    static byte[] frame(int length) {
        byte[] f = new byte[length];
        f[12] = 0x08;
        return f;
    }

    @Test
    void textLoadsVerifiedOnTheJitByDefaultAndRunsAsTheKernelsTestRun() {
        XdpProgram p = Jxdp.loader().assemble("pass.bpf", "r0 = 2\nexit\n");
        assertEquals(EngineKind.JIT, p.engine());
        assertTrue(p.verification().accepted());
        assertFalse(p.verification().skipped());
        assertEquals(
                "processed 2 insns (limit 1000000) max_states_per_insn 0 total_states 0 peak_states 0 mark_read 0\n",
                p.verification().log());
        assertEquals("", p.verification().explanation());
        RunResult r = p.run(frame(60));
        assertEquals(XdpAction.PASS, r.action());
        assertEquals(2, r.returnValue());
        assertArrayEquals(frame(60), r.packet());
        assertEquals(0, r.metadata().length);
        assertEquals(Redirect.Kind.NONE, r.redirect().kind());
        assertEquals(1, r.repeat());
        assertEquals("XDP_PASS, 60 bytes", r.toString());
    }

    @Test
    void aRejectionCarriesTheKernelsLogAndTheExplanation() {
        RejectedException e =
                assertThrows(RejectedException.class, () -> Jxdp.loader().assemble("unsafe.bpf", UNSAFE));
        assertEquals(
                "unsafe.bpf: the verifier rejected the program: invalid access to packet, off=20 size=1,"
                        + " R2(id=0,off=20,r=0)",
                e.getMessage());
        Verification v = e.verification();
        assertFalse(v.accepted());
        assertEquals(
                "invalid access to packet, off=20 size=1, R2(id=0,off=20,r=0)\nR2 offset is outside of the packet",
                v.message());
        assertTrue(
                v.log()
                        .startsWith(
                                "0: R1=ctx() R10=fp0\n0: (61) r2 = *(u32 *)(r1 +0)          ; R1=ctx() R2=pkt(r=0)\n"),
                v.log());
        assertTrue(
                v.explanation().startsWith("PKT_OUT_OF_RANGE (unsafe) at insn 2: (71) r0 = *(u8 *)(r2 +20)\n"),
                v.explanation());
        assertEquals("PKT_OUT_OF_RANGE", v.error().orElseThrow().code().name());
        assertEquals(2, v.error().orElseThrow().pc());
        // check() verifies without loading, and says the same
        Verification checked =
                Jxdp.loader().check("unsafe.bpf", UNSAFE.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(v.log(), checked.log());
    }

    @Test
    void unverifiedCodeRunsWithEveryAccessChecked() {
        XdpProgram p = Jxdp.loader().verify(false).assemble("unsafe.bpf", UNSAFE);
        assertTrue(p.verification().skipped());
        assertEquals("not verified", p.verification().toString());
        byte[] f = frame(60);
        f[20] = 7;
        assertEquals(7, p.run(f).returnValue());
        io.jxdp.vm.VmFault fault = assertThrows(io.jxdp.vm.VmFault.class, () -> p.run(frame(14)));
        assertEquals(2, fault.pc());
    }

    @Test
    void bothDialectsRawBytecodeAndElfObjectsLoad() throws Exception {
        assertEquals(
                XdpAction.DROP,
                Jxdp.loader()
                        .assemble("u.s", "mov %r0, 1\nexit\n")
                        .run(frame(60))
                        .action());
        assertThrows(
                AssemblerException.class,
                () -> Jxdp.loader().syntax(Syntax.LLVM).assemble("u.s", "mov %r0, 1\nexit\n"));
        byte[] tx = {(byte) 0xb7, 0, 0, 0, 3, 0, 0, 0, (byte) 0x95, 0, 0, 0, 0, 0, 0, 0};
        assertEquals(
                XdpAction.TX, Jxdp.loader().load("tx.bin", tx).run(frame(60)).action());

        Path elf = ReadmeExampleTest.ROOT.resolve("assembler/src/test/resources/elf/xdp_redirect_cpu.o");
        io.jxdp.isa.JxdpException which = assertThrows(io.jxdp.isa.JxdpException.class, () -> Jxdp.load(elf));
        assertTrue(which.getMessage().contains("pick one with Loader.program(name): "), which.getMessage());
        XdpProgram drop = Jxdp.loader().program("xdp_redirect_cpu_drop").load(elf);
        assertEquals(XdpAction.DROP, drop.run(frame(60)).action());
        // an ELF object's programs see all of its maps
        assertEquals(MapType.CPUMAP, drop.map("cpu_map").type());
    }

    @Test
    void bothEnginesGiveTheSameAnswersAndTheMapsKeepTheirState() {
        for (EngineKind engine : EngineKind.values()) {
            XdpProgram p = Jxdp.loader().engine(engine).assemble("count.bpf", COUNTER);
            assertEquals(engine, p.engine());
            RunResult r = p.run(frame(60), RunOptions.defaults().withRepeat(5));
            assertEquals(5, r.repeat(), engine.name());
            assertEquals(XdpAction.PASS, r.action(), engine.name());
            p.run(ByteBuffer.wrap(frame(60)));
            assertEquals(6, p.map("counts").lookupLong(0).orElseThrow(), engine.name());
        }
    }

    @Test
    void aByteBufferRunLeavesTheBufferAsItWas() {
        XdpProgram p = Jxdp.loader().assemble("pass.bpf", "r0 = 2\nexit\n");
        ByteBuffer b = ByteBuffer.allocate(80);
        b.position(10).limit(70);
        assertEquals(60, p.run(b).packet().length);
        assertEquals(10, b.position());
        assertEquals(70, b.limit());
    }

    @Test
    void anUnknownMapNameListsTheMaps() {
        XdpProgram p = Jxdp.loader().assemble("count.bpf", COUNTER);
        NoSuchElementException e = assertThrows(NoSuchElementException.class, () -> p.map("nope"));
        assertEquals("count.bpf has no map named 'nope' (maps: counts)", e.getMessage());
        assertEquals(List.of("counts"), List.copyOf(p.maps().keySet()));
    }

    @Test
    void aRedirectNamesItsMapAndKey() {
        XdpProgram p = Jxdp.loader()
                .cpus(4)
                .assemble("touch_data.bpf", io.jxdp.programs.ProgramResources.read("xdp_redirect_cpu/touch_data"));
        p.map("cpus_available").update(0, 3);
        p.map("cpu_map").update(3, 256);
        RunResult r = p.run(frame(60));
        assertEquals(XdpAction.REDIRECT, r.action());
        assertEquals(new Redirect(Redirect.Kind.MAP, 3, "cpu_map", MapType.CPUMAP, false), r.redirect());
        assertEquals("XDP_REDIRECT, 60 bytes, redirect to cpumap cpu_map key 3", r.toString());
    }
}
