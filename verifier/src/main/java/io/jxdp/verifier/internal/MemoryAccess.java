package io.jxdp.verifier.internal;

import io.jxdp.isa.AtomicOp;
import io.jxdp.isa.Instruction;
import io.jxdp.isa.MapDef;
import io.jxdp.isa.Mode;
import io.jxdp.verifier.ErrorCode;
import io.jxdp.verifier.Region;

/**
 * Loads, stores and atomics (check_mem_access and the region checks it dispatches to): every access
 * must be proven inside its object: the XDP context's fields, the packet range proven against
 * pkt_end, a map value, the calling convention's memory, or the stack ({@link StackAccess}).
 */
public final class MemoryAccess {
    /** offsetof(struct xdp_md, ...). */
    static final int XDP_DATA = 0;

    static final int XDP_DATA_END = 4;
    static final int XDP_DATA_META = 8;
    static final int XDP_EGRESS_IFINDEX = 20;
    static final int XDP_MD_SIZE = 24;

    private MemoryAccess() {}

    public static void checkLoad(Checker env, Instruction insn) {
        env.readReg(insn.src());
        env.writableReg(insn.dst());
        boolean ldsx = insn.op().mode() == Mode.MEMSX;
        checkMemAccess(env, insn.src(), insn.offset(), insn.op().size().bytes(), false, insn.dst(), ldsx);
        env.boundsSanity(env.regs()[insn.dst()], "ldx");
    }

    public static void checkStore(Checker env, Instruction insn) {
        boolean reg = insn.op().form() == io.jxdp.isa.Form.STORE_REG;
        if (reg) {
            env.readReg(insn.src());
        }
        env.readReg(insn.dst());
        checkMemAccess(env, insn.dst(), insn.offset(), insn.op().size().bytes(), true, reg ? insn.src() : -1, false);
    }

    /** check_atomic_rmw. */
    public static void checkAtomic(Checker env, Instruction insn) {
        AtomicOp a = insn.op().atomicOp();
        env.readReg(insn.src());
        env.readReg(insn.dst());
        if (a == AtomicOp.CMPXCHG) {
            env.readReg(0);
            if (env.isPointerValue(0)) {
                throw new Rejection(ErrorCode.POINTER_LEAK, 0, "R0 leaks addr into mem");
            }
        }
        if (env.isPointerValue(insn.src())) {
            throw new Rejection(ErrorCode.POINTER_LEAK, insn.src(), "R" + insn.src() + " leaks addr into mem");
        }
        Reg dst = env.regs()[insn.dst()];
        if (dst.type == RegType.PTR_TO_CTX || dst.isPktPointer()) {
            throw new Rejection(
                    ErrorCode.INVALID_MEM_ACCESS,
                    insn.dst(),
                    "BPF_ATOMIC stores into R" + insn.dst() + " " + dst.type.logName(dst.maybeNull)
                            + " is not allowed");
        }
        int loadReg = -1;
        if (a.fetches()) {
            loadReg = a == AtomicOp.CMPXCHG ? 0 : insn.src();
            env.writeUnknown(loadReg, "the old value of an atomic operation");
        }
        int size = insn.op().size().bytes();
        checkAlignment(env, insn.dst(), insn.offset(), size, true);
        checkMemAccess(env, insn.dst(), insn.offset(), size, false, -1, false);
        if (loadReg >= 0) {
            checkMemAccess(env, insn.dst(), insn.offset(), size, false, loadReg, false);
        }
        checkMemAccess(env, insn.dst(), insn.offset(), size, true, -1, false);
    }

    /**
     * check_mem_access: regno + off, size bytes, read (into valueRegno if >= 0) or write (of
     * valueRegno, or of the immediate when -1).
     */
    public static void checkMemAccess(
            Checker env, int regno, int insnOff, int size, boolean write, int valueRegno, boolean ldsx) {
        Reg[] regs = env.regs();
        Reg reg = regs[regno];
        checkAlignment(env, regno, insnOff, size, false);
        int off = insnOff + reg.off;
        int pc = env.insnIdx;
        switch (reg.type) {
            case PTR_TO_MAP_VALUE -> {
                if (reg.maybeNull) {
                    throw invalidMemAccess(regno, reg);
                }
                if (write && valueRegno >= 0 && env.isPointerValue(valueRegno)) {
                    throw new Rejection(ErrorCode.POINTER_LEAK, valueRegno, "R" + valueRegno + " leaks addr into map");
                }
                MapDef map = env.maps.get(reg.mapIndex);
                if (write && (HelperCalls.mapFlags(map) & MapDef.F_RDONLY_PROG) != 0) {
                    throw new Rejection(
                            ErrorCode.READ_ONLY_WRITE,
                            regno,
                            "write into map forbidden, value_size=" + map.valueSize() + " off=" + off + " size="
                                    + size);
                }
                checkMemRegionAccess(env, regno, off, size, map.valueSize(), false);
                env.accesses.record(
                        pc, Region.MAP_VALUE, reg.mapIndex, reg.smin + off, reg.umax + off + size, size, write);
                if (!write && valueRegno >= 0) {
                    env.writeUnknown(valueRegno, "a load from map " + map.name() + "'s value");
                }
            }
            case PTR_TO_MEM -> {
                if (reg.maybeNull) {
                    throw invalidMemAccess(regno, reg);
                }
                if (write && valueRegno >= 0 && env.isPointerValue(valueRegno)) {
                    throw new Rejection(ErrorCode.POINTER_LEAK, valueRegno, "R" + valueRegno + " leaks addr into mem");
                }
                checkMemRegionAccess(env, regno, off, size, reg.memSize, false);
                env.accesses.record(pc, Region.MEM, -1, reg.smin + off, reg.umax + off + size, size, write);
                if (!write && valueRegno >= 0) {
                    env.writeUnknown(valueRegno, "a load from the memory argument");
                }
            }
            case PTR_TO_CTX -> {
                if (write && valueRegno >= 0 && env.isPointerValue(valueRegno)) {
                    throw new Rejection(ErrorCode.POINTER_LEAK, valueRegno, "R" + valueRegno + " leaks addr into ctx");
                }
                checkPtrOffReg(reg, regno);
                RegType fieldType = xdpValidAccess(env, off, size, write, ldsx);
                if (fieldType == null) {
                    throw new Rejection(
                            ErrorCode.CTX_INVALID_ACCESS,
                            regno,
                            "invalid bpf_context access off=" + off + " size=" + size);
                }
                env.accesses.record(pc, Region.CTX, -1, off, off + size, size, write);
                if (!write && valueRegno >= 0) {
                    Reg v = regs[valueRegno];
                    if (fieldType == RegType.SCALAR) {
                        v.markUnknown();
                        env.origin(v, "xdp_md field at offset " + off);
                    } else {
                        v.markPointer(fieldType);
                        env.origin(
                                v,
                                "xdp_md->"
                                        + (off == XDP_DATA ? "data" : off == XDP_DATA_END ? "data_end" : "data_meta"));
                    }
                }
            }
            case PTR_TO_STACK -> {
                StackAccess.checkWithinBounds(
                        env, regno, off, size, write ? StackAccess.Kind.WRITE : StackAccess.Kind.READ);
                if (write) {
                    StackAccess.write(env, regno, off, size, valueRegno);
                } else {
                    StackAccess.read(env, regno, off, size, valueRegno);
                }
                long base = reg.varOff.isConst() ? reg.varOff.value() + off : reg.smin + off;
                long top = reg.varOff.isConst() ? base + size : reg.smax + off + size;
                env.accesses.record(pc, Region.STACK, -1, base, top, size, write);
            }
            case PTR_TO_PACKET, PTR_TO_PACKET_META -> {
                if (write && valueRegno >= 0 && env.isPointerValue(valueRegno)) {
                    throw new Rejection(
                            ErrorCode.POINTER_LEAK, valueRegno, "R" + valueRegno + " leaks addr into packet");
                }
                checkPacketAccess(env, regno, off, size, false);
                env.accesses.record(
                        pc,
                        reg.type == RegType.PTR_TO_PACKET ? Region.PACKET : Region.PACKET_META,
                        -1,
                        reg.smin + off,
                        reg.umax + off + size,
                        size,
                        write);
                if (!write && valueRegno >= 0) {
                    env.writeUnknown(valueRegno, "a load from the packet");
                }
            }
            default -> throw invalidMemAccess(regno, reg);
        }
        if (!write && valueRegno >= 0 && size < 8 && regs[valueRegno].type == RegType.SCALAR) {
            if (ldsx) {
                regs[valueRegno].coerceToSizeSx(size);
            } else {
                regs[valueRegno].coerceToSize(size);
            }
        }
    }

    /**
     * check_ptr_alignment: stack accesses must be aligned to their size (the spill tracking relies
     * on it); atomics must be aligned everywhere (strict_alignment_once). Packet accesses are not
     * checked (NET_IP_ALIGN is 0 on the architectures jxdp emulates).
     */
    static void checkAlignment(Checker env, int regno, int off, int size, boolean strictOnce) {
        Reg reg = env.regs()[regno];
        String desc;
        boolean strict = strictOnce;
        switch (reg.type) {
            case PTR_TO_PACKET, PTR_TO_PACKET_META -> {
                return;
            }
            case PTR_TO_MAP_VALUE -> desc = "value ";
            case PTR_TO_CTX -> desc = "context ";
            case PTR_TO_STACK -> {
                desc = "stack ";
                strict = true;
            }
            default -> desc = "";
        }
        if (!strict || size == 1) {
            return;
        }
        Tnum regOff = reg.varOff.add(Tnum.constant((long) reg.off + off));
        if (!regOff.isAligned(size)) {
            String tn = reg.varOff.isConst() ? Long.toString(reg.varOff.value()) : reg.varOff.toString();
            throw new Rejection(
                    ErrorCode.INVALID_MEM_ACCESS,
                    regno,
                    "misaligned " + desc + "access off " + tn + "+" + reg.off + "+" + off + " size " + size);
        }
    }

    static Rejection invalidMemAccess(int regno, Reg reg) {
        ErrorCode code = reg.maybeNull
                ? ErrorCode.MAP_VALUE_OR_NULL_DEREF
                : reg.type == RegType.SCALAR ? ErrorCode.SCALAR_DEREF : ErrorCode.INVALID_MEM_ACCESS;
        return new Rejection(
                code, regno, "R" + regno + " invalid mem access '" + reg.type.logName(reg.maybeNull) + "'");
    }

    /** __check_ptr_off_reg for ctx: the pointer must be exactly as the program received it. */
    static void checkPtrOffReg(Reg reg, int regno) {
        String name = reg.type.logName(reg.maybeNull);
        if (reg.off < 0) {
            throw new Rejection(
                    ErrorCode.CTX_MODIFIED,
                    regno,
                    "negative offset " + name + " ptr R" + regno + " off=" + reg.off + " disallowed");
        }
        if (reg.off != 0) {
            throw new Rejection(
                    ErrorCode.CTX_MODIFIED,
                    regno,
                    "dereference of modified " + name + " ptr R" + regno + " off=" + reg.off + " disallowed");
        }
        if (!reg.varOff.isConst() || reg.varOff.value() != 0) {
            throw new Rejection(
                    ErrorCode.CTX_MODIFIED,
                    regno,
                    "variable " + name + " access var_off=" + reg.varOff + " disallowed");
        }
    }

    /**
     * xdp_is_valid_access (net/core/filter.c): aligned u32 reads of xdp_md below 24 bytes, no writes,
     * egress_ifindex only for devmap programs. Returns the loaded value's type, or null if invalid.
     */
    static RegType xdpValidAccess(Checker env, int off, int size, boolean write, boolean ldsx) {
        if (!env.options.programType().isXdp()) {
            return null;
        }
        if (env.options.programType().kind() != io.jxdp.verifier.ProgramType.Kind.XDP_DEVMAP
                && off == XDP_EGRESS_IFINDEX) {
            return null;
        }
        if (write) {
            return null;
        }
        RegType t = switch (off) {
            case XDP_DATA -> RegType.PTR_TO_PACKET;
            case XDP_DATA_META -> RegType.PTR_TO_PACKET_META;
            case XDP_DATA_END -> RegType.PTR_TO_PACKET_END;
            default -> RegType.SCALAR;
        };
        if (off < 0 || off >= XDP_MD_SIZE || off % size != 0 || size != 4) {
            return null;
        }
        if (ldsx && t != RegType.SCALAR) {
            return null;
        }
        return t;
    }

    /** check_packet_access. */
    static void checkPacketAccess(Checker env, int regno, int off, int size, boolean zeroSizeAllowed) {
        Reg reg = env.regs()[regno];
        if (reg.smin < 0) {
            throw new Rejection(
                    ErrorCode.NEGATIVE_MIN_VALUE,
                    regno,
                    "R" + regno + " min value is negative, either use unsigned index or do a if (index >=0) check.");
        }
        boolean sizeOk = size > 0 || (size == 0 && zeroSizeAllowed);
        if (reg.range < 0) {
            throw new Rejection(ErrorCode.PKT_OUT_OF_RANGE, regno, "R" + regno + " offset is outside of the packet");
        }
        if (!(off >= 0 && sizeOk && (long) off + size <= reg.range)) {
            throw new Rejection(
                    ErrorCode.PKT_OUT_OF_RANGE,
                    regno,
                    "invalid access to packet, off=" + off + " size=" + size + ", R" + regno + "(id="
                            + (reg.id & ~Scalars.ADD_CONST) + ",off=" + off + ",r=" + reg.range + ")\nR" + regno
                            + " offset is outside of the packet");
        }
    }

    /** check_mem_region_access: both ends of a variable offset must be inside [0, memSize). */
    static void checkMemRegionAccess(Checker env, int regno, int off, int size, int memSize, boolean zeroSizeAllowed) {
        Reg reg = env.regs()[regno];
        if (reg.smin < 0
                && (reg.smin == Long.MIN_VALUE || (off + reg.smin != (int) (off + reg.smin)) || reg.smin + off < 0)) {
            throw new Rejection(
                    ErrorCode.NEGATIVE_MIN_VALUE,
                    regno,
                    "R" + regno + " min value is negative, either use unsigned index or do a if (index >=0) check.");
        }
        String bad = checkMemAccessText(reg, reg.smin + off, size, memSize, zeroSizeAllowed, regno);
        if (bad != null) {
            throw new Rejection(
                    errorFor(reg), regno, bad + "\nR" + regno + " min value is outside of the allowed memory range");
        }
        if (Long.compareUnsigned(reg.umax, Limits.MAX_VAR_OFF) >= 0) {
            throw new Rejection(
                    ErrorCode.UNBOUNDED_ACCESS,
                    regno,
                    "R" + regno + " unbounded memory access, make sure to bounds check any such access");
        }
        bad = checkMemAccessText(reg, reg.umax + off, size, memSize, zeroSizeAllowed, regno);
        if (bad != null) {
            ErrorCode code = reg.varOff.isConst() ? errorFor(reg) : ErrorCode.VAR_OFFSET_OUT_OF_RANGE;
            throw new Rejection(code, regno, bad + "\nR" + regno + " max value is outside of the allowed memory range");
        }
    }

    private static ErrorCode errorFor(Reg reg) {
        return reg.type == RegType.PTR_TO_MAP_VALUE ? ErrorCode.MAP_VALUE_OUT_OF_RANGE : ErrorCode.MEM_OUT_OF_RANGE;
    }

    /** __check_mem_access: null if [off, off + size) fits in memSize, else the kernel's text. */
    static String checkMemAccessText(Reg reg, long off, int size, int memSize, boolean zeroSizeAllowed, int regno) {
        boolean sizeOk = size > 0 || (size == 0 && zeroSizeAllowed);
        if (off >= 0 && sizeOk && off + size <= Integer.toUnsignedLong(memSize)) {
            return null;
        }
        int o = (int) off;
        return switch (reg.type) {
            case PTR_TO_MAP_VALUE ->
                "invalid access to map value, value_size=" + memSize + " off=" + o + " size=" + size;
            case PTR_TO_PACKET, PTR_TO_PACKET_META, PTR_TO_PACKET_END ->
                "invalid access to packet, off=" + o + " size=" + size + ", R" + regno + "(id=" + reg.id + ",off=" + o
                        + ",r=" + memSize + ")";
            default ->
                "invalid access to memory, mem_size=" + Integer.toUnsignedString(memSize) + " off=" + o + " size="
                        + size;
        };
    }
}
