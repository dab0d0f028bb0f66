/** The model of the Linux verifier: its API only; the abstract domains and checks are internal. */
module io.jxdp.verifier {
    requires transitive io.jxdp.isa;

    exports io.jxdp.verifier;
}
