package io.jxdp.vm.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jxdp.isa.JxdpException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The --fib text: what it builds and every error with its file:line:column. */
class FibFileTest {
    @Test
    void addressesAddLocalAndConnectedRoutes() {
        Fib fib = FibFile.parse(
                "dev eth0 ifindex 2 mac 02:00:00:00:00:02 mtu 9000\naddr 10.0.0.1/24 dev eth0\n"
                        + "route default via 10.0.0.254  # the uplink\n",
                "f");
        assertEquals(
                List.of(
                        new Route(
                                IpAddress.parse("10.0.0.1"),
                                32,
                                Route.Type.LOCAL,
                                null,
                                2,
                                0,
                                255,
                                0,
                                IpAddress.parse("10.0.0.1")),
                        new Route(
                                IpAddress.parse("10.0.0.0"),
                                24,
                                Route.Type.UNICAST,
                                null,
                                2,
                                0,
                                254,
                                0,
                                IpAddress.parse("10.0.0.1")),
                        new Route(
                                IpAddress.parse("0.0.0.0"),
                                0,
                                Route.Type.UNICAST,
                                IpAddress.parse("10.0.0.254"),
                                2,
                                0,
                                254,
                                0,
                                null)),
                fib.routes());
        assertEquals(2, fib.devices().size()); // lo and eth0
        assertEquals(9000, fib.devices().get(1).mtu());
        assertEquals(0x0200_0000_0002L, fib.devices().get(1).mac());
        assertEquals(true, fib.forwarding(2));
        assertEquals(false, Fib.NONE.forwarding(1));
    }

    private static String error(String text) {
        return assertThrows(JxdpException.class, () -> FibFile.parse(text, "r.txt"))
                .getMessage();
    }

    @Test
    void errorsNameFileLineAndColumn() {
        assertEquals("r.txt:1:1: unknown line 'rout' (dev, addr, route or neigh)", error("rout 1.2.3.0/24"));
        assertEquals(
                "r.txt:2:7: '1.2.3.300' is not an IPv4 address (each part 0-255)",
                error("# x\nroute 1.2.3.300/24 dev lo"));
        assertEquals(
                "r.txt:1:7: invalid prefix for the given prefix length: 10.1.0.0/8 (the network is 10.0.0.0/8)",
                error("route 10.1.0.0/8 dev lo"));
        assertEquals(
                "r.txt:1:22: no device eth9 (declare it first: dev eth9 ifindex N ...)",
                error("route 10.0.0.0/8 dev eth9"));
        assertEquals(
                "r.txt:1:22: no device's network holds gateway 10.9.9.9 (give dev NAME, or an addr line for that network first)",
                error("route 10.0.0.0/8 via 10.9.9.9"));
        assertEquals("r.txt:1:7: the route needs via GATEWAY or dev NAME", error("route 10.0.0.0/8"));
        assertEquals("r.txt:1:17: expected a number (ifindex)", error("dev eth0 ifindex"));
        assertEquals("r.txt:1:18: ifindex must be a number from 1 to 2147483647, not 'x'", error("dev eth0 ifindex x"));
        assertEquals(
                "r.txt:1:24: 'aa:bb' is not a MAC address (aa:bb:cc:dd:ee:ff)", error("dev eth0 ifindex 2 mac aa:bb"));
        assertEquals("r.txt:1:34: expected dev NAME", error("neigh 10.0.0.1 lladdr 0:1:2:3:4:5"));
        assertEquals("r.txt:1:16: a permanent neighbour needs lladdr MAC", error("neigh 10.0.0.1 dev lo"));
        assertEquals(
                "r.txt:1:22: the gateway's family is not the prefix's (jxdp has no IPv4 routes via IPv6)",
                error("route 10.0.0.0/8 via fe80::1 dev lo"));
        assertEquals(
                "r.txt:1:32: a blackhole route has no gateway or device", error("route blackhole 10.0.0.0/8 dev lo"));
        assertEquals("r.txt:2:5: ifindex 2 is already device a", error("dev a ifindex 2\ndev b ifindex 2"));
    }
}
