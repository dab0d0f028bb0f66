package io.jxdp.jit;

import io.jxdp.vm.Cpu;
import io.jxdp.vm.FaultKind;
import io.jxdp.vm.VmFault;
import io.jxdp.vm.helpers.Helper;
import io.jxdp.vm.helpers.HelperFunction;
import io.jxdp.vm.helpers.HelperTable;
import io.jxdp.vm.memory.Addresses;
import io.jxdp.vm.memory.Memory;
import io.jxdp.vm.memory.Region;

/**
 * What generated code calls besides the program's helpers and {@link Memory}: the faults (built
 * here so their messages are the interpreter's, word for word), the bookkeeping of bpf-to-bpf
 * calls, and a few operations whose JDK 17 form is slow. Every method is small and static so
 * HotSpot inlines it; none keeps state.
 */
final class JitRuntime {
    private JitRuntime() {}

    // ---- faults: the same kinds, pcs and messages as io.jxdp.vm.interp.Interpreter --------------

    static VmFault budgetFault(long budget, int pc) {
        return new VmFault(
                FaultKind.BUDGET,
                pc,
                0,
                "the program exceeded its budget of " + budget + " backward jumps and calls (an endless loop?)");
    }

    static VmFault depthFault(int pc) {
        return new VmFault(FaultKind.CALL_DEPTH, pc, 0, "call depth exceeds " + Memory.MAX_FRAMES + " frames");
    }

    static VmFault notAFunction(long value, int pc) {
        return new VmFault(
                FaultKind.BAD_CALL, pc, value, "callx to pc " + Addresses.offset(value) + ", which starts no function");
    }

    static VmFault unsupported(String op, int pc) {
        return new VmFault(FaultKind.UNSUPPORTED, pc, 0, op + " cannot run here");
    }

    /**
     * What escaped the call at pc (a helper's exception, a stack overflow), as a fault naming it; a
     * fault passes through. See {@link VmFault#internal}.
     */
    static VmFault escaped(Throwable t, int pc) {
        return VmFault.internal(t, pc);
    }

    // ---- calls --------------------------------------------------------------------------------

    /** r10 of a function running at {@code depth}. */
    static long framePointer(int depth) {
        return Memory.framePointer(depth);
    }

    // ---- the budget: cpu.budget is the reserve; a method that spends budget holds up to 2^31 - 1 in an int

    /**
     * Takes what the running method may spend into its int local: the budget is a long, but an int
     * counter is what HotSpot keeps cheapest in a loop. The rest stays in {@code cpu.budget}.
     */
    static int takeBudget(Cpu cpu) {
        long reserve = cpu.budget;
        int take = (int) Math.min(reserve, Integer.MAX_VALUE);
        cpu.budget = reserve - take;
        return take;
    }

    /** Hands a method's unspent budget back to the Cpu (before a call, at an exit). */
    static void returnBudget(Cpu cpu, int left) {
        cpu.budget += left;
    }

    /**
     * A method's int ran out (it is -1): the run is over budget unless the Cpu holds more (budgets
     * beyond 2^31), in which case the method takes the next part, minus the unit just spent.
     */
    static int refillBudget(Cpu cpu, long budget, int pc) {
        if (cpu.budget <= 0) {
            throw budgetFault(budget, pc);
        }
        return takeBudget(cpu) - 1;
    }

    /**
     * Enters a local call (its budget already spent): checks the depth as the interpreter does,
     * after the budget, and hands the caller's budget to the Cpu for the callee.
     */
    static void enterCall(Cpu cpu, int left, int pc) {
        int depth = cpu.depth;
        if (depth + 1 >= Memory.MAX_FRAMES) {
            throw depthFault(pc);
        }
        cpu.depth = depth + 1;
        cpu.budget += left;
    }

    /** Leaves a local call: back to the caller's depth; the caller takes its budget again. */
    static int leaveCall(Cpu cpu) {
        cpu.depth--;
        return takeBudget(cpu);
    }

    /** The callx path into a local function: spend from the Cpu's budget, then check depth. */
    static void enterCallx(Cpu cpu, long budget, int pc) {
        if (cpu.budget <= 0) {
            throw budgetFault(budget, pc);
        }
        cpu.budget--;
        enterCall(cpu, 0, pc);
    }

    /** Leaves a callx into a local function. */
    static void leaveCallx(Cpu cpu) {
        cpu.depth--;
    }

    /** The helper a callx whose target is not a function pointer calls: the value is its id. */
    static Helper callxHelper(HelperTable table, long value, int pc) {
        HelperFunction f = table.get(value);
        if (f == null) {
            throw new VmFault(
                    FaultKind.BAD_CALL,
                    pc,
                    value,
                    "callx to " + Addresses.format(value) + ", which is neither a function pointer nor a helper id");
        }
        return f.impl();
    }

    /** How far stores may reach in a region: its end if writable, else nowhere (as {@code Memory} checks). */
    static int storeLimit(Region region) {
        return region.writable() ? region.hi() : region.lo();
    }
}
