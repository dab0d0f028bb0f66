package io.jxdp.xdp;

/**
 * Where frames end: the "network stack" of a CPU, a TX queue, a device behind a devmap, or the
 * drop bin. Counting is the runtime's job; a sink only sees the bytes (to write a pcap, say). Each
 * sink is used by one thread and must not keep the buffer after {@code accept} returns.
 */
public interface PacketSink extends AutoCloseable {
    /** A sink that keeps nothing. */
    PacketSink NONE = (buffer, offset, length, timestampNanos) -> {};

    void accept(byte[] buffer, int offset, int length, long timestampNanos);

    @Override
    default void close() {}
}
