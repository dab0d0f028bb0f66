/**
 * Packet sources and sinks for the XDP runtime: capture files in and out, and synthetic traffic.
 *
 * <ul>
 *   <li>{@link io.jxdp.packet.PacketSource#open PacketSource.open} reads classic pcap
 *       (microsecond and nanosecond magics, either byte order) and pcapng (several sections in
 *       either byte order, IDBs with {@code if_tsresol}/{@code if_tsoffset}/{@code if_fcslen},
 *       EPB, SPB, obsolete PB; other blocks skipped). Ethernet is read as is; LINUX_SLL,
 *       LINUX_SLL2 and raw IP get a synthetic Ethernet header; other link types are refused.</li>
 *   <li>{@link io.jxdp.packet.PcapWriter} writes little-endian microsecond pcap, snaplen
 *       262144, link type Ethernet, and never replaces a file unless told to.</li>
 *   <li>{@link io.jxdp.packet.TrafficGenerator} makes deterministic traffic for a
 *       {@link io.jxdp.packet.TrafficProfile}: flows spread over RX queues by the
 *       {@link io.jxdp.packet.Toeplitz} hash, a skew knob, a UDP port 9 flood.</li>
 * </ul>
 *
 * <p>Conventions: a frame is an Ethernet frame without FCS; it is written into a buffer the
 * caller owns, at an offset the caller chooses (the runtime's headroom), and the per-packet
 * paths allocate nothing. Timestamps are nanoseconds since the Unix epoch. A packet that does not
 * fit the caller's capacity is reported ({@code TOO_LONG}), never truncated silently. Bad capture
 * files give one {@link io.jxdp.packet.PcapFormatException} line naming the file and byte
 * offset; files that cannot be opened or written give a {@link io.jxdp.packet.PacketIoException}.
 */
package io.jxdp.packet;
