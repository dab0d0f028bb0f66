package io.jxdp.xdp;

import io.jxdp.vm.Cpu;
import io.jxdp.vm.LoadedProgram;
import io.jxdp.vm.memory.Memory;
import io.jxdp.vm.memory.XdpContext;

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

    /** Resets the frame for a packet of {@code length} bytes copied in at {@link #HEADROOM}, received on {@code queue}. */
    void reset(int length, int ingress, int queue, long timestamp) {
        // stores only where a value changes: the consumer on another core reads these fields, and a
        // store, even of the same value, takes the cache line back from it
        int end = HEADROOM + length;
        if (dataMeta != HEADROOM || data != HEADROOM || dataEnd != end) {
            dataMeta = HEADROOM;
            data = HEADROOM;
            dataEnd = end;
        }
        if (ingressIfindex != ingress || rxQueue != queue || timestampNanos != timestamp) {
            ingressIfindex = ingress;
            rxQueue = queue;
            timestampNanos = timestamp;
        }
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

    /**
     * Runs an XDP program on this frame on {@code cpu}: the context points at the frame (metadata
     * included), the redirect state starts clear, and the frame takes the bounds the program left
     * (after {@code bpf_xdp_adjust_*}). Faults propagate; the frame is then unchanged.
     *
     * @return r0
     */
    long runProgram(LoadedProgram program, Cpu cpu, int rxQueueIndex) {
        XdpContext x = cpu.memory().xdp();
        x.attach(buffer, data, dataEnd, FRAME_END, ingressIfindex, rxQueueIndex);
        x.setBounds(dataMeta, data, dataEnd);
        cpu.clearRedirect();
        long r0 = program.run(cpu, Memory.contextPointer(), 0);
        // write back only what moved: a frame's fields cross between cores, and a store that
        // changes nothing would still pull the line over
        if (x.dataMeta() != dataMeta || x.data() != data || x.dataEnd() != dataEnd) {
            dataMeta = x.dataMeta();
            data = x.data();
            dataEnd = x.dataEnd();
        }
        return r0;
    }

    /** Gives the frame back to its pool; the caller must not touch it afterwards. */
    void recycle() {
        pool.free(this);
    }
}
