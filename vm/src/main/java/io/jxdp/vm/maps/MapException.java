package io.jxdp.vm.maps;

import io.jxdp.vm.Errno;
import io.jxdp.vm.ErrnoException;

/**
 * A map operation from user space (the CLI, a controller) or a map creation failed with the errno
 * the kernel's {@code bpf()} syscall would return, e.g. {@code -ENOENT} for a lookup of a missing
 * key or {@code -E2BIG} for an insert into a full hash map.
 */
public final class MapException extends ErrnoException {
    private static final long serialVersionUID = 1L;

    public MapException(Errno errno, String detail) {
        super(errno, detail);
    }
}
