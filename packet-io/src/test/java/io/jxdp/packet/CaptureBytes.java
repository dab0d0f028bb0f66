package io.jxdp.packet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds capture files byte by byte, in either byte order, independently of the code under test. */
final class CaptureBytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private ByteOrder order;

    CaptureBytes(ByteOrder order) {
        this.order = order;
    }

    CaptureBytes order(ByteOrder newOrder) {
        this.order = newOrder;
        return this;
    }

    CaptureBytes u8(int v) {
        out.write(v);
        return this;
    }

    CaptureBytes u16(int v) {
        return put(ByteBuffer.allocate(2).order(order).putShort((short) v).array());
    }

    CaptureBytes u32(long v) {
        return put(ByteBuffer.allocate(4).order(order).putInt((int) v).array());
    }

    CaptureBytes u64(long v) {
        return put(ByteBuffer.allocate(8).order(order).putLong(v).array());
    }

    CaptureBytes put(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    Path write(Path file) {
        try {
            Files.write(file, bytes());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- classic pcap

    CaptureBytes pcapHeader(boolean nanos, int linkTypeField) {
        return u32(nanos ? 0xA1B23C4DL : 0xA1B2C3D4L)
                .u16(2)
                .u16(4)
                .u32(0)
                .u32(0)
                .u32(65535)
                .u32(linkTypeField);
    }

    CaptureBytes pcapRecord(long seconds, long fraction, byte[] data, int originalLength) {
        return u32(seconds).u32(fraction).u32(data.length).u32(originalLength).put(data);
    }

    // ---- pcapng

    CaptureBytes sectionHeader() {
        return sectionHeader(new byte[0]);
    }

    /** An SHB with raw (already padded, already ordered) options. */
    CaptureBytes sectionHeader(byte[] options) {
        int length = 28 + options.length;
        return u32(0x0A0D0D0A)
                .u32(length)
                .u32(0x1A2B3C4D)
                .u16(1)
                .u16(0)
                .u64(-1)
                .put(options)
                .u32(length);
    }

    /** An IDB; {@code tsresol} < 0 leaves the option out; {@code tsoffset} 0 leaves it out. */
    CaptureBytes interfaceDescription(int linkType, int snapLength, int tsresol, long tsoffset) {
        int options = (tsresol >= 0 ? 8 : 0) + (tsoffset != 0 ? 12 : 0) + 4;
        int length = 20 + options;
        u32(1).u32(length).u16(linkType).u16(0).u32(snapLength);
        if (tsresol >= 0) {
            u16(9).u16(1).u8(tsresol).u8(0).u8(0).u8(0);
        }
        if (tsoffset != 0) {
            u16(14).u16(8).u64(tsoffset);
        }
        return u16(0).u16(0).u32(length);
    }

    CaptureBytes enhancedPacket(int iface, long ticks, byte[] data, int originalLength) {
        int padded = (data.length + 3) & ~3;
        int length = 32 + padded;
        u32(6).u32(length)
                .u32(iface)
                .u32(ticks >>> 32)
                .u32(ticks & 0xFFFF_FFFFL)
                .u32(data.length)
                .u32(originalLength);
        return put(data).put(new byte[padded - data.length]).u32(length);
    }

    CaptureBytes simplePacket(byte[] data, int originalLength) {
        int padded = (data.length + 3) & ~3;
        int length = 16 + padded;
        return u32(3).u32(length)
                .u32(originalLength)
                .put(data)
                .put(new byte[padded - data.length])
                .u32(length);
    }

    CaptureBytes obsoletePacket(int iface, long ticks, byte[] data) {
        int padded = (data.length + 3) & ~3;
        int length = 32 + padded;
        u32(2).u32(length)
                .u16(iface)
                .u16(0)
                .u32(ticks >>> 32)
                .u32(ticks & 0xFFFF_FFFFL)
                .u32(data.length)
                .u32(data.length);
        return put(data).put(new byte[padded - data.length]).u32(length);
    }

    /** A block of a type the reader does not know, with {@code body} bytes of filler. */
    CaptureBytes unknownBlock(int type, int body) {
        int length = 12 + body;
        return u32(type).u32(length).put(new byte[body]).u32(length);
    }

    /** A frame whose bytes are {@code seed, seed+1, ...}, so a misplaced byte shows. */
    static byte[] frame(int length, int seed) {
        byte[] frame = new byte[length];
        for (int i = 0; i < length; i++) {
            frame[i] = (byte) (seed + i);
        }
        return frame;
    }

    /**
     * A pcapng sample: section 1 in {@code first} order with 4 interfaces (microseconds with
     * snaplen 50, nanoseconds, 2^-20 s with a +100 s offset, milliseconds), EPBs on each, an SPB,
     * an obsolete PB and two skipped blocks; section 2 in the other order with one LINUX_SLL
     * interface and one EPB.
     */
    static byte[] sampleNg(ByteOrder first) {
        ByteOrder second = first == ByteOrder.BIG_ENDIAN ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        byte[] sll = new CaptureBytes(ByteOrder.BIG_ENDIAN)
                .u16(0)
                .u16(1)
                .u16(6)
                .put(new byte[] {2, 0, 0, 0, 0, 1, 0, 0})
                .u16(0x86DD)
                .put(frame(40, 0x60))
                .bytes();
        return new CaptureBytes(first)
                .sectionHeader(new CaptureBytes(first)
                        .u16(2)
                        .u16(5)
                        .put("jxdp\0\0\0\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                        .u16(0)
                        .u16(0)
                        .bytes())
                .interfaceDescription(1, 50, -1, 0)
                .interfaceDescription(1, 0, 9, 0)
                .interfaceDescription(1, 0, 0x80 | 20, 100)
                .interfaceDescription(1, 0, 3, 0)
                .enhancedPacket(0, 1_600_000_000_123_456L, frame(60, 0), 60)
                .unknownBlock(0x0BAD, 20)
                .enhancedPacket(1, 1_600_000_000_123_456_789L, frame(61, 1), 1000)
                .unknownBlock(5, 0)
                .enhancedPacket(2, (5L << 20) | (1L << 19), frame(62, 2), 62)
                .enhancedPacket(2, 1, frame(63, 3), 63)
                .enhancedPacket(3, 1234, frame(64, 4), 64)
                .simplePacket(frame(50, 5), 60)
                .obsoletePacket(1, 42, frame(65, 6))
                .order(second)
                .sectionHeader()
                .interfaceDescription(113, 0, 6, 0)
                .enhancedPacket(0, 7_000_000, sll, sll.length)
                .bytes();
    }
}
