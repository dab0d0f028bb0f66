package io.jxdp.vm;

import io.jxdp.vm.memory.Memory;
import io.jxdp.vm.memory.XdpContext;
import java.util.Arrays;

/**
 * What {@code BPF_PROG_TEST_RUN} does for an XDP program (net/bpf/test_run.c,
 * bpf_prog_test_run_xdp), as {@code bpftool prog run} uses it: the packet goes into a fresh
 * 4096-byte frame after 256 bytes of headroom (less the metadata, which sits just before the
 * packet), with the kernel's 320 bytes of tailroom reserved, so a packet may hold at most {@link
 * #MAX_PACKET} bytes and grow to that with {@code bpf_xdp_adjust_tail}; {@code ingress_ifindex} is
 * 1 (loopback) and {@code rx_queue_index} 0 unless given. The program runs {@code repeat} times on
 * the same frame, which is not reset between runs (effects of adjustments and writes accumulate, as
 * in the kernel); {@code retval} is the last run's r0, low 32 bits.
 *
 * <p>{@code data_out} is, as in the kernel since 5.14, the frame from {@code data_meta} to {@code
 * data_end}: the metadata (if any) followed by the packet as the program left it. Redirects are
 * not carried out; the Cpu's {@link RedirectInfo} holds the last run's target. Maps keep their
 * state across calls: pass the same maps (in the loaded program) and Cpu.
 *
 * <p>Not emulated: packets beyond {@link #MAX_PACKET} (the kernel puts the excess into fragments
 * for programs that accept them; jxdp has no fragments and refuses them with -EINVAL), live frames
 * ({@code BPF_F_TEST_XDP_LIVE_FRAMES}), and checks of the ifindex against real devices.
 */
public final class XdpTestRun {
    /** The room for packet data in a test-run frame: {@code PAGE_SIZE - XDP_PACKET_HEADROOM - tailroom}. */
    public static final int MAX_PACKET = XdpContext.PAGE_SIZE - XdpContext.HEADROOM - XdpContext.TAILROOM;
    /** The loopback device's ifindex, the kernel's default ingress device for a test run. */
    public static final int LOOPBACK_IFINDEX = 1;

    private XdpTestRun() {}

    /**
     * How to run.
     *
     * @param repeat how many runs (0 counts as 1, as in the kernel)
     * @param ingressIfindex {@code xdp_md.ingress_ifindex}
     * @param rxQueueIndex {@code xdp_md.rx_queue_index}
     * @param metaLength how many leading bytes of the input are metadata ({@code ctx_in}'s {@code
     *     data}): a multiple of 4, at most 255 and at most the headroom less an xdp_frame (216)
     */
    public record Options(int repeat, int ingressIfindex, int rxQueueIndex, int metaLength) {
        public static Options defaults() {
            return new Options(1, LOOPBACK_IFINDEX, 0, 0);
        }

        public Options withRepeat(int n) {
            return new Options(n, ingressIfindex, rxQueueIndex, metaLength);
        }

        public Options withIngress(int ifindex, int queue) {
            return new Options(repeat, ifindex, queue, metaLength);
        }

        public Options withMetaLength(int length) {
            return new Options(repeat, ingressIfindex, rxQueueIndex, length);
        }
    }

    /**
     * What a test run reports.
     *
     * @param retval the last run's r0, as a u32
     * @param dataOut the frame from data_meta to data_end after the last run
     * @param metaLength how many leading bytes of {@code dataOut} are metadata
     * @param durationNs the average time of one run in nanoseconds, as the kernel reports it
     * @param repeat the runs done
     * @param r0 the last run's r0, all 64 bits (the kernel reports only {@code retval}; the
     *     conformance plugin's XDP mode needs the whole register)
     */
    @SuppressWarnings("ArrayRecordComponent") // a result to read, never compared
    public record Result(long retval, byte[] dataOut, int metaLength, long durationNs, int repeat, long r0) {
        /** The packet alone: {@code dataOut} without the metadata. */
        public byte[] packet() {
            return Arrays.copyOfRange(dataOut, metaLength, dataOut.length);
        }
    }

    /** Runs once with the defaults: ingress ifindex 1, queue 0, no metadata. */
    public static Result run(LoadedProgram program, Cpu cpu, byte[] packet) {
        return run(program, cpu, packet, Options.defaults());
    }

    /**
     * Runs {@code program} on {@code dataIn} (metadata, then the packet).
     *
     * @throws ErrnoException -EINVAL for a packet shorter than ETH_HLEN (14) or longer than
     *     {@link #MAX_PACKET}, or bad metadata
     * @throws io.jxdp.vm.VmFault if the program faults
     * @throws IllegalArgumentException if the program was loaded with facts verified for the memory
     *     calling convention
     */
    public static Result run(LoadedProgram program, Cpu cpu, byte[] dataIn, Options options) {
        BoundFacts.requireXdp(program, "the XDP test run");
        int meta = options.metaLength();
        if (meta < 0
                || meta > dataIn.length
                || (meta & 3) != 0
                || meta > XdpContext.METADATA_MAX
                || meta > XdpContext.HEADROOM - XdpContext.XDP_FRAME_SIZE) {
            throw new ErrnoException(
                    Errno.EINVAL,
                    "test run: metadata of " + meta + " bytes (a multiple of 4, at most "
                            + (XdpContext.HEADROOM - XdpContext.XDP_FRAME_SIZE) + ")");
        }
        int size = dataIn.length - meta;
        if (size < XdpContext.ETH_HLEN) {
            throw new ErrnoException(
                    Errno.EINVAL,
                    "test run: a packet of " + size + " bytes is shorter than an " + "Ethernet header ("
                            + XdpContext.ETH_HLEN + ")");
        }
        if (size > MAX_PACKET) {
            throw new ErrnoException(
                    Errno.EINVAL,
                    "test run: a packet of " + size + " bytes exceeds the " + MAX_PACKET
                            + " a 4096-byte frame holds after headroom and tailroom (jxdp has no fragments)");
        }
        byte[] frame = new byte[XdpContext.PAGE_SIZE];
        int data = XdpContext.HEADROOM;
        System.arraycopy(dataIn, 0, frame, data - meta, dataIn.length);
        XdpContext ctx = cpu.memory().xdp();
        ctx.attach(
                frame,
                data,
                data + size,
                XdpContext.PAGE_SIZE - XdpContext.TAILROOM,
                options.ingressIfindex(),
                options.rxQueueIndex());
        ctx.setBounds(data - meta, data, data + size);
        cpu.clearRedirect();
        int repeat = Math.max(options.repeat(), 1);
        long r0 = 0;
        long start = System.nanoTime();
        for (int i = 0; i < repeat; i++) {
            r0 = program.run(cpu, Memory.contextPointer(), 0);
        }
        long elapsed = System.nanoTime() - start;
        byte[] out = Arrays.copyOfRange(frame, ctx.dataMeta(), ctx.dataEnd());
        return new Result(r0 & 0xffff_ffffL, out, ctx.data() - ctx.dataMeta(), elapsed / repeat, repeat, r0);
    }
}
