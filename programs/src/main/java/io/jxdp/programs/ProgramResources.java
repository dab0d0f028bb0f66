package io.jxdp.programs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The reference programs shipped in this module, by path under {@code programs/}. */
public final class ProgramResources {
    /** Every shipped program, as {@code jxdp run --prog builtin:NAME} names them. */
    public static final List<String> ALL = List.of(
            "ddos_prefilter.bpf",
            "flow_spread.bpf",
            "rss_only.bpf",
            "rfs_steer.bpf",
            "xdp_redirect_cpu/no_touch.bpf",
            "xdp_redirect_cpu/touch_data.bpf",
            "xdp_redirect_cpu/round_robin.bpf",
            "xdp_redirect_cpu/proto_separate.bpf",
            "xdp_redirect_cpu/ddos_filter_pktgen.bpf",
            "xdp_redirect_cpu/lb_hash_ip_pairs.bpf",
            "xdp_redirect_cpu/cpumap_pass.bpf",
            "xdp_redirect_cpu/cpumap_drop.bpf",
            "xdp_redirect_cpu/cpumap_devmap.bpf");

    private ProgramResources() {}

    /** The text of a shipped program, or null if there is none by that name. */
    public static String read(String name) {
        String path = name.endsWith(".bpf") ? name : name + ".bpf";
        try (InputStream in = ProgramResources.class.getResourceAsStream("/programs/" + path)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
