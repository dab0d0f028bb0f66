package io.jxdp.isa.sem;

import static io.jxdp.isa.Opcode.*;

import io.jxdp.isa.Opcode;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Every opcode, once, with its meaning and how the engines carry it out. An opcode's meaning is the
 * static method tagged {@link Semantics} with it, in one of {@link #SEMANTIC_CLASSES}; the entry
 * says whether the JIT calls that method ({@link Jit#SHARED}: an {@code invokestatic}, which
 * HotSpot inlines), emits its own code for it ({@link Jit#INTRINSIC}, with the reason; an
 * edge-value test proves the code equal to the method on both engines), or whether the opcode is
 * the engines' own business ({@link Jit#ENGINE}: control flow, calls, constants, memory
 * atomicity), again with the reason. The interpreter calls the methods everywhere.
 *
 * <p>The order of the entries is the interpreter's dispatch order: an opcode's {@link #key} is its
 * place here (ALU64 first, then ALU, memory, jumps, calls, so the hot cases lie together).
 * {@code java -cp isa/target/classes io.jxdp.isa.sem.SemanticsTable} prints the table.
 */
public final class SemanticsTable {
    /** What the JIT does for an opcode. */
    public enum Jit {
        /** {@code invokestatic} of the shared method. */
        SHARED,
        /** Its own bytecode, proven equal to the shared method by an edge-value test. */
        INTRINSIC,
        /** Not an operation on values: the engines' own code (control flow, calls, memory, constants). */
        ENGINE
    }

    /**
     * One opcode's row.
     *
     * @param opcode the opcode
     * @param key its place in the table: the interpreter's dispatch key
     * @param jit what the JIT does
     * @param reason why, for {@link Jit#INTRINSIC} and {@link Jit#ENGINE}; empty for shared ones
     * @param methods the methods tagged with the opcode: one, or one per width for byte swaps
     */
    public record Entry(Opcode opcode, int key, Jit jit, String reason, List<Method> methods) {
        /** The method for this opcode; for byte swaps, the one for the width (the instruction's imm). */
        public Method method(int width) {
            for (Method m : methods) {
                if (m.getAnnotation(Semantics.class).width() == width) {
                    return m;
                }
            }
            throw new IllegalArgumentException(opcode + " has no method for width " + width);
        }
    }

    /** The classes holding the tagged methods. */
    public static final List<Class<?>> SEMANTIC_CLASSES =
            List.of(Alu64.class, Alu32.class, ByteSwaps.class, Loads.class, Stores.class, Atomics.class, Jumps.class);

    private static final String ONE_JVM_OP =
            "one JVM instruction with the same meaning (ladd, lsub, lmul, lor, land, lxor, lneg)";
    private static final String JVM_SHIFT64 = "lshl, lushr, lshr: the JVM masks the count to 6 bits, as eBPF does";
    private static final String SIGNED_DIV64 = "ldiv/lrem when the immediate is not 0 (the JVM's MIN / -1 = MIN and"
            + " MIN % -1 = 0 are eBPF's); the shared method when it is 0";
    private static final String MOVE = "a register copy or a constant";
    private static final String ONE_JVM_OP32 = "the int instruction on the low halves (iadd, isub, imul, ior, iand,"
            + " ixor, ineg; ishl, iushr, ishr mask the count to 5 bits, as eBPF does), zero-extended";
    private static final String SIGNED_DIV32 = "idiv/irem when the immediate is not 0 (MIN / -1 = MIN, MIN % -1 = 0,"
            + " as eBPF), zero-extended; the shared method when it is 0";
    private static final String MOVE32 = "the low half of the register, or the immediate, zero-extended";
    private static final String CONSTANT =
            "a constant: the linked program's 64-bit value for the pair (map and function addresses resolved)";
    private static final String LOAD = "the route the JIT emits (Memory.loadX checked, or a proven array read through"
            + " DirectMemory) applies this Loads method to the bytes it reads";
    private static final String STORE = "the route the JIT emits (Memory.storeX checked, or a proven array write"
            + " through DirectMemory) writes the bits this Stores method gives";
    private static final String ATOMIC = "Memory.atomic, on both engines: region, alignment and a compare-and-set"
            + " loop around this Atomics method; the old value to src (r0 for cmpxchg) when fetched";
    private static final String GOTO = "control flow: a JVM goto (a backward one through the budget stub)";
    private static final String CONDITION = "a JVM compare and branch (lcmp or if_icmp; Long/Integer.compareUnsigned"
            + " for unsigned conditions, which HotSpot folds): a call giving a boolean would be tested a second"
            + " time; two pointers into one region (a verifier fact) compare their int offsets";
    private static final String CALL_HELPER = "a call: the helper's static method or its Helper object";
    private static final String CALL_FUNCTION = "a call: a JVM call of the function's method with a fresh frame";
    private static final String CALL_INDIRECT = "a call through a register: the function's method or the helper";
    private static final String RETURN = "control flow: return r0 from the function";
    private static final String NOT_RUNNABLE =
            "refused at load (LinkedProgram): a kernel function by BTF id exists only in the kernel";
    private static final String LEGACY =
            "refused at load (LinkedProgram): legacy packet loads need a socket buffer, which XDP has not";
    private static final String NO_INSTRUCTION =
            "no instruction: ProgramCheck refuses a malformed slot before any engine sees it";

    private static final List<Entry> ENTRIES;
    private static final Entry[] BY_OPCODE = new Entry[Opcode.values().length];

    static {
        Rows rows = new Rows();
        // ---- ALU64 ----
        rows.intrinsic(ONE_JVM_OP, ADD64_IMM, ADD64_REG, SUB64_IMM, SUB64_REG, MUL64_IMM, MUL64_REG);
        rows.shared(DIV64_IMM, DIV64_REG);
        rows.intrinsic(SIGNED_DIV64, SDIV64_IMM);
        rows.shared(SDIV64_REG);
        rows.intrinsic(ONE_JVM_OP, OR64_IMM, OR64_REG, AND64_IMM, AND64_REG);
        rows.intrinsic(JVM_SHIFT64, LSH64_IMM, LSH64_REG, RSH64_IMM, RSH64_REG);
        rows.intrinsic(ONE_JVM_OP, NEG64);
        rows.shared(MOD64_IMM, MOD64_REG);
        rows.intrinsic(SIGNED_DIV64, SMOD64_IMM);
        rows.shared(SMOD64_REG);
        rows.intrinsic(ONE_JVM_OP, XOR64_IMM, XOR64_REG);
        rows.intrinsic(MOVE, MOV64_IMM, MOV64_REG);
        rows.shared(MOVSX64_8, MOVSX64_16, MOVSX64_32);
        rows.intrinsic(JVM_SHIFT64, ARSH64_IMM, ARSH64_REG);
        rows.shared(BSWAP);
        // ---- ALU (32-bit, zero-extended) ----
        rows.intrinsic(ONE_JVM_OP32, ADD32_IMM, ADD32_REG, SUB32_IMM, SUB32_REG, MUL32_IMM, MUL32_REG);
        rows.shared(DIV32_IMM, DIV32_REG);
        rows.intrinsic(SIGNED_DIV32, SDIV32_IMM);
        rows.shared(SDIV32_REG);
        rows.intrinsic(ONE_JVM_OP32, OR32_IMM, OR32_REG, AND32_IMM, AND32_REG);
        rows.intrinsic(ONE_JVM_OP32, LSH32_IMM, LSH32_REG, RSH32_IMM, RSH32_REG, NEG32);
        rows.shared(MOD32_IMM, MOD32_REG);
        rows.intrinsic(SIGNED_DIV32, SMOD32_IMM);
        rows.shared(SMOD32_REG);
        rows.intrinsic(ONE_JVM_OP32, XOR32_IMM, XOR32_REG);
        rows.intrinsic(MOVE32, MOV32_IMM, MOV32_REG);
        rows.shared(MOVSX32_8, MOVSX32_16);
        rows.intrinsic(ONE_JVM_OP32, ARSH32_IMM, ARSH32_REG);
        rows.shared(LE, BE);
        // ---- loads and stores ----
        rows.engine(CONSTANT, LDDW);
        rows.intrinsic(LOAD, LDXB, LDXH, LDXW, LDXDW);
        rows.shared(LDXSB, LDXSH, LDXSW);
        rows.intrinsic(STORE, STB, STH, STW, STDW, STXB, STXH, STXW, STXDW);
        // ---- atomics ----
        rows.engine(ATOMIC, ATOMIC32_ADD, ATOMIC32_OR, ATOMIC32_AND, ATOMIC32_XOR);
        rows.engine(ATOMIC, ATOMIC64_ADD, ATOMIC64_OR, ATOMIC64_AND, ATOMIC64_XOR);
        rows.engine(ATOMIC, ATOMIC32_FETCH_ADD, ATOMIC32_FETCH_OR, ATOMIC32_FETCH_AND, ATOMIC32_FETCH_XOR);
        rows.engine(ATOMIC, ATOMIC32_XCHG);
        rows.engine(ATOMIC, ATOMIC64_FETCH_ADD, ATOMIC64_FETCH_OR, ATOMIC64_FETCH_AND, ATOMIC64_FETCH_XOR);
        rows.engine(ATOMIC, ATOMIC64_XCHG, ATOMIC32_CMPXCHG, ATOMIC64_CMPXCHG);
        // ---- jumps ----
        rows.engine(GOTO, JA, JA32);
        rows.intrinsic(CONDITION, JEQ_IMM, JEQ_REG, JEQ32_IMM, JEQ32_REG, JNE_IMM, JNE_REG, JNE32_IMM, JNE32_REG);
        rows.intrinsic(CONDITION, JGT_IMM, JGT_REG, JGT32_IMM, JGT32_REG, JGE_IMM, JGE_REG, JGE32_IMM, JGE32_REG);
        rows.intrinsic(CONDITION, JLT_IMM, JLT_REG, JLT32_IMM, JLT32_REG, JLE_IMM, JLE_REG, JLE32_IMM, JLE32_REG);
        rows.intrinsic(CONDITION, JSGT_IMM, JSGT_REG, JSGT32_IMM, JSGT32_REG);
        rows.intrinsic(CONDITION, JSGE_IMM, JSGE_REG, JSGE32_IMM, JSGE32_REG);
        rows.intrinsic(CONDITION, JSLT_IMM, JSLT_REG, JSLT32_IMM, JSLT32_REG);
        rows.intrinsic(CONDITION, JSLE_IMM, JSLE_REG, JSLE32_IMM, JSLE32_REG);
        rows.intrinsic(CONDITION, JSET_IMM, JSET_REG, JSET32_IMM, JSET32_REG);
        // ---- calls and exit ----
        rows.engine(CALL_HELPER, CALL);
        rows.engine(CALL_FUNCTION, CALL_LOCAL);
        rows.engine(CALL_INDIRECT, CALLX);
        rows.engine(RETURN, EXIT);
        rows.engine(NOT_RUNNABLE, CALL_KFUNC);
        rows.engine(LEGACY, LDABSW, LDABSH, LDABSB, LDINDW, LDINDH, LDINDB);
        rows.engine(NO_INSTRUCTION, MALFORMED);
        ENTRIES = Collections.unmodifiableList(rows.entries);
        for (Entry e : ENTRIES) {
            if (BY_OPCODE[e.opcode().ordinal()] != null) {
                throw new IllegalStateException(e.opcode() + " is in the semantics table twice");
            }
            BY_OPCODE[e.opcode().ordinal()] = e;
        }
    }

    private SemanticsTable() {}

    /** Every entry, in dispatch order. */
    public static List<Entry> entries() {
        return ENTRIES;
    }

    /** The opcode's entry. */
    public static Entry of(Opcode op) {
        Entry e = BY_OPCODE[op.ordinal()];
        if (e == null) {
            throw new IllegalStateException(op + " is missing from the semantics table");
        }
        return e;
    }

    /** The interpreter's dispatch key for the opcode: its place in the table. */
    public static int key(Opcode op) {
        return of(op).key();
    }

    /** Every method tagged {@link Semantics} in {@link #SEMANTIC_CLASSES}, in a stable order. */
    public static List<Method> taggedMethods() {
        List<Method> all = new ArrayList<>();
        for (Class<?> c : SEMANTIC_CLASSES) {
            Method[] methods = c.getDeclaredMethods();
            Arrays.sort(methods, Comparator.comparing(Method::getName));
            for (Method m : methods) {
                if (m.isAnnotationPresent(Semantics.class)) {
                    all.add(m);
                }
            }
        }
        return all;
    }

    /** Builds the rows in order, finding each opcode's methods. */
    private static final class Rows {
        final List<Entry> entries = new ArrayList<>();
        final List<Method> tagged = taggedMethods();

        void shared(Opcode... ops) {
            add(Jit.SHARED, "", ops);
        }

        void intrinsic(String reason, Opcode... ops) {
            add(Jit.INTRINSIC, reason, ops);
        }

        void engine(String reason, Opcode... ops) {
            add(Jit.ENGINE, reason, ops);
        }

        private void add(Jit jit, String reason, Opcode... ops) {
            for (Opcode op : ops) {
                List<Method> methods = new ArrayList<>();
                for (Method m : tagged) {
                    if (Modifier.isStatic(m.getModifiers())
                            && Arrays.asList(m.getAnnotation(Semantics.class).value())
                                    .contains(op)) {
                        methods.add(m);
                    }
                }
                entries.add(new Entry(op, entries.size(), jit, reason, List.copyOf(methods)));
            }
        }
    }

    /** Prints the table: key, opcode, what the JIT does, the method(s), the reason. */
    public static void main(String[] args) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-4s %-20s %-10s %-34s %s%n", "key", "opcode", "jit", "method", "why"));
        for (Entry e : ENTRIES) {
            List<String> names = new ArrayList<>();
            for (Method m : e.methods()) {
                names.add(m.getDeclaringClass().getSimpleName() + "." + m.getName());
            }
            out.append(String.format(
                    Locale.ROOT,
                    "%-4d %-20s %-10s %-34s %s%n",
                    e.key(),
                    e.opcode(),
                    e.jit().name().toLowerCase(Locale.ROOT),
                    names.isEmpty() ? "-" : String.join(",", names),
                    e.reason()));
        }
        System.out.print(out);
    }
}
