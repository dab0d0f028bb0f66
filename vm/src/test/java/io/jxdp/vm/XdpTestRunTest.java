package io.jxdp.vm;

import static io.jxdp.vm.testing.Asm.add;
import static io.jxdp.vm.testing.Asm.call;
import static io.jxdp.vm.testing.Asm.exit;
import static io.jxdp.vm.testing.Asm.jgt;
import static io.jxdp.vm.testing.Asm.jne;
import static io.jxdp.vm.testing.Asm.ldMap;
import static io.jxdp.vm.testing.Asm.ldxh;
import static io.jxdp.vm.testing.Asm.ldxw;
import static io.jxdp.vm.testing.Asm.load;
import static io.jxdp.vm.testing.Asm.mov;
import static io.jxdp.vm.testing.Asm.movr;
import static io.jxdp.vm.testing.Asm.stxb;
import static io.jxdp.vm.testing.Asm.stxdw;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxdp.isa.Instruction;
import io.jxdp.isa.MapDef;
import io.jxdp.isa.MapType;
import io.jxdp.isa.Opcode;
import io.jxdp.vm.maps.CpuMap;
import io.jxdp.vm.maps.MapFlags;
import io.jxdp.vm.maps.Maps;
import io.jxdp.vm.memory.AddressSpace;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class XdpTestRunTest {
    private final AddressSpace space = new AddressSpace();
    private final Cpu cpu = new Cpu(0, space);

    /** Ethernet (dst, src, EtherType), then 20 bytes of "IPv4 header" 0x45, 0x00, ... and 6 of payload. */
    private static byte[] frame(int etherType) {
        byte[] p = new byte[40];
        for (int i = 0; i < 12; i++) {
            p[i] = (byte) (0x10 + i);
        }
        p[12] = (byte) (etherType >> 8);
        p[13] = (byte) etherType;
        for (int i = 14; i < 40; i++) {
            p[i] = (byte) (0x40 + i);
        }
        return p;
    }

    /**
     * Reads data/data_end, drops frames shorter than an Ethernet header or not IPv4; for IPv4 it
     * marks the first byte 0xaa and passes.
     */
    private static LoadedProgram parser() {
        return load(
                List.of(),
                ldxw(2, 1, 0), // 0: r2 = ctx->data
                ldxw(3, 1, 4), // 1: r3 = ctx->data_end
                movr(4, 2), // 2
                add(4, 14), // 3: r4 = data + ETH_HLEN
                jgt(4, 3, 6), // 4: too short -> 11
                ldxh(5, 2, 12), // 5: r5 = EtherType, as loaded little-endian
                jne(5, 0x0008, 4), // 6: not 0x0800 -> 11
                mov(6, 0xaa), // 7
                stxb(2, 0, 6), // 8: *(u8 *)data = 0xaa
                mov(0, 2), // 9: XDP_PASS
                exit(), // 10
                mov(0, 1), // 11: XDP_DROP
                exit()); // 12
    }

    @Test
    void aParserPassesIpv4AndDropsTheRest() {
        byte[] ipv4 = frame(0x0800);
        XdpTestRun.Result pass = XdpTestRun.run(parser(), cpu, ipv4);
        assertEquals(2, pass.retval());
        byte[] expected = ipv4.clone();
        expected[0] = (byte) 0xaa;
        assertArrayEquals(expected, pass.dataOut());
        assertArrayEquals(expected, pass.packet());
        assertEquals(0, pass.metaLength());
        assertEquals(0x10, ipv4[0]); // the input is copied, not changed
        XdpTestRun.Result drop = XdpTestRun.run(parser(), cpu, frame(0x0806));
        assertEquals(1, drop.retval());
        assertArrayEquals(frame(0x0806), drop.dataOut());
        assertEquals(2, XdpTestRun.run(parser(), cpu, Arrays.copyOf(ipv4, 14)).retval()); // exactly a header
    }

    @Test
    void packetSizesTheKernelRefuses() {
        LoadedProgram p = load(List.of(), mov(0, 2), exit());
        assertEquals(
                Errno.EINVAL,
                assertThrows(ErrnoException.class, () -> XdpTestRun.run(p, cpu, new byte[13]))
                        .errno());
        assertEquals(
                Errno.EINVAL,
                assertThrows(ErrnoException.class, () -> XdpTestRun.run(p, cpu, new byte[3521]))
                        .errno());
        assertEquals(3520, XdpTestRun.MAX_PACKET);
        assertEquals(3520, XdpTestRun.run(p, cpu, new byte[3520]).dataOut().length);
        assertEquals(14, XdpTestRun.run(p, cpu, new byte[14]).dataOut().length);
        XdpTestRun.Options meta3 = XdpTestRun.Options.defaults().withMetaLength(3);
        assertThrows(ErrnoException.class, () -> XdpTestRun.run(p, cpu, new byte[20], meta3));
        XdpTestRun.Options meta220 = XdpTestRun.Options.defaults().withMetaLength(220); // > 256 - 40
        assertThrows(ErrnoException.class, () -> XdpTestRun.run(p, cpu, new byte[240], meta220));
    }

    @Test
    void contextFieldsAndTheReturnValuesLow32Bits() {
        Instruction ldIfindex = ldxw(0, 1, 12);
        assertEquals(
                1,
                XdpTestRun.run(load(List.of(), ldIfindex, exit()), cpu, frame(0))
                        .retval());
        XdpTestRun.Options on7 = XdpTestRun.Options.defaults().withIngress(7, 3);
        assertEquals(
                7,
                XdpTestRun.run(load(List.of(), ldIfindex, exit()), cpu, frame(0), on7)
                        .retval());
        assertEquals(
                3,
                XdpTestRun.run(load(List.of(), ldxw(0, 1, 16), exit()), cpu, frame(0), on7)
                        .retval());
        LoadedProgram minusOne = load(List.of(), mov(0, -1), exit());
        assertEquals(0xffff_ffffL, XdpTestRun.run(minusOne, cpu, frame(0)).retval());
    }

    @Test
    void adjustmentsShapeDataOut() {
        byte[] in = frame(0x0800);
        LoadedProgram pop = load(List.of(), mov(2, 14), call(44), exit());
        XdpTestRun.Result popped = XdpTestRun.run(pop, cpu, in);
        assertEquals(0, popped.retval());
        assertArrayEquals(Arrays.copyOfRange(in, 14, 40), popped.dataOut());
        LoadedProgram grow = load(List.of(), mov(2, 4), call(65), exit());
        byte[] grown = Arrays.copyOf(in, 44);
        assertArrayEquals(grown, XdpTestRun.run(grow, cpu, in).dataOut());
        // the frame is not reset between repeated runs: three pushes of 2 bytes
        LoadedProgram push = load(List.of(), mov(2, -2), call(44), exit());
        XdpTestRun.Result pushed =
                XdpTestRun.run(push, cpu, in, XdpTestRun.Options.defaults().withRepeat(3));
        assertEquals(3, pushed.repeat());
        byte[] expected = new byte[46];
        System.arraycopy(in, 0, expected, 6, 40);
        assertArrayEquals(expected, pushed.dataOut());
        assertTrue(pushed.durationNs() >= 0);
    }

    @Test
    void metadataComesFirstInDataOut() {
        // make 8 bytes of metadata, fill them, return data - data_meta
        LoadedProgram meta = load(
                List.of(),
                movr(6, 1),
                mov(2, -8),
                call(54),
                ldxw(2, 6, 8),
                ldxw(3, 6, 0),
                Instruction.of(Opcode.LDDW, 4, 0, 0, 0x0807060504030201L),
                stxdw(2, 0, 4),
                movr(0, 3),
                Instruction.of(Opcode.SUB64_REG, 0, 2, 0, 0),
                exit());
        byte[] in = frame(0x0800);
        XdpTestRun.Result r = XdpTestRun.run(meta, cpu, in);
        assertEquals(8, r.retval());
        assertEquals(8, r.metaLength());
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, Arrays.copyOf(r.dataOut(), 8));
        assertArrayEquals(in, r.packet());
        // metadata given in the input sits just before the packet
        byte[] withMeta = new byte[44];
        withMeta[0] = 9;
        System.arraycopy(in, 0, withMeta, 4, 40);
        LoadedProgram metaLength =
                load(List.of(), ldxw(2, 1, 8), ldxw(0, 1, 0), Instruction.of(Opcode.SUB64_REG, 0, 2, 0, 0), exit());
        XdpTestRun.Result given = XdpTestRun.run(
                metaLength, cpu, withMeta, XdpTestRun.Options.defaults().withMetaLength(4));
        assertEquals(4, given.retval());
        assertArrayEquals(withMeta, given.dataOut());
    }

    @Test
    void aRedirectIsRecordedNotPerformedAndMapsKeepState() {
        CpuMap cpumap = (CpuMap) Maps.create(new MapDef("cpu_map", MapType.CPUMAP, 4, 4, 2), space, 2);
        cpumap.update(new byte[] {1, 0, 0, 0}, new byte[] {(byte) 192, 0, 0, 0}, MapFlags.ANY);
        LoadedProgram p = load(List.of(cpumap), ldMap(1, 0), mov(2, 1), mov(3, 0), call(51), exit());
        assertEquals(4, XdpTestRun.run(p, cpu, frame(0)).retval());
        assertSame(cpumap.entry(1), cpu.redirect().target());
        cpumap.delete(new byte[] {1, 0, 0, 0});
        assertEquals(0, XdpTestRun.run(p, cpu, frame(0)).retval()); // the miss aborts: flags 0
    }
}
