package io.jxdp.verifier.internal;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scalar register as the kernel's log prints it (print_reg_state, print_scalar_ranges), read back
 * into a {@link Reg}: {@code 5}, {@code scalar()} or {@code scalar(smin=umin=10,smax=umax=100,var_off=(0x0; 0x7f))}.
 * The print omits only bounds at their defaults and an unknown var_off, so reading it is exact.
 */
final class ScalarText {
    private static final Pattern ID = Pattern.compile("id=\\d+(?:[+-]\\d+)?,?");
    private static final Pattern VAR_OFF = Pattern.compile("var_off=\\((0x[0-9a-f]+); (0x[0-9a-f]+)\\)");

    private ScalarText() {}

    /** The text without the kernel's scalar ids, which depend on the program around the register. */
    static String withoutId(String text) {
        return ID.matcher(text).replaceAll("").replace(",)", ")");
    }

    /** The register the text describes. */
    static Reg parse(String text) {
        Reg r = new Reg();
        String t = withoutId(text.strip());
        if (!t.startsWith("scalar(")) {
            r.markKnown(number(t));
            return r;
        }
        if (!t.endsWith(")")) {
            throw new IllegalArgumentException("not a scalar: " + text);
        }
        r.markUnknown();
        String body = t.substring("scalar(".length(), t.length() - 1);
        Matcher m = VAR_OFF.matcher(body);
        if (m.find()) {
            r.varOff = new Tnum(number(m.group(1)), number(m.group(2)));
            body = body.substring(0, m.start()) + body.substring(m.end());
        }
        for (String field : body.split(",", -1)) {
            if (field.isEmpty()) {
                continue;
            }
            List<String> parts = List.of(field.split("=", -1));
            long v = number(parts.get(parts.size() - 1));
            for (String name : parts.subList(0, parts.size() - 1)) {
                set(r, name, v);
            }
        }
        return r;
    }

    /** How jxdp prints the register: the kernel's format. */
    static String print(Reg r) {
        return StatePrinter.reg(r, List.of());
    }

    private static void set(Reg r, String name, long v) {
        switch (name) {
            case "smin" -> r.smin = v;
            case "smax" -> r.smax = v;
            case "umin" -> r.umin = v;
            case "umax" -> r.umax = v;
            case "smin32" -> r.s32min = (int) v;
            case "smax32" -> r.s32max = (int) v;
            case "umin32" -> r.u32min = (int) v;
            case "umax32" -> r.u32max = (int) v;
            default -> throw new IllegalArgumentException("unknown scalar field " + name);
        }
    }

    /** verbose_snum/verbose_unum: decimal (signed) or hex (the bit pattern). */
    static long number(String s) {
        return s.startsWith("0x") ? Long.parseUnsignedLong(s.substring(2), 16) : Long.parseLong(s);
    }
}
