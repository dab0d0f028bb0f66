package io.jxdp.vm.net;

import java.util.Objects;

/**
 * One route of a routing table, as {@code ip route} shows it.
 *
 * @param prefix the destination network
 * @param length its prefix length
 * @param type what a match means (RTN_UNICAST, RTN_LOCAL, RTN_BLACKHOLE, ...)
 * @param gateway the next hop, or null for a directly connected network
 * @param ifindex the device packets leave on (0 for the types that forward nothing)
 * @param metric the route's priority, lower first ({@code rt_metric} of a fib lookup)
 * @param table the table it is in (254 main, 255 local)
 * @param lockedMtu {@code mtu lock N}: the only route MTU forwarding honours (net.ipv4.ip_forward_use_pmtu is 0), or 0
 * @param prefsrc {@code src A}: the preferred source address, or null
 */
public record Route(
        IpAddress prefix,
        int length,
        Type type,
        IpAddress gateway,
        int ifindex,
        int metric,
        int table,
        int lockedMtu,
        IpAddress prefsrc) {
    /** The route types jxdp models (include/uapi/linux/rtnetlink.h RTN_*). */
    public enum Type {
        UNICAST,
        LOCAL,
        BLACKHOLE,
        UNREACHABLE,
        PROHIBIT
    }

    public Route {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(type, "type");
        if (length < 0 || length > prefix.bits()) {
            throw new IllegalArgumentException("prefix length " + length + " of " + prefix);
        }
    }

    public int family() {
        return prefix.family();
    }

    /** Whether this route's network holds {@code dst}. */
    public boolean matches(IpAddress dst) {
        return dst.within(prefix, length);
    }
}
