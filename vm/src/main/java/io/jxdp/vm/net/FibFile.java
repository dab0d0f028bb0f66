package io.jxdp.vm.net;

import io.jxdp.vm.Environment;
import io.jxdp.vm.Environment.NetDevice;
import io.jxdp.vm.net.TableText.Line;
import io.jxdp.vm.net.TableText.Word;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads routing and neighbour tables ({@code jxdp run/test-run --fib FILE}) written as {@code ip}
 * prints and takes them:
 *
 * <pre>
 * dev eth1 ifindex 3 mac 02:00:00:00:00:03 mtu 1500 [noforward]
 * addr 192.168.1.2/24 dev eth1
 * route 10.0.0.0/8 via 192.168.1.1 [dev eth1] [metric N] [table N] [mtu lock N] [src A]
 * route blackhole|unreachable|prohibit 10.9.0.0/16
 * neigh 192.168.1.1 lladdr aa:bb:cc:dd:ee:ff dev eth1 [nud permanent|reachable|stale|...|failed]
 * </pre>
 *
 * As {@code ip addr add} does, an address adds a local route to table 255 and a route to its network
 * in table 254 (metric 0 for IPv4, with the address as preferred source; metric 256 for IPv6). A
 * route without {@code dev} goes through the device whose network holds its gateway. IPv6 routes
 * default to metric 1024, as {@code ip -6 route add} gives them. Devices are declared before use;
 * every declared device forwards (net.ipv4.ip_forward=1, net.ipv6.conf.all.forwarding=1) unless
 * marked {@code noforward}. Ifindex 1 is the loopback device unless the file declares it.
 */
public final class FibFile {
    private final Map<String, NetDevice> devices = new LinkedHashMap<>();
    private final List<Fib.Address> addresses = new ArrayList<>();
    private final List<Route> routes = new ArrayList<>();
    private final List<Neighbour> neighbours = new ArrayList<>();
    private final Set<Integer> notForwarding = new HashSet<>();

    private FibFile() {
        devices.put(Environment.LOOPBACK.name(), Environment.LOOPBACK);
    }

    /**
     * The tables {@code text} describes.
     *
     * @param file the file's name, for messages
     * @throws io.jxdp.isa.JxdpException {@code FILE:LINE:COL: reason} for the first error
     */
    public static Fib parse(String text, String file) {
        FibFile f = new FibFile();
        for (Line line : TableText.lines(text, file)) {
            Word keyword = line.next("dev, addr, route or neigh");
            switch (keyword.text()) {
                case "dev" -> f.dev(line);
                case "addr" -> f.addr(line);
                case "route" -> f.route(line);
                case "neigh" -> f.neigh(line);
                default ->
                    throw line.error(keyword, "unknown line '" + keyword.text() + "' (dev, addr, route or neigh)");
            }
        }
        return new Fib(List.copyOf(f.devices.values()), f.addresses, f.routes, f.neighbours, true, f.notForwarding);
    }

    private void dev(Line line) {
        Word name = line.next("a device name");
        Word kw = line.next("ifindex");
        if (!kw.text().equals("ifindex")) {
            throw line.error(kw, "expected ifindex N after the device name");
        }
        int ifindex = (int) line.number("ifindex", 1, Integer.MAX_VALUE);
        long mac = 0;
        int mtu = Environment.DEFAULT_MTU;
        boolean forward = true;
        while (line.hasNext()) {
            Word w = line.next("an option");
            switch (w.text()) {
                case "mac" -> mac = line.mac("a MAC address");
                case "mtu" -> mtu = (int) line.number("mtu", 68, 65536);
                case "noforward" -> forward = false;
                default -> throw line.error(w, "unknown dev option '" + w.text() + "' (mac, mtu, noforward)");
            }
        }
        for (NetDevice d : devices.values()) {
            if (d.ifindex() == ifindex && !d.equals(Environment.LOOPBACK)) {
                throw line.error(name, "ifindex " + ifindex + " is already device " + d.name());
            }
        }
        if (devices.containsKey(name.text()) && !devices.get(name.text()).equals(Environment.LOOPBACK)) {
            throw line.error(name, "device " + name.text() + " is declared twice");
        }
        devices.values().removeIf(d -> d.equals(Environment.LOOPBACK) && d.ifindex() == ifindex);
        devices.put(name.text(), new NetDevice(ifindex, name.text(), mtu, mac));
        if (!forward) {
            notForwarding.add(ifindex);
        }
    }

    private NetDevice device(Line line) {
        Word w = line.next("a device name");
        NetDevice d = devices.get(w.text());
        if (d == null) {
            throw line.error(w, "no device " + w.text() + " (declare it first: dev " + w.text() + " ifindex N ...)");
        }
        return d;
    }

    private record Prefix(IpAddress address, int length) {}

    private static Prefix prefix(Line line, boolean hostBitsAllowed) {
        Word w = line.next("an address or prefix");
        String text = w.text().equals("default") ? "0.0.0.0/0" : w.text();
        int slash = text.indexOf('/');
        IpAddress a;
        try {
            a = IpAddress.parse(slash < 0 ? text : text.substring(0, slash));
        } catch (IllegalArgumentException e) {
            throw line.error(w, e.getMessage());
        }
        int len = a.bits();
        if (slash >= 0) {
            String l = text.substring(slash + 1);
            if (!l.matches("[0-9]{1,3}") || Integer.parseInt(l) > a.bits()) {
                throw line.error(w, "'" + l + "' is not a prefix length (0 to " + a.bits() + ")");
            }
            len = Integer.parseInt(l);
        }
        if (!hostBitsAllowed && !a.within(masked(a, len), a.bits())) {
            throw line.error(
                    w,
                    "invalid prefix for the given prefix length: " + text + " (the network is " + masked(a, len) + "/"
                            + len + ")");
        }
        return new Prefix(a, len);
    }

    private static IpAddress masked(IpAddress a, int len) {
        if (a.isV4()) {
            return IpAddress.v4(len == 0 ? 0 : a.lo() & (-1L << (32 - len)));
        }
        long hi = len == 0 ? 0 : len >= 64 ? a.hi() : a.hi() & (-1L << (64 - len));
        long lo = len <= 64 ? 0 : a.lo() & (-1L << (128 - len));
        return new IpAddress(IpAddress.AF_INET6, hi, lo);
    }

    private void addr(Line line) {
        Prefix p = prefix(line, true);
        Word kw = line.next("dev");
        if (!kw.text().equals("dev")) {
            throw line.error(kw, "expected dev NAME after the address");
        }
        NetDevice d = device(line);
        if (line.hasNext()) {
            Word extra = line.next("nothing");
            throw line.error(extra, "unexpected '" + extra.text() + "' after the device");
        }
        boolean v4 = p.address().isV4();
        addresses.add(new Fib.Address(d.ifindex(), p.address(), p.length()));
        int hostLen = p.address().bits();
        routes.add(new Route(
                p.address(), hostLen, Route.Type.LOCAL, null, d.ifindex(), 0, Fib.RT_TABLE_LOCAL, 0, p.address()));
        routes.add(new Route(
                masked(p.address(), p.length()),
                p.length(),
                Route.Type.UNICAST,
                null,
                d.ifindex(),
                v4 ? 0 : 256,
                Fib.RT_TABLE_MAIN,
                0,
                v4 ? p.address() : null));
    }

    private void route(Line line) {
        Route.Type type = Route.Type.UNICAST;
        Word first = line.next("a prefix or a route type");
        switch (first.text()) {
            case "unicast" -> type = Route.Type.UNICAST;
            case "local" -> type = Route.Type.LOCAL;
            case "blackhole" -> type = Route.Type.BLACKHOLE;
            case "unreachable" -> type = Route.Type.UNREACHABLE;
            case "prohibit" -> type = Route.Type.PROHIBIT;
            default -> line.back();
        }
        Word prefixWord = line.peek("a prefix");
        Prefix p = prefix(line, false);
        boolean v4 = p.address().isV4();
        IpAddress gateway = null;
        Word gatewayWord = null;
        NetDevice dev = null;
        Word devWord = null;
        int metric = v4 ? 0 : 1024;
        int table = Fib.RT_TABLE_MAIN;
        int lockedMtu = 0;
        IpAddress src = null;
        while (line.hasNext()) {
            Word w = line.next("an option");
            switch (w.text()) {
                case "via" -> {
                    gatewayWord = line.peek("a gateway address");
                    gateway = line.address("a gateway address");
                    if (gateway.family() != p.address().family()) {
                        throw line.error(
                                gatewayWord,
                                "the gateway's family is not the prefix's (jxdp has no IPv4 routes via IPv6)");
                    }
                }
                case "dev" -> {
                    devWord = line.peek("a device name");
                    dev = device(line);
                }
                case "metric", "preference" -> metric = (int) line.number("metric", 0, 0xffff_ffffL);
                case "table" -> table = (int) line.number("table", 1, 0xffff_ffffL);
                case "mtu" -> {
                    boolean lock = line.hasNext() && line.peek("lock").text().equals("lock");
                    if (lock) {
                        line.next("lock");
                    }
                    int mtu = (int) line.number("mtu", 68, 65535);
                    // only a locked MTU limits forwarding (ip_mtu_from_fib_result, ip6_mtu_from_fib6)
                    lockedMtu = lock ? mtu : 0;
                }
                case "src" -> {
                    Word sw = line.peek("a source address");
                    src = line.address("a source address");
                    if (src.family() != p.address().family()) {
                        throw line.error(sw, "the source address's family is not the prefix's");
                    }
                }
                default ->
                    throw line.error(w, "unknown route option '" + w.text() + "' (via, dev, metric, table, mtu, src)");
            }
        }
        boolean forwards = type == Route.Type.UNICAST || type == Route.Type.LOCAL;
        if (!forwards && (gateway != null || dev != null)) {
            throw line.error(
                    gatewayWord != null ? gatewayWord : devWord,
                    "a " + type.name().toLowerCase(Locale.ROOT) + " route has no gateway or device");
        }
        if (forwards && dev == null) {
            if (gateway == null) {
                throw line.error(prefixWord, "the route needs via GATEWAY or dev NAME");
            }
            dev = deviceFor(gateway);
            if (dev == null) {
                throw line.error(
                        gatewayWord,
                        "no device's network holds gateway " + gateway
                                + " (give dev NAME, or an addr line for that network first)");
            }
        }
        routes.add(new Route(
                p.address(),
                p.length(),
                type,
                gateway,
                dev == null ? 0 : dev.ifindex(),
                metric,
                table,
                lockedMtu,
                src));
    }

    /** The device of the connected route (no gateway, table main) holding {@code gateway}. */
    private NetDevice deviceFor(IpAddress gateway) {
        Route best = null;
        for (Route r : routes) {
            if (r.table() == Fib.RT_TABLE_MAIN
                    && r.type() == Route.Type.UNICAST
                    && r.gateway() == null
                    && r.matches(gateway)
                    && (best == null || r.length() > best.length())) {
                best = r;
            }
        }
        if (best == null) {
            return null;
        }
        int ifindex = best.ifindex();
        return devices.values().stream()
                .filter(d -> d.ifindex() == ifindex)
                .findFirst()
                .orElse(null);
    }

    private void neigh(Line line) {
        IpAddress a = line.address("the neighbour's address");
        long mac = -1;
        NetDevice dev = null;
        Neighbour.State state = Neighbour.State.PERMANENT;
        Word start = null;
        while (line.hasNext()) {
            Word w = line.next("an option");
            start = start == null ? w : start;
            switch (w.text()) {
                case "lladdr" -> mac = line.mac("a MAC address");
                case "dev" -> dev = device(line);
                case "nud" -> {
                    Word s = line.next("a NUD state");
                    try {
                        state = Neighbour.State.valueOf(s.text().toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        throw line.error(
                                s,
                                "unknown NUD state '" + s.text()
                                        + "' (permanent, noarp, reachable, stale, delay, probe, incomplete, failed)");
                    }
                }
                default -> throw line.error(w, "unknown neigh option '" + w.text() + "' (lladdr, dev, nud)");
            }
        }
        if (dev == null) {
            throw line.missing("dev NAME");
        }
        boolean needsMac = state.valid() && state != Neighbour.State.NOARP;
        if (mac < 0 && needsMac) {
            throw line.error(start, "a " + state.name().toLowerCase(Locale.ROOT) + " neighbour needs lladdr MAC");
        }
        neighbours.add(new Neighbour(dev.ifindex(), a, Math.max(mac, 0), state));
    }
}
