package io.jxdp.isa.btf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxdp.isa.btf.KernelFunc.Verdict;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The bundled table of the recorded kernel's functions, as isa/kernel-funcs.sh wrote it. */
class KernelFuncsTest {
    private final KernelFuncs funcs = KernelFuncs.vmlinux();

    @Test
    void recordsTheReleaseAndEveryFunctionOfItsBtf() {
        assertEquals("6.18.44-fc-v1272", funcs.release());
        assertEquals(125_850, funcs.typeCount());
        assertEquals(55_846, funcs.size());
    }

    @Test
    void xdpKfuncsCarryTheirPrototypes() {
        assertEquals(
                new KernelFunc(
                        65571,
                        "bpf_xdp_ct_lookup",
                        Verdict.XDP,
                        "struct nf_conn *bpf_xdp_ct_lookup(struct xdp_md *xdp_ctx, struct bpf_sock_tuple *bpf_tuple,"
                                + " u32 tuple__sz, struct bpf_ct_opts *opts, u32 opts__sz)"),
                funcs.byName("bpf_xdp_ct_lookup").orElseThrow());
        assertEquals(funcs.byName("bpf_xdp_ct_lookup"), funcs.byId(65571));
        KernelFunc rxHash = funcs.byName("bpf_xdp_metadata_rx_hash").orElseThrow();
        assertEquals(Verdict.DEV_BOUND, rxHash.verdict());
        assertEquals(
                "int bpf_xdp_metadata_rx_hash(const struct xdp_md *ctx, u32 *hash, enum xdp_rss_hash_type *rss_type)",
                rxHash.text());
    }

    @Test
    void theVerdictsCountAsTheKernelAnswered() {
        Map<Verdict, Long> counts =
                funcs.byIdStream().collect(Collectors.groupingBy(KernelFunc::verdict, Collectors.counting()));
        assertEquals(
                Map.of(
                        Verdict.DENIED, 54_466L,
                        Verdict.NO_ADDRESS, 940L,
                        Verdict.EARLY, 310L,
                        Verdict.XDP, 127L,
                        Verdict.DEV_BOUND, 3L),
                counts);
        assertEquals(
                "calling kernel function bpf_dynptr_from_skb is not allowed",
                funcs.byName("bpf_dynptr_from_skb").orElseThrow().deniedMessage());
        assertEquals(
                "The function HUF_readCTableHeader return type STRUCT is unsupported.",
                funcs.byId(44998).orElseThrow().earlyMessage());
        assertEquals(
                "cannot find address for kernel function HUF_decompress4X1_usingDTable_internal_fast",
                funcs.byId(44974).orElseThrow().earlyMessage());
    }

    @Test
    void idsThatAreNoFunctionFindNothing() {
        assertTrue(funcs.byId(65594).isEmpty(), "a FUNC_PROTO");
        assertTrue(funcs.byId(0).isEmpty());
        assertTrue(funcs.byId(4_294_967_291L).isEmpty());
        assertTrue(funcs.byName("no_such_function").isEmpty());
    }
}
