package io.jxdp.packet;

import java.util.Arrays;

/**
 * pcapng: a sequence of sections, each a Section Header Block (whose byte-order magic sets the
 * order of everything up to the next one) followed by Interface Description Blocks and packet
 * blocks. Read: Enhanced (6), Simple (3) and the obsolete Packet (2) blocks; IDBs with their link
 * type, snaplen and the options {@code if_tsresol}, {@code if_tsoffset} and {@code if_fcslen}.
 * Every other block is skipped by its length. Interface ids restart with each section.
 *
 * <p>Every block's length is checked before it is used: at least the block type's minimum, a
 * multiple of 4, inside the file, and equal to the copy at the block's end. A packet's captured
 * length must fit its block and {@link #MAX_CAPTURED_LENGTH}.
 */
final class PcapngFileSource extends CaptureFileSource {
    /** Block type of the SHB; a palindrome, so it reads the same in either byte order. */
    static final int SECTION_HEADER = 0x0A0D0D0A;

    private static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    private static final int INTERFACE_DESCRIPTION = 1;
    private static final int OBSOLETE_PACKET = 2;
    private static final int SIMPLE_PACKET = 3;
    private static final int ENHANCED_PACKET = 6;
    /** Offset of the packet data in a simple packet block. */
    private static final int SIMPLE_DATA = 12;

    private static final int OPT_END = 0;
    private static final int IF_TSRESOL = 9;
    private static final int IF_FCSLEN = 13;
    private static final int IF_TSOFFSET = 14;

    /** More interfaces than this in one section is taken as corruption rather than grown into. */
    static final int MAX_INTERFACES = 65_536;

    private int interfaces;
    private int[] linkTypes = new int[4];
    private int[] snapLengths = new int[4];
    private int[] fcsLengths = new int[4];
    private int[] resolutions = new int[4];
    private long[] offsetSeconds = new long[4];

    PcapngFileSource(FileInput in, boolean loop) {
        super(in, loop);
        readFileHeader();
    }

    @Override
    void readFileHeader() {
        in.need(4, "section header block");
        if (in.rawBigEndian32() != SECTION_HEADER) {
            throw in.error(0, "pcapng file does not start with a section header block");
        }
        readSectionHeader(0);
    }

    @Override
    boolean readRecord() {
        while (true) {
            if (in.remaining() == 0) {
                return false;
            }
            long at = in.offset();
            in.need(8, "block header");
            int type = in.i32();
            if (type == SECTION_HEADER) {
                readSectionHeader(at);
                continue;
            }
            long length = in.u32();
            switch (type) {
                case ENHANCED_PACKET -> {
                    checkBlock(at, length, 32, "enhanced packet");
                    int iface = checkInterface(at + 8, in.u32());
                    long ticks = in.u32() << 32 | in.u32();
                    long timestamp = nanos(ticks, resolutions[iface], offsetSeconds[iface]);
                    return packet(at, length, iface, timestamp, in.u32(), in.u32(), 28);
                }
                case OBSOLETE_PACKET -> {
                    checkBlock(at, length, 32, "packet");
                    int iface = checkInterface(at + 8, in.u16());
                    in.u16(); // drops count
                    long ticks = in.u32() << 32 | in.u32();
                    long timestamp = nanos(ticks, resolutions[iface], offsetSeconds[iface]);
                    return packet(at, length, iface, timestamp, in.u32(), in.u32(), 28);
                }
                case SIMPLE_PACKET -> {
                    checkBlock(at, length, 16, "simple packet");
                    checkInterface(at + 8, 0);
                    long original = in.u32();
                    // The captured length is implied: the packet, the block's room and the snaplen, whichever is least.
                    long captured = Math.min(original, length - 16);
                    if (snapLengths[0] > 0) {
                        captured = Math.min(captured, snapLengths[0] & 0xFFFF_FFFFL);
                    }
                    return packet(at, length, 0, 0, captured, original, SIMPLE_DATA); // SPBs carry no timestamp
                }
                case INTERFACE_DESCRIPTION -> {
                    checkBlock(at, length, 20, "interface description");
                    readInterface(at, length);
                }
                default -> checkBlock(at, length, 12, String.format("type 0x%08x", type));
            }
            in.seek(at + length);
        }
    }

    /**
     * Describes a packet block's packet; the input is at its data, {@code dataAt} bytes into the
     * block. For EPBs and PBs the captured length field is the 8 bytes before the data; an SPB's
     * captured length is derived from its original length, 4 bytes before its data.
     */
    private boolean packet(long at, long length, int iface, long timestamp, long captured, long original, int dataAt) {
        long fieldAt = at + dataAt - (dataAt == SIMPLE_DATA ? 4 : 8);
        if (captured > MAX_CAPTURED_LENGTH) {
            throw in.error(fieldAt, "captured length " + captured + " exceeds the maximum of " + MAX_CAPTURED_LENGTH);
        }
        long room = length - dataAt - 4;
        if (captured > room) {
            throw in.error(fieldAt, "captured length " + captured + " overruns its block of " + length + " bytes");
        }
        recordTimestamp = timestamp;
        recordCaptured = captured;
        recordOriginal = original;
        recordLinkType = linkTypes[iface];
        recordFcsLength = fcsLengths[iface];
        recordInterface = iface;
        recordDataAt = at + dataAt;
        recordEnd = at + length;
        return true;
    }

    private void readSectionHeader(long at) {
        in.seek(at + 4);
        in.need(8, "section header block");
        in.bigEndian(true);
        long rawLength = in.u32();
        int magic = in.rawBigEndian32();
        if (magic == Integer.reverseBytes(BYTE_ORDER_MAGIC)) {
            in.bigEndian(false);
        } else if (magic != BYTE_ORDER_MAGIC) {
            throw in.error(at + 8, String.format("section header has a bad byte-order magic 0x%08x", magic));
        }
        long length = in.bigEndian() ? rawLength : Integer.reverseBytes((int) rawLength) & 0xFFFF_FFFFL;
        checkBlock(at, length, 28, "section header");
        in.seek(at + 12);
        int major = in.u16();
        int minor = in.u16();
        if (major != 1) {
            throw in.error(at + 12, "unsupported pcapng version " + major + "." + minor + " (expected 1.x)");
        }
        interfaces = 0;
        in.seek(at + length);
    }

    private void readInterface(long at, long length) {
        if (interfaces == MAX_INTERFACES) {
            throw in.error(at, "more than " + MAX_INTERFACES + " interfaces in one section");
        }
        int linkType = in.u16();
        in.u16(); // reserved
        long snapLength = in.u32();
        if (!LinkLayer.supported(linkType)) {
            throw in.error(at + 8, LinkLayer.refusal(linkType) + " (interface " + interfaces + ")");
        }
        int resolution = 6;
        long tsOffset = 0;
        int fcs = 0;
        long end = at + length - 4;
        long option = at + 16;
        while (option + 4 <= end) {
            in.seek(option);
            int code = in.u16();
            int optionLength = in.u16();
            if (code == OPT_END) {
                break;
            }
            long value = option + 4;
            long next = value + ((optionLength + 3) & ~3);
            if (next > end) {
                throw in.error(
                        option,
                        "option " + code + " of length " + optionLength + " overruns its interface description block");
            }
            if (code == IF_TSRESOL && optionLength >= 1) {
                resolution = in.u8();
                checkResolution(value, resolution);
            } else if (code == IF_TSOFFSET && optionLength == 8) {
                tsOffset = in.i64();
            } else if (code == IF_FCSLEN && optionLength >= 1) {
                fcs = in.u8();
            }
            option = next;
        }
        if (interfaces == linkTypes.length) {
            int grown = interfaces * 2;
            linkTypes = Arrays.copyOf(linkTypes, grown);
            snapLengths = Arrays.copyOf(snapLengths, grown);
            fcsLengths = Arrays.copyOf(fcsLengths, grown);
            resolutions = Arrays.copyOf(resolutions, grown);
            offsetSeconds = Arrays.copyOf(offsetSeconds, grown);
        }
        linkTypes[interfaces] = linkType;
        snapLengths[interfaces] = (int) snapLength;
        fcsLengths[interfaces] = fcs;
        resolutions[interfaces] = resolution;
        offsetSeconds[interfaces] = tsOffset;
        interfaces++;
    }

    /** Checks a block's length where it stands, and the trailing copy; leaves the input after the length field. */
    private void checkBlock(long at, long length, int minimum, String what) {
        if (length < minimum) {
            throw in.error(at + 4, what + " block length " + length + " is below its minimum of " + minimum);
        }
        if (length % 4 != 0) {
            throw in.error(at + 4, what + " block length " + length + " is not a multiple of 4");
        }
        long left = in.size() - at;
        if (length > left) {
            throw in.error(
                    at + 4,
                    what + " block length " + length + " runs past the end of the file (" + left + " bytes left)");
        }
        long resume = in.offset();
        in.seek(at + length - 4);
        long trailer = in.u32();
        if (trailer != length) {
            throw in.error(at + length - 4, what + " block ends with length " + trailer + " but starts with " + length);
        }
        in.seek(resume);
    }

    private int checkInterface(long fieldAt, long iface) {
        if (iface >= interfaces) {
            throw in.error(
                    fieldAt,
                    "packet names interface " + iface + " but the section describes " + interfaces
                            + (interfaces == 1 ? " interface" : " interfaces"));
        }
        return (int) iface;
    }

    private void checkResolution(long at, int resolution) {
        int exponent = resolution & 0x7F;
        boolean binary = (resolution & 0x80) != 0;
        if (binary ? exponent > 63 : exponent > 18) {
            throw in.error(at, String.format("if_tsresol 0x%02x is not supported", resolution));
        }
    }

    private static final long[] POWERS_OF_TEN = new long[19];

    static {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
    }

    /**
     * Converts an unsigned tick count at resolution {@code if_tsresol} (10^-n or, with the top
     * bit, 2^-n seconds) to nanoseconds, plus the interface's offset in seconds. Saturates rather
     * than wrapping: a corrupt timestamp is not worth an error, but it must not go backwards.
     */
    static long nanos(long ticks, int resolution, long offsetSeconds) {
        int exponent = resolution & 0x7F;
        long value;
        if ((resolution & 0x80) == 0) {
            if (exponent <= 9) {
                long scale = POWERS_OF_TEN[9 - exponent];
                value = ticks < 0 || ticks > Long.MAX_VALUE / scale ? Long.MAX_VALUE : ticks * scale;
            } else {
                value = Long.divideUnsigned(ticks, POWERS_OF_TEN[exponent - 9]);
            }
        } else {
            long whole = ticks >>> exponent;
            if (Long.compareUnsigned(whole, Long.MAX_VALUE / 1_000_000_000L) > 0) {
                value = Long.MAX_VALUE;
            } else {
                // The fraction times 1e9 needs up to 93 bits: take the 128-bit product, then shift.
                long fraction = exponent == 0 ? 0 : ticks & (-1L >>> (64 - exponent));
                long low = fraction * 1_000_000_000L;
                long high = Math.multiplyHigh(fraction, 1_000_000_000L);
                long fractionNanos = exponent == 0 ? 0 : (low >>> exponent) | (high << (64 - exponent));
                value = whole * 1_000_000_000L + fractionNanos;
            }
        }
        if (offsetSeconds != 0) {
            long offset = offsetSeconds > Long.MAX_VALUE / 1_000_000_000L
                    ? Long.MAX_VALUE
                    : offsetSeconds < Long.MIN_VALUE / 1_000_000_000L ? Long.MIN_VALUE : offsetSeconds * 1_000_000_000L;
            long sum = value + offset;
            // Overflow iff both operands have the same sign and the sum's sign differs.
            if (((value ^ sum) & (offset ^ sum)) < 0) {
                sum = value < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
            }
            value = sum;
        }
        return value;
    }
}
