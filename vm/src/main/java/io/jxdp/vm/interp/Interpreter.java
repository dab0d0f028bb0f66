package io.jxdp.vm.interp;

import io.jxdp.isa.Form;
import io.jxdp.isa.Instruction;
import io.jxdp.isa.Opcode;
import io.jxdp.isa.Program;
import io.jxdp.isa.sem.Alu32;
import io.jxdp.isa.sem.Alu64;
import io.jxdp.isa.sem.ByteSwaps;
import io.jxdp.isa.sem.Jumps;
import io.jxdp.isa.sem.Loads;
import io.jxdp.isa.sem.SemanticsTable;
import io.jxdp.isa.sem.Stores;
import io.jxdp.vm.BoundFacts;
import io.jxdp.vm.Cpu;
import io.jxdp.vm.EngineKind;
import io.jxdp.vm.FaultKind;
import io.jxdp.vm.LinkedProgram;
import io.jxdp.vm.LoadedProgram;
import io.jxdp.vm.VmFault;
import io.jxdp.vm.helpers.Helper;
import io.jxdp.vm.helpers.HelperFunction;
import io.jxdp.vm.memory.Addresses;
import io.jxdp.vm.memory.Memory;

/**
 * The reference engine: a switch over predecoded instructions (an int key per pc, see {@link Op}),
 * every memory access checked. Its
 * semantics for each operation come from {@code io.jxdp.isa.sem}; it is what the JIT is compared
 * against.
 *
 * <p>Register conventions both engines share (the kernel leaves these undefined): every register
 * but r1, r2 and r10 starts at 0; a called local function starts with r0 and r6-r9 at 0; after a
 * local call returns, r1-r5 (and r6-r10) hold the caller's values again; a helper never changes
 * r1-r5.
 */
public final class Interpreter implements LoadedProgram {
    /** Registers saved per call frame: r1 to r10. */
    private static final int SAVED = 10;

    private final LinkedProgram linked;
    private final long budget;
    private final Opcode[] ops;
    /**
     * Per pc, the dispatch key ({@link SemanticsTable#key}, the labels in {@link Op}): an int switch on it costs two loads less per
     * instruction than the enum switch's synthetic ordinal map. Measured against packing key,
     * registers and offset into one int: that was faster on the sum loop but slower on straight-line
     * code, and this is the better of the two on all three benchmark programs together.
     */
    private final int[] keys;

    private final int[] dst;
    private final int[] src;
    private final int[] off;
    private final long[] imm;
    private final int[] target;
    private final Helper[] helpers;
    private final InstructionText text;
    /** Thrown when the stack ran out where no fault could be built (see {@link VmFault#outOfStack}). */
    private final VmFault outOfStack;
    /** The facts it was loaded with (which it does not use), so runs are checked as the JIT's are; or null. */
    private final BoundFacts facts;

    public Interpreter(LinkedProgram linked, long budget) {
        this(linked, budget, null);
    }

    /** @param facts the verifier's facts bound to {@code linked.program()}, or null */
    public Interpreter(LinkedProgram linked, long budget, BoundFacts facts) {
        this.linked = linked;
        this.budget = budget;
        this.facts = facts;
        Program p = linked.program();
        int slots = p.slotCount();
        ops = new Opcode[slots];
        keys = new int[slots];
        dst = new int[slots];
        src = new int[slots];
        off = new int[slots];
        imm = new long[slots];
        target = new int[slots];
        helpers = new Helper[slots];
        for (int i = 0; i < p.size(); i++) {
            int pc = p.pcOf(i);
            Instruction insn = p.instructions().get(i);
            ops[pc] = insn.op();
            keys[pc] = SemanticsTable.key(insn.op());
            dst[pc] = insn.dst();
            src[pc] = insn.src();
            off[pc] = insn.offset();
            imm[pc] = insn.op() == Opcode.LDDW ? linked.constant(pc) : insn.imm();
            target[pc] = insn.target(pc);
            HelperFunction h = linked.helper(pc);
            helpers[pc] = h == null ? null : h.impl();
        }
        this.text = new InstructionText(p);
        this.outOfStack = VmFault.outOfStack(text.at(0));
    }

    @Override
    public LinkedProgram linked() {
        return linked;
    }

    @Override
    public EngineKind engine() {
        return EngineKind.INTERPRETER;
    }

    @Override
    public BoundFacts facts() {
        return facts;
    }

    @Override
    public long run(Cpu cpu, long r1, long r2) {
        if (facts != null) {
            facts.checkEntry(cpu, r1, r2);
        }
        try {
            try {
                return execute(cpu, r1, r2);
            } catch (VmFault f) {
                throw f.withInstruction(text.at(f.pc()));
            } catch (StackOverflowError e) {
                throw outOfStack; // not where: see below
            } catch (Throwable t) { // execute converts what its instructions raise: this is its entry
                throw VmFault.internal(t, 0).withInstruction(text.at(0));
            }
        } catch (StackOverflowError e) {
            // entering execute, or so near the stack's end that making the fault overflowed it again
            throw outOfStack;
        }
    }

    /**
     * A JVM exception that escaped the instruction at pc (from a helper, or a stack overflow) as a
     * fault; a memory instruction's names the address it accessed, from its base register (not
     * yet written: the instruction did not complete).
     */
    private VmFault escaped(Throwable t, int pc, long[] r) {
        Form form = ops[pc].form();
        if (form == Form.LOAD) {
            return VmFault.internal(t, pc, r[src[pc]] + off[pc]);
        }
        if (form == Form.STORE_IMM || form == Form.STORE_REG || form == Form.ATOMIC) {
            return VmFault.internal(t, pc, r[dst[pc]] + off[pc]);
        }
        return VmFault.internal(t, pc);
    }

    private VmFault budgetFault(int pc) {
        return new VmFault(
                FaultKind.BUDGET,
                pc,
                0,
                "the program exceeded its budget of " + budget + " backward jumps and calls (an endless loop?)");
    }

    private long execute(Cpu cpu, long r1, long r2) {
        final Memory mem = cpu.memory();
        final Opcode[] ops = this.ops;
        final int[] keys = this.keys;
        final int[] dst = this.dst;
        final int[] src = this.src;
        final int[] off = this.off;
        final long[] imm = this.imm;
        long[] file = cpu.registers;
        cpu.registers = null;
        final long[] r = file != null ? file : new long[11];
        long[] saved = null;
        int[] returnPc = null;
        int depth = 0;
        long left = budget;
        r[0] = 0; // every register but r1, r2 and r10 starts at 0
        r[1] = r1;
        r[2] = r2;
        r[3] = 0;
        r[4] = 0;
        r[5] = 0;
        r[6] = 0;
        r[7] = 0;
        r[8] = 0;
        r[9] = 0;
        r[10] = Memory.framePointer(0);
        int pc = 0;
        boolean taken = false;
        try {
            for (; ; ) {
                final int d = dst[pc];
                final int s = src[pc];
                switch (keys[pc]) {
                    // ---- ALU64 ----
                    case Op.ADD64_IMM -> r[d] = Alu64.add(r[d], imm[pc]);
                    case Op.ADD64_REG -> r[d] = Alu64.add(r[d], r[s]);
                    case Op.SUB64_IMM -> r[d] = Alu64.sub(r[d], imm[pc]);
                    case Op.SUB64_REG -> r[d] = Alu64.sub(r[d], r[s]);
                    case Op.MUL64_IMM -> r[d] = Alu64.mul(r[d], imm[pc]);
                    case Op.MUL64_REG -> r[d] = Alu64.mul(r[d], r[s]);
                    case Op.DIV64_IMM -> r[d] = Alu64.div(r[d], imm[pc]);
                    case Op.DIV64_REG -> r[d] = Alu64.div(r[d], r[s]);
                    case Op.SDIV64_IMM -> r[d] = Alu64.sdiv(r[d], imm[pc]);
                    case Op.SDIV64_REG -> r[d] = Alu64.sdiv(r[d], r[s]);
                    case Op.OR64_IMM -> r[d] = Alu64.or(r[d], imm[pc]);
                    case Op.OR64_REG -> r[d] = Alu64.or(r[d], r[s]);
                    case Op.AND64_IMM -> r[d] = Alu64.and(r[d], imm[pc]);
                    case Op.AND64_REG -> r[d] = Alu64.and(r[d], r[s]);
                    case Op.LSH64_IMM -> r[d] = Alu64.lsh(r[d], imm[pc]);
                    case Op.LSH64_REG -> r[d] = Alu64.lsh(r[d], r[s]);
                    case Op.RSH64_IMM -> r[d] = Alu64.rsh(r[d], imm[pc]);
                    case Op.RSH64_REG -> r[d] = Alu64.rsh(r[d], r[s]);
                    case Op.NEG64 -> r[d] = Alu64.neg(r[d]);
                    case Op.MOD64_IMM -> r[d] = Alu64.mod(r[d], imm[pc]);
                    case Op.MOD64_REG -> r[d] = Alu64.mod(r[d], r[s]);
                    case Op.SMOD64_IMM -> r[d] = Alu64.smod(r[d], imm[pc]);
                    case Op.SMOD64_REG -> r[d] = Alu64.smod(r[d], r[s]);
                    case Op.XOR64_IMM -> r[d] = Alu64.xor(r[d], imm[pc]);
                    case Op.XOR64_REG -> r[d] = Alu64.xor(r[d], r[s]);
                    case Op.MOV64_IMM -> r[d] = Alu64.mov(imm[pc]);
                    case Op.MOV64_REG -> r[d] = Alu64.mov(r[s]);
                    case Op.MOVSX64_8 -> r[d] = Alu64.movsx8(r[s]);
                    case Op.MOVSX64_16 -> r[d] = Alu64.movsx16(r[s]);
                    case Op.MOVSX64_32 -> r[d] = Alu64.movsx32(r[s]);
                    case Op.ARSH64_IMM -> r[d] = Alu64.arsh(r[d], imm[pc]);
                    case Op.ARSH64_REG -> r[d] = Alu64.arsh(r[d], r[s]);
                    case Op.BSWAP -> r[d] = ByteSwaps.swap(r[d], (int) imm[pc]);
                    // ---- ALU (32-bit, zero-extended) ----
                    case Op.ADD32_IMM -> r[d] = Alu32.add(r[d], imm[pc]);
                    case Op.ADD32_REG -> r[d] = Alu32.add(r[d], r[s]);
                    case Op.SUB32_IMM -> r[d] = Alu32.sub(r[d], imm[pc]);
                    case Op.SUB32_REG -> r[d] = Alu32.sub(r[d], r[s]);
                    case Op.MUL32_IMM -> r[d] = Alu32.mul(r[d], imm[pc]);
                    case Op.MUL32_REG -> r[d] = Alu32.mul(r[d], r[s]);
                    case Op.DIV32_IMM -> r[d] = Alu32.div(r[d], imm[pc]);
                    case Op.DIV32_REG -> r[d] = Alu32.div(r[d], r[s]);
                    case Op.SDIV32_IMM -> r[d] = Alu32.sdiv(r[d], imm[pc]);
                    case Op.SDIV32_REG -> r[d] = Alu32.sdiv(r[d], r[s]);
                    case Op.OR32_IMM -> r[d] = Alu32.or(r[d], imm[pc]);
                    case Op.OR32_REG -> r[d] = Alu32.or(r[d], r[s]);
                    case Op.AND32_IMM -> r[d] = Alu32.and(r[d], imm[pc]);
                    case Op.AND32_REG -> r[d] = Alu32.and(r[d], r[s]);
                    case Op.LSH32_IMM -> r[d] = Alu32.lsh(r[d], imm[pc]);
                    case Op.LSH32_REG -> r[d] = Alu32.lsh(r[d], r[s]);
                    case Op.RSH32_IMM -> r[d] = Alu32.rsh(r[d], imm[pc]);
                    case Op.RSH32_REG -> r[d] = Alu32.rsh(r[d], r[s]);
                    case Op.NEG32 -> r[d] = Alu32.neg(r[d]);
                    case Op.MOD32_IMM -> r[d] = Alu32.mod(r[d], imm[pc]);
                    case Op.MOD32_REG -> r[d] = Alu32.mod(r[d], r[s]);
                    case Op.SMOD32_IMM -> r[d] = Alu32.smod(r[d], imm[pc]);
                    case Op.SMOD32_REG -> r[d] = Alu32.smod(r[d], r[s]);
                    case Op.XOR32_IMM -> r[d] = Alu32.xor(r[d], imm[pc]);
                    case Op.XOR32_REG -> r[d] = Alu32.xor(r[d], r[s]);
                    case Op.MOV32_IMM -> r[d] = Alu32.mov(imm[pc]);
                    case Op.MOV32_REG -> r[d] = Alu32.mov(r[s]);
                    case Op.MOVSX32_8 -> r[d] = Alu32.movsx8(r[s]);
                    case Op.MOVSX32_16 -> r[d] = Alu32.movsx16(r[s]);
                    case Op.ARSH32_IMM -> r[d] = Alu32.arsh(r[d], imm[pc]);
                    case Op.ARSH32_REG -> r[d] = Alu32.arsh(r[d], r[s]);
                    case Op.LE -> r[d] = ByteSwaps.le(r[d], (int) imm[pc]);
                    case Op.BE -> r[d] = ByteSwaps.swap(r[d], (int) imm[pc]);
                    // ---- loads and stores ----
                    case Op.LDDW -> {
                        r[d] = imm[pc];
                        pc += 2;
                        continue;
                    }
                    case Op.LDXB -> r[d] = mem.loadB(r[s] + off[pc], pc);
                    case Op.LDXH -> r[d] = mem.loadH(r[s] + off[pc], pc);
                    case Op.LDXW -> r[d] = mem.loadW(r[s] + off[pc], pc);
                    case Op.LDXDW -> r[d] = mem.loadDW(r[s] + off[pc], pc);
                    case Op.LDXSB -> r[d] = Loads.ldxsb(mem.loadB(r[s] + off[pc], pc));
                    case Op.LDXSH -> r[d] = Loads.ldxsh(mem.loadH(r[s] + off[pc], pc));
                    case Op.LDXSW -> r[d] = Loads.ldxsw(mem.loadW(r[s] + off[pc], pc));
                    case Op.STB -> mem.storeB(r[d] + off[pc], Stores.b(imm[pc]), pc);
                    case Op.STH -> mem.storeH(r[d] + off[pc], Stores.h(imm[pc]), pc);
                    case Op.STW -> mem.storeW(r[d] + off[pc], Stores.w(imm[pc]), pc);
                    case Op.STDW -> mem.storeDW(r[d] + off[pc], Stores.dw(imm[pc]), pc);
                    case Op.STXB -> mem.storeB(r[d] + off[pc], Stores.b(r[s]), pc);
                    case Op.STXH -> mem.storeH(r[d] + off[pc], Stores.h(r[s]), pc);
                    case Op.STXW -> mem.storeW(r[d] + off[pc], Stores.w(r[s]), pc);
                    case Op.STXDW -> mem.storeDW(r[d] + off[pc], Stores.dw(r[s]), pc);
                    // ---- atomics: the old value goes to src (or r0 for cmpxchg) when fetched ----
                    case Op.ATOMIC32_ADD, Op.ATOMIC32_OR, Op.ATOMIC32_AND, Op.ATOMIC32_XOR ->
                        mem.atomic(ops[pc].atomicOp(), r[d] + off[pc], 4, r[s], 0, pc);
                    case Op.ATOMIC64_ADD, Op.ATOMIC64_OR, Op.ATOMIC64_AND, Op.ATOMIC64_XOR ->
                        mem.atomic(ops[pc].atomicOp(), r[d] + off[pc], 8, r[s], 0, pc);
                    case Op.ATOMIC32_FETCH_ADD,
                            Op.ATOMIC32_FETCH_OR,
                            Op.ATOMIC32_FETCH_AND,
                            Op.ATOMIC32_FETCH_XOR,
                            Op.ATOMIC32_XCHG -> r[s] = mem.atomic(ops[pc].atomicOp(), r[d] + off[pc], 4, r[s], 0, pc);
                    case Op.ATOMIC64_FETCH_ADD,
                            Op.ATOMIC64_FETCH_OR,
                            Op.ATOMIC64_FETCH_AND,
                            Op.ATOMIC64_FETCH_XOR,
                            Op.ATOMIC64_XCHG -> r[s] = mem.atomic(ops[pc].atomicOp(), r[d] + off[pc], 8, r[s], 0, pc);
                    case Op.ATOMIC32_CMPXCHG ->
                        r[0] = mem.atomic(ops[pc].atomicOp(), r[d] + off[pc], 4, r[s], r[0], pc);
                    case Op.ATOMIC64_CMPXCHG ->
                        r[0] = mem.atomic(ops[pc].atomicOp(), r[d] + off[pc], 8, r[s], r[0], pc);
                    // ---- jumps: a backward jump spends budget ----
                    case Op.JA, Op.JA32 -> taken = true;
                    // ---- conditional jumps: the condition here, the jump after the switch ----
                    case Op.JEQ_IMM -> taken = Jumps.eq64(r[d], imm[pc]);
                    case Op.JEQ_REG -> taken = Jumps.eq64(r[d], r[s]);
                    case Op.JEQ32_IMM -> taken = Jumps.eq32(r[d], imm[pc]);
                    case Op.JEQ32_REG -> taken = Jumps.eq32(r[d], r[s]);
                    case Op.JNE_IMM -> taken = Jumps.ne64(r[d], imm[pc]);
                    case Op.JNE_REG -> taken = Jumps.ne64(r[d], r[s]);
                    case Op.JNE32_IMM -> taken = Jumps.ne32(r[d], imm[pc]);
                    case Op.JNE32_REG -> taken = Jumps.ne32(r[d], r[s]);
                    case Op.JGT_IMM -> taken = Jumps.gt64(r[d], imm[pc]);
                    case Op.JGT_REG -> taken = Jumps.gt64(r[d], r[s]);
                    case Op.JGT32_IMM -> taken = Jumps.gt32(r[d], imm[pc]);
                    case Op.JGT32_REG -> taken = Jumps.gt32(r[d], r[s]);
                    case Op.JGE_IMM -> taken = Jumps.ge64(r[d], imm[pc]);
                    case Op.JGE_REG -> taken = Jumps.ge64(r[d], r[s]);
                    case Op.JGE32_IMM -> taken = Jumps.ge32(r[d], imm[pc]);
                    case Op.JGE32_REG -> taken = Jumps.ge32(r[d], r[s]);
                    case Op.JLT_IMM -> taken = Jumps.lt64(r[d], imm[pc]);
                    case Op.JLT_REG -> taken = Jumps.lt64(r[d], r[s]);
                    case Op.JLT32_IMM -> taken = Jumps.lt32(r[d], imm[pc]);
                    case Op.JLT32_REG -> taken = Jumps.lt32(r[d], r[s]);
                    case Op.JLE_IMM -> taken = Jumps.le64(r[d], imm[pc]);
                    case Op.JLE_REG -> taken = Jumps.le64(r[d], r[s]);
                    case Op.JLE32_IMM -> taken = Jumps.le32(r[d], imm[pc]);
                    case Op.JLE32_REG -> taken = Jumps.le32(r[d], r[s]);
                    case Op.JSGT_IMM -> taken = Jumps.sgt64(r[d], imm[pc]);
                    case Op.JSGT_REG -> taken = Jumps.sgt64(r[d], r[s]);
                    case Op.JSGT32_IMM -> taken = Jumps.sgt32(r[d], imm[pc]);
                    case Op.JSGT32_REG -> taken = Jumps.sgt32(r[d], r[s]);
                    case Op.JSGE_IMM -> taken = Jumps.sge64(r[d], imm[pc]);
                    case Op.JSGE_REG -> taken = Jumps.sge64(r[d], r[s]);
                    case Op.JSGE32_IMM -> taken = Jumps.sge32(r[d], imm[pc]);
                    case Op.JSGE32_REG -> taken = Jumps.sge32(r[d], r[s]);
                    case Op.JSLT_IMM -> taken = Jumps.slt64(r[d], imm[pc]);
                    case Op.JSLT_REG -> taken = Jumps.slt64(r[d], r[s]);
                    case Op.JSLT32_IMM -> taken = Jumps.slt32(r[d], imm[pc]);
                    case Op.JSLT32_REG -> taken = Jumps.slt32(r[d], r[s]);
                    case Op.JSLE_IMM -> taken = Jumps.sle64(r[d], imm[pc]);
                    case Op.JSLE_REG -> taken = Jumps.sle64(r[d], r[s]);
                    case Op.JSLE32_IMM -> taken = Jumps.sle32(r[d], imm[pc]);
                    case Op.JSLE32_REG -> taken = Jumps.sle32(r[d], r[s]);
                    case Op.JSET_IMM -> taken = Jumps.set64(r[d], imm[pc]);
                    case Op.JSET_REG -> taken = Jumps.set64(r[d], r[s]);
                    case Op.JSET32_IMM -> taken = Jumps.set32(r[d], imm[pc]);
                    case Op.JSET32_REG -> taken = Jumps.set32(r[d], r[s]);
                    // ---- calls ----
                    case Op.CALL -> {
                        cpu.pc = pc;
                        r[0] = helpers[pc].call(cpu, r[1], r[2], r[3], r[4], r[5]);
                    }
                    case Op.CALL_LOCAL, Op.CALLX -> {
                        int entry;
                        if (ops[pc] == Opcode.CALLX) {
                            long value = r[d];
                            if (Addresses.region(value) != Addresses.FUNCTION) {
                                cpu.pc = pc;
                                r[0] = callxHelper(value, pc).call(cpu, r[1], r[2], r[3], r[4], r[5]);
                                break;
                            }
                            entry = Addresses.offset(value);
                            if (!linked.isFunctionEntry(entry)) {
                                throw new VmFault(
                                        FaultKind.BAD_CALL,
                                        pc,
                                        value,
                                        "callx to pc " + entry + ", which starts no function");
                            }
                        } else {
                            entry = target[pc];
                        }
                        if (--left < 0) {
                            throw budgetFault(pc);
                        }
                        if (depth + 1 >= Memory.MAX_FRAMES) {
                            throw new VmFault(
                                    FaultKind.CALL_DEPTH, pc, 0, "call depth exceeds " + Memory.MAX_FRAMES + " frames");
                        }
                        if (saved == null) {
                            saved = new long[Memory.MAX_FRAMES * SAVED];
                            returnPc = new int[Memory.MAX_FRAMES];
                        }
                        System.arraycopy(r, 1, saved, depth * SAVED, SAVED);
                        returnPc[depth] = pc + 1;
                        depth++;
                        r[0] = 0;
                        r[6] = 0;
                        r[7] = 0;
                        r[8] = 0;
                        r[9] = 0;
                        r[10] = Memory.framePointer(depth);
                        pc = entry;
                        continue;
                    }
                    case Op.EXIT -> {
                        if (depth == 0) {
                            cpu.registers = r; // for the next run on this Cpu
                            return r[0];
                        }
                        depth--;
                        System.arraycopy(saved, depth * SAVED, r, 1, SAVED);
                        pc = returnPc[depth];
                        continue;
                    }
                    default -> throw new VmFault(FaultKind.UNSUPPORTED, pc, 0, ops[pc] + " cannot run here");
                }
                if (taken) {
                    // a backward jump spends budget, so every loop iteration does
                    taken = false;
                    int t = target[pc];
                    if (t <= pc && --left < 0) {
                        throw budgetFault(pc);
                    }
                    pc = t;
                } else {
                    pc++;
                }
            }
        } catch (VmFault f) {
            throw f;
        } catch (Throwable t) {
            throw escaped(t, pc, r); // a helper's bug or a stack overflow: still a fault at pc
        }
    }

    private Helper callxHelper(long value, int pc) {
        HelperFunction f = linked.helperTable().get(value);
        if (f == null) {
            throw new VmFault(
                    FaultKind.BAD_CALL,
                    pc,
                    value,
                    "callx to " + Addresses.format(value) + ", which is neither a function pointer nor a helper id");
        }
        return f.impl();
    }
}
