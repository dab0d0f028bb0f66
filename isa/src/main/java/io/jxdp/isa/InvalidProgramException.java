package io.jxdp.isa;

/**
 * A program that is not well-formed eBPF: an unknown opcode, a reserved field that is not zero, a
 * broken {@code lddw} pair, a jump out of the program or into the middle of an {@code lddw}. The
 * message names the pc (the 8-byte slot index, as the kernel counts) and the reason.
 */
public class InvalidProgramException extends JxdpException {
    private static final long serialVersionUID = 1L;

    private final int pc;
    private final String reason;

    public InvalidProgramException(int pc, String reason) {
        super("pc " + pc + ": " + reason);
        this.pc = pc;
        this.reason = reason;
    }

    /** The slot index of the offending instruction. */
    public int pc() {
        return pc;
    }

    /** The reason, without the pc. */
    public String reason() {
        return reason;
    }
}
