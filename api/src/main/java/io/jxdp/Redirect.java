package io.jxdp;

import io.jxdp.isa.MapType;
import io.jxdp.vm.RedirectInfo;

/**
 * Where a run that returned {@code XDP_REDIRECT} sent its frame, as {@code bpf_redirect} or {@code
 * bpf_redirect_map} left it (the kernel's {@code bpf_redirect_info}; the last call wins). A test
 * run only records it, as {@code BPF_PROG_TEST_RUN} does; {@link Datapath} carries it out.
 *
 * @param kind what the redirect names
 * @param target the ifindex of an {@link Kind#IFINDEX} redirect, the key of a {@link Kind#MAP} one
 * @param mapName the map of a {@link Kind#MAP} redirect, else empty
 * @param mapType its type ({@code CPUMAP}, {@code DEVMAP}, {@code DEVMAP_HASH}), else {@code UNSPEC}
 * @param broadcast true for a devmap broadcast ({@code BPF_F_BROADCAST})
 */
public record Redirect(Kind kind, long target, String mapName, MapType mapType, boolean broadcast) {
    /** What the redirect names. */
    public enum Kind {
        /** No redirect was set up: the kernel's {@code xdp_do_redirect} fails with {@code -EBADRQC}. */
        NONE,
        /** A device by ifindex ({@code bpf_redirect}, or a {@code bpf_redirect_map} miss, as in the kernel). */
        IFINDEX,
        /** An entry of a cpumap or devmap. */
        MAP
    }

    static Redirect of(RedirectInfo info) {
        long target = Integer.toUnsignedLong(info.targetIndex());
        return switch (info.kind()) {
            case NONE -> new Redirect(Kind.NONE, 0, "", MapType.UNSPEC, false);
            case IFINDEX -> new Redirect(Kind.IFINDEX, target, "", MapType.UNSPEC, false);
            case MAP -> new Redirect(Kind.MAP, target, info.map().def().name(), info.mapType(), info.broadcast());
        };
    }

    /** {@code "cpumap cpu_map key 2"}, {@code "ifindex 3"} or {@code "none"}. */
    @Override
    public String toString() {
        return switch (kind) {
            case NONE -> "none";
            case IFINDEX -> "ifindex " + target;
            case MAP -> mapType.bpftoolName() + " " + mapName + " key " + target + (broadcast ? " (broadcast)" : "");
        };
    }
}
