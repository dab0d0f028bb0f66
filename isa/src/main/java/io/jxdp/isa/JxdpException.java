package io.jxdp.isa;

/**
 * The root of every error jxdp reports about a user's input or program: bad text, bad bytecode,
 * a rejected program, a fault at run time. Callers that face users catch this one type, print its
 * message on one line and exit non-zero; anything else escaping is a bug in jxdp.
 */
public class JxdpException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public JxdpException(String message) {
        super(message);
    }

    public JxdpException(String message, Throwable cause) {
        super(message, cause);
    }

    /** For an exception made once and thrown many times: no stack trace, no suppressed exceptions. */
    protected JxdpException(String message, Throwable cause, boolean enableSuppression, boolean writableStackTrace) {
        super(message, cause, enableSuppression, writableStackTrace);
    }
}
