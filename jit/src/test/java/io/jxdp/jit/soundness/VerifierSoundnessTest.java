package io.jxdp.jit.soundness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jxdp.asm.Assembler;
import io.jxdp.asm.Syntax;
import io.jxdp.isa.MapDef;
import io.jxdp.isa.Program;
import io.jxdp.verifier.ProgramType;
import io.jxdp.verifier.VerifiedProgram;
import io.jxdp.verifier.Verifier;
import io.jxdp.verifier.VerifierOptions;
import io.jxdp.verifier.VerifierResult;
import io.jxdp.vm.Cpu;
import io.jxdp.vm.EngineKind;
import io.jxdp.vm.LoadedProgram;
import io.jxdp.vm.Vm;
import io.jxdp.vm.VmFault;
import io.jxdp.vm.VmOptions;
import io.jxdp.vm.XdpTestRun;
import io.jxdp.vm.maps.BpfMap;
import io.jxdp.vm.maps.Maps;
import io.jxdp.vm.memory.AddressSpace;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The verifier's promise, tested: every generated program it accepts runs on random packets
 * (every length from the 14-byte minimum up) on both engines without a single fault, and the
 * engines agree on every verdict, every output packet and every map. The JIT runs with the
 * verifier's facts, so its unchecked fast paths are exercised exactly where the verifier vouched.
 */
class VerifierSoundnessTest {
    private static final int PROGRAMS = Integer.getInteger("soundness.programs", 3000);
    private static final long SEED = Long.getLong("soundness.seed", 20261125L);

    /** What one engine saw: r0 per packet, each packet as left, the maps at the end. */
    private record Trace(List<Long> verdicts, List<byte[]> packets, List<byte[]> maps) {}

    @Test
    void acceptedProgramsNeverFaultAndBothEnginesAgree() {
        int accepted = 0;
        java.util.Map<String, Integer> rejections = new java.util.TreeMap<>();
        for (int i = 0; i < PROGRAMS; i++) {
            long seed = SEED + i;
            String text = new XdpProgramGenerator(seed).program();
            Program program = Assembler.assemble(text, "gen-" + seed + ".bpf", Syntax.LLVM);
            VerifierResult result =
                    Verifier.verify(program, VerifierOptions.defaults().withProgramType(ProgramType.xdp()));
            if (!result.accepted()) {
                rejections.merge(result.error().map(e -> e.code().name()).orElse("?"), 1, Integer::sum);
                continue;
            }
            accepted++;
            List<byte[]> packets = packets(new Random(seed));
            Trace interp = run(program, EngineKind.INTERPRETER, null, packets, seed, text);
            Trace jit = run(program, EngineKind.JIT, result.orThrow(), packets, seed, text);
            assertEquals(interp.verdicts(), jit.verdicts(), "verdicts differ, seed " + seed + "\n" + text);
            for (int p = 0; p < packets.size(); p++) {
                assertArrayEquals(
                        interp.packets().get(p),
                        jit.packets().get(p),
                        "packet " + p + " differs, seed " + seed + "\n" + text);
            }
            for (int m = 0; m < interp.maps().size(); m++) {
                assertArrayEquals(
                        interp.maps().get(m), jit.maps().get(m), "map " + m + " differs, seed " + seed + "\n" + text);
            }
        }
        // the generator must sit on the boundary: a property over only accepted or only rejected programs proves little
        assertTrue(
                accepted > PROGRAMS / 5 && accepted < PROGRAMS * 9 / 10,
                "accepted " + accepted + " of " + PROGRAMS
                        + ": the generator no longer probes the verifier's boundary; rejected: " + rejections);
    }

    private static List<byte[]> packets(Random rnd) {
        List<byte[]> out = new ArrayList<>();
        for (int len = 14; len <= 80; len++) {
            out.add(randomPacket(rnd, len));
        }
        for (int i = 0; i < 8; i++) {
            out.add(randomPacket(rnd, 81 + rnd.nextInt(1400)));
        }
        return out;
    }

    private static byte[] randomPacket(Random rnd, int len) {
        byte[] b = new byte[len];
        rnd.nextBytes(b);
        return b;
    }

    private static Trace run(
            Program program, EngineKind engine, VerifiedProgram facts, List<byte[]> packets, long seed, String text) {
        AddressSpace space = new AddressSpace();
        List<BpfMap> maps = new ArrayList<>();
        for (MapDef d : program.maps()) {
            maps.add(Maps.create(d, space, 1));
        }
        LoadedProgram loaded =
                Vm.load(program, maps, VmOptions.defaults().withEngine(engine).withFacts(facts));
        Cpu cpu = new Cpu(0, space);
        cpu.clock(() -> 1_000_000L);
        List<Long> verdicts = new ArrayList<>();
        List<byte[]> out = new ArrayList<>();
        for (byte[] packet : packets) {
            try {
                XdpTestRun.Result r = XdpTestRun.run(loaded, cpu, packet.clone(), XdpTestRun.Options.defaults());
                verdicts.add(r.retval());
                out.add(r.dataOut());
            } catch (VmFault f) {
                fail("a verified program faulted on " + engine.cliName() + " (seed " + seed + ", packet of "
                        + packet.length + " bytes): " + f.getMessage() + "\n" + text);
            }
        }
        List<byte[]> mapBytes = new ArrayList<>();
        for (BpfMap m : maps) {
            for (byte[] key : m.keys()) {
                mapBytes.add(key);
                mapBytes.add(m.lookup(key));
            }
        }
        return new Trace(verdicts, out, mapBytes);
    }
}
