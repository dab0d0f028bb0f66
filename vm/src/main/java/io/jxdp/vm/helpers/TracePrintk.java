package io.jxdp.vm.helpers;

import io.jxdp.vm.Cpu;
import java.nio.charset.StandardCharsets;

/**
 * {@code bpf_trace_printk(fmt, fmt_size, arg1, arg2, arg3)}: the kernel's subset of printf
 * (kernel/trace/bpf_trace.c, bpf_bprintf_prepare): {@code %d %i %u %x %X} with optional
 * {@code l}/{@code ll}, {@code %c}, {@code %s} (a string the program points at), {@code %p},
 * {@code %%}, at most three arguments. A bad format returns {@code -EINVAL} as the kernel does.
 */
final class TracePrintk {
    private static final long EINVAL = -22;
    private static final int MAX_STRING = 64;

    private TracePrintk() {}

    static long format(Cpu cpu, long fmtAddr, long fmtSize, long a1, long a2, long a3) {
        if (fmtSize <= 0 || fmtSize > 4096) {
            return EINVAL;
        }
        byte[] raw = cpu.memory().read(fmtAddr, (int) fmtSize, cpu.pc);
        int len = 0;
        while (len < raw.length && raw[len] != 0) {
            len++;
        }
        if (len == raw.length) {
            return EINVAL; // the kernel wants the format NUL-terminated within fmt_size
        }
        String fmt = new String(raw, 0, len, StandardCharsets.ISO_8859_1);
        long[] args = {a1, a2, a3};
        StringBuilder out = new StringBuilder();
        int next = 0;
        for (int i = 0; i < fmt.length(); i++) {
            char c = fmt.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            if (++i >= fmt.length()) {
                return EINVAL;
            }
            if (fmt.charAt(i) == '%') {
                out.append('%');
                continue;
            }
            int longs = 0;
            while (i < fmt.length() && fmt.charAt(i) == 'l') {
                longs++;
                i++;
            }
            if (i >= fmt.length() || longs > 2 || next >= args.length) {
                return EINVAL;
            }
            long v = args[next++];
            boolean wide = longs > 0;
            switch (fmt.charAt(i)) {
                case 'd', 'i' -> out.append(wide ? v : (int) v);
                case 'u' -> out.append(wide ? Long.toUnsignedString(v) : Integer.toUnsignedString((int) v));
                case 'x' -> out.append(wide ? Long.toHexString(v) : Integer.toHexString((int) v));
                case 'X' ->
                    out.append((wide ? Long.toHexString(v) : Integer.toHexString((int) v))
                            .toUpperCase(java.util.Locale.ROOT));
                case 'c' -> out.append((char) (v & 0xff));
                case 'p' -> out.append("0x").append(Long.toHexString(v));
                case 's' -> out.append(readString(cpu, v));
                default -> {
                    return EINVAL;
                }
            }
        }
        String line = out.toString();
        cpu.trace().accept(line.endsWith("\n") ? line.substring(0, line.length() - 1) : line);
        return line.length();
    }

    private static String readString(Cpu cpu, long addr) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < MAX_STRING; i++) {
            long b = cpu.memory().loadB(addr + i, cpu.pc);
            if (b == 0) {
                break;
            }
            s.append((char) b);
        }
        return s.toString();
    }
}
