package io.jxdp.packet;

import java.util.Objects;

/**
 * What pcap and pcapng sources share: the loop, the counters, the sticky error and the copy of
 * a record into the caller's buffer (with FCS removal and the Ethernet conversion of
 * {@link LinkLayer}). A format reads its file header in {@link #readFileHeader} and positions
 * the input at the next packet's data in {@link #readRecord}, describing it in the
 * {@code record*} fields; everything it checks against the file's size first, so a record that
 * reaches here fits in the file.
 */
abstract class CaptureFileSource implements PacketSource {
    final FileInput in;
    private final boolean loop;

    // The record readRecord found, as the file describes it.
    long recordTimestamp;
    long recordCaptured;
    long recordOriginal;
    int recordLinkType;
    int recordFcsLength;
    int recordInterface;
    /** File offset of the first data byte (for messages). */
    long recordDataAt;
    /** File offset where the next record or block starts. */
    long recordEnd;

    // The last packet returned.
    private long timestamp;
    private int capturedLength;
    private int originalLength;
    private int interfaceId;

    private long packets;
    private long oversized;
    private long restarts;
    private long packetsThisPass;
    private PcapFormatException failure;
    private boolean closed;

    private final byte[] linkHeader = new byte[LinkLayer.MAX_CAPTURED_HEADER];
    private final byte[] ethernetHeader = new byte[LinkLayer.ETHERNET_HEADER];

    CaptureFileSource(FileInput in, boolean loop) {
        this.in = in;
        this.loop = loop;
    }

    /** Reads and checks the file header from offset 0. */
    abstract void readFileHeader();

    /** Finds the next packet and leaves the input at its data; false at a clean end of file. */
    abstract boolean readRecord();

    @Override
    public final int next(byte[] buffer, int offset, int capacity) {
        Objects.checkFromIndexSize(offset, capacity, buffer.length);
        if (closed) {
            throw new IllegalStateException(in.name() + ": source is closed");
        }
        if (failure != null) {
            throw failure;
        }
        try {
            while (!readRecord()) {
                // A loop over a file without packets would spin forever: end it instead.
                if (!loop || packetsThisPass == 0) {
                    return END;
                }
                rewind();
                restarts++;
            }
            packetsThisPass++;
            packets++;
            return deliver(buffer, offset, capacity);
        } catch (PcapFormatException e) {
            failure = e;
            throw e;
        }
    }

    private int deliver(byte[] buffer, int offset, int capacity) {
        long captured = recordCaptured;
        long original = recordOriginal;
        int fcsCaptured = 0;
        if (recordFcsLength > 0) {
            // The FCS ends the original frame; a short snaplen may have cut part or all of it off.
            long frameEnd = Math.max(original - recordFcsLength, 0);
            fcsCaptured = (int) Math.min(Math.max(captured - frameEnd, 0), recordFcsLength);
            captured -= fcsCaptured;
            original = frameEnd;
        }
        int linkType = recordLinkType;
        int frameLength;
        long originalFrame;
        if (LinkLayer.synthesised(linkType)) {
            int header = LinkLayer.capturedHeaderLength(linkType);
            if (captured < header) {
                throw in.error(
                        recordDataAt,
                        "packet of " + captured + " bytes is shorter than its " + header + "-byte "
                                + LinkLayer.name(linkType) + " header");
            }
            frameLength = (int) captured - header + LinkLayer.ETHERNET_HEADER;
            originalFrame = Math.max(original - header, 0) + LinkLayer.ETHERNET_HEADER;
        } else {
            frameLength = (int) captured;
            originalFrame = original;
        }
        timestamp = recordTimestamp;
        capturedLength = frameLength;
        originalLength = (int) Math.min(originalFrame, Integer.MAX_VALUE);
        interfaceId = recordInterface;

        int copied = Math.min(frameLength, capacity);
        if (LinkLayer.synthesised(linkType)) {
            copySynthesised(linkType, frameLength, buffer, offset, copied);
        } else {
            in.read(buffer, offset, copied);
        }
        in.seek(recordEnd);
        if (copied < frameLength) {
            oversized++;
            return TOO_LONG;
        }
        return frameLength;
    }

    private void copySynthesised(int linkType, int frameLength, byte[] buffer, int offset, int copied) {
        int header = LinkLayer.capturedHeaderLength(linkType);
        in.read(linkHeader, 0, header);
        int payload = frameLength - LinkLayer.ETHERNET_HEADER;
        int payloadCopied = Math.max(copied - LinkLayer.ETHERNET_HEADER, 0);
        int firstPayloadByte = -1;
        if (payloadCopied > 0) {
            in.read(buffer, offset + LinkLayer.ETHERNET_HEADER, payloadCopied);
            firstPayloadByte = buffer[offset + LinkLayer.ETHERNET_HEADER] & 0xFF;
        } else if (payload > 0) {
            firstPayloadByte = in.u8();
        }
        LinkLayer.writeEthernetHeader(linkType, linkHeader, firstPayloadByte, ethernetHeader);
        System.arraycopy(ethernetHeader, 0, buffer, offset, Math.min(copied, LinkLayer.ETHERNET_HEADER));
    }

    private void rewind() {
        in.seek(0);
        packetsThisPass = 0;
        readFileHeader();
    }

    @Override
    public final void reset() {
        failure = null;
        try {
            rewind();
        } catch (PcapFormatException e) {
            failure = e;
            throw e;
        }
    }

    @Override
    public long timestampNanos() {
        return timestamp;
    }

    @Override
    public int capturedLength() {
        return capturedLength;
    }

    @Override
    public int originalLength() {
        return originalLength;
    }

    @Override
    public int interfaceId() {
        return interfaceId;
    }

    @Override
    public long packets() {
        return packets;
    }

    @Override
    public long oversized() {
        return oversized;
    }

    @Override
    public long restarts() {
        return restarts;
    }

    @Override
    public String name() {
        return in.name();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            in.close();
        }
    }
}
