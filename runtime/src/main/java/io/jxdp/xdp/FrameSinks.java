package io.jxdp.xdp;

import io.jxdp.vm.Cpu;

/**
 * Where one thread's frames end (an RX queue's or a consumer's): its network stack, its TX queue,
 * the drop bin, or a device it redirects to. Each hands the bytes to the {@link PacketSink} (a
 * pcap file, or nothing) and gives the frame back to its pool. Used by one thread only.
 */
final class FrameSinks {
    private final PacketSink stack;
    private final PacketSink tx;
    private final PacketSink drop;
    private final XdpRuntime runtime;
    private final FrameReturns returns = new FrameReturns();

    FrameSinks(PacketSink stack, PacketSink tx, PacketSink drop, XdpRuntime runtime) {
        this.stack = stack;
        this.tx = tx;
        this.drop = drop;
        this.runtime = runtime;
    }

    /** PASS: the frame goes to this CPU's network stack. */
    void stack(Frame f) {
        if (stack != PacketSink.NONE) {
            stack.accept(f.buffer, f.data, f.length(), f.timestampNanos);
        }
        returns.give(f);
    }

    /** TX: out of the device it came in on. */
    void tx(Frame f) {
        if (tx != PacketSink.NONE) {
            tx.accept(f.buffer, f.data, f.length(), f.timestampNanos);
        }
        returns.give(f);
    }

    /** DROP, an exception, a failed redirect. */
    void drop(Frame f) {
        if (drop != PacketSink.NONE) {
            drop.accept(f.buffer, f.data, f.length(), f.timestampNanos);
        }
        returns.give(f);
    }

    /** REDIRECT to a device; false for a redirect error (the frame is then still the caller's). */
    boolean redirect(Cpu cpu, Frame f) {
        return runtime.deviceRedirect(cpu, f);
    }

    /** Gives back frames held for batching; a consumer calls it after each round. */
    void flushReturns() {
        returns.flush();
    }

    /** A frame this thread is done with (a failed redirect's, a broadcast's original). */
    void release(Frame f) {
        returns.give(f);
    }

    /** An error that ends the run (a sink that cannot write); reported after the totals. */
    void fail(Throwable e) {
        runtime.fail(e);
    }

    /** Something the user should know, reported once per message. */
    void warn(String message) {
        runtime.warn(message);
    }
}
