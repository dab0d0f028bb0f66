package io.jxdp.vm;

/**
 * The kernel's error numbers that maps, helpers and the XDP test run report, with their x86-64
 * values (include/uapi/asm-generic/errno-base.h, errno.h; ENOTSUPP is the kernel-internal 524 of
 * include/linux/errno.h). Helpers return them negated in r0, as the kernel does.
 */
public enum Errno {
    EPERM(1),
    ENOENT(2),
    E2BIG(7),
    EAGAIN(11),
    ENOMEM(12),
    EACCES(13),
    EFAULT(14),
    EBUSY(16),
    EEXIST(17),
    ENODEV(19),
    EINVAL(22),
    ENOSPC(28),
    ERANGE(34),
    EBADRQC(56),
    EOVERFLOW(75),
    EOPNOTSUPP(95),
    ENOTSUPP(524);

    private final int number;

    Errno(int number) {
        this.number = number;
    }

    /** The positive error number. */
    public int number() {
        return number;
    }

    /** What a helper returns for this error: {@code -number}. */
    public long negative() {
        return -number;
    }

    /** The name as the kernel's tools print it: {@code -E2BIG}. */
    public String signedName() {
        return "-" + name();
    }

    /** The errno with this number (positive or negated), or null. */
    public static Errno of(long number) {
        long n = Math.abs(number);
        for (Errno e : values()) {
            if (e.number == n) {
                return e;
            }
        }
        return null;
    }
}
