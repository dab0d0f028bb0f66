package io.jxdp.vm;

import io.jxdp.isa.JxdpException;
import io.jxdp.vm.memory.Addresses;

/**
 * A program did something it may not do at run time. The message names the pc, the instruction
 * (once the engine has attached it) and, for memory faults, the address.
 */
public final class VmFault extends JxdpException {
    private static final long serialVersionUID = 1L;

    private final FaultKind kind;
    private final int pc;
    private final long address;
    private final String detail;
    private final String instruction;

    public VmFault(FaultKind kind, int pc, long address, String detail) {
        this(kind, pc, address, detail, null, null);
    }

    private VmFault(FaultKind kind, int pc, long address, String detail, String instruction, Throwable cause) {
        super(format(pc, detail, instruction), cause);
        this.kind = kind;
        this.pc = pc;
        this.address = address;
        this.detail = detail;
        this.instruction = instruction;
    }

    /** A fault made once and thrown as often as needed: no stack trace, nothing suppressed. */
    private VmFault(FaultKind kind, String detail, String instruction) {
        super(format(0, detail, instruction), null, false, false);
        this.kind = kind;
        this.pc = 0;
        this.address = 0;
        this.detail = detail;
        this.instruction = instruction;
    }

    /**
     * The fault a run throws when the thread's stack ran out before the program's first
     * instruction, or so close to its end that no fault naming the instruction could be made. An
     * engine makes it when it loads a program and throws it without allocating, which is all that
     * is possible then.
     *
     * @param first the text of the instruction at pc 0
     */
    public static VmFault outOfStack(String first) {
        return new VmFault(
                FaultKind.INTERNAL,
                "the thread's stack ran out entering the program, or too close to its end to "
                        + "name the instruction (run it on a thread with more stack)",
                first);
    }

    /**
     * What an engine makes of a JVM exception that escaped while the instruction at pc ran (in the
     * engine, the generated code or a helper) when that instruction accesses no memory: a fault of
     * kind {@link FaultKind#INTERNAL} with the exception as its cause, so that {@code run} throws
     * nothing but faults. A fault passes through unchanged.
     *
     * <p>{@link VirtualMachineError}s other than {@link StackOverflowError} (OutOfMemoryError,
     * InternalError) are rethrown as they are: no program can cause them (a run allocates nothing
     * whose size the program controls beyond a helper's bounded copy), they say the JVM itself is
     * failing, and an embedder must see that, not a fault counted like any program's. A stack
     * overflow only ends this run (the thread ran the program with too little stack left), so it
     * becomes a fault.
     */
    public static VmFault internal(Throwable cause, int pc) {
        return internal(cause, pc, 0, false);
    }

    /** As {@link #internal(Throwable, int)}, for an instruction that accesses {@code address}. */
    public static VmFault internal(Throwable cause, int pc, long address) {
        return internal(cause, pc, address, true);
    }

    // StringBuilder rather than +: this runs right after a stack overflow, where linking a string
    // concatenation for the first time could overflow the stack again
    private static VmFault internal(Throwable cause, int pc, long address, boolean accesses) {
        if (cause instanceof VmFault f) {
            return f;
        }
        if (cause instanceof VirtualMachineError e && !(cause instanceof StackOverflowError)) {
            throw e;
        }
        StringBuilder detail = new StringBuilder("the engine or a helper failed");
        if (accesses) {
            detail.append(" at ").append(Addresses.format(address));
        }
        detail.append(": ").append(cause);
        return new VmFault(FaultKind.INTERNAL, pc, address, detail.toString(), null, cause);
    }

    /**
     * What the JIT makes of a JVM exception that left its compiled code where no instruction's
     * handler could name it (only calls have handlers, see the JIT's {@code MethodEmitter}): an
     * index out of bounds from an access a wrong fact declared proven, which only facts the caller
     * vouched for can cause (the verifier's are bound to their program and entry state), or a bug
     * in jxdp. Kind {@link FaultKind#INTERNAL}, pc -1, the exception as its cause.
     */
    public static VmFault unplaced(Throwable cause) {
        if (cause instanceof VmFault f) {
            return f;
        }
        if (cause instanceof VirtualMachineError e && !(cause instanceof StackOverflowError)) {
            throw e;
        }
        String detail = "the compiled code failed at an instruction it cannot name: " + cause
                + " (a wrong fact given to the JIT, or a bug in jxdp)";
        return new VmFault(FaultKind.INTERNAL, -1, 0, detail.toString(), null, cause);
    }

    private static String format(int pc, String detail, String instruction) {
        if (pc < 0) {
            return "fault at an unknown pc: " + detail;
        }
        StringBuilder b = new StringBuilder("fault at pc ").append(pc);
        if (instruction != null) {
            b.append(" (").append(instruction).append(')');
        }
        return b.append(": ").append(detail).toString();
    }

    /** The same fault with the text of the faulting instruction in its message. */
    public VmFault withInstruction(String text) {
        if (instruction != null) {
            return this;
        }
        VmFault f = new VmFault(kind, pc, address, detail, text, getCause());
        f.setStackTrace(getStackTrace()); // where it was raised, not where the engine named the instruction
        return f;
    }

    public FaultKind kind() {
        return kind;
    }

    /** The faulting instruction's pc; -1 for an {@link #unplaced} fault. */
    public int pc() {
        return pc;
    }

    /** The address accessed, for memory faults; 0 otherwise. */
    public long address() {
        return address;
    }

    /** The message without pc and instruction. */
    public String detail() {
        return detail;
    }

    /** The faulting instruction as text, or null if the engine has not attached it. */
    public String instruction() {
        return instruction;
    }
}
