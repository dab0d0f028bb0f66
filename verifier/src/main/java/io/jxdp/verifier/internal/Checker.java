package io.jxdp.verifier.internal;

import io.jxdp.isa.Form;
import io.jxdp.isa.Instruction;
import io.jxdp.isa.MapDef;
import io.jxdp.isa.Program;
import io.jxdp.isa.PseudoSource;
import io.jxdp.verifier.ErrorCode;
import io.jxdp.verifier.ProgramType;
import io.jxdp.verifier.VerifierOptions;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The path walk (kernel/bpf/verifier.c do_check): one state at a time, pushing the other side of
 * every undecided branch, pruning at prune points against states already proven safe. Holds the
 * verification environment (struct bpf_verifier_env); the checks of each instruction kind live in
 * their own classes and take this as their environment.
 */
public final class Checker {
    public final Program program;
    public final VerifierOptions options;
    public final List<MapDef> maps;
    public final VLog log;
    public final Cfg cfg;
    public final boolean privileged;
    public final AccessRecorder accesses;
    public final int cpuCount;
    /** env->id_gen. */
    public int idGen;

    public VState cur;
    public int insnIdx;
    public int prevInsnIdx = -1;
    public int insnProcessed;
    /** A kfunc call with imm 0 (an unresolved weak extern) was reached: {@link #checkFixups} refuses it. */
    private boolean unresolvedKfuncReached;

    public int jmpsProcessed;
    public int prevJmpsProcessed;
    public int prevInsnProcessed;
    /** Registers and stack slots touched by the current instruction, for the level-2 state suffix. */
    public int scratchedRegs;

    public long scratchedSlots;
    /** Stack bytes each function uses (subprog_info.stack_depth), by function index. */
    public final int[] stackDepth;

    final Pruning pruning;
    private final ArrayDeque<Pending> stack = new ArrayDeque<>();
    private boolean doPrintState;

    /** A pushed branch (struct bpf_verifier_stack_elem). */
    record Pending(VState state, int insnIdx, int prevInsnIdx, int logPos) {}

    public Checker(Program program, VerifierOptions options, Cfg cfg, int cpuCount) {
        this.program = program;
        this.options = options;
        this.maps = program.maps();
        this.log = new VLog(options.logLevel());
        this.cfg = cfg;
        this.privileged = options.privileged();
        this.accesses = new AccessRecorder();
        this.cpuCount = cpuCount;
        this.stackDepth = new int[cfg.functionEntries.length];
        this.pruning = new Pruning(this);
    }

    /** env->allow_ptr_leaks (CAP_PERFMON). */
    public boolean allowPtrLeaks() {
        return privileged;
    }

    /** env->allow_uninit_stack (CAP_PERFMON). */
    public boolean allowUninitStack() {
        return privileged;
    }

    /** env->bpf_capable (CAP_BPF). */
    public boolean bpfCapable() {
        return privileged;
    }

    /** !env->bypass_spec_v1: Spectre v1 rules apply to unprivileged loaders. */
    public boolean specV1() {
        return !privileged;
    }

    public Instruction insn(int pc) {
        return program.at(pc);
    }

    public Reg[] regs() {
        return cur.regs();
    }

    public void markRegScratched(int regno) {
        scratchedRegs |= 1 << regno;
    }

    public void markSlotScratched(int spi) {
        scratchedSlots |= 1L << spi;
    }

    public void markAllScratched() {
        scratchedRegs = -1;
        scratchedSlots = -1L;
    }

    private boolean anyScratched() {
        return scratchedRegs != 0 || scratchedSlots != 0;
    }

    // ---- register operands: check_reg_arg ----

    /** check_reg_arg(SRC_OP): the register must hold a value. */
    public Reg readReg(int regno) {
        if (regno > 10) {
            throw new Rejection(ErrorCode.INVALID_REGISTER, regno, "R" + regno + " is invalid");
        }
        markRegScratched(regno);
        Reg r = regs()[regno];
        if (r.type == RegType.NOT_INIT) {
            throw new Rejection(ErrorCode.UNINIT_REG, regno, "R" + regno + " !read_ok");
        }
        return r;
    }

    /** check_reg_arg(DST_OP_NO_MARK): the register may be written. */
    public Reg writableReg(int regno) {
        if (regno > 10) {
            throw new Rejection(ErrorCode.INVALID_REGISTER, regno, "R" + regno + " is invalid");
        }
        if (regno == 10) {
            throw new Rejection(ErrorCode.FRAME_POINTER_READ_ONLY, regno, "frame pointer is read only");
        }
        markRegScratched(regno);
        return regs()[regno];
    }

    /** check_reg_arg(DST_OP): written with an unknown scalar. */
    public Reg writeUnknown(int regno, String why) {
        Reg r = writableReg(regno);
        r.markUnknown();
        origin(r, why);
        return r;
    }

    /**
     * reg_bounds_sanity_check: bounds that contradict each other (reached on a branch that cannot
     * really be taken) are logged as the kernel logs them and forgotten, keeping the tnum.
     */
    public void boundsSanity(Reg r, String ctx) {
        String v = r.invariantViolation();
        if (v != null) {
            log.verbose("verifier bug: REG INVARIANTS VIOLATION (" + ctx + "): " + v + "\n");
            r.markUnbounded();
        }
    }

    /** Records where a register got its current value, for explanations. */
    public void origin(Reg r, String note) {
        r.originPc = insnIdx;
        r.originNote = note;
    }

    /** is_pointer_value: a pointer where unprivileged programs may not have one. */
    public boolean isPointerValue(int regno) {
        return !allowPtrLeaks() && regs()[regno].isPointer();
    }

    // ---- the walk ----

    /** Runs the walk from the entry state; throws Rejection on the first rejection. */
    /**
     * After the walk, what the kernel's later passes refuse: a kfunc call left unresolved (imm 0)
     * that the walk reached (fixup_kfunc_call). Its log is the message alone, as the kernel's is.
     */
    public void checkFixups() {
        if (unresolvedKfuncReached) {
            log.reset(0);
            throw new Rejection(ErrorCode.KFUNC_NOT_ALLOWED, KfuncCalls.NOT_ELIMINATED);
        }
    }

    public void run() {
        cur = entryState();
        insnIdx = 0;
        markAllScratched();
        for (; ; ) {
            if (++insnProcessed > options.insnBudget()) {
                throw new Rejection(
                        ErrorCode.TOO_COMPLEX, "BPF program is too large. Processed " + insnProcessed + " insn");
            }
            cur.insnIdx = insnIdx;
            if (cfg.prunePoint[insnIdx]) {
                if (pruning.isStateVisited(insnIdx)) {
                    if (log.on()) {
                        if (doPrintState) {
                            log.verbose("\nfrom " + prevInsnIdx + " to " + insnIdx + ": safe\n");
                        } else {
                            log.verbose(insnIdx + ": safe\n");
                        }
                    }
                    if (!processExit()) {
                        return;
                    }
                    continue;
                }
            }
            if (log.level2() && doPrintState) {
                log.verbose("\nfrom " + prevInsnIdx + " to " + insnIdx + ":");
                printState(true);
                doPrintState = false;
            }
            Instruction insn = insn(insnIdx);
            if (log.on()) {
                if (anyScratched()) {
                    printInsnState();
                }
                log.printInsn(insnIdx, Disasm.format(program, insnIdx));
            }
            if (insn.isMalformed()) {
                // judged here, when the path reaches it, as do_check judges fields before registers
                insn = InsnFields.admit(insn.raw());
            }
            prevInsnIdx = insnIdx;
            accesses.visit(insnIdx);
            boolean exited = step(insn);
            if (exited && !processExit()) {
                return;
            }
        }
    }

    /** After an exit or a pruned state: the next pending branch, or false when none is left. */
    private boolean processExit() {
        markAllScratched();
        pruning.pathDone(cur);
        Pending p = stack.poll();
        if (p == null) {
            return false;
        }
        cur = p.state();
        insnIdx = p.insnIdx();
        prevInsnIdx = p.prevInsnIdx();
        if (!log.level2()) {
            log.reset(p.logPos());
        }
        doPrintState = true;
        return true;
    }

    /** Processes one instruction; true if the path ended (exit of the main function). */
    private boolean step(Instruction insn) {
        Form form = insn.op().form();
        switch (form) {
            case ALU_IMM, ALU_REG, ALU_NEG, ALU_END -> {
                if (form == Form.ALU_END) {
                    InsnFields.checkEnd(insn);
                }
                AluChecks.checkAlu(this, insn);
                insnIdx++;
            }
            case LOAD -> {
                MemoryAccess.checkLoad(this, insn);
                insnIdx++;
            }
            case STORE_REG, STORE_IMM -> {
                MemoryAccess.checkStore(this, insn);
                insnIdx++;
            }
            case ATOMIC -> {
                MemoryAccess.checkAtomic(this, insn);
                insnIdx++;
            }
            case LDDW -> {
                checkLdImm64(insn);
                insnIdx += 2;
            }
            case LD_ABS, LD_IND ->
                throw new Rejection(
                        ErrorCode.UNSUPPORTED_INSN, "BPF_LD_[ABS|IND] instructions not allowed for this program type");
            case JA -> {
                jmpsProcessed++;
                insnIdx += insn.offset() + 1;
            }
            case JA32 -> {
                jmpsProcessed++;
                insnIdx += insn.imm32() + 1;
            }
            case JUMP_IMM, JUMP_REG -> {
                jmpsProcessed++;
                Branches.checkCondJmp(this, insn);
            }
            case CALL_HELPER -> {
                jmpsProcessed++;
                HelperCalls.checkHelperCall(this, insn);
                insnIdx++;
            }
            case CALL_LOCAL -> {
                jmpsProcessed++;
                Calls.checkFuncCall(this, insn);
            }
            case CALLX -> throw new Rejection(ErrorCode.UNSUPPORTED_INSN, "unknown opcode 8d");
            case CALL_KFUNC -> {
                jmpsProcessed++;
                unresolvedKfuncReached |= KfuncCalls.check(insn);
                insnIdx++;
            }
            case EXIT -> {
                jmpsProcessed++;
                if (cur.curFrame > 0) {
                    Calls.prepareFuncExit(this);
                    doPrintState = true;
                    return false;
                }
                checkReturnCode();
                return true;
            }
            default ->
                throw new Rejection(
                        ErrorCode.UNSUPPORTED_INSN,
                        "unknown opcode " + Integer.toHexString(insn.op().opcodeByte()));
        }
        return false;
    }

    /** check_return_code: R0 readable; no pointer leaks unprivileged; XDP has no range to check. */
    private void checkReturnCode() {
        readReg(0);
        if (isPointerValue(0)) {
            throw new Rejection(ErrorCode.POINTER_LEAK, 0, "R0 leaks addr as return value");
        }
    }

    /** check_ld_imm: a constant, a map pointer, a map value pointer or a function pointer. */
    private void checkLdImm64(Instruction insn) {
        Reg dst = writableReg(insn.dst());
        PseudoSource ps = insn.pseudoSource();
        if (ps == PseudoSource.IMM64) {
            dst.markKnown(insn.imm());
            origin(dst, "a 64-bit constant");
            return;
        }
        if (ps == PseudoSource.FUNC) {
            dst.markPointer(RegType.PTR_TO_FUNC);
            origin(dst, "a function pointer");
            return;
        }
        if (ps.isMap()) {
            int idx = insn.mapIndex();
            MapDef map = maps.get(idx);
            if (ps.isMapValue()) {
                dst.markPointer(RegType.PTR_TO_MAP_VALUE);
                dst.off = insn.mapValueOffset();
                dst.mapIndex = idx;
                origin(dst, "the address of map " + map.name() + "'s value");
            } else {
                dst.markPointer(RegType.CONST_PTR_TO_MAP);
                dst.mapIndex = idx;
                origin(dst, "map " + map.name());
            }
            return;
        }
        throw new Rejection(ErrorCode.UNSUPPORTED_INSN, "unrecognized bpf_ld_imm64 insn");
    }

    /** push_stack: continue this state later at insnIdx. */
    public VState pushStack(int targetIdx, int fromIdx) {
        VState copy = cur.copy();
        stack.push(new Pending(copy, targetIdx, fromIdx, log.endPos()));
        pruning.pushed(copy);
        if (stack.size() > Limits.COMPLEXITY_LIMIT_JMP_SEQ) {
            throw new Rejection(
                    ErrorCode.JMP_SEQ_TOO_COMPLEX, "The sequence of " + stack.size() + " jumps is too complex.");
        }
        return copy;
    }

    /** print_insn_state for the current frame. */
    public void printInsnState() {
        if (!log.on()) {
            return;
        }
        log.beginInsnState(insnIdx);
        printState(false);
    }

    /** print_verifier_state of the current frame; clears the scratch marks unless printing all. */
    public void printState(boolean all) {
        log.verbose(StatePrinter.frame(cur.cur(), all, scratchedRegs, scratchedSlots, maps));
        if (!all) {
            scratchedRegs = 0;
            scratchedSlots = 0;
        }
    }

    /** print_verifier_state of another frame, printing everything. */
    public void printFrame(FuncState f) {
        log.verbose(StatePrinter.frame(f, true, -1, -1L, maps));
    }

    private VState entryState() {
        VState s = new VState();
        FuncState f = new FuncState();
        f.frameno = 0;
        f.subprogStart = 0;
        s.frames[0] = f;
        s.curFrame = 0;
        Reg r10 = f.regs[10];
        r10.markPointer(RegType.PTR_TO_STACK);
        r10.frameno = 0;
        ProgramType type = options.programType();
        Reg r1 = f.regs[1];
        if (type.isXdp()) {
            r1.markPointer(RegType.PTR_TO_CTX);
            r1.originNote = "the XDP context (xdp_md) given at entry";
        } else if (type.memSize() == 0) {
            r1.markKnown(0);
            f.regs[2].markKnown(0);
            r1.originNote = "the memory argument, NULL because its size is 0";
        } else {
            r1.markPointer(RegType.PTR_TO_MEM);
            r1.memSize = type.memSize();
            f.regs[2].markKnown(type.memSize());
            r1.originNote = "the " + type.memSize() + "-byte memory given at entry";
            f.regs[2].originNote = "the memory size given at entry";
        }
        return s;
    }

    /** A fresh id (++env->id_gen). */
    public int newId() {
        return ++idGen;
    }

    /** The function (index into cfg.functionEntries) the current frame runs. */
    public int currentFunction() {
        return cfg.functionIndexOf(cur.cur().subprogStart);
    }

    /** update_stack_depth: the current function uses this many bytes of stack. */
    public void updateStackDepth(FuncState f, int size) {
        int fn = cfg.functionIndexOf(f.subprogStart);
        if (stackDepth[fn] < size) {
            stackDepth[fn] = size;
        }
    }

    public int pendingBranches() {
        return stack.size();
    }
}
