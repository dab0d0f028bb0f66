package io.jxdp.vm.interp;

import io.jxdp.isa.Instruction;
import io.jxdp.isa.Opcode;
import io.jxdp.isa.Program;
import io.jxdp.isa.sem.Alu;
import io.jxdp.isa.sem.ByteSwap;
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
 * The reference engine: a switch over predecoded instructions, every memory access checked. Its
 * semantics for each operation come from {@code io.jxdp.isa.sem}; it is what the JIT is compared
 * against.
 *
 * <p>Register conventions both engines share (the kernel leaves these undefined): every register
 * but r1, r2 and r10 starts at 0; a called local function starts with r0 and r6-r9 at 0; after a
 * local call returns, r1-r5 (and r6-r10) hold the caller's values again; a helper never changes
 * r1-r5.
 */
public final class Interpreter implements LoadedProgram {
    private static final long LOW32 = Alu.LOW32;
    /** Registers saved per call frame: r1 to r10. */
    private static final int SAVED = 10;

    private final LinkedProgram linked;
    private final long budget;
    private final Opcode[] ops;
    private final int[] dst;
    private final int[] src;
    private final int[] off;
    private final long[] imm;
    private final int[] target;
    private final Helper[] helpers;
    private final InstructionText text;

    public Interpreter(LinkedProgram linked, long budget) {
        this.linked = linked;
        this.budget = budget;
        Program p = linked.program();
        int slots = p.slotCount();
        ops = new Opcode[slots];
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
            dst[pc] = insn.dst();
            src[pc] = insn.src();
            off[pc] = insn.offset();
            imm[pc] = insn.op() == Opcode.LDDW ? linked.constant(pc) : insn.imm();
            target[pc] = insn.target(pc);
            HelperFunction h = linked.helper(pc);
            helpers[pc] = h == null ? null : h.impl();
        }
        this.text = new InstructionText(p);
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
    public long run(Cpu cpu, long r1, long r2) {
        try {
            return execute(cpu, r1, r2);
        } catch (VmFault f) {
            throw f.withInstruction(text.at(f.pc()));
        }
    }

    private VmFault budgetFault(int pc) {
        return new VmFault(FaultKind.BUDGET, pc, 0, "the program exceeded its budget of " + budget
                + " backward jumps and calls (an endless loop?)");
    }

    private long execute(Cpu cpu, long r1, long r2) {
        final Memory mem = cpu.memory();
        final Opcode[] ops = this.ops;
        final int[] dst = this.dst;
        final int[] src = this.src;
        final int[] off = this.off;
        final long[] imm = this.imm;
        final long[] r = new long[11];
        long[] saved = null;
        int[] returnPc = null;
        int depth = 0;
        long left = budget;
        r[1] = r1;
        r[2] = r2;
        r[10] = Memory.framePointer(0);
        int pc = 0;
        boolean taken = false;
        for (;;) {
            final int d = dst[pc];
            final int s = src[pc];
            switch (ops[pc]) {
                // ---- ALU64 ----
                case ADD64_IMM -> r[d] += imm[pc];
                case ADD64_REG -> r[d] += r[s];
                case SUB64_IMM -> r[d] -= imm[pc];
                case SUB64_REG -> r[d] -= r[s];
                case MUL64_IMM -> r[d] *= imm[pc];
                case MUL64_REG -> r[d] *= r[s];
                case DIV64_IMM -> r[d] = Alu.div64(r[d], imm[pc]);
                case DIV64_REG -> r[d] = Alu.div64(r[d], r[s]);
                case SDIV64_IMM -> r[d] = Alu.sdiv64(r[d], imm[pc]);
                case SDIV64_REG -> r[d] = Alu.sdiv64(r[d], r[s]);
                case OR64_IMM -> r[d] |= imm[pc];
                case OR64_REG -> r[d] |= r[s];
                case AND64_IMM -> r[d] &= imm[pc];
                case AND64_REG -> r[d] &= r[s];
                case LSH64_IMM -> r[d] = Alu.lsh64(r[d], imm[pc]);
                case LSH64_REG -> r[d] = Alu.lsh64(r[d], r[s]);
                case RSH64_IMM -> r[d] = Alu.rsh64(r[d], imm[pc]);
                case RSH64_REG -> r[d] = Alu.rsh64(r[d], r[s]);
                case NEG64 -> r[d] = -r[d];
                case MOD64_IMM -> r[d] = Alu.mod64(r[d], imm[pc]);
                case MOD64_REG -> r[d] = Alu.mod64(r[d], r[s]);
                case SMOD64_IMM -> r[d] = Alu.smod64(r[d], imm[pc]);
                case SMOD64_REG -> r[d] = Alu.smod64(r[d], r[s]);
                case XOR64_IMM -> r[d] ^= imm[pc];
                case XOR64_REG -> r[d] ^= r[s];
                case MOV64_IMM -> r[d] = imm[pc];
                case MOV64_REG -> r[d] = r[s];
                case MOVSX64_8 -> r[d] = (byte) r[s];
                case MOVSX64_16 -> r[d] = (short) r[s];
                case MOVSX64_32 -> r[d] = (int) r[s];
                case ARSH64_IMM -> r[d] = Alu.arsh64(r[d], imm[pc]);
                case ARSH64_REG -> r[d] = Alu.arsh64(r[d], r[s]);
                case BSWAP -> r[d] = ByteSwap.swap(r[d], (int) imm[pc]);
                // ---- ALU (32-bit, zero-extended) ----
                case ADD32_IMM -> r[d] = (r[d] + imm[pc]) & LOW32;
                case ADD32_REG -> r[d] = (r[d] + r[s]) & LOW32;
                case SUB32_IMM -> r[d] = (r[d] - imm[pc]) & LOW32;
                case SUB32_REG -> r[d] = (r[d] - r[s]) & LOW32;
                case MUL32_IMM -> r[d] = ((int) r[d] * (int) imm[pc]) & LOW32;
                case MUL32_REG -> r[d] = ((int) r[d] * (int) r[s]) & LOW32;
                case DIV32_IMM -> r[d] = Alu.div32(r[d], imm[pc]);
                case DIV32_REG -> r[d] = Alu.div32(r[d], r[s]);
                case SDIV32_IMM -> r[d] = Alu.sdiv32(r[d], imm[pc]);
                case SDIV32_REG -> r[d] = Alu.sdiv32(r[d], r[s]);
                case OR32_IMM -> r[d] = (r[d] | imm[pc]) & LOW32;
                case OR32_REG -> r[d] = (r[d] | r[s]) & LOW32;
                case AND32_IMM -> r[d] = r[d] & imm[pc] & LOW32;
                case AND32_REG -> r[d] = r[d] & r[s] & LOW32;
                case LSH32_IMM -> r[d] = Alu.lsh32(r[d], imm[pc]);
                case LSH32_REG -> r[d] = Alu.lsh32(r[d], r[s]);
                case RSH32_IMM -> r[d] = Alu.rsh32(r[d], imm[pc]);
                case RSH32_REG -> r[d] = Alu.rsh32(r[d], r[s]);
                case NEG32 -> r[d] = -(int) r[d] & LOW32;
                case MOD32_IMM -> r[d] = Alu.mod32(r[d], imm[pc]);
                case MOD32_REG -> r[d] = Alu.mod32(r[d], r[s]);
                case SMOD32_IMM -> r[d] = Alu.smod32(r[d], imm[pc]);
                case SMOD32_REG -> r[d] = Alu.smod32(r[d], r[s]);
                case XOR32_IMM -> r[d] = (r[d] ^ imm[pc]) & LOW32;
                case XOR32_REG -> r[d] = (r[d] ^ r[s]) & LOW32;
                case MOV32_IMM -> r[d] = imm[pc] & LOW32;
                case MOV32_REG -> r[d] = r[s] & LOW32;
                case MOVSX32_8 -> r[d] = (int) (byte) r[s] & LOW32;
                case MOVSX32_16 -> r[d] = (int) (short) r[s] & LOW32;
                case ARSH32_IMM -> r[d] = Alu.arsh32(r[d], imm[pc]);
                case ARSH32_REG -> r[d] = Alu.arsh32(r[d], r[s]);
                case LE -> r[d] = ByteSwap.toLe(r[d], (int) imm[pc]);
                case BE -> r[d] = ByteSwap.swap(r[d], (int) imm[pc]);
                // ---- loads and stores ----
                case LDDW -> {
                    r[d] = imm[pc];
                    pc += 2;
                    continue;
                }
                case LDXB -> r[d] = mem.loadB(r[s] + off[pc], pc);
                case LDXH -> r[d] = mem.loadH(r[s] + off[pc], pc);
                case LDXW -> r[d] = mem.loadW(r[s] + off[pc], pc);
                case LDXDW -> r[d] = mem.loadDW(r[s] + off[pc], pc);
                case LDXSB -> r[d] = (byte) mem.loadB(r[s] + off[pc], pc);
                case LDXSH -> r[d] = (short) mem.loadH(r[s] + off[pc], pc);
                case LDXSW -> r[d] = (int) mem.loadW(r[s] + off[pc], pc);
                case STB -> mem.storeB(r[d] + off[pc], imm[pc], pc);
                case STH -> mem.storeH(r[d] + off[pc], imm[pc], pc);
                case STW -> mem.storeW(r[d] + off[pc], imm[pc], pc);
                case STDW -> mem.storeDW(r[d] + off[pc], imm[pc], pc);
                case STXB -> mem.storeB(r[d] + off[pc], r[s], pc);
                case STXH -> mem.storeH(r[d] + off[pc], r[s], pc);
                case STXW -> mem.storeW(r[d] + off[pc], r[s], pc);
                case STXDW -> mem.storeDW(r[d] + off[pc], r[s], pc);
                // ---- atomics: the old value goes to src (or r0 for cmpxchg) when fetched ----
                case ATOMIC32_ADD, ATOMIC32_OR, ATOMIC32_AND, ATOMIC32_XOR ->
                        mem.atomic(ops[pc].atomicOp(), r[d] + off[pc], 4, r[s], 0, pc);
                case ATOMIC64_ADD, ATOMIC64_OR, ATOMIC64_AND, ATOMIC64_XOR ->
                        mem.atomic(ops[pc].atomicOp(), r[d] + off[pc], 8, r[s], 0, pc);
                case ATOMIC32_FETCH_ADD, ATOMIC32_FETCH_OR, ATOMIC32_FETCH_AND, ATOMIC32_FETCH_XOR, ATOMIC32_XCHG ->
                        r[s] = mem.atomic(ops[pc].atomicOp(), r[d] + off[pc], 4, r[s], 0, pc);
                case ATOMIC64_FETCH_ADD, ATOMIC64_FETCH_OR, ATOMIC64_FETCH_AND, ATOMIC64_FETCH_XOR, ATOMIC64_XCHG ->
                        r[s] = mem.atomic(ops[pc].atomicOp(), r[d] + off[pc], 8, r[s], 0, pc);
                case ATOMIC32_CMPXCHG -> r[0] = mem.atomic(ops[pc].atomicOp(), r[d] + off[pc], 4, r[s], r[0], pc);
                case ATOMIC64_CMPXCHG -> r[0] = mem.atomic(ops[pc].atomicOp(), r[d] + off[pc], 8, r[s], r[0], pc);
                // ---- jumps: a backward jump spends budget ----
                case JA, JA32 -> taken = true;
                // ---- conditional jumps: the condition here, the jump after the switch ----
                case JEQ_IMM -> taken = r[d] == imm[pc];
                case JEQ_REG -> taken = r[d] == r[s];
                case JEQ32_IMM -> taken = (int) r[d] == (int) imm[pc];
                case JEQ32_REG -> taken = (int) r[d] == (int) r[s];
                case JNE_IMM -> taken = r[d] != imm[pc];
                case JNE_REG -> taken = r[d] != r[s];
                case JNE32_IMM -> taken = (int) r[d] != (int) imm[pc];
                case JNE32_REG -> taken = (int) r[d] != (int) r[s];
                case JGT_IMM -> taken = Long.compareUnsigned(r[d], imm[pc]) > 0;
                case JGT_REG -> taken = Long.compareUnsigned(r[d], r[s]) > 0;
                case JGT32_IMM -> taken = Integer.compareUnsigned((int) r[d], (int) imm[pc]) > 0;
                case JGT32_REG -> taken = Integer.compareUnsigned((int) r[d], (int) r[s]) > 0;
                case JGE_IMM -> taken = Long.compareUnsigned(r[d], imm[pc]) >= 0;
                case JGE_REG -> taken = Long.compareUnsigned(r[d], r[s]) >= 0;
                case JGE32_IMM -> taken = Integer.compareUnsigned((int) r[d], (int) imm[pc]) >= 0;
                case JGE32_REG -> taken = Integer.compareUnsigned((int) r[d], (int) r[s]) >= 0;
                case JLT_IMM -> taken = Long.compareUnsigned(r[d], imm[pc]) < 0;
                case JLT_REG -> taken = Long.compareUnsigned(r[d], r[s]) < 0;
                case JLT32_IMM -> taken = Integer.compareUnsigned((int) r[d], (int) imm[pc]) < 0;
                case JLT32_REG -> taken = Integer.compareUnsigned((int) r[d], (int) r[s]) < 0;
                case JLE_IMM -> taken = Long.compareUnsigned(r[d], imm[pc]) <= 0;
                case JLE_REG -> taken = Long.compareUnsigned(r[d], r[s]) <= 0;
                case JLE32_IMM -> taken = Integer.compareUnsigned((int) r[d], (int) imm[pc]) <= 0;
                case JLE32_REG -> taken = Integer.compareUnsigned((int) r[d], (int) r[s]) <= 0;
                case JSGT_IMM -> taken = r[d] > imm[pc];
                case JSGT_REG -> taken = r[d] > r[s];
                case JSGT32_IMM -> taken = (int) r[d] > (int) imm[pc];
                case JSGT32_REG -> taken = (int) r[d] > (int) r[s];
                case JSGE_IMM -> taken = r[d] >= imm[pc];
                case JSGE_REG -> taken = r[d] >= r[s];
                case JSGE32_IMM -> taken = (int) r[d] >= (int) imm[pc];
                case JSGE32_REG -> taken = (int) r[d] >= (int) r[s];
                case JSLT_IMM -> taken = r[d] < imm[pc];
                case JSLT_REG -> taken = r[d] < r[s];
                case JSLT32_IMM -> taken = (int) r[d] < (int) imm[pc];
                case JSLT32_REG -> taken = (int) r[d] < (int) r[s];
                case JSLE_IMM -> taken = r[d] <= imm[pc];
                case JSLE_REG -> taken = r[d] <= r[s];
                case JSLE32_IMM -> taken = (int) r[d] <= (int) imm[pc];
                case JSLE32_REG -> taken = (int) r[d] <= (int) r[s];
                case JSET_IMM -> taken = (r[d] & imm[pc]) != 0;
                case JSET_REG -> taken = (r[d] & r[s]) != 0;
                case JSET32_IMM -> taken = (int) (r[d] & imm[pc]) != 0;
                case JSET32_REG -> taken = (int) (r[d] & r[s]) != 0;
                // ---- calls ----
                case CALL -> {
                    cpu.pc = pc;
                    r[0] = helpers[pc].call(cpu, r[1], r[2], r[3], r[4], r[5]);
                }
                case CALL_LOCAL, CALLX -> {
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
                            throw new VmFault(FaultKind.BAD_CALL, pc, value, "callx to pc " + entry
                                    + ", which starts no function");
                        }
                    } else {
                        entry = target[pc];
                    }
                    if (--left < 0) {
                        throw budgetFault(pc);
                    }
                    if (depth + 1 >= Memory.MAX_FRAMES) {
                        throw new VmFault(FaultKind.CALL_DEPTH, pc, 0, "call depth exceeds " + Memory.MAX_FRAMES + " frames");
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
                case EXIT -> {
                    if (depth == 0) {
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
    }

    private Helper callxHelper(long value, int pc) {
        HelperFunction f = linked.helperTable().get(value);
        if (f == null) {
            throw new VmFault(FaultKind.BAD_CALL, pc, value, "callx to " + Addresses.format(value)
                    + ", which is neither a function pointer nor a helper id");
        }
        return f.impl();
    }
}
