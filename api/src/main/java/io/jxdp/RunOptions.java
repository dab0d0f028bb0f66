package io.jxdp;

/**
 * How {@link XdpProgram#run(byte[], RunOptions)} runs a packet: the options of {@code
 * BPF_PROG_TEST_RUN} ({@code bpftool prog run}) for XDP.
 *
 * @param repeat how many runs on the same frame (0 counts as 1, as in the kernel); the result is the
 *     last run's, with the average duration
 * @param ingressIfindex {@code xdp_md.ingress_ifindex} (1, the loopback device, by default)
 * @param rxQueueIndex {@code xdp_md.rx_queue_index} (0 by default)
 * @param metadataLength how many leading bytes of the input are metadata placed before the packet
 *     ({@code ctx_in}'s {@code data}): a multiple of 4, at most 216
 */
public record RunOptions(int repeat, int ingressIfindex, int rxQueueIndex, int metadataLength) {
    /** One run, ingress ifindex 1, queue 0, no metadata. */
    public static RunOptions defaults() {
        return new RunOptions(1, 1, 0, 0);
    }

    /** These options with {@code n} runs. */
    public RunOptions withRepeat(int n) {
        return new RunOptions(n, ingressIfindex, rxQueueIndex, metadataLength);
    }

    /** These options with the given ingress device and RX queue. */
    public RunOptions withIngress(int ifindex, int queue) {
        return new RunOptions(repeat, ifindex, queue, metadataLength);
    }

    /** These options with {@code length} leading bytes of input as metadata. */
    public RunOptions withMetadataLength(int length) {
        return new RunOptions(repeat, ingressIfindex, rxQueueIndex, length);
    }
}
