package io.jxdp.jit;

import io.jxdp.isa.Form;
import io.jxdp.isa.Instruction;
import io.jxdp.isa.Opcode;
import io.jxdp.isa.Program;
import io.jxdp.isa.PseudoSource;
import io.jxdp.vm.memory.RegionKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded random programs for the differential fuzzer: every ALU/ALU64 operation with corner-case
 * operands, every JMP/JMP32 condition, loads, stores and atomics of every size through the memory
 * (or packet) pointer kept in r6, through r10 and through pointers derived from both, in and out
 * of bounds; bounded loops and runaway ones; helper calls, local calls (recursion included) and
 * callx to helpers, function pointers and garbage. The same seed always gives the same program.
 *
 * <p>r6 holds the memory pointer in every function (the caller passes it in r1, the callee's
 * first instruction copies it). While no instruction anywhere writes r6 otherwise, the r6-based
 * accesses are facts a verifier could prove, and {@link #facts} hands them to the JIT's fast paths.
 */
final class RandomProgram {
    static final int MEMORY_SIZE = 64;
    private static final int R6 = 6;
    private static final int LOOP_COUNTER = 8;
    private static final Opcode[] ALU =
            Arrays.stream(Opcode.values()).filter(o -> o.aluOp() != null).toArray(Opcode[]::new);
    private static final Opcode[] JUMPS = Arrays.stream(Opcode.values())
            .filter(o -> o.form() == Form.JUMP_IMM || o.form() == Form.JUMP_REG)
            .toArray(Opcode[]::new);
    private static final Opcode[] ATOMICS =
            Arrays.stream(Opcode.values()).filter(o -> o.form() == Form.ATOMIC).toArray(Opcode[]::new);
    private static final Opcode[] LOADS = {
        Opcode.LDXB, Opcode.LDXH, Opcode.LDXW, Opcode.LDXDW, Opcode.LDXSB, Opcode.LDXSH, Opcode.LDXSW
    };
    private static final Opcode[] STORES_IMM = {Opcode.STB, Opcode.STH, Opcode.STW, Opcode.STDW};
    private static final Opcode[] STORES_REG = {Opcode.STXB, Opcode.STXH, Opcode.STXW, Opcode.STXDW};
    private static final long[] IMMEDIATES = {
        0,
        1,
        -1,
        2,
        3,
        7,
        8,
        15,
        16,
        31,
        32,
        33,
        63,
        64,
        65,
        255,
        0x7fff,
        0x8000,
        0xffff,
        0x7fff_ffff,
        Integer.MIN_VALUE,
        -2,
        -8,
        -64,
        1_000_000
    };
    private static final long[] WIDE = {
        Long.MIN_VALUE, Long.MAX_VALUE, 0xffff_ffffL, 1L << 32, 0x8000_0000L, -0x8000_0001L, 0x0102_0304_0506_0708L
    };

    /** One instruction before layout: jumps and calls name items and functions, not pcs. */
    private static final class Item {
        Instruction insn;
        int jumpTo = -1;
        int function = -1;
        AccessFacts.Access fact;
        /** Inside a call sequence: jumping here would skip {@code r1 = r6} and break the facts. */
        boolean noTarget;

        Item(Instruction insn) {
            this.insn = insn;
        }
    }

    final Program program;
    /** True: r1 is an XDP context whose packet r6 points at; false: r1 is 64 bytes of memory. */
    final boolean xdp;

    private final Map<Integer, AccessFacts.Access> facts = new HashMap<>();
    private final boolean r6Intact;

    private final Random rnd;
    private final int functions;
    private boolean r6Written;

    private RandomProgram(long seed) {
        rnd = new Random(seed);
        xdp = rnd.nextInt(4) == 0;
        functions = 1 + rnd.nextInt(3);
        List<List<Item>> bodies = new ArrayList<>();
        for (int f = 0; f < functions; f++) {
            bodies.add(function(f));
        }
        r6Intact = !r6Written;
        program = layout(bodies);
    }

    static RandomProgram generate(long seed) {
        return new RandomProgram(seed);
    }

    /** Facts that hold on every path (r6 never rewritten), or null. */
    AccessFacts facts() {
        return r6Intact ? AccessFacts.of(program, facts) : null;
    }

    private List<Item> function(int index) {
        List<Item> items = new ArrayList<>();
        if (index == 0 && xdp) {
            items.add(new Item(Instruction.of(Opcode.LDXW, R6, 1, 0, 0))); // r6 = ctx->data
            for (int i = rnd.nextInt(3); i > 0; i--) {
                int off = rnd.nextInt(4) == 0 ? rnd.nextInt(28) : 4 * rnd.nextInt(6);
                Opcode op = rnd.nextInt(4) == 0 ? pick(LOADS) : Opcode.LDXW;
                items.add(new Item(insn(op, pickReg(0), 1, off, 0)));
            }
        } else {
            items.add(new Item(Instruction.of(Opcode.MOV64_REG, R6, 1, 0, 0))); // the memory pointer the caller passed
        }
        int prologue = items.size();
        int length = 4 + rnd.nextInt(index == 0 ? 50 : 25);
        List<int[]> pendingJumps = new ArrayList<>();
        while (items.size() < prologue + length) {
            int roll = rnd.nextInt(100);
            if (roll < 38) {
                items.add(new Item(alu(0)));
            } else if (roll < 62) {
                memory(items, 0);
            } else if (roll < 74) {
                pendingJumps.add(new int[] {items.size(), rnd.nextInt(8) == 0 ? -1 : 1});
                Opcode op = rnd.nextInt(12) == 0 ? (rnd.nextBoolean() ? Opcode.JA : Opcode.JA32) : pick(JUMPS);
                items.add(new Item(branch(op)));
            } else if (roll < 80) {
                loop(items);
            } else if (roll < 92) {
                call(items, index);
            } else if (roll < 95) {
                items.add(
                        new Item(insn(Opcode.LDDW, pickReg(0), 0, 0, rnd.nextBoolean() ? pick(WIDE) : rnd.nextLong())));
            } else if (roll < 97) {
                items.add(new Item(insn(Opcode.EXIT, 0, 0, 0, 0)));
            } else {
                items.add(new Item(insn(Opcode.MOV64_IMM, 0, 0, 0, imm())));
            }
        }
        items.add(new Item(insn(Opcode.EXIT, 0, 0, 0, 0)));
        for (int[] j : pendingJumps) {
            int from = j[0];
            int to = j[1] < 0
                    ? prologue + rnd.nextInt(from - prologue + 1)
                    : from + 1 + rnd.nextInt(items.size() - from - 1);
            while (items.get(to).noTarget) {
                to++; // the final exit is always a target
            }
            items.get(from).jumpTo = to;
        }
        return items;
    }

    private Instruction alu(int avoid) {
        Opcode op = pick(ALU);
        int dst = pickReg(avoid);
        return switch (op.form()) {
            case ALU_END -> insn(op, dst, 0, 0, new int[] {16, 32, 64}[rnd.nextInt(3)]);
            case ALU_NEG -> insn(op, dst, 0, 0, 0);
            case ALU_REG -> insn(op, dst, rnd.nextInt(11), 0, 0);
            default -> insn(op, dst, 0, 0, imm());
        };
    }

    private Instruction branch(Opcode op) {
        return switch (op.form()) {
            case JUMP_IMM -> insn(op, rnd.nextInt(11), 0, 0, imm());
            case JUMP_REG -> insn(op, rnd.nextInt(11), rnd.nextInt(11), 0, 0);
            default -> insn(op, 0, 0, 0, 0);
        };
    }

    /** A load, store or atomic through r6, r10, a pointer derived from one of them, or any register. */
    private void memory(List<Item> items, int avoid) {
        int kind = rnd.nextInt(100);
        Opcode op =
                kind < 45 ? pick(LOADS) : kind < 65 ? pick(STORES_IMM) : kind < 85 ? pick(STORES_REG) : pick(ATOMICS);
        int size = op.size().bytes();
        int base;
        int off;
        boolean inBounds = false;
        int where = rnd.nextInt(100);
        if (where < 55) {
            base = R6;
            inBounds = rnd.nextInt(6) != 0;
            off = inBounds ? offsetWithin(MEMORY_SIZE, size) : -16 + rnd.nextInt(MEMORY_SIZE + 32);
            inBounds = off >= 0 && off + size <= MEMORY_SIZE;
        } else if (where < 85) {
            base = 10;
            off = rnd.nextInt(6) != 0 ? offsetWithin(512, size) - 512 : -600 + rnd.nextInt(620);
        } else if (where < 95) {
            base = pickReg(avoid | 1 << R6);
            int from = rnd.nextBoolean() ? R6 : 10;
            items.add(new Item(insn(Opcode.MOV64_REG, base, from, 0, 0)));
            int delta = from == 10 ? -8 * rnd.nextInt(70) : 4 * rnd.nextInt(20) - 8;
            items.add(new Item(insn(Opcode.ADD64_IMM, base, 0, 0, delta)));
            off = rnd.nextInt(3) == 0 ? 0 : -8 + rnd.nextInt(16);
            if (rnd.nextInt(5) == 0) {
                // the offset half past 2^31 in the same region: an access may carry into the next one
                items.add(new Item(insn(Opcode.ADD64_IMM, base, 0, 0, 0x7fff_ffff)));
                items.add(new Item(insn(Opcode.ADD64_IMM, base, 0, 0, 0x7fff_ffff)));
                off = rnd.nextInt(32);
            }
        } else {
            base = rnd.nextInt(11);
            off = rnd.nextInt(64) - 32;
        }
        Item item;
        int src = rnd.nextInt(11);
        switch (op.form()) {
            case LOAD -> item = new Item(insn(op, pickReg(avoid), base, off, 0));
            case STORE_IMM -> item = new Item(insn(op, base, 0, off, imm()));
            case STORE_REG -> item = new Item(insn(op, base, src, off, 0));
            default -> {
                if (op.atomicOp().fetches()) {
                    src = pickReg(avoid);
                }
                item = new Item(insn(op, base, src, off, 0));
            }
        }
        if (base == R6 && op.form() != Form.ATOMIC) {
            item.fact = new AccessFacts.Access(xdp ? RegionKind.PACKET : RegionKind.MEMORY, inBounds);
        }
        items.add(item);
    }

    private int offsetWithin(int space, int size) {
        int off = rnd.nextInt(space - size + 1);
        return rnd.nextInt(4) != 0 ? off & -size : off;
    }

    /** {@code r8 = n; body; r8 -= 1; if r8 != 0 goto body}: n iterations (the body never writes r8). */
    private void loop(List<Item> items) {
        items.add(new Item(insn(Opcode.MOV64_IMM, LOOP_COUNTER, 0, 0, 1 + rnd.nextInt(6))));
        int start = items.size();
        for (int i = 1 + rnd.nextInt(4); i > 0; i--) {
            if (rnd.nextBoolean()) {
                items.add(new Item(alu(1 << LOOP_COUNTER)));
            } else {
                memory(items, 1 << LOOP_COUNTER);
            }
        }
        items.add(new Item(insn(Opcode.SUB64_IMM, LOOP_COUNTER, 0, 0, 1)));
        Item back = new Item(insn(rnd.nextBoolean() ? Opcode.JNE_IMM : Opcode.JNE32_IMM, LOOP_COUNTER, 0, 0, 0));
        back.jumpTo = start;
        items.add(back);
    }

    private void call(List<Item> items, int self) {
        int first = items.size();
        callSequence(items, self);
        for (int i = first + 1; i < items.size(); i++) {
            items.get(i).noTarget = true;
        }
    }

    private void callSequence(List<Item> items, int self) {
        int kind = rnd.nextInt(10);
        if (kind < 4) {
            int id = new int[] {5, 6, 7, 8}[rnd.nextInt(4)];
            if (id == 6) { // trace_printk("%d\n", r3) with the format on the stack
                items.add(new Item(insn(Opcode.STW, 10, 0, -16, 0x000a_6425)));
                items.add(new Item(insn(Opcode.MOV64_REG, 1, 10, 0, 0)));
                items.add(new Item(insn(Opcode.ADD64_IMM, 1, 0, 0, rnd.nextInt(5) == 0 ? -600 : -16)));
                items.add(new Item(insn(Opcode.MOV64_IMM, 2, 0, 0, rnd.nextInt(6))));
            }
            items.add(new Item(insn(Opcode.CALL, 0, 0, 0, id)));
            return;
        }
        items.add(new Item(insn(Opcode.MOV64_REG, 1, R6, 0, 0)));
        for (int r = 2; r <= 5; r++) {
            if (rnd.nextBoolean()) {
                items.add(new Item(insn(Opcode.MOV64_IMM, r, 0, 0, imm())));
            }
        }
        int callee = rnd.nextInt(functions);
        if (kind < 7 && functions > 1) {
            Item call = new Item(insn(Opcode.CALL_LOCAL, 0, 0, 0, 0));
            call.function = callee == 0 ? (self == 0 ? 1 : self) : callee;
            items.add(call);
            return;
        }
        int reg = 2 + rnd.nextInt(8);
        if (reg == R6) {
            reg = 9;
        }
        int what = rnd.nextInt(10);
        if (xdp && callee == 0) {
            // the XDP entry reads ctx->data from r1: called with the packet pointer, r6 would be junk
            callee = functions > 1 ? 1 + rnd.nextInt(functions - 1) : -1;
            what = callee < 0 ? 5 + rnd.nextInt(5) : what;
        }
        if (what < 5) {
            Item pointer = new Item(insn(Opcode.LDDW, reg, PseudoSource.FUNC.code(), 0, 0));
            pointer.function = callee;
            items.add(pointer);
            if (what == 0) {
                items.add(new Item(insn(Opcode.ADD64_IMM, reg, 0, 0, 1))); // not a function entry
            }
        } else if (what < 8) {
            items.add(new Item(insn(Opcode.MOV64_IMM, reg, 0, 0, new long[] {5, 7, 8, 0, 999}[rnd.nextInt(5)])));
        }
        items.add(new Item(insn(Opcode.CALLX, reg, 0, 0, 0)));
    }

    private Program layout(List<List<Item>> bodies) {
        int[] entry = new int[bodies.size()];
        List<int[]> itemPcs = new ArrayList<>();
        int pc = 0;
        for (int f = 0; f < bodies.size(); f++) {
            entry[f] = pc;
            int[] pcs = new int[bodies.get(f).size()];
            for (int i = 0; i < pcs.length; i++) {
                pcs[i] = pc;
                pc += bodies.get(f).get(i).insn.width();
            }
            itemPcs.add(pcs);
        }
        List<Instruction> out = new ArrayList<>();
        for (int f = 0; f < bodies.size(); f++) {
            List<Item> body = bodies.get(f);
            int[] pcs = itemPcs.get(f);
            for (int i = 0; i < body.size(); i++) {
                Item item = body.get(i);
                Instruction insn = item.insn;
                if (item.jumpTo >= 0) {
                    insn = insn.withTarget(pcs[i], pcs[item.jumpTo]);
                } else if (item.function >= 0) {
                    insn = insn.withTarget(pcs[i], entry[item.function]);
                }
                if (item.fact != null) {
                    facts.put(pcs[i], item.fact);
                }
                out.add(insn);
            }
        }
        return Program.of(out);
    }

    private Instruction insn(Opcode op, int dst, int src, int off, long imm) {
        Instruction insn = Instruction.of(op, dst, src, off, imm);
        if (writesR6(insn)) {
            r6Written = true;
        }
        return insn;
    }

    private static boolean writesR6(Instruction insn) {
        Form form = insn.op().form();
        boolean dstWritten = form == Form.ALU_IMM
                || form == Form.ALU_REG
                || form == Form.ALU_NEG
                || form == Form.ALU_END
                || form == Form.LOAD
                || form == Form.LDDW;
        return (dstWritten && insn.dst() == R6) || (io.jxdp.isa.ProgramCheck.writesSrc(insn) && insn.src() == R6);
    }

    /** A destination register other than r10 and those in {@code avoid}; rarely r6. */
    private int pickReg(int avoid) {
        for (; ; ) {
            int r = rnd.nextInt(10);
            if ((avoid & 1 << r) == 0 && (r != R6 || rnd.nextInt(20) == 0)) {
                return r;
            }
        }
    }

    private long imm() {
        return rnd.nextInt(3) == 0 ? rnd.nextInt() : pick(IMMEDIATES);
    }

    private long pick(long[] values) {
        return values[rnd.nextInt(values.length)];
    }

    private <T> T pick(T[] values) {
        return values[rnd.nextInt(values.length)];
    }
}
