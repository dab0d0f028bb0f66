package io.jxdp.vm.xdp;

/**
 * A packet buffer, as the kernel's page plus {@code xdp_frame}: 4096 bytes, the packet after 256
 * bytes of headroom, room up to {@link #FRAME_END} to grow into. A frame moves by reference from
 * its RX queue through bulk queue, ring and consumer to a sink, and goes back to its pool.
 */
public final class Frame {
    /** The buffer size: one page. */
    public static final int SIZE = 4096;
    /** {@code XDP_PACKET_HEADROOM}. */
    public static final int HEADROOM = 256;
    /** {@code SKB_DATA_ALIGN(sizeof(struct skb_shared_info))} on x86-64, kept free at the end. */
    public static final int TAILROOM = 320;
    /** Where the packet may end at the latest. */
    public static final int FRAME_END = SIZE - TAILROOM;
    /** The longest packet a frame holds. */
    public static final int MAX_PACKET = FRAME_END - HEADROOM;

    final byte[] buffer = new byte[SIZE];
    int dataMeta;
    int data;
    int dataEnd;
    int ingressIfindex;
    int rxQueue;
    long timestampNanos;
    final FramePool pool;

    Frame(FramePool pool) {
        this.pool = pool;
    }

    /** Resets the frame for a packet of {@code length} bytes copied in at {@link #HEADROOM}. */
    void reset(int length) {
        dataMeta = HEADROOM;
        data = HEADROOM;
        dataEnd = HEADROOM + length;
    }

    public byte[] buffer() {
        return buffer;
    }

    public int data() {
        return data;
    }

    public int length() {
        return dataEnd - data;
    }

    public long timestampNanos() {
        return timestampNanos;
    }

    /** Gives the frame back to its pool; the caller must not touch it afterwards. */
    void recycle() {
        pool.free(this);
    }
}
