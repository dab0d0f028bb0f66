package io.jxdp.vm.helpers;

import static io.jxdp.vm.testing.Asm.add;
import static io.jxdp.vm.testing.Asm.atomicAdd;
import static io.jxdp.vm.testing.Asm.call;
import static io.jxdp.vm.testing.Asm.exit;
import static io.jxdp.vm.testing.Asm.jne;
import static io.jxdp.vm.testing.Asm.keyOnStack;
import static io.jxdp.vm.testing.Asm.ldMap;
import static io.jxdp.vm.testing.Asm.ldxdw;
import static io.jxdp.vm.testing.Asm.load;
import static io.jxdp.vm.testing.Asm.mov;
import static io.jxdp.vm.testing.Asm.movr;
import static io.jxdp.vm.testing.Asm.seq;
import static io.jxdp.vm.testing.Asm.stdw;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jxdp.isa.Instruction;
import io.jxdp.isa.MapDef;
import io.jxdp.isa.MapType;
import io.jxdp.vm.Cpu;
import io.jxdp.vm.FaultKind;
import io.jxdp.vm.LoadedProgram;
import io.jxdp.vm.VmFault;
import io.jxdp.vm.maps.BpfMap;
import io.jxdp.vm.maps.MapFlags;
import io.jxdp.vm.maps.Maps;
import io.jxdp.vm.memory.AddressSpace;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

class MapHelpersTest {
    private final AddressSpace space = new AddressSpace();

    private BpfMap map(MapType type, int max, int flags) {
        return Maps.create(new MapDef("m", type, 4, 8, max, flags, null), space, 2);
    }

    /** lookup key; NULL gives -1; else *value += 1 atomically and gives the new value. */
    static Instruction[] countProgram(int key) {
        return seq(
                keyOnStack(key),
                ldMap(1, 0),
                call(1),
                jne(0, 0, 2),
                mov(0, -1),
                exit(),
                mov(1, 1),
                atomicAdd(0, 0, 1),
                ldxdw(0, 0, 0),
                exit());
    }

    /** update(key, value on the stack, flags): the helper's result. */
    static Instruction[] updateProgram(int key, long value, long flags) {
        return seq(
                keyOnStack(key),
                stdw(10, -16, value),
                movr(3, 10),
                add(3, -16),
                mov(4, flags),
                ldMap(1, 0),
                call(2),
                exit());
    }

    static byte[] u32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }

    static byte[] u64(long v) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array();
    }

    @Test
    void lookupGivesAValuePointerProgramsWriteThrough() {
        BpfMap array = map(MapType.ARRAY, 4, 0);
        LoadedProgram p = load(List.of(array), countProgram(2));
        Cpu cpu = new Cpu(0, space);
        assertEquals(1, p.run(cpu, 0, 0));
        assertEquals(2, p.run(cpu, 0, 0));
        assertArrayEquals(u64(2), array.lookup(u32(2)));
        assertEquals(-1, load(List.of(array), countProgram(4)).run(cpu, 0, 0)); // out of range: NULL
        BpfMap hash = map(MapType.HASH, 4, 0);
        assertEquals(-1, load(List.of(hash), countProgram(2)).run(cpu, 0, 0));
        hash.update(u32(2), u64(41), MapFlags.ANY);
        assertEquals(42, load(List.of(hash), countProgram(2)).run(cpu, 0, 0));
    }

    @Test
    void perCpuValuesAreIsolated() {
        BpfMap counters = map(MapType.PERCPU_ARRAY, 1, 0);
        LoadedProgram p = load(List.of(counters), countProgram(0));
        Cpu cpu0 = new Cpu(0, space);
        Cpu cpu1 = new Cpu(1, space);
        for (int i = 0; i < 3; i++) {
            p.run(cpu0, 0, 0);
        }
        assertEquals(1, p.run(cpu1, 0, 0));
        byte[] both = counters.lookup(u32(0));
        assertArrayEquals(new byte[] {3, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0}, both);
        BpfMap perCpuHash = map(MapType.PERCPU_HASH, 4, 0);
        assertEquals(
                0,
                load(List.of(perCpuHash), updateProgram(5, 7, MapFlags.NOEXIST)).run(cpu1, 0, 0));
        assertEquals(8, load(List.of(perCpuHash), countProgram(5)).run(cpu1, 0, 0));
        assertEquals(1, load(List.of(perCpuHash), countProgram(5)).run(cpu0, 0, 0)); // cpu 0's copy was zeroed
    }

    @Test
    void updateAndDeleteReturnTheKernelsErrnos() {
        BpfMap hash = map(MapType.HASH, 1, 0);
        Cpu cpu = new Cpu(0, space);
        assertEquals(
                0, load(List.of(hash), updateProgram(1, 10, MapFlags.NOEXIST)).run(cpu, 0, 0));
        assertEquals(
                -17, load(List.of(hash), updateProgram(1, 10, MapFlags.NOEXIST)).run(cpu, 0, 0));
        assertEquals(-7, load(List.of(hash), updateProgram(2, 10, MapFlags.ANY)).run(cpu, 0, 0));
        assertEquals(
                -2, load(List.of(hash), updateProgram(2, 10, MapFlags.EXIST)).run(cpu, 0, 0));
        assertEquals(-22, load(List.of(hash), updateProgram(1, 10, 8)).run(cpu, 0, 0));
        Instruction[] delete = seq(keyOnStack(1), ldMap(1, 0), call(3), exit());
        assertEquals(0, load(List.of(hash), delete).run(cpu, 0, 0));
        assertEquals(-2, load(List.of(hash), delete).run(cpu, 0, 0));
        BpfMap array = map(MapType.ARRAY, 1, 0);
        assertEquals(-22, load(List.of(array), delete).run(cpu, 0, 0));
        assertEquals(
                -7, load(List.of(array), updateProgram(1, 10, MapFlags.ANY)).run(cpu, 0, 0));
        assertEquals(
                -17,
                load(List.of(array), updateProgram(0, 10, MapFlags.NOEXIST)).run(cpu, 0, 0));
    }

    @Test
    void badArgumentsFaultAtTheCall() {
        BpfMap hash = map(MapType.HASH, 1, 0);
        Cpu cpu = new Cpu(0, space);
        VmFault notAMap = assertThrows(
                VmFault.class,
                () -> load(List.of(hash), seq(keyOnStack(1), mov(1, 12345), call(1), exit()))
                        .run(cpu, 0, 0));
        assertEquals(FaultKind.BAD_HELPER_ARGUMENT, notAMap.kind());
        assertEquals(4, notAMap.pc());
        assertEquals("bpf_map_lookup_elem: r1 = 0x0_00003039 is not a map", notAMap.detail());
        VmFault nullKey = assertThrows(
                VmFault.class,
                () -> load(List.of(hash), ldMap(1, 0), mov(2, 0), call(1), exit())
                        .run(cpu, 0, 0));
        assertEquals(FaultKind.OUT_OF_BOUNDS, nullKey.kind());
        assertEquals(3, nullKey.pc());
        VmFault shortKey = assertThrows(
                VmFault.class,
                () -> load(List.of(hash), ldMap(1, 0), movr(2, 10), add(2, -2), call(1), exit())
                        .run(cpu, 0, 0)); // 2 bytes left in the frame
        assertEquals(FaultKind.OUT_OF_BOUNDS, shortKey.kind());
        BpfMap cpumap = Maps.create(new MapDef("c", MapType.CPUMAP, 4, 4, 2), space, 2);
        VmFault cpumapLookup = assertThrows(
                VmFault.class,
                () -> load(List.of(cpumap), seq(keyOnStack(0), ldMap(1, 0), call(1), exit()))
                        .run(cpu, 0, 0));
        assertEquals(FaultKind.BAD_HELPER_ARGUMENT, cpumapLookup.kind());
        BpfMap rodata = map(MapType.ARRAY, 1, MapFlags.RDONLY_PROG);
        assertEquals(
                FaultKind.BAD_HELPER_ARGUMENT,
                assertThrows(
                                VmFault.class,
                                () -> load(List.of(rodata), updateProgram(0, 1, 0))
                                        .run(cpu, 0, 0))
                        .kind());
        // reading through the looked-up pointer works; writing faults
        long addr = rodata.bpfLookup(cpu, u32(0), 0);
        assertEquals(
                FaultKind.READ_ONLY,
                assertThrows(VmFault.class, () -> cpu.memory().storeDW(addr, 1, 9))
                        .kind());
    }
}
