package io.jxdp;

import io.jxdp.isa.JxdpException;

/**
 * The program was refused: the verifier rejected it (its {@link #verification()} says why, with
 * the kernel's log and jxdp's explanation), or the engines cannot run it (a slot that is no
 * instruction, a call to a helper with no implementation, a kfunc), verified or not.
 */
public final class RejectedException extends JxdpException {
    private static final long serialVersionUID = 1L;

    @SuppressWarnings("serial") // never serialised: a result to read where it is caught
    private final Verification verification;

    RejectedException(String message, Verification verification, Throwable cause) {
        super(message, cause);
        this.verification = verification;
    }

    /** What the verifier said: rejected, or accepted (or skipped) when the engines refused the program. */
    public Verification verification() {
        return verification;
    }
}
