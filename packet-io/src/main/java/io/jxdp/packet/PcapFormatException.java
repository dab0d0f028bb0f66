package io.jxdp.packet;

import io.jxdp.isa.JxdpException;

/**
 * A capture file that is not a well-formed pcap or pcapng file: wrong magic, a corrupt or
 * truncated header, a block length that lies, a captured length beyond what jxdp accepts. The
 * message is one line naming the file and the byte offset of the offending field, so a user can
 * look at it with a hex dump.
 */
public class PcapFormatException extends JxdpException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final long offset;
    private final String reason;

    public PcapFormatException(String file, long offset, String reason) {
        super(file + ": offset " + offset + ": " + reason);
        this.file = file;
        this.offset = offset;
        this.reason = reason;
    }

    /** The file, as the user named it. */
    public String file() {
        return file;
    }

    /** The byte offset of the offending field (or of the block or record that holds it). */
    public long offset() {
        return offset;
    }

    /** The reason, without the file and offset. */
    public String reason() {
        return reason;
    }
}
