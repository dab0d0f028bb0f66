package io.jxdp.jit;

import static io.jxdp.vm.testing.Insns.exit;
import static io.jxdp.vm.testing.Insns.i;
import static io.jxdp.vm.testing.Insns.mov;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxdp.isa.Form;
import io.jxdp.isa.Instruction;
import io.jxdp.isa.Opcode;
import io.jxdp.isa.Program;
import io.jxdp.isa.Size;
import io.jxdp.isa.sem.SemanticsTable;
import io.jxdp.isa.sem.SemanticsTable.Entry;
import io.jxdp.isa.sem.SemanticsTable.Jit;
import io.jxdp.vm.Cpu;
import io.jxdp.vm.EngineKind;
import io.jxdp.vm.LoadedProgram;
import io.jxdp.vm.Vm;
import io.jxdp.vm.VmOptions;
import io.jxdp.vm.memory.AddressSpace;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every operation with a shared method, run on both engines over edge values and compared with
 * the method: this is the edge-value test every intrinsic needs (and it holds the shared calls to
 * their operands too). Each case is one program that computes every pair of edge values in a row
 * and stores each result in memory, so a case compiles once.
 */
class SemanticsEdgeTest {
    /** Zero, one, minus one, the signed and unsigned extremes of every width, shift counts, powers. */
    static final long[] EDGES = {
        0,
        1,
        -1,
        2,
        3,
        -2,
        7,
        31,
        32,
        63,
        64,
        65,
        0x7f,
        0x80,
        0xff,
        0x7fff,
        0x8000,
        0xffff,
        Integer.MAX_VALUE,
        Integer.MIN_VALUE,
        0x8000_0000L,
        0xffff_ffffL,
        0x1_0000_0000L,
        0x1_0000_0005L,
        Long.MAX_VALUE,
        Long.MIN_VALUE,
        0x0102_0304_0506_0708L
    };

    /** The edge values an immediate can hold (a signed 32-bit field, sign-extended). */
    static final long[] IMM_EDGES = {
        0,
        1,
        -1,
        2,
        3,
        -2,
        7,
        31,
        32,
        63,
        64,
        65,
        0x7f,
        0x80,
        0xff,
        0x7fff,
        0x8000,
        0xffff,
        Integer.MAX_VALUE,
        Integer.MIN_VALUE
    };

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        for (Entry e : SemanticsTable.entries()) {
            if (!e.methods().isEmpty()) {
                for (EngineKind engine : List.of(EngineKind.INTERPRETER, EngineKind.JIT)) {
                    all.add(Arguments.of(e.opcode(), engine));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} on the {1}")
    @MethodSource("cases")
    void agreesWithItsSharedMethod(Opcode op, EngineKind engine) throws ReflectiveOperationException {
        EdgeCase c = EdgeCase.of(op);
        byte[] mem = c.memory();
        LoadedProgram p = Vm.load(Program.of(c.program()), VmOptions.defaults().withEngine(engine));
        assertEquals(engine, p.engine());
        assertEquals(0, Vm.runWithMemory(p, new Cpu(0, new AddressSpace()), mem));
        c.check(mem);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jxdp.jit.SemanticsEdgeTest#intrinsics")
    void everyIntrinsicHasAnEdgeCase(Opcode op) throws ReflectiveOperationException {
        EdgeCase c = EdgeCase.of(op);
        assertTrue(c.expected.size() >= IMM_EDGES.length, op + " has " + c.expected.size() + " edge values");
    }

    static Stream<Opcode> intrinsics() {
        return SemanticsTable.entries().stream()
                .filter(e -> e.jit() == Jit.INTRINSIC)
                .map(Entry::opcode);
    }

    /**
     * One opcode's program over the edge values: r1 is memory, r2 its length; results go to memory
     * (8 bytes each, from offset {@link #OUT}); atomics work on words from offset 0.
     */
    static final class EdgeCase {
        static final int OUT = 8 * EDGES.length * EDGES.length;
        final List<Instruction> insns = new ArrayList<>();
        final List<Long> expected = new ArrayList<>();
        final List<String> what = new ArrayList<>();
        /** For atomics: each word's initial value, its expected new value and what it is. */
        final List<Long> words = new ArrayList<>();

        final List<Long> newWords = new ArrayList<>();

        static EdgeCase of(Opcode op) throws ReflectiveOperationException {
            EdgeCase c = new EdgeCase();
            Entry e = SemanticsTable.of(op);
            switch (op.form()) {
                case ALU_REG, ALU_IMM, ALU_NEG -> c.alu(op, e.method(0));
                case ALU_END -> {
                    for (int width : new int[] {16, 32, 64}) {
                        c.swap(op, width, e.method(width));
                    }
                }
                case JUMP_REG, JUMP_IMM -> c.jump(op, e.method(0));
                case LOAD -> c.load(op, e.method(0));
                case STORE_REG, STORE_IMM -> c.store(op, e.method(0));
                case ATOMIC -> c.atomic(op, e.method(0));
                default -> throw new AssertionError(op + " has a method but no edge case: add one here");
            }
            c.insns.add(mov(0, 0));
            c.insns.add(exit());
            return c;
        }

        private static long call(Method m, Object... args) throws ReflectiveOperationException {
            try {
                Object r = m.invoke(null, args);
                if (r instanceof Boolean b) {
                    return b ? 1 : 0;
                }
                return r instanceof Integer n ? n & 0xffff_ffffL : (Long) r;
            } catch (InvocationTargetException ex) {
                throw new AssertionError(m + " threw", ex.getCause());
            }
        }

        private void result(int reg, long value, String description) {
            insns.add(i(Opcode.STXDW, 1, reg, OUT + 8 * expected.size(), 0));
            expected.add(value);
            what.add(description);
        }

        private void set(int reg, long value) {
            insns.add(i(Opcode.LDDW, reg, 0, 0, value));
        }

        void alu(Opcode op, Method m) throws ReflectiveOperationException {
            boolean imm = op.source() == io.jxdp.isa.Source.K && op.form() != Form.ALU_NEG;
            for (long a : EDGES) {
                for (long b : imm ? IMM_EDGES : EDGES) {
                    set(3, a);
                    if (imm) {
                        insns.add(i(op, 3, 0, 0, b));
                    } else {
                        set(4, b);
                        insns.add(i(op, 3, 4, 0, 0));
                    }
                    long want = m.getParameterCount() == 2
                            ? call(m, a, b)
                            : op.form() == Form.ALU_NEG ? call(m, a) : call(m, b);
                    result(3, want, op + " " + Long.toHexString(a) + ", " + Long.toHexString(b));
                    if (op.form() == Form.ALU_NEG) {
                        break;
                    }
                }
            }
        }

        void swap(Opcode op, int width, Method m) throws ReflectiveOperationException {
            for (long a : EDGES) {
                set(3, a);
                insns.add(i(op, 3, 0, 0, width));
                result(3, call(m, a), op + " " + width + " " + Long.toHexString(a));
            }
        }

        void jump(Opcode op, Method m) throws ReflectiveOperationException {
            boolean imm = op.source() == io.jxdp.isa.Source.K;
            for (long a : EDGES) {
                for (long b : imm ? IMM_EDGES : EDGES) {
                    set(3, a);
                    insns.add(mov(5, 1));
                    if (imm) {
                        insns.add(i(op, 3, 0, 1, b));
                    } else {
                        set(4, b);
                        insns.add(i(op, 3, 4, 1, 0));
                    }
                    insns.add(mov(5, 0));
                    result(5, call(m, a, b), op + " " + Long.toHexString(a) + ", " + Long.toHexString(b));
                }
            }
        }

        /** Each edge value's bytes at offset 8k; the load reads its low bytes. */
        void load(Opcode op, Method m) throws ReflectiveOperationException {
            for (int k = 0; k < EDGES.length; k++) {
                words.add(EDGES[k]);
                newWords.add(EDGES[k]);
                insns.add(i(op, 3, 1, 8 * k, 0));
                long bits = EDGES[k] & mask(op.size());
                result(3, call(m, bits), op + " of " + Long.toHexString(bits));
            }
        }

        /** Each edge value stored over a word of all ones at offset 8k; the word read back. */
        void store(Opcode op, Method m) throws ReflectiveOperationException {
            boolean imm = op.form() == Form.STORE_IMM;
            long[] values = imm ? IMM_EDGES : EDGES;
            for (int k = 0; k < values.length; k++) {
                words.add(-1L);
                if (imm) {
                    insns.add(i(op, 1, 0, 8 * k, values[k]));
                } else {
                    set(3, values[k]);
                    insns.add(i(op, 1, 3, 8 * k, 0));
                }
                long stored = call(m, values[k]);
                newWords.add(stored | ~mask(op.size()));
                insns.add(i(Opcode.LDXDW, 3, 1, 8 * k, 0));
                result(3, stored | ~mask(op.size()), op + " of " + Long.toHexString(values[k]));
            }
        }

        /** Each pair (old word at 8k, src): the new word and the value fetched (src or r0 after). */
        void atomic(Opcode op, Method m) throws ReflectiveOperationException {
            boolean is32 = op.size() == Size.W;
            boolean cmpxchg = m.getParameterCount() == 3;
            for (long old : EDGES) {
                for (long src : EDGES) {
                    int k = words.size();
                    long word = is32 ? old & 0xffff_ffffL : old;
                    // cmpxchg: r0 equal to the word's low half on odd pairs, another value on even ones
                    long r0 = (k & 1) == 1 ? old : old + 1;
                    words.add(word);
                    set(2, src);
                    set(0, r0);
                    insns.add(i(op, 1, 2, 8 * k, 0));
                    long next = cmpxchg
                            ? (is32 ? call(m, (int) old, src, r0) : call(m, old, src, r0))
                            : (is32 ? call(m, (int) old, src) : call(m, old, src));
                    newWords.add(is32 ? (word & 0xffff_ffff_0000_0000L) | next : next);
                    long fetched = is32 ? old & 0xffff_ffffL : old;
                    String d = op + " on " + Long.toHexString(old) + " with " + Long.toHexString(src);
                    if (cmpxchg) {
                        result(0, fetched, d + " (r0 after)");
                    } else {
                        result(2, op.atomicOp().fetches() ? fetched : src, d + " (src after)");
                    }
                }
            }
        }

        private static long mask(Size size) {
            return size == Size.DW ? -1L : (1L << (8 * size.bytes())) - 1;
        }

        List<Instruction> program() {
            return insns;
        }

        byte[] memory() {
            byte[] mem = new byte[OUT + 8 * expected.size()];
            ByteBuffer b = ByteBuffer.wrap(mem).order(ByteOrder.LITTLE_ENDIAN);
            for (int k = 0; k < words.size(); k++) {
                b.putLong(8 * k, words.get(k));
            }
            return mem;
        }

        void check(byte[] mem) {
            ByteBuffer b = ByteBuffer.wrap(mem).order(ByteOrder.LITTLE_ENDIAN);
            for (int k = 0; k < expected.size(); k++) {
                assertEquals(expected.get(k), b.getLong(OUT + 8 * k), what.get(k));
            }
            for (int k = 0; k < newWords.size(); k++) {
                assertEquals(newWords.get(k), b.getLong(8 * k), "word " + k);
            }
        }
    }
}
