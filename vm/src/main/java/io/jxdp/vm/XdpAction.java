package io.jxdp.vm;

/** The verdicts of an XDP program ({@code enum xdp_action}). */
public enum XdpAction {
    ABORTED,
    DROP,
    PASS,
    TX,
    REDIRECT;

    private static final XdpAction[] BY_CODE = values();

    /** The action r0 names, or null for a value outside 0..4 (an "Illegal XDP return value"). */
    public static XdpAction of(long r0) {
        // the kernel compares the u32 return value (bpf_prog_run_xdp returns u32)
        long code = r0 & 0xffff_ffffL;
        return code < BY_CODE.length ? BY_CODE[(int) code] : null;
    }

    /** {@code XDP_ABORTED} ... as the kernel and bpftool print them. */
    public String kernelName() {
        return "XDP_" + name();
    }
}
