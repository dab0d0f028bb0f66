package io.jxdp.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jxdp.asm.Assembler;
import io.jxdp.asm.Syntax;
import io.jxdp.isa.MapDef;
import io.jxdp.isa.Program;
import io.jxdp.vm.Cpu;
import io.jxdp.vm.EngineKind;
import io.jxdp.vm.Environment;
import io.jxdp.vm.Vm;
import io.jxdp.vm.VmOptions;
import io.jxdp.vm.XdpTestRun;
import io.jxdp.vm.maps.BpfMap;
import io.jxdp.vm.maps.MapFlags;
import io.jxdp.vm.maps.Maps;
import io.jxdp.vm.memory.AddressSpace;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The helpers as programs call them, on every engine: each program runs on the interpreter and the
 * JIT, on CPU 2 of a deterministic environment with the random generator seeded with 42, and both
 * must give the value written here (and the same packet and trace lines).
 */
class HelperEnginesTest {
    private record Outcome(long retval, String packet, List<String> trace) {}

    private static Outcome run(
            EngineKind engine, String text, byte[] packet, UnaryOperator<Environment> env, long[][] percpuValues) {
        Program program = Assembler.assemble(text, "helpers.bpf", Syntax.LLVM);
        AddressSpace space = new AddressSpace();
        List<BpfMap> maps = new ArrayList<>();
        for (MapDef def : program.maps()) {
            BpfMap m = Maps.create(def, space, 3);
            for (int key = 0; key < percpuValues.length; key++) {
                java.nio.ByteBuffer v = java.nio.ByteBuffer.allocate(24).order(java.nio.ByteOrder.LITTLE_ENDIAN);
                for (long x : percpuValues[key]) {
                    v.putLong(x);
                }
                m.update(MapHelpersKeys.u32(key), v.array(), MapFlags.ANY);
            }
            maps.add(m);
        }
        List<String> trace = new ArrayList<>();
        Cpu cpu = new Cpu(2, space)
                .environment(env.apply(Environment.deterministic()))
                .trace(trace::add);
        cpu.seedRandom(42);
        XdpTestRun.Result r =
                XdpTestRun.run(Vm.load(program, maps, VmOptions.defaults().withEngine(engine)), cpu, packet.clone());
        return new Outcome(r.retval(), java.util.HexFormat.of().formatHex(r.packet()), trace);
    }

    /** Runs on both engines; returns r0 after checking that both agree on everything. */
    private static Outcome both(String text, byte[] packet, UnaryOperator<Environment> env, long[]... percpu) {
        Outcome interp = run(EngineKind.INTERPRETER, text, packet, env, percpu);
        Outcome jit = run(EngineKind.JIT, text, packet, env, percpu);
        assertEquals(interp.retval, jit.retval, "r0");
        assertEquals(interp.packet, jit.packet);
        assertEquals(interp.trace, jit.trace);
        return interp;
    }

    private static long r0(String text) {
        return r0(text, e -> e);
    }

    /**
     * The full 64-bit r0 of a program ending in its only {@code exit}: XDP returns 32 bits, so the
     * program stores r0 into the packet's first 8 bytes before it exits.
     */
    private static long r0(String text, UnaryOperator<Environment> env) {
        String body = text.strip();
        if (!body.endsWith("exit") || body.indexOf("exit") != body.lastIndexOf("exit")) {
            throw new IllegalArgumentException("one exit, at the end");
        }
        String wrapped = "r9 = r1\n" + body.substring(0, body.length() - "exit".length()) + """
                r2 = *(u32 *)(r9 + 0)
                r3 = *(u32 *)(r9 + 4)
                r4 = r2
                r4 += 8
                if r4 > r3 goto +1
                *(u64 *)(r2 + 0) = r0
                exit
                """;
        String packet = both(wrapped, new byte[64], env).packet;
        return java.nio.ByteBuffer.wrap(java.util.HexFormat.of().parseHex(packet.substring(0, 16)))
                .order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .getLong();
    }

    private static byte[] counting(int n) {
        byte[] p = new byte[n];
        for (int i = 0; i < n; i++) {
            p[i] = (byte) (i + 1);
        }
        return p;
    }

    @Test
    void clocks() {
        assertEquals(1000, r0("call 5\nr6 = r0\ncall 5\nr0 -= r6\nexit"));
        assertEquals(1_000_000_000_000L, r0("call 125\nexit"));
        assertEquals(1_000_000_000_000L, r0("call 5\ncall 160\nexit"));
        assertEquals(1_767_225_637_000_000_000L, r0("call 208\nexit"));
        assertEquals(4_295_142_296L, r0("call 118\nexit"));
    }

    @Test
    void cpuTaskAndRandom() {
        assertEquals(2, r0("call 8\nexit"));
        assertEquals(0, r0("call 42\nexit"));
        assertEquals(0, r0("call 14\nexit"));
        assertEquals(0, r0("call 15\nexit"));
        assertEquals(1_456_360_119L, r0("call 7\nexit"));
        String comm =
                "r1 = r10\nr1 += -16\nr2 = 16\ncall 16\nr0 = *(u64 *)(r10 - 16)\nr1 = *(u64 *)(r10 - 8)\nr0 ^= r1\nexit";
        assertEquals(0x2f72657070617773L ^ '2', r0(comm)); // "swapper/" ^ "2\0..."
    }

    @Test
    void packetBytes() {
        String text = """
                r6 = r1
                r2 = 60
                r3 = r10
                r3 += -8
                r4 = 4
                call 189
                r1 = r6
                r2 = 0
                r3 = r10
                r3 += -8
                r4 = 4
                call 190
                r1 = r6
                call 188
                r7 = r0
                r2 = *(u32 *)(r6 + 0)
                r3 = *(u32 *)(r6 + 4)
                r4 = r2
                r4 += 1
                if r4 > r3 goto out
                r0 = *(u8 *)(r2 + 0)
                r0 <<= 8
                r0 += r7
                exit
                out:
                r0 = 0
                exit
                """;
        Outcome o = both(text, counting(64), e -> e);
        assertEquals(61 * 256 + 64, o.retval); // the stored byte, read back through the packet pointer
        byte[] expected = counting(64);
        System.arraycopy(new byte[] {61, 62, 63, 64}, 0, expected, 0, 4);
        assertEquals(java.util.HexFormat.of().formatHex(expected), o.packet);
    }

    @Test
    void checkMtu() {
        String text = """
                *(u32 *)(r10 - 4) = 0
                r2 = 0
                r3 = r10
                r3 += -4
                r4 = 0
                r5 = 0
                call 163
                r1 = *(u32 *)(r10 - 4)
                r0 <<= 32
                r0 |= r1
                exit
                """;
        assertEquals(65536, r0(text)); // lo
        Environment.NetDevice small = new Environment.NetDevice(1, "lo", 40, 0);
        assertEquals(1L << 32 | 40, r0(text, e -> e.withDevice(small))); // 64 > 40 + 14
    }

    @Test
    void strings() {
        String strtol = """
                r1 = 0x663178302d ll
                *(u64 *)(r10 - 8) = r1
                r1 = r10
                r1 += -8
                r2 = 5
                r3 = 0
                r4 = r10
                r4 += -16
                call 105
                r0 *= 1000
                r1 = *(u64 *)(r10 - 16)
                r0 += r1
                exit
                """;
        assertEquals(5000 - 31, r0(strtol)); // "-0x1f": 5 characters, -31
        String strncmp = """
                *(u32 *)(r10 - 4) = 0x646261
                *(u32 *)(r10 - 8) = 0x636261
                r1 = r10
                r1 += -4
                r2 = 3
                r3 = r10
                r3 += -8
                call 182
                exit
                """;
        assertEquals(1, r0(strncmp)); // "abd" > "abc"
        String snprintf = """
                *(u32 *)(r10 - 8) = 0x6425
                r1 = -42
                *(u64 *)(r10 - 16) = r1
                r1 = r10
                r1 += -32
                r2 = 8
                r3 = r10
                r3 += -8
                r4 = r10
                r4 += -16
                r5 = 8
                call 165
                r0 <<= 32
                r1 = *(u32 *)(r10 - 32)
                r0 |= r1
                exit
                """;
        assertEquals(4L << 32 | 0x0032342dL, r0(snprintf)); // "-42\0", 4 bytes with the NUL
        String printk = """
                *(u32 *)(r10 - 8) = 0x0a6425
                r1 = r10
                r1 += -8
                r2 = 4
                r3 = 7
                call 6
                exit
                """;
        Outcome o = both(printk, new byte[64], e -> e);
        assertEquals(2, o.retval);
        assertEquals(List.of("7"), o.trace);
    }

    @Test
    void lookupPercpuElem() {
        String text = """
                .map pc type=percpu_array key=4 value=8 max_entries=2
                *(u32 *)(r10 - 4) = 1
                r1 = pc ll
                r2 = r10
                r2 += -4
                r3 = 0
                call 195
                if r0 == 0 goto miss
                r0 = *(u64 *)(r0 + 0)
                exit
                miss:
                r0 = 7
                exit
                """;
        long[][] values = {{1, 2, 3}, {10, 20, 30}};
        assertEquals(10, both(text, new byte[64], e -> e, values).retval); // CPU 0's copy, from CPU 2
        assertEquals(20, both(text.replace("r3 = 0", "r3 = 1"), new byte[64], e -> e, values).retval);
        assertEquals(30, both(text.replace("r3 = 0", "r3 = 2"), new byte[64], e -> e, values).retval);
        assertEquals(7, both(text.replace("r3 = 0", "r3 = 3"), new byte[64], e -> e, values).retval);
    }

    /** Little-endian u32 keys. */
    private static final class MapHelpersKeys {
        static byte[] u32(int v) {
            return java.nio.ByteBuffer.allocate(4)
                    .order(java.nio.ByteOrder.LITTLE_ENDIAN)
                    .putInt(v)
                    .array();
        }
    }
}
