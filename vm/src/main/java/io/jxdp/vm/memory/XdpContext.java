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
     */
    public void attach(byte[] buffer, int data, int dataEnd, int frameEnd, int ingressIfindex, int rxQueueIndex) {
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
