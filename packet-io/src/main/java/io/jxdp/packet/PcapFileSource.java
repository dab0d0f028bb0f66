package io.jxdp.packet;

/**
 * Classic pcap (libpcap's format): a 24-byte file header, then records of a 16-byte header and
 * the packet bytes. The magic gives the byte order and the timestamp unit (0xa1b2c3d4
 * microseconds, 0xa1b23c4d nanoseconds). The link-type field's upper bits may declare an FCS,
 * which is removed; its reserved bits must be zero. The header's snaplen is not trusted for
 * anything: each record's captured length is checked against {@link #MAX_CAPTURED_LENGTH} and
 * against what is left of the file.
 */
final class PcapFileSource extends CaptureFileSource {
    static final int MICROS = 0xA1B2C3D4;
    static final int NANOS = 0xA1B23C4D;
    static final int FILE_HEADER = 24;
    static final int RECORD_HEADER = 16;

    private boolean nanos;
    private int linkType;
    private int fcsLength;

    PcapFileSource(FileInput in, boolean loop) {
        super(in, loop);
        readFileHeader();
    }

    static boolean isMagic(int bigEndianMagic) {
        return bigEndianMagic == MICROS
                || bigEndianMagic == NANOS
                || bigEndianMagic == Integer.reverseBytes(MICROS)
                || bigEndianMagic == Integer.reverseBytes(NANOS);
    }

    @Override
    void readFileHeader() {
        in.need(FILE_HEADER, "pcap file header");
        int magic = in.rawBigEndian32();
        boolean bigEndian = magic == MICROS || magic == NANOS;
        in.bigEndian(bigEndian);
        nanos = (bigEndian ? magic : Integer.reverseBytes(magic)) == NANOS;
        int major = in.u16();
        int minor = in.u16();
        if (major != 2) {
            throw in.error(4, "unsupported pcap version " + major + "." + minor + " (expected 2.x)");
        }
        in.skip(8); // thiszone, sigfigs: always 0 in practice, and libpcap ignores them too
        in.u32(); // snaplen: a hint only
        int network = in.i32();
        if ((network & 0x03FF_0000) != 0) {
            throw in.error(20, String.format("link-type field 0x%08x has reserved bits set", network));
        }
        linkType = network & 0xFFFF;
        // Bit 26 says the top 4 bits count the FCS in 16-bit words.
        fcsLength = (network & 0x0400_0000) != 0 ? (network >>> 28) * 2 : 0;
        if (!LinkLayer.supported(linkType)) {
            throw in.error(20, LinkLayer.refusal(linkType));
        }
    }

    @Override
    boolean readRecord() {
        if (in.remaining() == 0) {
            return false;
        }
        long at = in.offset();
        in.need(RECORD_HEADER, "record header");
        long seconds = in.u32();
        long fraction = in.u32();
        long captured = in.u32();
        long original = in.u32();
        if (captured > MAX_CAPTURED_LENGTH) {
            throw in.error(at + 8, "captured length " + captured + " exceeds the maximum of " + MAX_CAPTURED_LENGTH);
        }
        long left = in.remaining();
        if (captured > left) {
            throw in.error(
                    at + 8,
                    "truncated record: captured length " + captured + " but " + left + " bytes left in the file");
        }
        // Seconds are unsigned 32-bit, so this cannot overflow: 2^32 s is about 4.3e18 ns.
        recordTimestamp = seconds * 1_000_000_000L + (nanos ? fraction : fraction * 1_000L);
        recordCaptured = captured;
        recordOriginal = original;
        recordLinkType = linkType;
        recordFcsLength = fcsLength;
        recordInterface = 0;
        recordDataAt = at + RECORD_HEADER;
        recordEnd = recordDataAt + captured;
        return true;
    }
}
