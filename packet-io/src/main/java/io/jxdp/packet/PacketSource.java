package io.jxdp.packet;

import java.io.Closeable;
import java.nio.file.Path;

/**
 * Packets pulled one at a time into a buffer the caller owns, so the hot path neither copies
 * twice nor allocates: the runtime passes a recycled frame buffer and the offset after its
 * headroom ({@code XdpContext.HEADROOM}), and gets back the frame's length.
 *
 * <p>Every frame is an Ethernet frame without FCS, as XDP sees it (see {@link #open} for the link
 * types that are converted). After {@link #next} returns a packet, {@link #timestampNanos},
 * {@link #capturedLength}, {@link #originalLength} and {@link #interfaceId} describe it.
 *
 * <p>Not thread-safe: one source per reading thread.
 */
public interface PacketSource extends Closeable {
    /** {@link #next} status: no more packets (and, in loop mode, the file holds none at all). */
    int END = -1;
    /**
     * {@link #next} status: the packet is longer than the capacity given. It is consumed and
     * counted in {@link #oversized()}; its first {@code capacity} bytes are in the buffer and
     * {@link #capturedLength()} has its full length. The caller decides: drop it or use the prefix.
     */
    int TOO_LONG = -2;

    /** The largest captured length jxdp accepts in a record (libpcap's maximum snaplen). */
    int MAX_CAPTURED_LENGTH = 262_144;

    /**
     * Reads the next packet into {@code buffer[offset, offset + capacity)}.
     *
     * @return the frame's length (0 or more), {@link #END} or {@link #TOO_LONG}
     * @throws PcapFormatException the file is corrupt here (and again on every later call until {@link #reset})
     * @throws PacketIoException the operating system failed to read the file
     */
    int next(byte[] buffer, int offset, int capacity);

    /** {@link #next(byte[], int, int)} with the rest of the buffer as capacity. */
    default int next(byte[] buffer, int offset) {
        return next(buffer, offset, buffer.length - offset);
    }

    /** Capture time of the last packet, in nanoseconds since the Unix epoch (0 where the format has none). */
    long timestampNanos();

    /** Length of the last frame as captured (and converted to Ethernet), even when it was {@link #TOO_LONG}. */
    int capturedLength();

    /** Length of the last frame on the wire (at least {@link #capturedLength()} unless the file says otherwise). */
    int originalLength();

    /** The capture interface of the last packet: its pcapng interface id, 0 for classic pcap. */
    int interfaceId();

    /** Packets returned since open (including {@link #TOO_LONG} ones and every pass of a loop). */
    long packets();

    /** Packets returned as {@link #TOO_LONG} since open. */
    long oversized();

    /** Times a looping source has started again from the beginning. */
    long restarts();

    /** Starts again from the first packet and clears a previous format error. Counters keep counting. */
    void reset();

    /** The file, as named when opened. */
    String name();

    @Override
    void close();

    /**
     * Opens a classic pcap (microsecond or nanosecond, either byte order) or pcapng file, telling
     * them apart by the magic number. Link types: Ethernet (1) is read as is; LINUX_SLL (113),
     * LINUX_SLL2 (276) and raw IP (101, 228 IPv4, 229 IPv6) get a synthetic 14-byte Ethernet
     * header (destination 00:00:00:00:00:00, source the SLL address when it is a 6-byte Ethernet
     * address, EtherType the SLL protocol or from the IP version); any other link type is refused.
     * An FCS the capture declares (pcap's FCS bits, pcapng's {@code if_fcslen}) is removed.
     *
     * @param loop when true, reaching the end starts again from the first packet
     * @throws PcapFormatException not a capture file, or its header is corrupt
     * @throws PacketIoException the file cannot be opened
     */
    static PacketSource open(Path file, boolean loop) {
        FileInput in = FileInput.open(file);
        try {
            if (in.size() < 4) {
                throw in.error(
                        0,
                        in.size() == 0 ? "empty file" : "only " + in.size() + " bytes: too short for a capture file");
            }
            int magic = in.rawBigEndian32();
            in.seek(0);
            PacketSource source;
            if (PcapFileSource.isMagic(magic)) {
                source = new PcapFileSource(in, loop);
            } else if (magic == PcapngFileSource.SECTION_HEADER) {
                source = new PcapngFileSource(in, loop);
            } else {
                throw in.error(0, unknownMagic(magic));
            }
            return source;
        } catch (RuntimeException e) {
            in.close();
            throw e;
        }
    }

    private static String unknownMagic(int magic) {
        if (magic >>> 16 == 0x1F8B) {
            return "gzip-compressed; decompress it first";
        }
        if (magic == 0xA1B2CD34 || magic == 0x34CDB2A1) {
            return "modified (Kuznetzov) pcap is not supported; convert it with editcap -F pcap";
        }
        return String.format("not a pcap or pcapng file (magic 0x%08x)", magic);
    }
}
