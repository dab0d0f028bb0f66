package io.jxdp.vm.memory;

/**
 * The packet a Cpu is processing and the {@code struct xdp_md} a program sees for it. Offsets are
 * offsets into the frame buffer: {@code hard_start} is 0, {@code data} starts at the headroom
 * (256 for a fresh frame), {@code frameEnd} is where the tailroom ({@code skb_shared_info}) begins.
 * The packet region is re-pointed at the buffer on {@link #attach} and follows every adjustment,
 * so pointers and bounds always agree with the fields.
 */
public final class XdpContext {
    /** {@code XDP_PACKET_HEADROOM}. */
    public static final int HEADROOM = 256;
    /** Offsets of the fields of {@code struct xdp_md}. */
    public static final int DATA = 0;

    public static final int DATA_END = 4;
    public static final int DATA_META = 8;
    public static final int INGRESS_IFINDEX = 12;
    public static final int RX_QUEUE_INDEX = 16;
    public static final int EGRESS_IFINDEX = 20;
    /** The size of {@code struct xdp_md}. */
    public static final int SIZE = 24;
    /** The size of a page, and of the frames the test run and the runtime use. */
    public static final int PAGE_SIZE = 4096;
    /** {@code SKB_DATA_ALIGN(sizeof(struct skb_shared_info))} on x86-64: the tailroom no packet may use. */
    public static final int TAILROOM = 320;
    /** {@code sizeof(struct xdp_frame)} on x86-64: the start of the headroom is kept for it. */
    public static final int XDP_FRAME_SIZE = 40;
    /** {@code ETH_HLEN}: no adjustment may leave a packet shorter. */
    public static final int ETH_HLEN = 14;
    /** The largest metadata: the maximum of {@code skb_shared_info.meta_len}, a u8 (xdp_metalen_invalid). */
    public static final int METADATA_MAX = 255;

    /** The largest frame buffer (a frame is a page; see {@link #attach}). */
    static final int MAX_BUFFER = 1 << 24;

    private static final long EINVAL = -22;
    private static final long EACCES = -13;

    private final Region packet;
    private byte[] buffer = new byte[0];
    private int dataMeta;
    private int data;
    private int dataEnd;
    private int frameEnd;
    private int ingressIfindex;
    private int rxQueueIndex;
    private int egressIfindex;

    XdpContext(Region packet) {
        this.packet = packet;
    }

    /**
     * Makes {@code buffer} the current packet.
     *
     * @param buffer the frame buffer (not copied)
     * @param data offset of the first packet byte (after the headroom)
     * @param dataEnd offset after the last packet byte
     * @param frameEnd the end of the room the packet may grow into ({@code bpf_xdp_adjust_tail})
     * @throws IllegalArgumentException unless {@code 0 <= data <= dataEnd <= frameEnd <= buffer.length
     *     <= 2^24}: the packet and the room it may grow into lie in the buffer, and every packet
     *     pointer's offset stays far below 2^31, as the verifier's facts about pointer compares
     *     assume (see {@code VerifiedProgram.comparesSameRegion}: offsets within 2^30 of a base near 0)
     */
    public void attach(byte[] buffer, int data, int dataEnd, int frameEnd, int ingressIfindex, int rxQueueIndex) {
        if (data < 0
                || data > dataEnd
                || dataEnd > frameEnd
                || frameEnd > buffer.length
                || buffer.length > MAX_BUFFER) {
            throw new IllegalArgumentException("a packet at [" + data + ", " + dataEnd + ") with room up to " + frameEnd
                    + " does not fit a frame buffer of " + buffer.length + " bytes"
                    + (buffer.length > MAX_BUFFER ? " (at most " + MAX_BUFFER + ")" : ""));
        }
        this.buffer = buffer;
        this.dataMeta = data;
        this.data = data;
        this.dataEnd = dataEnd;
        this.frameEnd = frameEnd;
        this.ingressIfindex = ingressIfindex;
        this.rxQueueIndex = rxQueueIndex;
        this.egressIfindex = 0;
        packet.set(buffer, 0, dataMeta, dataEnd, true);
    }

    /** Moves the packet's bounds (after an adjust helper); the caller has checked the kernel's limits. */
    public void setBounds(int newDataMeta, int newData, int newDataEnd) {
        this.dataMeta = newDataMeta;
        this.data = newData;
        this.dataEnd = newDataEnd;
        packet.setBounds(newDataMeta, newDataEnd);
    }

    /**
     * {@code bpf_xdp_adjust_head(ctx, offset)} (net/core/filter.c): moves {@code data} by {@code
     * offset}, keeping room for an xdp_frame and the metadata before it and at least ETH_HLEN bytes
     * of packet; the metadata moves along.
     *
     * @return 0, or -EINVAL (nothing changes)
     */
    public long adjustHead(int offset) {
        long metaLength = (long) data - dataMeta;
        long newData = (long) data + offset;
        if (newData < XDP_FRAME_SIZE + metaLength || newData > dataEnd - ETH_HLEN) {
            return EINVAL;
        }
        if (metaLength != 0) {
            System.arraycopy(buffer, dataMeta, buffer, dataMeta + offset, (int) metaLength);
        }
        setBounds(dataMeta + offset, (int) newData, dataEnd);
        return 0;
    }

    /**
     * {@code bpf_xdp_adjust_meta(ctx, offset)}: moves {@code data_meta} by {@code offset}, within
     * {@code [hard_start + sizeof(xdp_frame), data]}.
     *
     * @return 0, -EINVAL out of those bounds, -EACCES for a metadata length that is not a multiple
     *     of 4 or above {@link #METADATA_MAX}
     */
    public long adjustMeta(int offset) {
        long meta = (long) dataMeta + offset;
        long metaLength = data - meta;
        if (meta < XDP_FRAME_SIZE || meta > data) {
            return EINVAL;
        }
        if ((metaLength & 3) != 0 || metaLength > METADATA_MAX) {
            return EACCES;
        }
        setBounds((int) meta, data, dataEnd);
        return 0;
    }

    /**
     * {@code bpf_xdp_adjust_tail(ctx, offset)}: moves {@code data_end} by {@code offset}, within
     * {@code [data + ETH_HLEN, frame end]}; growing zeroes the new bytes (5.8+).
     *
     * @return 0, or -EINVAL
     */
    public long adjustTail(int offset) {
        long newEnd = (long) dataEnd + offset;
        if (newEnd > frameEnd || newEnd < (long) data + ETH_HLEN) {
            return EINVAL;
        }
        if (offset > 0) {
            java.util.Arrays.fill(buffer, dataEnd, (int) newEnd, (byte) 0);
        }
        setBounds(dataMeta, data, (int) newEnd);
        return 0;
    }

    public void setEgressIfindex(int ifindex) {
        this.egressIfindex = ifindex;
    }

    public byte[] buffer() {
        return buffer;
    }

    public int dataMeta() {
        return dataMeta;
    }

    public int data() {
        return data;
    }

    public int dataEnd() {
        return dataEnd;
    }

    public int frameEnd() {
        return frameEnd;
    }

    public int ingressIfindex() {
        return ingressIfindex;
    }

    public int rxQueueIndex() {
        return rxQueueIndex;
    }

    /** The packet's length, {@code data_end - data}. */
    public int length() {
        return dataEnd - data;
    }

    /**
     * A field as a program reads it. As the kernel rewrites ctx loads after verification, the
     * pointer fields yield full 64-bit packet pointers although {@code xdp_md} declares them u32.
     *
     * @return the value, or -1 if {@code offset} names no field (the caller faults)
     */
    long field(int offset) {
        return switch (offset) {
            case DATA -> Addresses.address(Addresses.PACKET, data);
            case DATA_END -> Addresses.address(Addresses.PACKET, dataEnd);
            case DATA_META -> Addresses.address(Addresses.PACKET, dataMeta);
            case INGRESS_IFINDEX -> ingressIfindex & 0xffff_ffffL;
            case RX_QUEUE_INDEX -> rxQueueIndex & 0xffff_ffffL;
            case EGRESS_IFINDEX -> egressIfindex & 0xffff_ffffL;
            default -> -1;
        };
    }
}
