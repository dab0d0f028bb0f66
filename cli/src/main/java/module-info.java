/** The jxdp command: an application, so it exports nothing. */
module io.jxdp.cli {
    requires io.jxdp.asm;
    requires io.jxdp.jit;
    requires io.jxdp.programs;
    requires io.jxdp.xdp;
    requires org.apache.commons.cli;
}
