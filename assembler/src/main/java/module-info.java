/** Both text dialects and the ELF object loader; parsers and ELF internals stay inside. */
module io.jxdp.asm {
    requires transitive io.jxdp.isa;

    exports io.jxdp.asm;
    exports io.jxdp.asm.data;
    exports io.jxdp.asm.elf;
}
