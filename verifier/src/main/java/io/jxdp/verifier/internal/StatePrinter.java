package io.jxdp.verifier.internal;

import io.jxdp.isa.MapDef;
import java.util.List;

/** Register and stack state as log.c prints it (print_verifier_state, print_reg_state). */
public final class StatePrinter {
    private StatePrinter() {}

    /** verbose_snum: decimal within s16, else hex. */
    static String snum(long v) {
        return v >= Short.MIN_VALUE && v <= Short.MAX_VALUE ? Long.toString(v) : "0x" + Long.toHexString(v);
    }

    /** verbose_unum: decimal up to u16, else hex. */
    static String unum(long v) {
        return Long.compareUnsigned(v, 0xffff) <= 0 ? Long.toString(v) : "0x" + Long.toHexString(v);
    }

    /** print_reg_state. */
    public static String reg(Reg reg, List<MapDef> maps) {
        StringBuilder sb = new StringBuilder();
        RegType t = reg.type;
        if ((t == RegType.SCALAR || t == RegType.PTR_TO_STACK) && reg.varOff.isConst()) {
            sb.append(t == RegType.SCALAR ? "" : t.logName());
            sb.append(snum(reg.varOff.value() + (t == RegType.SCALAR ? 0 : reg.off)));
            return sb.toString();
        }
        sb.append(t.logName(reg.maybeNull)).append('(');
        Sep sep = new Sep(sb);
        if (reg.id != 0) {
            sep.add("id=" + (reg.id & ~Scalars.ADD_CONST));
            if ((reg.id & Scalars.ADD_CONST) != 0) {
                sb.append(reg.off >= 0 ? "+" : "").append(reg.off);
            }
        }
        if ((t == RegType.CONST_PTR_TO_MAP || t == RegType.PTR_TO_MAP_VALUE)
                && reg.mapIndex >= 0
                && reg.mapIndex < maps.size()) {
            MapDef m = maps.get(reg.mapIndex);
            sep.add("ks=" + m.keySize() + ",vs=" + m.valueSize());
        }
        if (t != RegType.SCALAR && reg.off != 0) {
            sep.add("off=" + reg.off);
        }
        if (reg.isPktPointer()) {
            sep.add("r=" + unum(reg.range));
        }
        if (reg.varOff.isConst()) {
            if (reg.varOff.value() != 0) {
                sep.add("imm=" + snum(reg.varOff.value()));
            }
        } else {
            scalarRanges(reg, sep);
            if (!reg.varOff.isUnknown()) {
                sep.add("var_off=" + reg.varOff);
            }
        }
        sb.append(')');
        return sb.toString();
    }

    private static final class Sep {
        final StringBuilder sb;
        boolean first = true;

        Sep(StringBuilder sb) {
            this.sb = sb;
        }

        void add(String s) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            sb.append(s);
        }
    }

    /** print_scalar_ranges: equal bounds share one value, {@code smin=smin32=0}. */
    private static void scalarRanges(Reg reg, Sep sep) {
        String[] names = {"smin", "smax", "umin", "umax", "smin32", "smax32", "umin32", "umax32"};
        // an s32 that does not print as a decimal is taken as its 32 bits, zero-extended (so that
        // its hex is not sign-extended): it then shares a value with a u32 or u64 bound, not with s64
        long[] vals = {
            reg.smin,
            reg.smax,
            reg.umin,
            reg.umax,
            s32Value(reg.s32min),
            s32Value(reg.s32max),
            Integer.toUnsignedLong(reg.u32min),
            Integer.toUnsignedLong(reg.u32max)
        };
        boolean[] omit = {
            reg.smin == Long.MIN_VALUE,
            reg.smax == Long.MAX_VALUE,
            reg.umin == 0,
            reg.umax == -1L,
            reg.s32min == Integer.MIN_VALUE,
            reg.s32max == Integer.MAX_VALUE,
            reg.u32min == 0,
            reg.u32max == -1
        };
        for (int i = 0; i < names.length; i++) {
            if (omit[i]) {
                continue;
            }
            boolean neg1 = names[i].charAt(0) == 's' && vals[i] < 0;
            StringBuilder part = new StringBuilder(names[i]).append('=');
            for (int j = i + 2; j < names.length; j += 2) {
                if (omit[j] || vals[j] != vals[i]) {
                    continue;
                }
                boolean neg2 = names[j].charAt(0) == 's' && vals[j] < 0;
                if (neg2 != neg1) {
                    continue;
                }
                omit[j] = true;
                part.append(names[j]).append('=');
            }
            part.append(names[i].charAt(0) == 's' ? snum(vals[i]) : unum(vals[i]));
            sep.add(part.toString());
        }
    }

    /** The value print_scalar_ranges keeps for an s32 bound: itself if decimal, else its u32. */
    private static long s32Value(int v) {
        return v >= Short.MIN_VALUE && v <= Short.MAX_VALUE ? v : Integer.toUnsignedLong(v);
    }

    private static final char[] SLOT_CHARS = {'?', 'r', 'm', '0'};

    /**
     * print_verifier_state for one frame: registers (all, or the scratched ones) and stack slots,
     * each prefixed by a space, then a newline.
     */
    public static String frame(FuncState f, boolean all, int scratchedRegs, long scratchedSlots, List<MapDef> maps) {
        StringBuilder sb = new StringBuilder();
        if (f.frameno != 0) {
            sb.append(" frame").append(f.frameno).append(':');
        }
        for (int i = 0; i < f.regs.length; i++) {
            Reg r = f.regs[i];
            if (r.type == RegType.NOT_INIT) {
                continue;
            }
            if (!all && (scratchedRegs & (1 << i)) == 0) {
                continue;
            }
            sb.append(" R").append(i).append('=').append(reg(r, maps));
        }
        for (int k = 0; k < f.allocatedStack / 8; k++) {
            boolean valid = false;
            StringBuilder types = new StringBuilder();
            for (int j = 0; j < 8; j++) {
                byte b = f.kslot(k, j);
                if (b != FuncState.STACK_INVALID) {
                    valid = true;
                }
                types.append(SLOT_CHARS[b]);
            }
            if (!valid || (!all && (scratchedSlots & (1L << k)) == 0)) {
                continue;
            }
            sb.append(" fp").append(-(k + 1) * 8).append('=');
            if (f.kslot(k, 7) == FuncState.STACK_SPILL && f.spilled[k] != null) {
                for (int j = 0; j < 8; j++) {
                    if (f.kslot(k, j) != FuncState.STACK_SPILL) {
                        sb.append(SLOT_CHARS[f.kslot(k, j)]);
                    }
                }
                Reg sp = f.spilled[k];
                sb.append(reg(sp, maps));
            } else {
                sb.append(types);
            }
        }
        sb.append('\n');
        return sb.toString();
    }
}
