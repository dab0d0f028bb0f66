package io.jxdp.vm.helpers;

import io.jxdp.vm.Cpu;
import java.util.Locale;

/**
 * The printf of {@code bpf_trace_printk}, {@code bpf_trace_vprintk} and {@code bpf_snprintf}: the
 * format rules of bpf_bprintf_prepare (kernel/bpf/helpers.c) and the output of the kernel's
 * bstr_printf, in one pass. A format is printable ASCII or white space; a conversion is {@code %}
 * with flags {@code 0 + - space}, a width, and one of {@code d i u x X} (with {@code l} or {@code
 * ll} for 64 bits), {@code c}, {@code s}, {@code p} ({@code %p %pK %px %ps %pS %pB %pks %pus %pI4
 * %pi4 %pI6 %pi6}), or {@code %%}; anything else, or more conversions than arguments, is {@code
 * -EINVAL}, and arguments that do not fit the kernel's 512-byte argument buffer {@code -ENOSPC}.
 * Strings ({@code %s}) and addresses ({@code %pI4}) are copied as the kernel's {@code _nofault}
 * copies do: what cannot be read prints as an empty string or zeros, never a fault.
 *
 * <p>Where the kernel prints a kernel address ({@code %p}, hashed; {@code %ps}, a symbol) jxdp has
 * neither hash key nor symbols: {@code %p} and {@code %pK} print as {@code %px} does (16 hex
 * digits), {@code %ps %pS %pB} as the kernel prints an address without a symbol ({@code 0x} and 16
 * hex digits).
 */
final class BpfPrintf {
    static final long EINVAL = -22;
    static final long ENOSPC = -28;
    /** MAX_BPRINTF_VARARGS: bpf_snprintf and bpf_trace_vprintk take at most 12 arguments. */
    static final int MAX_VARARGS = 12;
    /** MAX_BPRINTF_BUF: what trace_printk and trace_vprintk format into. */
    static final int MAX_BUF = 1024;
    /** MAX_BPRINTF_BIN_ARGS: the space for the arguments' binary form. */
    static final int MAX_BIN_ARGS = 512;

    private BpfPrintf() {}

    /** A formatted text, or the negative errno that refused the format. */
    record Result(String text, long errno) {}

    /**
     * The arguments of trace_vprintk and snprintf: {@code data_len} a multiple of 8 up to 96, read
     * as u64s at {@code data}. Null (the caller returns -EINVAL) when the length is wrong or a
     * length comes without data.
     */
    static long[] arguments(Cpu cpu, long data, long dataLen, String helper) {
        if (dataLen % 8 != 0 || dataLen > MAX_VARARGS * 8L || (dataLen != 0 && data == 0)) {
            return null;
        }
        long[] args = new long[(int) dataLen / 8];
        for (int i = 0; i < args.length; i++) {
            args[i] = cpu.memory().loadDW(data + 8L * i, cpu.pc);
        }
        return args;
    }

    /**
     * bpf_trace_printk and bpf_trace_vprintk: the format must be NUL-terminated within {@code
     * fmtSize} bytes; the line (at most 1023 characters) goes to the Cpu's trace sink without its
     * final newline; the result is the length bstr_printf would have printed.
     */
    static long tracePrintk(Cpu cpu, long fmtAddr, long fmtSize, long[] args) {
        String fmt = formatWithin(cpu, fmtAddr, fmtSize);
        if (fmt == null) {
            return EINVAL;
        }
        Result r = format(cpu, fmt, args);
        if (r.text == null) {
            return r.errno;
        }
        String line = r.text.length() < MAX_BUF ? r.text : r.text.substring(0, MAX_BUF - 1);
        cpu.trace().accept(line.endsWith("\n") ? line.substring(0, line.length() - 1) : line);
        return r.text.length();
    }

    /** The format at {@code addr} up to its NUL inside {@code size} readable bytes, or null. */
    static String formatWithin(Cpu cpu, long addr, long size) {
        if (size <= 0 || size > Integer.MAX_VALUE) {
            return null;
        }
        byte[] raw = cpu.memory().read(addr, (int) size, cpu.pc);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == 0) {
                return new String(raw, 0, i, java.nio.charset.StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }

    /** The NUL-terminated string at {@code addr} (ARG_PTR_TO_CONST_STR: the verifier proved the NUL). */
    static String constString(Cpu cpu, long addr) {
        StringBuilder s = new StringBuilder();
        for (long a = addr; ; a++) {
            int b = (int) cpu.memory().loadB(a, cpu.pc);
            if (b == 0) {
                return s.toString();
            }
            s.append((char) b);
        }
    }

    /** Checks {@code fmt} against {@code args} as bpf_bprintf_prepare does and prints it as bstr_printf does. */
    static Result format(Cpu cpu, String fmt, long[] args) {
        StringBuilder out = new StringBuilder();
        int binUsed = 0; // bytes of the kernel's bin_args buffer the arguments take
        int spec = 0;
        int n = fmt.length();
        for (int i = 0; i < n; i = i + 1) { // a conversion moves i past itself
            char c = fmt.charAt(i);
            if (c > 0x7e || (c < 0x20 && !isSpace(c))) {
                return errno(EINVAL);
            }
            if (c != '%') {
                out.append(c);
                continue;
            }
            if (at(fmt, i + 1) == '%') {
                out.append('%');
                i++;
                continue;
            }
            if (spec >= args.length) {
                return errno(EINVAL);
            }
            i++;
            boolean left = false;
            boolean plus = false;
            boolean space = false;
            boolean zero = false;
            for (char f = at(fmt, i); f == '0' || f == '+' || f == '-' || f == ' '; f = at(fmt, ++i)) {
                left |= f == '-';
                plus |= f == '+';
                space |= f == ' ';
                zero |= f == '0';
            }
            int width = -1;
            if (at(fmt, i) >= '1' && at(fmt, i) <= '9') {
                width = 0;
                while (at(fmt, i) >= '0' && at(fmt, i) <= '9') {
                    width = Math.min(width * 10 + at(fmt, i) - '0', 1 << 20);
                    i++;
                }
            }
            Spec sp = new Spec(left, plus, space, zero && !left, width);
            long arg = args[spec];
            char conv = at(fmt, i);
            String piece;
            if (conv == 'p') {
                char next = at(fmt, i + 1);
                if (next == 0 || isSpace(next) || isPunct(next)) {
                    binUsed = align4(binUsed) + 8;
                    piece = sp.hexPointer(arg);
                } else if ((next == 'k' || next == 'u') && at(fmt, i + 2) == 's') {
                    i += 2;
                    if (!endsString(fmt, i)) {
                        return errno(EINVAL);
                    }
                    if (binUsed == MAX_BIN_ARGS) {
                        return errno(ENOSPC);
                    }
                    String s = copyString(cpu, arg, MAX_BIN_ARGS - binUsed);
                    binUsed += s.length() + 1;
                    piece = sp.pad(s);
                } else if (next == 'K' || next == 'x' || next == 's' || next == 'S') {
                    i++;
                    binUsed = align4(binUsed) + 8;
                    piece = next == 's' || next == 'S' ? Spec.symbol(arg) : sp.hexPointer(arg);
                } else if (next == 'B') {
                    i++;
                    String s = Spec.symbol(arg);
                    binUsed += s.length() + 1;
                    piece = s;
                } else if ((next == 'i' || next == 'I') && (at(fmt, i + 2) == '4' || at(fmt, i + 2) == '6')) {
                    i += 2;
                    boolean v4 = at(fmt, i) == '4';
                    int size = v4 ? 4 : 16;
                    if (MAX_BIN_ARGS - binUsed < size) {
                        return errno(ENOSPC);
                    }
                    String s = ipAddress(cpu, arg, v4, next == 'I');
                    binUsed += s.length() + 1;
                    piece = sp.pad(s);
                } else {
                    return errno(EINVAL);
                }
            } else if (conv == 's') {
                if (!endsString(fmt, i)) {
                    return errno(EINVAL);
                }
                if (binUsed == MAX_BIN_ARGS) {
                    return errno(ENOSPC);
                }
                String s = copyString(cpu, arg, MAX_BIN_ARGS - binUsed);
                binUsed += s.length() + 1;
                piece = sp.pad(s);
            } else if (conv == 'c') {
                if (binUsed == MAX_BIN_ARGS) {
                    return errno(ENOSPC);
                }
                binUsed++;
                piece = sp.pad(String.valueOf((char) (arg & 0xff)));
            } else {
                int bytes = 4;
                if (at(fmt, i) == 'l') {
                    bytes = 8;
                    i++;
                }
                if (at(fmt, i) == 'l') {
                    i++;
                }
                conv = at(fmt, i);
                if (conv != 'i' && conv != 'd' && conv != 'u' && conv != 'x' && conv != 'X') {
                    return errno(EINVAL);
                }
                binUsed = align4(binUsed);
                if (MAX_BIN_ARGS - binUsed < bytes) {
                    return errno(ENOSPC);
                }
                binUsed += bytes;
                piece = sp.number(bytes == 8 ? arg : conv == 'd' || conv == 'i' ? (int) arg : arg & 0xffff_ffffL, conv);
            }
            spec++;
            out.append(piece);
        }
        return new Result(out.toString(), 0);
    }

    private static Result errno(long e) {
        return new Result(null, e);
    }

    /** The format's character at {@code i}, or NUL past its end (the kernel's format is NUL-terminated). */
    private static char at(String fmt, int i) {
        return i < fmt.length() ? fmt.charAt(i) : 0;
    }

    /** A %s must be followed by the end, a space or punctuation. */
    private static boolean endsString(String fmt, int i) {
        char next = at(fmt, i + 1);
        return next == 0 || isSpace(next) || isPunct(next);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    private static boolean isPunct(char c) {
        return c > ' ' && c < 0x7f && !Character.isLetterOrDigit(c);
    }

    private static int align4(int n) {
        return (n + 3) & ~3;
    }

    /** strncpy_from_kernel_nofault: at most {@code room - 1} characters; a string memory cuts short prints empty. */
    private static String copyString(Cpu cpu, long addr, int room) {
        StringBuilder s = new StringBuilder();
        for (int k = 0; k < room - 1; k++) {
            int b = cpu.memory().peek(addr + k);
            if (b <= 0) {
                return b < 0 ? "" : s.toString(); // a fault anywhere empties the copy
            }
            s.append((char) b);
        }
        return s.toString();
    }

    /** %pI4 1.2.3.4, %pi4 001.002.003.004, %pI6 eight colon-separated groups, %pi6 32 hex digits. */
    private static String ipAddress(Cpu cpu, long addr, boolean v4, boolean dotted) {
        int size = v4 ? 4 : 16;
        int[] b = new int[size];
        for (int k = 0; k < size; k++) {
            b[k] = cpu.memory().peek(addr + k);
        }
        for (int k = 0; k < size; k++) {
            if (b[k] < 0) {
                java.util.Arrays.fill(b, 0); // copy_from_kernel_nofault failed: zeros
                break;
            }
        }
        StringBuilder s = new StringBuilder();
        for (int k = 0; k < size; k++) {
            if (v4) {
                if (k > 0) {
                    s.append('.');
                }
                s.append(dotted ? Integer.toString(b[k]) : String.format(Locale.ROOT, "%03d", b[k]));
            } else {
                if (dotted && k > 0 && k % 2 == 0) {
                    s.append(':');
                }
                s.append(String.format(Locale.ROOT, "%02x", b[k]));
            }
        }
        return s.toString();
    }

    /** A conversion's flags and width, and how vsprintf's number() and string() apply them. */
    private record Spec(boolean left, boolean plus, boolean space, boolean zero, int width) {
        String number(long v, char conv) {
            boolean signed = conv == 'd' || conv == 'i';
            String digits;
            String sign = "";
            if (conv == 'x' || conv == 'X') {
                digits = Long.toHexString(v);
                if (conv == 'X') {
                    digits = digits.toUpperCase(Locale.ROOT);
                }
            } else if (signed) {
                digits = v < 0 ? Long.toUnsignedString(-v) : Long.toString(v);
                sign = v < 0 ? "-" : plus ? "+" : space ? " " : "";
            } else {
                digits = Long.toUnsignedString(v);
            }
            int fill = width - sign.length() - digits.length();
            if (fill <= 0) {
                return sign + digits;
            }
            if (left) {
                return sign + digits + " ".repeat(fill);
            }
            return zero ? sign + "0".repeat(fill) + digits : " ".repeat(fill) + sign + digits;
        }

        String pad(String s) {
            int fill = width - s.length();
            if (fill <= 0) {
                return s;
            }
            return left ? s + " ".repeat(fill) : " ".repeat(fill) + s;
        }

        /** pointer_string: 16 zero-padded hex digits unless a width is given. */
        String hexPointer(long v) {
            if (width < 0) {
                return String.format(Locale.ROOT, "%016x", v);
            }
            return number(v, 'x');
        }

        /** special_hex_number: what %ps prints for an address with no symbol. */
        static String symbol(long v) {
            return String.format(Locale.ROOT, "0x%016x", v);
        }
    }
}
