package io.jxdp.packet;

import io.jxdp.isa.JxdpException;

/**
 * A capture file that cannot be opened, read or written: missing, a directory, no permission,
 * already there when the writer was told not to overwrite, disk full. One line naming the file.
 * (A file that opens but holds bad bytes is a {@link PcapFormatException}.)
 */
public class PacketIoException extends JxdpException {
    private static final long serialVersionUID = 1L;

    private final String file;

    public PacketIoException(String file, String reason) {
        super(file + ": " + reason);
        this.file = file;
    }

    public PacketIoException(String file, String reason, Throwable cause) {
        super(file + ": " + reason, cause);
        this.file = file;
    }

    public String file() {
        return file;
    }
}
