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
import io.jxdp.vm.maps.Maps;
import io.jxdp.vm.maps.PerfEventArray;
import io.jxdp.vm.maps.PerfEventBuffer;
import io.jxdp.vm.maps.RingBufMap;
import io.jxdp.vm.memory.AddressSpace;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The ring buffer and perf event helpers as programs call them, on the interpreter and the JIT: a
 * program runs on CPU 2 with a perf event open on CPU 2 at index 2 of every perf event array; both
 * engines must give the r0 and the records written here.
 */
class EventHelpersEnginesTest {
    private record Outcome(long retval, List<String> records) {}

    private static Outcome run(EngineKind engine, String text, byte[] packet) {
        Program program = Assembler.assemble(text, "events.bpf", Syntax.LLVM);
        AddressSpace space = new AddressSpace();
        List<BpfMap> maps = new ArrayList<>();
        List<PerfEventBuffer> events = new ArrayList<>();
        for (MapDef def : program.maps()) {
            BpfMap m = Maps.create(def, space, 3);
            if (m instanceof PerfEventArray array) {
                PerfEventBuffer ev = new PerfEventBuffer(2, 1);
                array.attach(2, ev);
                events.add(ev);
            }
            maps.add(m);
        }
        Cpu cpu = new Cpu(2, space).environment(Environment.deterministic());
        XdpTestRun.Result r =
                XdpTestRun.run(Vm.load(program, maps, VmOptions.defaults().withEngine(engine)), cpu, packet.clone());
        List<String> records = new ArrayList<>();
        for (BpfMap m : maps) {
            if (m instanceof RingBufMap ring) {
                records.add("ring " + HexFormat.of().formatHex(ring.snapshot(), 0, 64));
                ring.consume(rec -> records.add("record " + HexFormat.of().formatHex(rec)));
            }
        }
        for (PerfEventBuffer ev : events) {
            ev.drain(new PerfEventBuffer.Reader() {
                @Override
                public void sample(PerfEventBuffer.Sample s) {
                    records.add("sample cpu " + s.cpu() + " " + HexFormat.of().formatHex(s.data()));
                }

                @Override
                public void lost(int c, long count) {
                    records.add("lost " + count);
                }
            });
        }
        return new Outcome(r.retval(), records);
    }

    private static Outcome both(String text, byte[] packet) {
        Outcome interp = run(EngineKind.INTERPRETER, text, packet);
        Outcome jit = run(EngineKind.JIT, text, packet);
        assertEquals(interp, jit);
        return interp;
    }

    private static byte[] counting(int n) {
        byte[] p = new byte[n];
        for (int i = 0; i < n; i++) {
            p[i] = (byte) (i + 1);
        }
        return p;
    }

    @Test
    void ringbufOutputAndQuery() {
        Outcome o = both("""
                .map rb type=ringbuf key=0 value=0 max_entries=4096
                r1 = 0x1122334455667788 ll
                *(u64 *)(r10 - 8) = r1
                r1 = rb ll
                r2 = r10
                r2 += -8
                r3 = 6
                r4 = 0
                call 130
                r7 = r0
                r1 = rb ll
                r2 = r10
                r2 += -8
                r3 = 6
                r4 = 4
                call 130
                r7 <<= 8
                r0 &= 0xff
                r7 |= r0
                r1 = rb ll
                r2 = 3
                call 134
                r7 <<= 8
                r0 &= 0xff
                r7 |= r0
                r0 = r7
                exit
                """, new byte[64]);
        // output gave 0, the unknown flag 4 -EINVAL (0xea in the low byte), the producer is at 16
        assertEquals(0xea10L, o.retval);
        assertEquals(
                List.of("ring 06000000030000008877665544330000" + "0".repeat(96), "record 887766554433"), o.records);
    }

    @Test
    void reserveSubmitDiscard() {
        Outcome o = both("""
                .map rb type=ringbuf key=0 value=0 max_entries=4096
                r1 = rb ll
                r2 = 12
                r3 = 0
                call 131
                if r0 == 0 goto fail
                r1 = 0x0807060504030201 ll
                *(u64 *)(r0 + 0) = r1
                *(u32 *)(r0 + 8) = r1
                r1 = r0
                r2 = 0
                call 132
                r1 = rb ll
                r2 = 4
                r3 = 0
                call 131
                if r0 == 0 goto fail
                r1 = r0
                r2 = 0
                call 133
                r1 = rb ll
                r2 = 4
                r3 = 1
                call 131
                r8 = r0
                r1 = rb ll
                r2 = 0
                call 134
                r0 += r8
                exit
                fail:
                r0 = 99
                exit
                """, new byte[64]);
        assertEquals(24 + 16, o.retval); // a flag makes reserve give NULL; two records are waiting
        assertEquals(
                List.of(
                        "ring 0c00000003000000010203040506070801020304000000000400004003000000" + "0".repeat(64),
                        "record 010203040506070801020304"),
                o.records);
    }

    @Test
    void perfEventOutputWithPacketBytes() {
        String text = """
                .map events type=perf_event_array key=4 value=4 max_entries=4
                r6 = r1
                *(u32 *)(r10 - 4) = 0x64636261
                r1 = r6
                r2 = events ll
                r3 = 0x0000000effffffff ll
                r4 = r10
                r4 += -4
                r5 = 4
                call 25
                r7 = r0
                r1 = r6
                r2 = events ll
                r3 = 0
                r4 = r10
                r4 += -4
                r5 = 4
                call 25
                r7 <<= 8
                r0 &= 0xff
                r7 |= r0
                r1 = r6
                r2 = events ll
                r3 = 0x00000041ffffffff ll
                r4 = r10
                r4 += -4
                r5 = 4
                call 25
                r7 <<= 8
                r0 &= 0xff
                r7 |= r0
                r1 = r6
                r2 = events ll
                r3 = 0x0010000000000002 ll
                r4 = r10
                r4 += -4
                r5 = 4
                call 25
                r7 <<= 8
                r0 &= 0xff
                r7 |= r0
                r0 = r7
                exit
                """;
        Outcome o = both(text, counting(64));
        // 0; -ENOENT (index 0 is empty); -EFAULT (65 bytes of a 64-byte packet); -EINVAL (flag bit 52)
        assertEquals(0x00fef2eaL, o.retval);
        assertEquals(List.of("sample cpu 2 61626364" + "0102030405060708090a0b0c0d0e" + "0000"), o.records);
    }
}
