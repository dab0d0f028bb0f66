package io.jxdp.vm;

import io.jxdp.isa.JxdpException;
import java.util.Objects;

/**
 * An operation failed the way the kernel's would, with an errno: a map creation or update the
 * kernel refuses, a test run with a packet it would not take. The message ends with the errno as
 * the kernel's tools print it, e.g. {@code "... (-E2BIG)"}.
 */
public class ErrnoException extends JxdpException {
    private static final long serialVersionUID = 1L;

    private final Errno errno;

    public ErrnoException(Errno errno, String detail) {
        super(detail + " (" + Objects.requireNonNull(errno, "errno").signedName() + ")");
        this.errno = errno;
    }

    public Errno errno() {
        return errno;
    }

    /** The positive error number, 7 for E2BIG. */
    public int number() {
        return errno.number();
    }
}
