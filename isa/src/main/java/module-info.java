/** The instruction model, the byte codec, the shared semantics and the text printers. JDK only. */
module io.jxdp.isa {
    exports io.jxdp.isa;
    exports io.jxdp.isa.btf;
    exports io.jxdp.isa.codec;
    exports io.jxdp.isa.sem;
    exports io.jxdp.isa.text;
}
