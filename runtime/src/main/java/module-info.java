/** The XDP datapath: RX queues, bulk queues, the cpumap's rings and consumers, sinks, statistics. */
module io.jxdp.xdp {
    requires transitive io.jxdp.vm;
    requires transitive io.jxdp.packet;
    requires org.jctools.core;
    requires java.management; // per-thread CPU time in the statistics

    exports io.jxdp.xdp;
}
