package io.jxdp.verifier.internal;

/**
 * The abstract value of one register (struct bpf_reg_state): a type, and for scalars and the
 * variable part of pointers a tnum plus signed/unsigned 64-bit and 32-bit bounds. Mutable; states
 * are copied when the walk forks. The bound functions are the kernel's, named after them.
 */
public final class Reg {
    public static final long S32_MIN = Integer.MIN_VALUE;
    public static final long S32_MAX = Integer.MAX_VALUE;
    public static final long U32_MAX = 0xffffffffL;

    public RegType type = RegType.NOT_INIT;
    /** PTR_MAYBE_NULL: a map_value_or_null or mem_or_null pointer. */
    public boolean maybeNull;
    /** The fixed part of a pointer's offset. */
    public int off;
    /** Links copies: a null check or a packet range check applies to every register of the same id. */
    public int id;
    /** Packet pointers: bytes known to be inside the packet from off 0 of this id. */
    public int range;
    /** Map pointers and map values: the map's index in the program's map table. */
    public int mapIndex = -1;
    /** Stack pointers: which frame. */
    public int frameno;
    /** PTR_TO_MEM: the accessible size. */
    public int memSize;

    public Tnum varOff = Tnum.UNKNOWN;
    public long smin = Long.MIN_VALUE;
    public long smax = Long.MAX_VALUE;
    public long umin = 0;
    public long umax = -1L;
    public int s32min = Integer.MIN_VALUE;
    public int s32max = Integer.MAX_VALUE;
    /** Unsigned 32-bit bounds, held in ints and compared with Integer.compareUnsigned. */
    public int u32min = 0;

    public int u32max = -1;
    /** Where this value was last made or changed, and how: for explanations, not for safety. */
    public int originPc = -1;

    public String originNote;
    /** Packet pointers: the pc whose comparison with pkt_end gave the current range. */
    public int rangePc = -1;

    /** Cuts a scalar's link: no id, and no link delta (a scalar's off means nothing without one). */
    public void clearScalarId() {
        id = 0;
        off = 0;
    }

    public Reg copy() {
        Reg r = new Reg();
        r.copyFrom(this);
        return r;
    }

    public void copyFrom(Reg o) {
        type = o.type;
        maybeNull = o.maybeNull;
        off = o.off;
        id = o.id;
        range = o.range;
        mapIndex = o.mapIndex;
        frameno = o.frameno;
        memSize = o.memSize;
        varOff = o.varOff;
        smin = o.smin;
        smax = o.smax;
        umin = o.umin;
        umax = o.umax;
        s32min = o.s32min;
        s32max = o.s32max;
        u32min = o.u32min;
        u32max = o.u32max;
        originPc = o.originPc;
        originNote = o.originNote;
        rangePc = o.rangePc;
    }

    public boolean isScalar() {
        return type == RegType.SCALAR;
    }

    public boolean isPointer() {
        return type != RegType.SCALAR && type != RegType.NOT_INIT;
    }

    public boolean isPktPointer() {
        return type == RegType.PTR_TO_PACKET || type == RegType.PTR_TO_PACKET_META;
    }

    public boolean isConst() {
        return varOff.isConst();
    }

    /** A scalar known to be this value (the pointer fields are reset too). */
    public boolean isConstValue(long v) {
        return type == RegType.SCALAR && varOff.isConst() && varOff.value() == v;
    }

    private void resetPointerFields() {
        maybeNull = false;
        off = 0;
        id = 0;
        range = 0;
        mapIndex = -1;
        frameno = 0;
        memSize = 0;
        rangePc = -1;
    }

    /** __mark_reg_not_init. */
    public void markNotInit() {
        markUnknown();
        type = RegType.NOT_INIT;
    }

    /** __mark_reg_unknown: a scalar about which nothing is known. */
    public void markUnknown() {
        resetPointerFields();
        type = RegType.SCALAR;
        varOff = Tnum.UNKNOWN;
        markUnbounded();
    }

    /** __mark_reg_known: a scalar of this value. */
    public void markKnown(long imm) {
        resetPointerFields();
        type = RegType.SCALAR;
        setKnownBounds(imm);
    }

    /** ___mark_reg_known: the bounds of a constant, keeping the type (also used for pointers' var_off). */
    public void setKnownBounds(long imm) {
        varOff = Tnum.constant(imm);
        smin = imm;
        smax = imm;
        umin = imm;
        umax = imm;
        s32min = (int) imm;
        s32max = (int) imm;
        u32min = (int) imm;
        u32max = (int) imm;
    }

    /** __mark_reg32_known. */
    public void mark32Known(long imm) {
        varOff = varOff.constSubreg((int) imm);
        s32min = (int) imm;
        s32max = (int) imm;
        u32min = (int) imm;
        u32max = (int) imm;
    }

    public void markUnbounded() {
        mark64Unbounded();
        mark32Unbounded();
    }

    public void mark64Unbounded() {
        smin = Long.MIN_VALUE;
        smax = Long.MAX_VALUE;
        umin = 0;
        umax = -1L;
    }

    public void mark32Unbounded() {
        s32min = Integer.MIN_VALUE;
        s32max = Integer.MAX_VALUE;
        u32min = 0;
        u32max = -1;
    }

    /** __mark_reg_unbounded plus an unknown var_off, keeping the type: a pointer whose offset is lost. */
    public void markBoundsUnknown() {
        varOff = Tnum.UNKNOWN;
        markUnbounded();
    }

    /** A pointer of this type at offset 0 with no variable part. */
    public void markPointer(RegType t) {
        resetPointerFields();
        type = t;
        setKnownBounds(0);
    }

    // ---- kernel bound logic: __update_reg_bounds, __reg_deduce_bounds, __reg_bound_offset ----

    private static long smax64(long a, long b) {
        return Math.max(a, b);
    }

    private static long umax64(long a, long b) {
        return Long.compareUnsigned(a, b) >= 0 ? a : b;
    }

    private static long umin64(long a, long b) {
        return Long.compareUnsigned(a, b) <= 0 ? a : b;
    }

    private static int umax32(int a, int b) {
        return Integer.compareUnsigned(a, b) >= 0 ? a : b;
    }

    private static int umin32(int a, int b) {
        return Integer.compareUnsigned(a, b) <= 0 ? a : b;
    }

    /** __update_reg32_bounds. */
    public void updateBounds32() {
        Tnum v = varOff.subreg();
        int val = (int) v.value();
        int msk = (int) v.mask();
        s32min = Math.max(s32min, val | (msk & Integer.MIN_VALUE));
        s32max = Math.min(s32max, val | (msk & Integer.MAX_VALUE));
        u32min = umax32(u32min, val);
        u32max = umin32(u32max, val | msk);
    }

    /** __update_reg64_bounds. */
    public void updateBounds64() {
        smin = smax64(smin, varOff.value() | (varOff.mask() & Long.MIN_VALUE));
        smax = Math.min(smax, varOff.value() | (varOff.mask() & Long.MAX_VALUE));
        umin = umax64(umin, varOff.value());
        umax = umin64(umax, varOff.value() | varOff.mask());
        // where the u64 range and the tnum share exactly one value, the register is that constant
        long next = varOff.step(umin);
        boolean uminIn = (umin & ~varOff.mask()) == varOff.value();
        long tmax = varOff.value() | varOff.mask();
        if (uminIn && Long.compareUnsigned(next, umax) > 0) {
            setKnownBounds(umin);
        } else if (!uminIn && next == tmax) {
            setKnownBounds(tmax);
        } else if (!uminIn
                && Long.compareUnsigned(next, umax) <= 0
                && Long.compareUnsigned(varOff.step(next), umax) > 0) {
            setKnownBounds(next);
        }
    }

    public void updateBounds() {
        updateBounds32();
        updateBounds64();
    }

    /** __reg32_deduce_bounds. */
    private void deduceBounds32() {
        if ((umin >>> 32) == (umax >>> 32)) {
            u32min = umax32(u32min, (int) umin);
            u32max = umin32(u32max, (int) umax);
            if ((int) umin <= (int) umax) {
                s32min = Math.max(s32min, (int) umin);
                s32max = Math.min(s32max, (int) umax);
            }
        }
        if ((smin >> 32) == (smax >> 32)) {
            if (Integer.compareUnsigned((int) smin, (int) smax) <= 0) {
                u32min = umax32(u32min, (int) smin);
                u32max = umin32(u32max, (int) smax);
            }
            if ((int) smin <= (int) smax) {
                s32min = Math.max(s32min, (int) smin);
                s32max = Math.min(s32max, (int) smax);
            }
        }
        if ((int) (umin >>> 32) + 1 == (int) (umax >>> 32) && (int) umin < 0 && (int) umax >= 0) {
            s32min = Math.max(s32min, (int) umin);
            s32max = Math.min(s32max, (int) umax);
        }
        if ((int) (smin >> 32) + 1 == (int) (smax >> 32) && (int) smin < 0 && (int) smax >= 0) {
            s32min = Math.max(s32min, (int) smin);
            s32max = Math.min(s32max, (int) smax);
        }
        if (u32min <= u32max) { // as s32
            s32min = Math.max(s32min, u32min);
            s32max = Math.min(s32max, u32max);
        }
        if (Integer.compareUnsigned(s32min, s32max) <= 0) {
            u32min = umax32(s32min, u32min);
            u32max = umin32(s32max, u32max);
        } else {
            // the s32 range crosses the sign boundary: the same narrowing as for 64 bits
            if (Integer.compareUnsigned(u32max, s32min) < 0) {
                s32min = u32min;
                u32max = umin32(u32max, s32max);
            } else if (Integer.compareUnsigned(s32max, u32min) < 0) {
                s32max = u32max;
                u32min = umax32(u32min, s32min);
            }
        }
    }

    /** __reg64_deduce_bounds. */
    private void deduceBounds64() {
        if (umin <= umax) { // as s64
            smin = Math.max(smin, umin);
            smax = Math.min(smax, umax);
        }
        if (Long.compareUnsigned(smin, smax) <= 0) {
            umin = umax64(smin, umin);
            umax = umin64(smax, umax);
        } else {
            // the s64 range crosses the sign boundary: if the u64 range meets only one of its ends, both narrow
            if (Long.compareUnsigned(umax, smin) < 0) {
                smin = umin;
                umax = umin64(umax, smax);
            } else if (Long.compareUnsigned(smax, umin) < 0) {
                smax = umax;
                umin = umax64(umin, smin);
            }
        }
    }

    /** __reg_deduce_mixed_bounds. */
    private void deduceMixedBounds() {
        long lo32 = Integer.toUnsignedLong(u32min);
        long hi32 = Integer.toUnsignedLong(u32max);
        long newUmin = (umin & ~0xffffffffL) | lo32;
        long newUmax = (umax & ~0xffffffffL) | hi32;
        umin = umax64(umin, newUmin);
        umax = umin64(umax, newUmax);
        long newSmin = (smin & ~0xffffffffL) | lo32;
        long newSmax = (smax & ~0xffffffffL) | hi32;
        smin = Math.max(smin, newSmin);
        smax = Math.min(smax, newSmax);
        if (Integer.compareUnsigned(s32min, s32max) <= 0) {
            long slo = Integer.toUnsignedLong(s32min);
            long shi = Integer.toUnsignedLong(s32max);
            newUmin = (umin & ~0xffffffffL) | slo;
            newUmax = (umax & ~0xffffffffL) | shi;
            umin = umax64(umin, newUmin);
            umax = umin64(umax, newUmax);
            newSmin = (smin & ~0xffffffffL) | slo;
            newSmax = (smax & ~0xffffffffL) | shi;
            smin = Math.max(smin, newSmin);
            smax = Math.min(smax, newSmax);
        }
        if (s32min >= 0 && smin >= S32_MIN && smax <= S32_MAX) {
            smin = s32min;
            smax = s32max;
            umin = s32min;
            umax = s32max;
            varOff = varOff.intersect(Tnum.range(smin, smax));
        }
    }

    public void deduceBounds() {
        deduceBounds32();
        deduceBounds64();
        deduceMixedBounds();
    }

    /** __reg_bound_offset: learn bits from the unsigned bounds. */
    public void boundOffset() {
        Tnum var64 = varOff.intersect(Tnum.range(umin, umax));
        Tnum var32 =
                var64.subreg().intersect(Tnum.range(Integer.toUnsignedLong(u32min), Integer.toUnsignedLong(u32max)));
        varOff = var64.clearSubreg().or(var32);
    }

    /** reg_bounds_sync. */
    public void syncBounds() {
        updateBounds();
        deduceBounds();
        deduceBounds();
        boundOffset();
        updateBounds();
    }

    /**
     * reg_bounds_sanity_check: the kernel's text if the bounds contradict each other or the tnum
     * (a branch that cannot really be taken), else null.
     */
    public String invariantViolation() {
        if (type != RegType.SCALAR) {
            return null;
        }
        String msg = null;
        if (Long.compareUnsigned(umin, umax) > 0
                || smin > smax
                || Integer.compareUnsigned(u32min, u32max) > 0
                || s32min > s32max) {
            msg = "range bounds violation";
        } else if (varOff.isConst()
                && (umin != varOff.value()
                        || umax != varOff.value()
                        || smin != varOff.value()
                        || smax != varOff.value())) {
            msg = "const tnum out of sync with range bounds";
        } else if (varOff.subregIsConst()) {
            int v = (int) varOff.value();
            if (u32min != v || u32max != v || s32min != v || s32max != v) {
                msg = "const subreg tnum out of sync with range bounds";
            }
        }
        if (msg == null) {
            return null;
        }
        return msg + " u64=[0x" + Long.toHexString(umin) + ", 0x" + Long.toHexString(umax) + "] s64=[0x"
                + Long.toHexString(smin) + ", 0x"
                + Long.toHexString(smax) + "] u32=[0x" + Integer.toHexString(u32min) + ", 0x"
                + Integer.toHexString(u32max) + "] s32=[0x"
                + Integer.toHexString(s32min) + ", 0x" + Integer.toHexString(s32max) + "] var_off=(0x"
                + Long.toHexString(varOff.value())
                + ", 0x" + Long.toHexString(varOff.mask()) + ")";
    }

    /** The bounds contradict each other: the branch that produced them cannot be taken. */
    public boolean boundsInvalid() {
        return Long.compareUnsigned(umin, umax) > 0
                || smin > smax
                || Integer.compareUnsigned(u32min, u32max) > 0
                || s32min > s32max;
    }

    /** __reg_assign_32_into_64: the 64-bit bounds of a zero-extended 32-bit value. */
    public void assign32Into64() {
        umin = Integer.toUnsignedLong(u32min);
        umax = Integer.toUnsignedLong(u32max);
        if (s32min >= 0 && s32max >= 0) {
            smin = s32min;
            smax = s32max;
        } else {
            smin = 0;
            smax = U32_MAX;
        }
    }

    /** zext_32_to_64: the result of a 32-bit operation, zero-extended. */
    public void zext32To64() {
        varOff = varOff.subreg();
        assign32Into64();
    }

    /** coerce_reg_to_size: keep the low size bytes (a narrow load, a truncating move). */
    public void coerceToSize(int size) {
        varOff = varOff.cast(size);
        long mask = size >= 8 ? -1L : (1L << (size * 8)) - 1;
        if ((umin & ~mask) == (umax & ~mask)) {
            umin &= mask;
            umax &= mask;
        } else {
            umin = 0;
            umax = mask;
        }
        smin = umin;
        smax = umax;
        if (size < 4) {
            mark32Unbounded();
        }
        syncBounds();
    }

    /**
     * coerce_reg_to_size_sx: sign-extend the low size bytes into 64 bits (movsx, ldsx), as the
     * running 6.18 kernel does it (probed with movsx and ldsx of each size on ranges of either sign).
     */
    public void coerceToSizeSx(int size) {
        int bits = size * 8;
        if (varOff.isConst()) {
            setKnownBounds(signExtend(varOff.value(), size));
            return;
        }
        long topSmax = (smax >>> bits) << bits;
        long topSmin = (smin >>> bits) << bits;
        if (topSmax == topSmin) {
            long a = signExtend(smax, size);
            long b = signExtend(smin, size);
            long max = Math.max(a, b);
            long min = Math.min(a, b);
            if ((max >= 0) == (min >= 0)) {
                smin = min;
                smax = max;
                s32min = (int) min;
                s32max = (int) max;
                umin = min;
                umax = max;
                u32min = (int) min;
                u32max = (int) max;
                varOff = Tnum.range(min, max);
                return;
            }
        }
        long lowest = -(1L << (bits - 1));
        if (s32min >= lowest && s32max <= -lowest - 1) {
            // The running kernel (6.18.44; the upstream 6.18 source goes straight to
            // set_sext64_default_val here) falls back on the 32-bit bounds when the signed ones fit
            // in size bytes, as they always do for size 4: the result is then the s32 value itself,
            // sign-extended. The 32-bit bounds stay, s64 takes the s32 range, and the u64 bounds and
            // the tnum are learned again from them (the source's tnum is not kept).
            smin = s32min;
            smax = s32max;
            umin = 0;
            umax = -1L;
            varOff = Tnum.UNKNOWN;
            syncBounds();
            return;
        }
        // set_sext64_default_val
        smin = -(1L << (bits - 1));
        smax = (1L << (bits - 1)) - 1;
        s32min = (int) smin;
        s32max = (int) smax;
        umin = 0;
        u32min = 0;
        umax = -1L;
        u32max = -1;
        varOff = Tnum.UNKNOWN;
    }

    /** coerce_subreg_to_size_sx: sign-extend the low size bytes into the 32-bit subregister. */
    public void coerceSubregToSizeSx(int size) {
        int bits = size * 8;
        if (varOff.subregIsConst()) {
            int v = (int) signExtend(varOff.value(), size);
            varOff = Tnum.constant(Integer.toUnsignedLong(v));
            s32min = v;
            s32max = v;
            u32min = v;
            u32max = v;
            return;
        }
        int topSmax = (s32max >>> bits) << bits;
        int topSmin = (s32min >>> bits) << bits;
        if (topSmax == topSmin) {
            int a = (int) signExtend(s32max, size);
            int b = (int) signExtend(s32min, size);
            int max = Math.max(a, b);
            int min = Math.min(a, b);
            if ((max >= 0) == (min >= 0)) {
                s32min = min;
                s32max = max;
                u32min = min;
                u32max = max;
                varOff = Tnum.subregRange(min, max);
                return;
            }
        }
        // set_sext32_default_val
        s32min = -(1 << (bits - 1));
        s32max = (1 << (bits - 1)) - 1;
        u32min = 0;
        u32max = -1;
        varOff = Tnum.UNKNOWN.subreg();
    }

    static long signExtend(long v, int size) {
        int shift = 64 - size * 8;
        return (v << shift) >> shift;
    }

    /** The state of a scalar's bounds equal in every field (for exact state comparison). */
    public boolean sameValue(Reg o) {
        return type == o.type
                && maybeNull == o.maybeNull
                && off == o.off
                && range == o.range
                && mapIndex == o.mapIndex
                && frameno == o.frameno
                && memSize == o.memSize
                && varOff.equals(o.varOff)
                && smin == o.smin
                && smax == o.smax
                && umin == o.umin
                && umax == o.umax
                && s32min == o.s32min
                && s32max == o.s32max
                && u32min == o.u32min
                && u32max == o.u32max;
    }
}
