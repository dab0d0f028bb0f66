package io.jxdp.vm.net;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IPv4 or IPv6 address as the kernel's routing code compares it: the 32 bits of an IPv4 address
 * in {@code lo}, the 128 of an IPv6 one in {@code hi:lo}, most significant bit first (network order).
 *
 * @param family {@link #AF_INET} or {@link #AF_INET6}
 */
public record IpAddress(int family, long hi, long lo) {
    /** include/linux/socket.h. */
    public static final int AF_INET = 2;

    public static final int AF_INET6 = 10;

    public IpAddress {
        if (family != AF_INET && family != AF_INET6) {
            throw new IllegalArgumentException("family " + family + " is neither AF_INET nor AF_INET6");
        }
        if (family == AF_INET && (hi != 0 || lo >>> 32 != 0)) {
            throw new IllegalArgumentException("an IPv4 address has 32 bits");
        }
    }

    public static IpAddress v4(long bits) {
        return new IpAddress(AF_INET, 0, bits & 0xffff_ffffL);
    }

    /** Address bits: 32 or 128. */
    public int bits() {
        return family == AF_INET ? 32 : 128;
    }

    public boolean isV4() {
        return family == AF_INET;
    }

    /** Whether the first {@code len} bits equal those of {@code net} (same family). */
    public boolean within(IpAddress net, int len) {
        if (net.family != family) {
            return false;
        }
        if (family == AF_INET) {
            return len == 0 || ((lo ^ net.lo) >>> (32 - len)) == 0;
        }
        if (len <= 64) {
            return len == 0 || ((hi ^ net.hi) >>> (64 - len)) == 0;
        }
        return hi == net.hi && ((lo ^ net.lo) >>> (128 - len)) == 0;
    }

    /**
     * rt6_need_strict: multicast, link-local or loopback IPv6 addresses, which bpf_ipv6_fib_lookup
     * never forwards.
     */
    public boolean needsStrictV6() {
        boolean multicast = hi >>> 56 == 0xff;
        boolean linkLocal = hi >>> 54 == 0x3fa; // fe80::/10
        boolean loopback = hi == 0 && lo == 1;
        return multicast || linkLocal || loopback;
    }

    /** The address read in network order from {@code b} at {@code off} (4 or 16 bytes). */
    public static IpAddress read(byte[] b, int off, int family) {
        if (family == AF_INET) {
            return v4(be(b, off, 4));
        }
        return new IpAddress(AF_INET6, be(b, off, 8), be(b, off + 8, 8));
    }

    /** Writes the address in network order into {@code b} at {@code off}. */
    public void write(byte[] b, int off) {
        if (family == AF_INET) {
            putBe(b, off, lo, 4);
        } else {
            putBe(b, off, hi, 8);
            putBe(b, off + 8, lo, 8);
        }
    }

    private static long be(byte[] b, int off, int n) {
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = v << 8 | (b[off + i] & 0xff);
        }
        return v;
    }

    private static void putBe(byte[] b, int off, long v, int n) {
        for (int i = n - 1; i >= 0; i--) {
            b[off + i] = (byte) v;
            v >>>= 8;
        }
    }

    /**
     * Parses {@code 192.168.1.1} (four decimal parts) or an IPv6 literal ({@code fe80::1}); never a
     * host name.
     *
     * @throws IllegalArgumentException saying why not
     */
    public static IpAddress parse(String text) {
        if (text.indexOf(':') >= 0) {
            if (!text.matches("[0-9A-Fa-f:.]+")) {
                throw new IllegalArgumentException("'" + text + "' is not an IPv6 address");
            }
            try {
                InetAddress a = InetAddress.getByName(text); // a literal with ':' is never looked up
                if (!(a instanceof Inet6Address)) {
                    throw new IllegalArgumentException("'" + text + "' is not an IPv6 address");
                }
                byte[] b = a.getAddress();
                return read(b, 0, AF_INET6);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("'" + text + "' is not an IPv6 address", e);
            }
        }
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv4 address (a.b.c.d) or an IPv6 address");
        }
        long v = 0;
        for (String p : parts) {
            if (!p.matches("[0-9]{1,3}") || Integer.parseInt(p) > 255) {
                throw new IllegalArgumentException("'" + text + "' is not an IPv4 address (each part 0-255)");
            }
            v = v << 8 | Integer.parseInt(p);
        }
        return v4(v);
    }

    @Override
    public String toString() {
        if (family == AF_INET) {
            return (lo >>> 24) + "." + (lo >>> 16 & 0xff) + "." + (lo >>> 8 & 0xff) + "." + (lo & 0xff);
        }
        byte[] b = new byte[16];
        write(b, 0);
        try {
            return InetAddress.getByAddress(b).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
