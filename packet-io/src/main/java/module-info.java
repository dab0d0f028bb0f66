/** Packets in and out: pcap and pcapng readers, the pcap writer, the traffic generator. */
module io.jxdp.packet {
    requires transitive io.jxdp.isa;

    exports io.jxdp.packet;
}
