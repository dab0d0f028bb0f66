package io.jxdp;

import io.jxdp.vm.XdpAction;
import java.util.Arrays;

/**
 * What one {@link XdpProgram#run} reports, as {@code BPF_PROG_TEST_RUN} does: the verdict, the
 * frame as the program left it, where a redirect points, and the time.
 *
 * @param returnValue the last run's r0, low 32 bits (what {@code bpftool prog run} prints)
 * @param packet the packet as the program left it (after any head, tail or metadata adjustment)
 * @param metadata the metadata before the packet ({@code data_meta} to {@code data}), often empty
 * @param redirect where an {@code XDP_REDIRECT} verdict sends the frame
 * @param durationNanos the average time of one run, in nanoseconds
 * @param repeat the runs done
 */
@SuppressWarnings("ArrayRecordComponent") // a result to read, never compared
public record RunResult(
        long returnValue, byte[] packet, byte[] metadata, Redirect redirect, long durationNanos, int repeat) {

    /** The verdict, or null for a return value outside 0..4, which a driver treats as {@code XDP_ABORTED}. */
    public XdpAction action() {
        return XdpAction.of(returnValue);
    }

    /** {@code "XDP_PASS, 60 bytes"}, with the redirect for {@code XDP_REDIRECT}. */
    @Override
    public String toString() {
        XdpAction a = action();
        return (a == null ? "illegal return value " + returnValue : a.kernelName()) + ", " + packet.length + " bytes"
                + (a == XdpAction.REDIRECT ? ", redirect to " + redirect : "");
    }

    /** The packet and the metadata cut from the test run's {@code data_out}. */
    static RunResult of(io.jxdp.vm.XdpTestRun.Result r, Redirect redirect) {
        byte[] out = r.dataOut();
        return new RunResult(
                r.retval(),
                Arrays.copyOfRange(out, r.metaLength(), out.length),
                Arrays.copyOfRange(out, 0, r.metaLength()),
                redirect,
                r.durationNs(),
                r.repeat());
    }
}
