package io.jxdp.cli;

import io.jxdp.isa.JxdpException;
import io.jxdp.packet.PacketSource;
import io.jxdp.vm.XdpTestRun;
import io.jxdp.xdp.Frame;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The packets of one {@code --data-in} file: the file itself as one frame, as {@code bpftool prog
 * run data_in} takes it, or, for a pcap or pcapng capture (recognised by its magic number), every
 * frame in it, named {@code file.pcap#1}, {@code #2}, ... as Wireshark numbers them. Every frame is
 * checked as the kernel checks a test-run packet before anything runs.
 *
 * @param file the file
 * @param capture true for a pcap or pcapng file
 * @param frames its frames, at least one
 */
record Frames(Path file, boolean capture, List<Frames.Frame> frames) {
    /** One packet: the name results give it, its bytes, and its capture time (0 for a raw file). */
    @SuppressWarnings("ArrayRecordComponent") // a packet read from a file, never compared
    record Frame(String label, byte[] bytes, long timestampNanos) {}

    static Frames read(Path file) {
        InputFile.mustExist(file);
        if (!isCapture(head(file))) {
            byte[] bytes = InputFile.read(file);
            check(file.toString(), bytes.length);
            return new Frames(file, false, List.of(new Frame(file.toString(), bytes, 0)));
        }
        List<Frame> frames = new ArrayList<>();
        byte[] buffer = new byte[PacketSource.MAX_CAPTURED_LENGTH];
        try (PacketSource source = PacketSource.open(file, false)) {
            for (int n = source.next(buffer, 0); n != PacketSource.END; n = source.next(buffer, 0)) {
                String label = file + "#" + (frames.size() + 1);
                check(label, n == PacketSource.TOO_LONG ? source.capturedLength() : n);
                frames.add(new Frame(label, Arrays.copyOf(buffer, n), source.timestampNanos()));
            }
        }
        if (frames.isEmpty()) {
            throw new JxdpException(file + ": the capture holds no packets");
        }
        return new Frames(file, true, frames);
    }

    /** The kernel refuses packets shorter than an Ethernet header and longer than a test frame holds. */
    private static void check(String label, int length) {
        if (length < 14) {
            throw new JxdpException(label + ": a packet of " + length
                    + " bytes is shorter than an Ethernet header (14); the kernel refuses it with -EINVAL");
        }
        if (length > XdpTestRun.MAX_PACKET) {
            throw new JxdpException(
                    label + ": a packet of " + length + " bytes is longer than an XDP test frame holds ("
                            + XdpTestRun.MAX_PACKET + "); the kernel refuses it with -EINVAL");
        }
    }

    /** The first four bytes, or fewer for a shorter file. */
    private static byte[] head(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(4);
        } catch (IOException e) {
            throw new JxdpException(file + ": cannot read (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** pcap in microseconds or nanoseconds, either byte order, or a pcapng section header. */
    static boolean isCapture(byte[] head) {
        if (head.length < 4) {
            return false;
        }
        int magic = (head[0] & 0xff) << 24 | (head[1] & 0xff) << 16 | (head[2] & 0xff) << 8 | (head[3] & 0xff);
        return magic == 0xa1b2c3d4
                || magic == 0xd4c3b2a1
                || magic == 0xa1b23c4d
                || magic == 0x4d3cb2a1
                || magic == 0x0a0d0d0a;
    }
}
