package io.jxdp.cli;

import io.jxdp.vm.maps.BpfMap;
import io.jxdp.vm.maps.MapFlags;
import java.util.List;

/**
 * bpftool's element arguments ({@code parse_elem} and {@code parse_bytes} in map.c): {@code key
 * [hex] BYTES}, {@code value [hex] BYTES} and one of {@code any}, {@code noexist}, {@code exist},
 * in any order, each keyword also as a prefix ({@code k}, {@code val}). A byte is read as {@code
 * strtoul} with base 0 reads it (decimal, {@code 0x} hex, leading-0 octal), or as hex after
 * {@code hex}; unlike bpftool, a number above 255 is refused instead of being cut to its low byte.
 * Messages are bpftool's.
 *
 * @param key the key ({@code key_size} bytes)
 * @param value one value ({@code value_size} bytes; a per-CPU map gets it on every CPU, as bpftool
 *     does), or null when not asked for
 * @param flags {@link MapFlags#ANY} unless given
 */
@SuppressWarnings("ArrayRecordComponent") // parsed arguments, used once: never compared or hashed
record ElemArgs(byte[] key, byte[] value, long flags) {

    static ElemArgs parse(List<String> words, BpfMap m, boolean wantValue) {
        byte[] key = null;
        byte[] value = null;
        Long flags = null;
        int i = 0;
        while (i < words.size()) {
            String w = words.get(i);
            if (isPrefix(w, "key")) {
                if (key != null) {
                    throw bad("duplicate key");
                }
                key = new byte[m.keySize()];
                i = bytes(words, i + 1, "key", key);
            } else if (isPrefix(w, "value")) {
                if (!wantValue) {
                    throw bad("unnecessary value");
                }
                if (value != null) {
                    throw bad("duplicate value");
                }
                value = new byte[m.valueSize()];
                i = bytes(words, i + 1, "value", value);
            } else if (wantValue && (isPrefix(w, "any") || isPrefix(w, "noexist") || isPrefix(w, "exist"))) {
                if (flags != null) {
                    throw bad("flags specified multiple times: " + w);
                }
                flags = isPrefix(w, "any") ? MapFlags.ANY : isPrefix(w, "noexist") ? MapFlags.NOEXIST : MapFlags.EXIST;
                i++;
            } else {
                throw bad("expected key or value, got: " + w);
            }
        }
        if (key == null || (wantValue && value == null)) {
            throw bad("did not find " + (key == null ? "key" : "value"));
        }
        return new ElemArgs(key, value, flags == null ? MapFlags.ANY : flags);
    }

    /** The value as the map's user face takes it: on every CPU of a per-CPU map. */
    byte[] userValue(BpfMap m) {
        if (!m.type().isPerCpu()) {
            return value;
        }
        byte[] all = new byte[m.userValueSize()];
        int step = BpftoolFormat.roundUp8(m.valueSize());
        for (int cpu = 0; cpu < m.nCpus(); cpu++) {
            System.arraycopy(value, 0, all, cpu * step, value.length);
        }
        return all;
    }

    /** Reads {@code into.length} bytes from {@code words[i...]}; the index after them. */
    private static int bytes(List<String> words, int i, String name, byte[] into) {
        int base = 0;
        if (i < words.size() && isPrefix(words.get(i), "hex")) {
            base = 16;
            i++;
        }
        int n = 0;
        while (n < into.length && i + n < words.size()) {
            String w = words.get(i + n);
            int v = strtoulByte(w, base);
            if (v < 0) {
                throw bad("error parsing byte: " + w);
            }
            into[n++] = (byte) v;
        }
        if (n != into.length) {
            throw bad(name + " expected " + into.length + " bytes got " + n);
        }
        return i + n;
    }

    /** The byte {@code strtoul(w, &end, base)} reads when it reads all of {@code w}, or -1. */
    private static int strtoulByte(String w, int base) {
        String digits = w;
        int radix = base;
        if ((base == 0 || base == 16) && (w.startsWith("0x") || w.startsWith("0X")) && w.length() > 2) {
            digits = w.substring(2);
            radix = 16;
        } else if (base == 0) {
            radix = w.length() > 1 && w.startsWith("0") ? 8 : 10;
        }
        if (digits.isEmpty() || digits.length() > 8) {
            return -1;
        }
        for (int k = 0; k < digits.length(); k++) {
            if (Character.digit(digits.charAt(k), radix) < 0) {
                return -1;
            }
        }
        int v = Integer.parseInt(digits, radix);
        return v <= 0xff ? v : -1;
    }

    /** bpftool's {@code is_prefix}: {@code w} is a non-empty prefix of {@code keyword}. */
    private static boolean isPrefix(String w, String keyword) {
        return !w.isEmpty() && keyword.startsWith(w);
    }

    private static UsageException bad(String message) {
        return new UsageException("map", message);
    }
}
