package io.jxdp.cli;

import io.jxdp.vm.Errno;
import io.jxdp.vm.maps.BpfMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Map entries and map descriptions printed byte for byte as {@code bpftool map} (tools/bpf/bpftool
 * map.c and common.c, Linux 6.18) prints them, in plain text and with {@code -j}; checked against
 * bpftool on kernel 6.18 for hash, array, per-CPU and wide maps. Where bpftool prints a number only
 * the kernel knows ({@code memlock}), jxdp prints nothing.
 */
final class BpftoolFormat {
    private BpftoolFormat() {}

    /**
     * bpftool's {@code fprint_hex}: {@code n} bytes as two hex digits each, separated by {@code
     * sep}, two spaces after every eighth byte and a new line after every sixteenth.
     */
    static String hex(byte[] b, int off, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i == 0) {
                // nothing before the first byte
            } else if (i % 16 == 0) {
                s.append('\n');
            } else if (i % 8 == 0) {
                s.append("  ");
            } else {
                s.append(' ');
            }
            s.append(String.format(Locale.ROOT, "%02x", b[off + i] & 0xff));
        }
        return s.toString();
    }

    /** bpftool's {@code print_hex_data_json}: {@code ["0x0a","0x00",...]}. */
    static String hexJson(byte[] b, int off, int n) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            s.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "\"0x%02x\"", b[off + i] & 0xff));
        }
        return s.append(']').toString();
    }

    /** {@code print_entry_plain}: one entry, ending in a new line; {@code key} is null for keyless maps. */
    static String entry(BpfMap m, byte[] key, byte[] value) {
        int keySize = key == null ? 0 : m.keySize();
        int valueSize = m.valueSize();
        StringBuilder s = new StringBuilder();
        if (!m.type().isPerCpu()) {
            boolean breakNames = keySize > 16 || valueSize > 16;
            boolean singleLine = keySize + valueSize <= 24 && !breakNames;
            if (keySize > 0) {
                s.append("key:").append(breakNames ? '\n' : ' ').append(hex(key, 0, keySize));
                s.append(singleLine ? "  " : "\n");
            }
            if (valueSize > 0) {
                s.append("value:").append(breakNames ? '\n' : ' ').append(hex(value, 0, valueSize));
            }
            return s.append('\n').toString();
        }
        int step = roundUp8(valueSize);
        if (keySize > 0) {
            s.append("key:\n").append(hex(key, 0, keySize)).append('\n');
        }
        for (int cpu = 0; cpu < m.nCpus(); cpu++) {
            s.append(String.format(Locale.ROOT, "value (CPU %02d):", cpu))
                    .append(valueSize > 16 ? '\n' : ' ')
                    .append(hex(value, cpu * step, valueSize))
                    .append('\n');
        }
        return s.toString();
    }

    /** {@code print_entry_json}: one entry as a JSON object. */
    static String entryJson(BpfMap m, byte[] key, byte[] value) {
        StringBuilder s = new StringBuilder("{");
        if (key != null) {
            s.append("\"key\":").append(hexJson(key, 0, m.keySize())).append(',');
        }
        if (!m.type().isPerCpu()) {
            return s.append("\"value\":")
                    .append(hexJson(value, 0, m.valueSize()))
                    .append('}')
                    .toString();
        }
        int step = roundUp8(m.valueSize());
        List<String> perCpu = new ArrayList<>();
        for (int cpu = 0; cpu < m.nCpus(); cpu++) {
            perCpu.add("{\"cpu\":" + cpu + ",\"value\":" + hexJson(value, cpu * step, m.valueSize()) + "}");
        }
        return s.append("\"values\":[")
                .append(String.join(",", perCpu))
                .append("]}")
                .toString();
    }

    /** What {@code bpftool map lookup} prints for a key the map lacks ({@code print_key_value}'s miss). */
    static String notFound(BpfMap m, byte[] key) {
        return "key:\n" + hex(key, 0, m.keySize()) + "\n\nNot found\n";
    }

    /** {@code bpftool map dump}'s last line. */
    static String found(int n) {
        return "Found " + n + " element" + (n == 1 ? "" : "s") + "\n";
    }

    /**
     * {@code show_map_close_plain} without memlock: {@code ID: TYPE  name NAME  flags 0xF} and the
     * sizes on a second line.
     */
    static String show(BpfMap m) {
        return m.id() + ": " + m.type().bpftoolName() + "  name " + m.def().name() + "  flags 0x"
                + Integer.toHexString(m.def().flags()) + "\n\tkey " + m.keySize() + "B  value " + m.valueSize()
                + "B  max_entries " + m.maxEntries() + "\n";
    }

    /** {@code show_map_close_json} without {@code bytes_memlock}. */
    static String showJson(BpfMap m) {
        return "{\"id\":" + m.id() + ",\"type\":\"" + m.type().bpftoolName() + "\",\"name\":\""
                + Json.escape(m.def().name()) + "\",\"flags\":" + m.def().flags() + ",\"bytes_key\":" + m.keySize()
                + ",\"bytes_value\":" + m.valueSize() + ",\"max_entries\":" + m.maxEntries() + ",\"frozen\":0}";
    }

    /** bpftool's {@code Error: WHAT failed: strerror(errno)}. */
    static String failure(String what, Errno errno) {
        return what + " failed: " + strerror(errno);
    }

    /** glibc's {@code strerror} text for the errnos jxdp's maps report. */
    static String strerror(Errno e) {
        return switch (e) {
            case EPERM -> "Operation not permitted";
            case ENOENT -> "No such file or directory";
            case E2BIG -> "Argument list too long";
            case EAGAIN -> "Resource temporarily unavailable";
            case ENOMEM -> "Cannot allocate memory";
            case EACCES -> "Permission denied";
            case EFAULT -> "Bad address";
            case EBUSY -> "Device or resource busy";
            case EEXIST -> "File exists";
            case ENODEV -> "No such device";
            case EINVAL -> "Invalid argument";
            case ENOSPC -> "No space left on device";
            case ERANGE -> "Numerical result out of range";
            case EBADRQC -> "Invalid request code";
            case EOVERFLOW -> "Value too large for defined data type";
            case EOPNOTSUPP -> "Operation not supported";
            case ENOTSUPP -> "Unknown error 524"; // kernel-internal, glibc has no text for it
        };
    }

    static int roundUp8(int n) {
        return (n + 7) & ~7;
    }
}
