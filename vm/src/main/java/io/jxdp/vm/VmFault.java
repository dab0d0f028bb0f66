package io.jxdp.vm;

import io.jxdp.isa.JxdpException;

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
        this(kind, pc, address, detail, null);
    }

    private VmFault(FaultKind kind, int pc, long address, String detail, String instruction) {
        super(format(kind, pc, detail, instruction));
        this.kind = kind;
        this.pc = pc;
        this.address = address;
        this.detail = detail;
        this.instruction = instruction;
    }

    private static String format(FaultKind kind, int pc, String detail, String instruction) {
        return "fault at pc " + pc + (instruction != null ? " (" + instruction + ")" : "") + ": " + detail;
    }

    /** The same fault with the text of the faulting instruction in its message. */
    public VmFault withInstruction(String text) {
        return instruction != null ? this : new VmFault(kind, pc, address, detail, text);
    }

    public FaultKind kind() {
        return kind;
    }

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
