package io.jxdp.vm;

import io.jxdp.vm.helpers.HelperFunction;
import io.jxdp.vm.maps.BpfMap;
import io.jxdp.vm.maps.ProgArray;
import io.jxdp.vm.memory.Addresses;

/**
 * {@code bpf_tail_call} (helper 12), as the kernel's interpreter runs it (kernel/bpf/core.c,
 * JMP_TAIL_CALL): an index at or past the prog array's max_entries, a run that has already taken
 * {@link #MAX_TAIL_CALL_CNT} tail calls, or an empty slot falls through to the next instruction
 * with r0 unchanged; the count goes up before the slot is read, so an empty slot still spends one.
 * Otherwise the target runs with r1 = the context in its caller's stack frame, and its r0 is what
 * the calling function returns: the caller's remaining code never runs.
 *
 * <p>The engines call {@link #call} where the program calls helper 12 and, when it returns true,
 * leave the calling function with {@code cpu.tailResult} as r0, exactly as its {@code exit} would.
 * The JVM cannot jump into another method's code, so the target's compiled code (the JIT's class,
 * the interpreter's arrays) is entered by a call from here and returns through it: a chain of tail
 * calls nests at most 33 such calls deep, which bounds the JVM stack it takes. Budget and stack
 * are the run's: the target spends from the same budget, and its frames start at the caller's.
 */
public final class TailCalls {
    /** include/linux/bpf.h: MAX_TAIL_CALL_CNT. */
    public static final int MAX_TAIL_CALL_CNT = 33;
    /** BPF_FUNC_tail_call. */
    public static final int HELPER_ID = 12;

    /**
     * The helper table's entry for id 12, so programs calling it link; the engines recognise it
     * and call {@link #call} instead. Reached another way (a callx of the id 12), it faults.
     */
    public static final HelperFunction FUNCTION =
            HelperFunction.ofStatic(HELPER_ID, "tail_call", TailCalls.class, "notDirect");

    private TailCalls() {}

    /**
     * Makes the tail call of a program on {@code cpu} (whose {@code depth} and {@code budget} are
     * the caller's): true if the target ran, its r0 in {@code cpu.tailResult}; false to fall through.
     *
     * @throws VmFault if {@code mapHandle} is no prog array (the verifier refuses such programs), or
     *     the target faults
     */
    public static boolean call(Cpu cpu, long ctx, long mapHandle, long index) {
        ProgArray array = progArray(cpu, mapHandle);
        long i = index & 0xffff_ffffL; // u32 index = BPF_R3
        if (i >= array.maxEntries()) {
            return false;
        }
        if (cpu.tailCalls >= MAX_TAIL_CALL_CNT) {
            return false;
        }
        cpu.tailCalls++;
        LoadedProgram target = array.program(i);
        if (target == null) {
            return false;
        }
        cpu.tailResult = target.runTail(cpu, ctx);
        return true;
    }

    private static ProgArray progArray(Cpu cpu, long handle) {
        if (handle >>> 32 == Addresses.MAP_HANDLE) {
            Object owner = cpu.memory().space().owner((int) handle);
            if (owner instanceof ProgArray p) {
                return p;
            }
            if (owner instanceof BpfMap m) {
                throw new VmFault(
                        FaultKind.BAD_HELPER_ARGUMENT,
                        cpu.pc,
                        handle,
                        "bpf_tail_call on " + m.describe() + ": the kernel's verifier allows only a prog_array");
            }
        }
        throw new VmFault(
                FaultKind.BAD_HELPER_ARGUMENT,
                cpu.pc,
                handle,
                "bpf_tail_call: r2 = " + Addresses.format(handle) + " is not a map");
    }

    /** What id 12 does when called other than directly: there is no function to leave from a callx. */
    @SuppressWarnings("DoNotCallSuggester") // a helper entry: programs call it, and it must fault
    public static long notDirect(Cpu cpu, long r1, long r2, long r3, long r4, long r5) {
        throw new VmFault(
                FaultKind.BAD_CALL,
                cpu.pc,
                HELPER_ID,
                "bpf_tail_call runs only as a direct call (call 12), not by callx");
    }
}
