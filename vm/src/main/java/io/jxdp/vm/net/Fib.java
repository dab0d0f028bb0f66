package io.jxdp.vm.net;

import io.jxdp.vm.Environment.NetDevice;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The routing and neighbour tables {@code bpf_fib_lookup} consults, as a network namespace holds
 * them: devices (with their addresses and whether they forward), routes in tables (255 local, 254
 * main, 253 default, others by number) and neighbours. Immutable; {@link FibFile} reads one from the
 * text a user gives, and {@link #NONE} is a fresh namespace's: no routes and forwarding off, so
 * every lookup on a known device answers BPF_FIB_LKUP_RET_FWD_DISABLED, as the kernel does with
 * net.ipv4.ip_forward at its default of 0.
 */
public final class Fib {
    public static final int RT_TABLE_DEFAULT = 253;
    public static final int RT_TABLE_MAIN = 254;
    public static final int RT_TABLE_LOCAL = 255;

    /** A device address ({@code ip addr add A/LEN dev D}). */
    public record Address(int ifindex, IpAddress address, int length) {}

    /** No devices, routes or neighbours; forwarding off. */
    public static final Fib NONE = new Fib(List.of(), List.of(), List.of(), List.of(), false, Set.of());

    private final List<NetDevice> devices;
    private final List<Address> addresses;
    private final List<Route> routes;
    private final List<Neighbour> neighbours;
    private final boolean forwarding;
    private final Set<Integer> notForwarding;

    Fib(
            List<NetDevice> devices,
            List<Address> addresses,
            List<Route> routes,
            List<Neighbour> neighbours,
            boolean forwarding,
            Set<Integer> notForwarding) {
        this.devices = List.copyOf(devices);
        this.addresses = List.copyOf(addresses);
        this.routes = List.copyOf(routes);
        this.neighbours = List.copyOf(neighbours);
        this.forwarding = forwarding;
        this.notForwarding = Set.copyOf(notForwarding);
    }

    /** The devices the tables describe (the environment adds them to its own). */
    public List<NetDevice> devices() {
        return devices;
    }

    public List<Route> routes() {
        return routes;
    }

    public List<Neighbour> neighbours() {
        return neighbours;
    }

    public List<Address> addresses() {
        return addresses;
    }

    /** IN_DEV_FORWARD / idev->cnf.forwarding of a device: on for every device of a given table unless {@code noforward}. */
    public boolean forwarding(int ifindex) {
        return forwarding && !notForwarding.contains(ifindex);
    }

    /** fib_get_table: main and local always exist, another table once a route of this family is in it. */
    public boolean hasTable(int table, int family) {
        return table == RT_TABLE_MAIN
                || table == RT_TABLE_LOCAL
                || routes.stream().anyMatch(r -> r.table() == table && r.family() == family);
    }

    /**
     * fib_table_lookup (IPv4) and fib6_table_lookup (IPv6) in one table: the longest prefix holding
     * {@code dst}, then the lowest metric. With {@code oif} (BPF_FIB_LOOKUP_OUTPUT), IPv4 skips routes
     * through other devices and goes on to shorter prefixes; IPv6 keeps the longest prefix and only
     * prefers a route through {@code oif} there (rt6_select scores the device, it does not require it).
     * Blackhole, unreachable and prohibit routes have no device and match whatever {@code oif}.
     */
    public Optional<Route> lookup(int table, IpAddress dst, int oif) {
        boolean v4 = dst.isV4();
        Comparator<Route> order = Comparator.comparingInt(Route::length)
                .reversed()
                .thenComparing(r -> !v4 && oif != 0 && r.ifindex() != oif)
                .thenComparingInt(Route::metric);
        return routes.stream()
                .filter(r -> inTable(r, table, v4) && r.matches(dst))
                .filter(r -> !v4 || oif == 0 || !hasDevice(r) || r.ifindex() == oif)
                .sorted(order)
                .findFirst();
    }

    /**
     * IPv4's local and main tables are one trie until policy rules exist (fib_trie's table collapse,
     * and jxdp has no rules), so a lookup in main finds the local routes too; IPv6 keeps them apart.
     */
    private static boolean inTable(Route r, int table, boolean v4) {
        return r.table() == table || (v4 && table == RT_TABLE_MAIN && r.table() == RT_TABLE_LOCAL);
    }

    private static boolean hasDevice(Route r) {
        return r.type() == Route.Type.UNICAST || r.type() == Route.Type.LOCAL;
    }

    /** fib_lookup / fib6_lookup through the default rules: the local table, then main, then default. */
    public Optional<Route> lookupByRules(IpAddress dst, int oif) {
        for (int table : new int[] {RT_TABLE_LOCAL, RT_TABLE_MAIN, RT_TABLE_DEFAULT}) {
            Optional<Route> r = lookup(table, dst, oif);
            if (r.isPresent()) {
                return r;
            }
        }
        return Optional.empty();
    }

    /** __ipv4_neigh_lookup_noref / __ipv6_neigh_lookup_noref: the entry for {@code address} on the device, or null. */
    public Neighbour neighbour(int ifindex, IpAddress address) {
        for (Neighbour n : neighbours) {
            if (n.ifindex() == ifindex && n.address().equals(address)) {
                return n;
            }
        }
        return null;
    }

    /**
     * The source address BPF_FIB_LOOKUP_SRC derives for a route, or null if there is none (IPv6:
     * BPF_FIB_LKUP_RET_NO_SRC_ADDR). The route's {@code src}; else, as inet_select_addr, an IPv4
     * address of the device on the next hop's network, or its first, or the first of any device
     * (0.0.0.0 if none: IPv4 never fails); for IPv6 the device's global address sharing the longest
     * prefix with the destination, or any device's global address (a simplification of
     * ipv6_dev_get_saddr's RFC 6724 rules: jxdp has no address scopes, lifetimes or labels).
     */
    public IpAddress source(Route route, IpAddress nextHop, IpAddress dst) {
        if (route.prefsrc() != null) {
            return route.prefsrc();
        }
        int family = route.family();
        List<Address> own = new ArrayList<>();
        List<Address> other = new ArrayList<>();
        for (Address a : addresses) {
            if (a.address().family() != family
                    || (family == IpAddress.AF_INET6 && a.address().needsStrictV6())) {
                continue;
            }
            (a.ifindex() == route.ifindex() ? own : other).add(a);
        }
        if (family == IpAddress.AF_INET) {
            for (Address a : own) {
                if (nextHop.within(a.address(), a.length())) {
                    return a.address();
                }
            }
            if (!own.isEmpty()) {
                return own.get(0).address();
            }
            return other.isEmpty() ? IpAddress.v4(0) : other.get(0).address();
        }
        Comparator<Address> closest = Comparator.comparingInt(a -> -commonPrefix(a.address(), dst));
        Optional<Address> best = own.stream().min(closest);
        if (best.isEmpty()) {
            best = other.stream().min(closest);
        }
        return best.map(Address::address).orElse(null);
    }

    private static int commonPrefix(IpAddress a, IpAddress b) {
        long hi = a.hi() ^ b.hi();
        return hi != 0 ? Long.numberOfLeadingZeros(hi) : 64 + Long.numberOfLeadingZeros(a.lo() ^ b.lo());
    }
}
