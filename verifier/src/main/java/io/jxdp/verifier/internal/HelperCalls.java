package io.jxdp.verifier.internal;

import io.jxdp.isa.Instruction;
import io.jxdp.isa.MapDef;
import io.jxdp.isa.MapType;
import io.jxdp.verifier.ErrorCode;
import io.jxdp.verifier.internal.HelperProtos.Arg;
import io.jxdp.verifier.internal.HelperProtos.Proto;

/**
 * Helper calls (check_helper_call, check_func_arg, check_map_func_compatibility): arguments are
 * checked against the prototype, R1-R5 are clobbered, R0 gets the return type, and the helpers that
 * move the packet invalidate every packet pointer.
 */
public final class HelperCalls {
    /** __BPF_FUNC_MAX_ID of the kernel this models. */
    static final int FUNC_MAX_ID = 212;

    private HelperCalls() {}

    /** What the arguments taught (struct bpf_call_arg_meta): the map, a constant array key, sizes. */
    private static final class Meta {
        int mapIndex = -1;
        long constMapKey = -1;
        /** The largest size a size argument may have (msize_max_value). */
        long msizeMax;
        /** A callback argument was given. */
        boolean callback;
    }

    public static void checkHelperCall(Checker env, Instruction insn) {
        int funcId = insn.imm32();
        String name = HelperProtos.name(funcId);
        if (funcId < 0 || funcId >= FUNC_MAX_ID) {
            throw new Rejection(ErrorCode.UNKNOWN_HELPER, "invalid func " + name + "#" + funcId);
        }
        Proto fn = HelperProtos.of(funcId);
        if (fn == null
                || (fn.cap() != HelperProtos.Cap.NONE && !env.bpfCapable())
                || (!env.options.programType().isXdp() && fn.changesPktData())) {
            throw new Rejection(
                    ErrorCode.HELPER_NOT_ALLOWED, "program of this type cannot use helper " + name + "#" + funcId);
        }
        if (fn.mightSleep()) {
            throw new Rejection(ErrorCode.HELPER_MIGHT_SLEEP, "helper call might sleep in a non-sleepable prog");
        }
        if (env.options.helpers().isPresent() && !env.options.helpers().get().contains(funcId)) {
            throw new Rejection(
                    ErrorCode.HELPER_NOT_EMULATED,
                    name + "#" + funcId + " is not emulated by this VM: the kernel allows it for XDP, but jxdp's"
                            + " engines cannot run it");
        }
        Meta meta = new Meta();
        for (int i = 0; i < 5; i++) {
            checkFuncArg(env, i, meta, fn);
        }
        // record_func_map
        if (meta.mapIndex >= 0
                && (funcId == 2 || funcId == 3 || funcId == 87 || funcId == 88)
                && (mapFlags(env.maps.get(meta.mapIndex)) & MapDef.F_RDONLY_PROG) != 0) {
            throw new Rejection(ErrorCode.READ_ONLY_WRITE, "write into map forbidden");
        }
        // record_func_key (the kernel's text has no newline)
        if (funcId == 12 && env.maps.get(meta.mapIndex).type() != MapType.PROG_ARRAY) {
            throw new Rejection(ErrorCode.MAP_HELPER_INCOMPATIBLE, "expected prog array map for tail call");
        }
        if (meta.callback) {
            throw new Rejection(
                    ErrorCode.NOT_MODELLED,
                    "jxdp does not model callbacks: " + name + "#" + funcId
                            + " calls a subprogram the kernel verifies in its own frame (the kernel's verifier goes on)");
        }
        if (funcId == 165) {
            throw new Rejection(
                    ErrorCode.NOT_MODELLED,
                    "jxdp does not model bpf_snprintf's format string check (the kernel's verifier goes on)");
        }
        Reg[] regs = env.regs();
        for (int r = 0; r <= 5; r++) {
            regs[r].markNotInit();
            env.markRegScratched(r);
            env.origin(regs[r], "clobbered by the call to " + name);
        }
        setReturn(env, fn, meta, regs[0]);
        if (meta.mapIndex >= 0) {
            MapCompat.check(env.maps.get(meta.mapIndex), funcId);
        }
        if (fn.changesPktData()) {
            clearAllPktPointers(env, name);
        }
    }

    /** The return value (check_helper_call's ret_type switch and do_refine_retval_range). */
    private static void setReturn(Checker env, Proto fn, Meta meta, Reg r0) {
        int funcId = fn.id();
        String name = fn.name();
        switch (fn.ret()) {
            case INTEGER -> {
                r0.markUnknown();
                env.origin(r0, "the return value of " + name);
                if (funcId == 8) {
                    long max = env.cpuCount - 1L;
                    setBounds(r0, 0, max);
                } else if (funcId == 114 || funcId == 115 || funcId == 141) {
                    // do_refine_retval_range: at most the buffer's size, or a negative errno
                    r0.smax = meta.msizeMax;
                    r0.s32max = (int) meta.msizeMax;
                    r0.smin = -Limits.MAX_ERRNO;
                    r0.s32min = (int) -Limits.MAX_ERRNO;
                    r0.syncBounds();
                }
            }
            case VOID -> r0.markNotInit();
            case PTR_TO_MAP_VALUE_OR_NULL -> {
                MapDef map = env.maps.get(meta.mapIndex);
                r0.markPointer(RegType.PTR_TO_MAP_VALUE);
                r0.mapIndex = meta.mapIndex;
                boolean elide = funcId == 1
                        && (map.type() == MapType.ARRAY || map.type() == MapType.PERCPU_ARRAY)
                        && meta.constMapKey >= 0
                        && meta.constMapKey < Integer.toUnsignedLong(map.maxEntries());
                r0.maybeNull = !elide;
                if (r0.maybeNull) {
                    r0.id = env.newId();
                }
                env.origin(
                        r0,
                        elide
                                ? name + " of a constant key inside array " + map.name() + " (never NULL)"
                                : name + " on map " + map.name() + " (NULL when the key is absent)");
            }
            default ->
                throw new Rejection(
                        ErrorCode.NOT_MODELLED,
                        "jxdp does not model the " + describe(fn.ret()) + " " + name + "#" + funcId
                                + " returns (the kernel's verifier goes on)");
        }
    }

    private static String describe(HelperProtos.Ret ret) {
        return switch (ret) {
            case PTR_TO_SOCKET_OR_NULL -> "socket reference";
            case PTR_TO_SOCK_COMMON_OR_NULL -> "sock_common reference";
            case PTR_TO_RINGBUF_MEM_OR_NULL -> "ring buffer reservation";
            case PTR_TO_BTF_ID_OR_NULL, PTR_TO_BTF_ID_TRUSTED -> "BTF-typed kernel pointer";
            case PTR_TO_MEM_OR_BTF_ID -> "per-CPU kernel pointer";
            case PTR_TO_DYNPTR_MEM_OR_NULL -> "dynptr memory";
            default -> ret.name();
        };
    }

    private static void setBounds(Reg r, long min, long max) {
        r.umax = max;
        r.u32max = (int) max;
        r.smax = max;
        r.s32max = (int) max;
        r.umin = min;
        r.u32min = (int) min;
        r.smin = min;
        r.s32min = (int) min;
        r.syncBounds();
    }

    /** check_func_arg. */
    private static void checkFuncArg(Checker env, int arg, Meta meta, Proto fn) {
        Arg type = fn.arg(arg);
        int regno = arg + 1;
        if (type == Arg.DONTCARE) {
            return;
        }
        Reg reg = env.readReg(regno);
        if (type == Arg.ANYTHING) {
            if (env.isPointerValue(regno)) {
                throw new Rejection(ErrorCode.POINTER_LEAK, regno, "R" + regno + " leaks addr into helper function");
            }
            return;
        }
        boolean isNull = reg.isConstValue(0);
        if (!(isNull && type.mayBeNull())) {
            checkRegType(reg, regno, type);
            checkArgRegOff(reg, regno);
        }
        switch (type) {
            case CONST_MAP_PTR -> meta.mapIndex = reg.mapIndex;
            case PTR_TO_MAP_KEY -> {
                int keySize = env.maps.get(meta.mapIndex).keySize();
                checkHelperMemAccess(env, regno, keySize, false, Access.READ);
                meta.constMapKey = constantMapKey(env, reg, keySize);
            }
            case PTR_TO_MAP_VALUE, PTR_TO_UNINIT_MAP_VALUE, PTR_TO_MAP_VALUE_OR_NULL -> {
                if (!(isNull && type.mayBeNull())) {
                    checkHelperMemAccess(env, regno, env.maps.get(meta.mapIndex).valueSize(), false, Access.of(type));
                }
            }
            case PTR_TO_FIXED_SIZE_MEM_RDONLY, PTR_TO_FIXED_SIZE_MEM_WRITE, PTR_TO_FIXED_SIZE_UNINIT_MEM_ALIGNED -> {
                checkHelperMemAccess(env, regno, fn.argSize(arg), false, Access.of(type));
                if (type == Arg.PTR_TO_FIXED_SIZE_UNINIT_MEM_ALIGNED) {
                    MemoryAccess.checkAlignment(env, regno, 0, fn.argSize(arg), true);
                }
            }
            case CONST_SIZE, CONST_SIZE_OR_ZERO ->
                checkMemSizeReg(env, reg, regno, type == Arg.CONST_SIZE_OR_ZERO, Access.of(fn.arg(arg - 1)), meta);
            case CONST_ALLOC_SIZE_OR_ZERO -> {
                if (!reg.varOff.isConst()) {
                    throw new Rejection(ErrorCode.NOT_CONSTANT, regno, "R" + regno + " is not a known constant'");
                }
            }
            case PTR_TO_CONST_STR -> ConstStr.check(env, regno);
            case PTR_TO_FUNC -> meta.callback = true;
            case PTR_TO_SPIN_LOCK, PTR_TO_TIMER, KPTR_XCHG_DEST, PTR_TO_DYNPTR ->
                throw new Rejection(
                        ErrorCode.NOT_MODELLED,
                        regno,
                        "jxdp does not model " + notModelled(type) + " (R" + regno + " of " + fn.name()
                                + "; the kernel's verifier goes on)");
            default -> {}
        }
    }

    private static String notModelled(Arg type) {
        return switch (type) {
            case PTR_TO_SPIN_LOCK -> "bpf_spin_lock (the lock is found through the map's BTF)";
            case PTR_TO_TIMER -> "bpf_timer (the timer is found through the map's BTF)";
            case KPTR_XCHG_DEST -> "kptrs (found through the map's BTF)";
            default -> "dynptrs";
        };
    }

    /** How a helper uses memory: reads it, writes it after reading, or only writes it (raw mode). */
    enum Access {
        READ,
        WRITE,
        RAW_WRITE;

        static Access of(Arg type) {
            return type.uninit() ? RAW_WRITE : type.writes() ? WRITE : READ;
        }
    }

    /** The register types compatible with each argument kind (compatible_reg_types), those jxdp has. */
    private static RegType[] compatible(Arg type) {
        return switch (type) {
            case CONST_MAP_PTR -> new RegType[] {RegType.CONST_PTR_TO_MAP};
            case PTR_TO_CTX -> new RegType[] {RegType.PTR_TO_CTX};
            case CONST_SIZE, CONST_SIZE_OR_ZERO, CONST_ALLOC_SIZE_OR_ZERO -> new RegType[] {RegType.SCALAR};
            case PTR_TO_CONST_STR, PTR_TO_SPIN_LOCK, PTR_TO_TIMER, KPTR_XCHG_DEST ->
                new RegType[] {RegType.PTR_TO_MAP_VALUE};
            case PTR_TO_FUNC -> new RegType[] {RegType.PTR_TO_FUNC};
            case PTR_TO_STACK_OR_NULL, PTR_TO_DYNPTR -> new RegType[] {RegType.PTR_TO_STACK};
            case PTR_TO_BTF_ID,
                    PTR_TO_BTF_ID_OR_NULL,
                    PTR_TO_BTF_ID_SOCK_COMMON,
                    PTR_TO_SOCK_COMMON,
                    PTR_TO_PERCPU_BTF_ID,
                    PTR_TO_RINGBUF_MEM,
                    DONTCARE,
                    ANYTHING -> new RegType[0];
            default ->
                new RegType[] {
                    RegType.PTR_TO_STACK,
                    RegType.PTR_TO_PACKET,
                    RegType.PTR_TO_PACKET_META,
                    RegType.PTR_TO_MAP_VALUE,
                    RegType.PTR_TO_MEM
                };
        };
    }

    /** check_reg_type: a maybe-null register passes only where the argument may be null. */
    private static void checkRegType(Reg reg, int regno, Arg type) {
        for (RegType t : compatible(type)) {
            if (reg.type == t && (!reg.maybeNull || type.mayBeNull())) {
                return;
            }
        }
        throw new Rejection(
                ErrorCode.WRONG_ARG_TYPE,
                regno,
                "R" + regno + " type=" + reg.type.logName(reg.maybeNull) + " expected=" + type.expected());
    }

    /** check_func_arg_reg_off: a ctx argument must be the unmodified pointer. */
    private static void checkArgRegOff(Reg reg, int regno) {
        if (reg.type == RegType.PTR_TO_CTX) {
            MemoryAccess.checkPtrOffReg(reg, regno);
        }
    }

    /** check_helper_mem_access: the helper reads or writes size bytes at the pointer. */
    static void checkHelperMemAccess(Checker env, int regno, long size, boolean zeroSizeAllowed, Access access) {
        Reg reg = env.regs()[regno];
        int sz = (int) size;
        switch (reg.type) {
            case PTR_TO_PACKET, PTR_TO_PACKET_META ->
                MemoryAccess.checkPacketAccess(env, regno, reg.off, sz, zeroSizeAllowed);
            case PTR_TO_MAP_VALUE -> {
                MapDef map = env.maps.get(reg.mapIndex);
                if (access != Access.READ && (mapFlags(map) & MapDef.F_RDONLY_PROG) != 0) {
                    throw new Rejection(
                            ErrorCode.READ_ONLY_WRITE,
                            regno,
                            "write into map forbidden, value_size=" + map.valueSize() + " off=" + reg.off + " size="
                                    + sz);
                }
                MemoryAccess.checkMemRegionAccess(env, regno, reg.off, sz, map.valueSize(), zeroSizeAllowed);
            }
            case PTR_TO_MEM -> MemoryAccess.checkMemRegionAccess(env, regno, reg.off, sz, reg.memSize, zeroSizeAllowed);
            case PTR_TO_STACK ->
                StackAccess.rangeInitialized(
                        env,
                        regno,
                        reg.off,
                        sz,
                        zeroSizeAllowed,
                        switch (access) {
                            case READ -> StackAccess.Kind.HELPER_READ;
                            case WRITE -> StackAccess.Kind.HELPER_WRITE;
                            case RAW_WRITE -> StackAccess.Kind.HELPER_RAW_WRITE;
                        });
            default -> {
                if (zeroSizeAllowed && size == 0 && reg.isConstValue(0)) {
                    return;
                }
                throw new Rejection(
                        ErrorCode.WRONG_ARG_TYPE,
                        regno,
                        "R" + regno + " type=" + reg.type.logName(reg.maybeNull) + " expected=fp");
            }
        }
    }

    /** check_mem_size_reg: the size argument must be bounded, and the memory before it that long. */
    private static void checkMemSizeReg(
            Checker env, Reg reg, int regno, boolean zeroSizeAllowed, Access access, Meta meta) {
        meta.msizeMax = reg.umax;
        if (reg.smin < 0) {
            throw new Rejection(
                    ErrorCode.NEGATIVE_MIN_VALUE,
                    regno,
                    "R" + regno + " min value is negative, either use unsigned or 'var &= const'");
        }
        if (reg.umin == 0 && !zeroSizeAllowed) {
            throw new Rejection(
                    ErrorCode.INVALID_SIZE_ARG,
                    regno,
                    "R" + regno + " invalid zero-sized read: u64=[" + Long.toUnsignedString(reg.umin) + ","
                            + Long.toUnsignedString(reg.umax) + "]");
        }
        if (Long.compareUnsigned(reg.umax, Limits.MAX_VAR_SIZ) >= 0) {
            throw new Rejection(
                    ErrorCode.UNBOUNDED_ACCESS,
                    regno,
                    "R" + regno + " unbounded memory access, use 'var &= const' or 'if (var < const)'");
        }
        checkHelperMemAccess(env, regno - 1, reg.umax, zeroSizeAllowed, access);
    }

    /** get_constant_map_key: the key is a known constant on the stack, or -1. */
    private static long constantMapKey(Checker env, Reg key, int keySize) {
        if (!env.bpfCapable() || key.type != RegType.PTR_TO_STACK || !key.varOff.isConst()) {
            return -1;
        }
        FuncState state = StackAccess.frameOf(env, key);
        int stackOff = (int) (key.off + key.varOff.value());
        int slot = -stackOff - 1;
        int spi = slot / 8;
        int off = slot % 8;
        int zero = 0;
        for (int i = off; i >= 0 && state.kslot(spi, i) == FuncState.STACK_ZERO; i--) {
            zero++;
        }
        if (zero >= keySize) {
            return 0;
        }
        if (!state.isSpill(spi) || state.spilled[spi] == null || state.spilled[spi].type != RegType.SCALAR) {
            return -1;
        }
        int spill = 0;
        for (int i = off; i >= 0 && state.kslot(spi, i) == FuncState.STACK_SPILL; i--) {
            spill++;
        }
        if (spill != keySize || !state.spilled[spi].varOff.isConst()) {
            return -1;
        }
        return state.spilled[spi].varOff.value();
    }

    /** The map's flags as the kernel sees them: devmaps are always BPF_F_RDONLY_PROG (dev_map_alloc sets it). */
    static int mapFlags(MapDef map) {
        return switch (map.type()) {
            case DEVMAP, DEVMAP_HASH -> map.flags() | MapDef.F_RDONLY_PROG;
            default -> map.flags();
        };
    }

    /** clear_all_pkt_pointers: after bpf_xdp_adjust_*, no packet pointer is valid any more. */
    private static void clearAllPktPointers(Checker env, String helper) {
        VState st = env.cur;
        for (int f = 0; f <= st.curFrame; f++) {
            FuncState fs = st.frames[f];
            for (Reg r : fs.regs) {
                invalidate(env, r, helper);
            }
            for (int k = 0; k < FuncState.SLOTS; k++) {
                if (fs.spilled[k] != null && fs.isSpill(k)) {
                    invalidate(env, fs.spilled[k], helper);
                }
            }
        }
    }

    private static void invalidate(Checker env, Reg r, String helper) {
        if (r.isPktPointer() || r.type == RegType.PTR_TO_PACKET_END) {
            if (env.allowPtrLeaks()) {
                r.markUnknown();
            } else {
                r.markNotInit();
            }
            env.origin(r, "a packet pointer invalidated by " + helper);
        }
    }
}
