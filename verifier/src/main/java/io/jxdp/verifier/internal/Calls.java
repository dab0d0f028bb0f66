package io.jxdp.verifier.internal;

import io.jxdp.isa.Instruction;
import io.jxdp.verifier.ErrorCode;

/**
 * bpf-to-bpf calls (check_func_call, prepare_func_exit): the callee gets a new frame with R1-R5
 * from the caller and its own stack; the caller's R0-R5 are clobbered and R0 takes the callee's.
 */
public final class Calls {
    private Calls() {}

    public static void checkFuncCall(Checker env, Instruction insn) {
        VState st = env.cur;
        int target = env.insnIdx + insn.imm32() + 1;
        if (st.curFrame + 1 >= Limits.MAX_CALL_FRAMES) {
            throw new Rejection(
                    ErrorCode.CALL_STACK_TOO_DEEP, "the call stack of " + (st.curFrame + 2) + " frames is too deep");
        }
        FuncState caller = st.cur();
        FuncState callee = new FuncState();
        callee.frameno = st.curFrame + 1;
        callee.callsite = env.insnIdx;
        callee.subprogStart = target;
        for (int r = 1; r <= 5; r++) {
            callee.regs[r].copyFrom(caller.regs[r]);
        }
        callee.regs[10].markPointer(RegType.PTR_TO_STACK);
        callee.regs[10].frameno = callee.frameno;
        st.frames[callee.frameno] = callee;
        st.curFrame = callee.frameno;
        for (int r = 0; r <= 5; r++) {
            caller.regs[r].markNotInit();
        }
        if (env.log.on()) {
            env.log.verbose("caller:\n");
            env.printFrame(caller);
            env.log.verbose("callee:\n");
            env.printFrame(callee);
        }
        env.insnIdx = target;
        env.markAllScratched();
    }

    public static void prepareFuncExit(Checker env) {
        VState st = env.cur;
        FuncState callee = st.cur();
        Reg r0 = callee.regs[0];
        if (r0.type == RegType.PTR_TO_STACK) {
            throw new Rejection(ErrorCode.INVALID_MEM_ACCESS, 0, "cannot return stack pointer to the caller");
        }
        FuncState caller = st.frames[st.curFrame - 1];
        caller.regs[0].copyFrom(r0);
        st.frames[st.curFrame] = null;
        st.curFrame--;
        env.insnIdx = callee.callsite + 1;
        if (env.log.on()) {
            env.log.verbose("returning from callee:\n");
            env.printFrame(callee);
            env.log.verbose("to caller at " + env.insnIdx + ":\n");
            env.printFrame(caller);
        }
    }
}
