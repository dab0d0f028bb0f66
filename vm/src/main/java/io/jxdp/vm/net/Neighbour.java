package io.jxdp.vm.net;

import java.util.Objects;

/**
 * A neighbour table entry, as {@code ip neigh} shows it.
 *
 * @param ifindex the device it is reached on
 * @param address its IP address
 * @param mac its link-layer address, the 48 low bits in network order
 * @param state its NUD state
 */
public record Neighbour(int ifindex, IpAddress address, long mac, State state) {
    /** include/uapi/linux/neighbour.h NUD_*; the kernel forwards to the NUD_VALID ones. */
    public enum State {
        INCOMPLETE(false),
        REACHABLE(true),
        STALE(true),
        DELAY(true),
        PROBE(true),
        FAILED(false),
        NOARP(true),
        PERMANENT(true);

        private final boolean valid;

        State(boolean valid) {
            this.valid = valid;
        }

        /** NUD_VALID: a link-layer address the kernel sends to. */
        public boolean valid() {
            return valid;
        }
    }

    public Neighbour {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(state, "state");
        if (mac >>> 48 != 0) {
            throw new IllegalArgumentException("a MAC address has 48 bits");
        }
    }
}
