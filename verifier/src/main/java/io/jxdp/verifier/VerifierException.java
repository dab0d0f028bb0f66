package io.jxdp.verifier;

import io.jxdp.isa.JxdpException;

/** A program the verifier rejected; the message is the kernel's first line with the pc. */
public class VerifierException extends JxdpException {
    private static final long serialVersionUID = 1L;

    private final transient VerifierResult result;

    public VerifierException(VerifierResult result) {
        super(message(result));
        this.result = result;
    }

    private static String message(VerifierResult result) {
        VerifierError e = result.error().orElseThrow();
        return (e.pc() >= 0 ? "insn " + e.pc() + ": " : "") + e.firstLine() + " [" + e.code() + "]";
    }

    /** The whole result: log, explanation, statistics. */
    public VerifierResult result() {
        return result;
    }
}
