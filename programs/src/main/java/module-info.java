/** The reference programs, their C sources and sample packets, as resources. */
module io.jxdp.programs {
    exports io.jxdp.programs;
}
