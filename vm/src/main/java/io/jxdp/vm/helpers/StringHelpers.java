package io.jxdp.vm.helpers;

import io.jxdp.vm.Cpu;
import io.jxdp.vm.Errno;
import java.nio.charset.StandardCharsets;

/**
 * The string helpers of kernel/bpf/helpers.c: {@code bpf_strncmp}, {@code bpf_strtol}, {@code
 * bpf_strtoul} and {@code bpf_snprintf}, with the kernel's results and errnos.
 */
public final class StringHelpers {
    /** BPF_STRTOX_BASE_MASK: the flags of strtol/strtoul are the base and nothing else. */
    static final long BASE_MASK = 0x1f;
    /** The kernel copies at most 63 characters (after spaces and sign) into a local buffer to parse. */
    static final int PARSE_MAX = 63;

    private StringHelpers() {}

    /**
     * 182: {@code long bpf_strncmp(const char *s1, u32 s1_sz, const char *s2)}: lib/string.c's
     * strncmp, comparing unsigned bytes and returning -1, 0 or 1.
     */
    public static long strncmp(Cpu cpu, long r1, long r2, long r3, long r4, long r5) {
        long n = r2 & 0xffff_ffffL;
        for (long i = 0; i < n; i++) {
            long c1 = cpu.memory().loadB(r1 + i, cpu.pc);
            long c2 = cpu.memory().loadB(r3 + i, cpu.pc);
            if (c1 != c2) {
                return c1 < c2 ? -1 : 1;
            }
            if (c1 == 0) {
                break;
            }
        }
        return 0;
    }

    /**
     * 105: {@code long bpf_strtol(const char *buf, size_t buf_len, u64 flags, long *res)}: the
     * characters consumed, or -EINVAL (bad base or flags, no digits) or -ERANGE; {@code *res} is 0
     * unless a number was parsed.
     */
    public static long strtol(Cpu cpu, long r1, long r2, long r3, long r4, long r5) {
        cpu.memory().storeDW(r4, 0, cpu.pc);
        Parsed p = parse(cpu, r1, r2, r3);
        if (p.consumed < 0) {
            return p.consumed;
        }
        long value;
        if (p.negative) {
            if (-p.magnitude > 0) {
                return Errno.ERANGE.negative();
            }
            value = -p.magnitude;
        } else {
            if (p.magnitude < 0) {
                return Errno.ERANGE.negative();
            }
            value = p.magnitude;
        }
        cpu.memory().storeDW(r4, value, cpu.pc);
        return p.consumed;
    }

    /** 106: {@code long bpf_strtoul(const char *buf, size_t buf_len, u64 flags, unsigned long *res)}: a sign is -EINVAL. */
    public static long strtoul(Cpu cpu, long r1, long r2, long r3, long r4, long r5) {
        cpu.memory().storeDW(r4, 0, cpu.pc);
        Parsed p = parse(cpu, r1, r2, r3);
        if (p.consumed < 0) {
            return p.consumed;
        }
        if (p.negative) {
            return Errno.EINVAL.negative();
        }
        cpu.memory().storeDW(r4, p.magnitude, cpu.pc);
        return p.consumed;
    }

    /**
     * 165: {@code long bpf_snprintf(char *str, u32 str_size, const char *fmt, u64 *data, u32
     * data_len)}: prints into {@code str} (NUL-terminated, truncated to {@code str_size}) and returns
     * the length the whole text needs, NUL included; -EINVAL or -ENOSPC as {@link BpfPrintf} says.
     */
    public static long snprintf(Cpu cpu, long r1, long r2, long r3, long r4, long r5) {
        long[] args = BpfPrintf.arguments(cpu, r4, r5 & 0xffff_ffffL, "bpf_snprintf");
        if (args == null) {
            return BpfPrintf.EINVAL;
        }
        String fmt = BpfPrintf.constString(cpu, r3);
        BpfPrintf.Result r = BpfPrintf.format(cpu, fmt, args);
        if (r.text() == null) {
            return r.errno();
        }
        byte[] text = r.text().getBytes(StandardCharsets.ISO_8859_1);
        int size = (int) Math.min(r2 & 0xffff_ffffL, Integer.MAX_VALUE);
        if (size > 0) {
            int n = Math.min(text.length, size - 1);
            byte[] out = java.util.Arrays.copyOf(text, n + 1);
            out[n] = 0; // the NUL after what fits
            cpu.memory().write(r1, out, 0, n + 1, cpu.pc, "bpf_snprintf: write of the text");
        }
        return text.length + 1L;
    }

    /** What __bpf_strtoull found: characters consumed (or a negative errno), the sign, the magnitude. */
    private record Parsed(long consumed, boolean negative, long magnitude) {}

    /** __bpf_strtoull with lib/kstrtox.c's _parse_integer_fixup_radix and _parse_integer. */
    private static Parsed parse(Cpu cpu, long buf, long bufLen, long flags) {
        int base = (int) (flags & BASE_MASK);
        if (bufLen == 0 || (base != 0 && base != 8 && base != 10 && base != 16) || (flags & ~BASE_MASK) != 0) {
            return new Parsed(Errno.EINVAL.negative(), false, 0);
        }
        byte[] raw = cpu.memory().read(buf, (int) Math.min(bufLen, Integer.MAX_VALUE), cpu.pc);
        int at = 0;
        while (at < raw.length && isSpace(raw[at] & 0xff)) {
            at++;
        }
        boolean negative = at < raw.length && raw[at] == '-';
        if (negative) {
            at++;
        }
        int consumed = at;
        int len = Math.min(raw.length - at, PARSE_MAX);
        if (len == 0) {
            return new Parsed(Errno.EINVAL.negative(), negative, 0);
        }
        byte[] s = java.util.Arrays.copyOfRange(raw, at, at + len + 1); // NUL-terminated, as the kernel's copy
        s[len] = 0;
        int i = 0;
        if (base == 0) {
            if (s[0] == '0') {
                base = lower(at(s, 1)) == 'x' && isHexDigit(at(s, 2)) ? 16 : 8;
            } else {
                base = 10;
            }
        }
        if (base == 16 && s[0] == '0' && lower(at(s, 1)) == 'x') {
            i = 2;
        }
        int start = i;
        long res = 0;
        boolean overflow = false;
        for (; ; i++) {
            int c = at(s, i);
            int lc = lower(c);
            int val;
            if (c >= '0' && c <= '9') {
                val = c - '0';
            } else if (lc >= 'a' && lc <= 'f') {
                val = lc - 'a' + 10;
            } else {
                break;
            }
            if (val >= base) {
                break;
            }
            if ((res & (~0L << 60)) != 0 && Long.compareUnsigned(res, Long.divideUnsigned(-1L - val, base)) > 0) {
                overflow = true;
            }
            res = res * base + val;
        }
        if (overflow) {
            return new Parsed(Errno.ERANGE.negative(), negative, 0);
        }
        if (i == start) {
            return new Parsed(Errno.EINVAL.negative(), negative, 0);
        }
        return new Parsed(consumed + i, negative, res);
    }

    private static int at(byte[] s, int i) {
        return i < s.length ? s[i] & 0xff : 0;
    }

    private static int lower(int c) {
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    }

    private static boolean isHexDigit(int c) {
        int l = lower(c);
        return (c >= '0' && c <= '9') || (l >= 'a' && l <= 'f');
    }

    /** The kernel's isspace: the C locale's six, and Latin-1's no-break space (0xa0). */
    private static boolean isSpace(int c) {
        return c == ' ' || (c >= '\t' && c <= '\r') || c == 0xa0;
    }
}
