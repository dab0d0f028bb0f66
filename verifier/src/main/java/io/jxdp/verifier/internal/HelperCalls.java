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

    /** What the arguments taught: the map, and a constant array key (for non-null lookups). */
    private static final class Meta {
        int mapIndex = -1;
        long constMapKey = -1;
    }

    public static void checkHelperCall(Checker env, Instruction insn) {
        int funcId = insn.imm32();
        String name = HelperProtos.name(funcId);
        if (funcId < 0 || funcId >= FUNC_MAX_ID) {
            throw new Rejection(ErrorCode.UNKNOWN_HELPER, "invalid func " + name + "#" + funcId);
        }
        Proto fn = HelperProtos.of(funcId);
        if (fn == null
                || (fn.needsPerfmon() && !env.allowPtrLeaks())
                || (!env.options.programType().isXdp() && fn.changesPktData())) {
            throw new Rejection(
                    ErrorCode.HELPER_NOT_ALLOWED, "program of this type cannot use helper " + name + "#" + funcId);
        }
        Meta meta = new Meta();
        for (int i = 0; i < 5; i++) {
            checkFuncArg(env, i, meta, fn);
        }
        Reg[] regs = env.regs();
        for (int r = 0; r <= 5; r++) {
            regs[r].markNotInit();
            env.markRegScratched(r);
            env.origin(regs[r], "clobbered by the call to " + name);
        }
        Reg r0 = regs[0];
        if (fn.ret() == HelperProtos.Ret.INTEGER) {
            r0.markUnknown();
            env.origin(r0, "the return value of " + name);
            if (funcId == 8) {
                long max = env.cpuCount - 1L;
                r0.umax = max;
                r0.u32max = (int) max;
                r0.smax = max;
                r0.s32max = (int) max;
                r0.umin = 0;
                r0.u32min = 0;
                r0.smin = 0;
                r0.s32min = 0;
                r0.syncBounds();
            }
        } else if (fn.ret() == HelperProtos.Ret.VOID) {
            r0.markNotInit();
        } else {
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
                            ? "bpf_map_lookup_elem of a constant key inside array " + map.name() + " (never NULL)"
                            : "bpf_map_lookup_elem on map " + map.name() + " (NULL when the key is absent)");
        }
        if (meta.mapIndex >= 0
                && (funcId == 2 || funcId == 3 || funcId == 87 || funcId == 88)
                && (mapFlags(env.maps.get(meta.mapIndex)) & MapDef.F_RDONLY_PROG) != 0) {
            throw new Rejection(ErrorCode.READ_ONLY_WRITE, "write into map forbidden");
        }
        if (meta.mapIndex >= 0) {
            checkMapFuncCompatibility(env.maps.get(meta.mapIndex), funcId, name);
        }
        if (fn.changesPktData()) {
            clearAllPktPointers(env, name);
        }
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
        boolean mayBeNull = type == Arg.PTR_TO_MEM_OR_NULL_RDONLY;
        boolean isNull = reg.isConstValue(0);
        if (!(isNull && mayBeNull)) {
            checkRegType(reg, regno, type);
            checkArgRegOff(reg, regno);
        }
        switch (type) {
            case CONST_MAP_PTR -> meta.mapIndex = reg.mapIndex;
            case PTR_TO_MAP_KEY -> {
                int keySize = env.maps.get(meta.mapIndex).keySize();
                checkHelperMemAccess(env, regno, keySize, false, false);
                meta.constMapKey = constantMapKey(env, reg, keySize);
            }
            case PTR_TO_MAP_VALUE ->
                checkHelperMemAccess(env, regno, env.maps.get(meta.mapIndex).valueSize(), false, false);
            case PTR_TO_UNINIT_MAP_VALUE ->
                checkHelperMemAccess(env, regno, env.maps.get(meta.mapIndex).valueSize(), false, true);
            case CONST_SIZE, CONST_SIZE_OR_ZERO -> checkMemSizeReg(env, reg, regno, type == Arg.CONST_SIZE_OR_ZERO);
            default -> {}
        }
    }

    /** The compatible register types of each argument kind (compatible_reg_types), as the log names them. */
    private static RegType[] compatible(Arg type) {
        return switch (type) {
            case CONST_MAP_PTR -> new RegType[] {RegType.CONST_PTR_TO_MAP};
            case PTR_TO_CTX -> new RegType[] {RegType.PTR_TO_CTX};
            case PTR_TO_MAP_KEY,
                    PTR_TO_MAP_VALUE,
                    PTR_TO_UNINIT_MAP_VALUE,
                    PTR_TO_MEM_RDONLY,
                    PTR_TO_MEM_OR_NULL_RDONLY ->
                new RegType[] {
                    RegType.PTR_TO_STACK,
                    RegType.PTR_TO_PACKET,
                    RegType.PTR_TO_PACKET_META,
                    RegType.PTR_TO_MAP_VALUE,
                    RegType.PTR_TO_MEM
                };
            case CONST_SIZE, CONST_SIZE_OR_ZERO -> new RegType[] {RegType.SCALAR};
            default -> new RegType[0];
        };
    }

    /** The kernel's expected list for each argument kind, as check_reg_type prints it. */
    private static String expectedText(Arg type) {
        return switch (type) {
            case CONST_MAP_PTR -> "map_ptr";
            case PTR_TO_CTX -> "ctx";
            case PTR_TO_MAP_KEY,
                    PTR_TO_MAP_VALUE,
                    PTR_TO_UNINIT_MAP_VALUE,
                    PTR_TO_MEM_RDONLY,
                    PTR_TO_MEM_OR_NULL_RDONLY ->
                "fp, pkt, pkt_meta, map_key, map_value, mem, ringbuf_mem, buf, trusted_ptr_";
            case CONST_SIZE, CONST_SIZE_OR_ZERO -> "scalar";
            default -> "?";
        };
    }

    /** check_reg_type. */
    private static void checkRegType(Reg reg, int regno, Arg type) {
        for (RegType t : compatible(type)) {
            if (reg.type == t && !reg.maybeNull) {
                return;
            }
        }
        throw new Rejection(
                ErrorCode.WRONG_ARG_TYPE,
                regno,
                "R" + regno + " type=" + reg.type.logName(reg.maybeNull) + " expected=" + expectedText(type));
    }

    /** check_func_arg_reg_off: a ctx argument must be the unmodified pointer. */
    private static void checkArgRegOff(Reg reg, int regno) {
        if (reg.type == RegType.PTR_TO_CTX) {
            MemoryAccess.checkPtrOffReg(reg, regno);
        }
    }

    /** check_helper_mem_access: the helper reads size bytes at the pointer. */
    static void checkHelperMemAccess(Checker env, int regno, long size, boolean zeroSizeAllowed, boolean write) {
        Reg reg = env.regs()[regno];
        int sz = (int) size;
        switch (reg.type) {
            case PTR_TO_PACKET, PTR_TO_PACKET_META ->
                MemoryAccess.checkPacketAccess(env, regno, reg.off, sz, zeroSizeAllowed);
            case PTR_TO_MAP_VALUE ->
                MemoryAccess.checkMemRegionAccess(
                        env, regno, reg.off, sz, env.maps.get(reg.mapIndex).valueSize(), zeroSizeAllowed);
            case PTR_TO_MEM -> MemoryAccess.checkMemRegionAccess(env, regno, reg.off, sz, reg.memSize, zeroSizeAllowed);
            case PTR_TO_STACK ->
                StackAccess.rangeInitialized(
                        env,
                        regno,
                        reg.off,
                        sz,
                        zeroSizeAllowed,
                        write ? StackAccess.Kind.HELPER_WRITE : StackAccess.Kind.HELPER_READ);
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
    private static void checkMemSizeReg(Checker env, Reg reg, int regno, boolean zeroSizeAllowed) {
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
        checkHelperMemAccess(env, regno - 1, reg.umax, zeroSizeAllowed, false);
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

    /**
     * check_map_func_compatibility, for the helpers jxdp offers: first what the map type allows,
     * then what the helper needs.
     */
    static void checkMapFuncCompatibility(MapDef map, int funcId, String name) {
        MapType type = map.type();
        boolean ok = switch (type) {
            case DEVMAP, DEVMAP_HASH, XSKMAP -> funcId == 51 || funcId == 1;
            case CPUMAP -> funcId == 51;
            case PROG_ARRAY -> funcId == 12;
            case QUEUE, STACK -> funcId == 87 || funcId == 88 || funcId == 89;
            case BLOOM_FILTER -> funcId == 87 || funcId == 89;
            case HASH, ARRAY, PERCPU_HASH, PERCPU_ARRAY, LRU_HASH, LRU_PERCPU_HASH, LPM_TRIE -> true;
            case ARRAY_OF_MAPS, HASH_OF_MAPS -> funcId == 1;
            default -> false;
        };
        ok &= switch (funcId) {
            case 12 -> type == MapType.PROG_ARRAY;
            case 51 -> type.isRedirectMap();
            case 87, 89 -> type == MapType.QUEUE || type == MapType.STACK || type == MapType.BLOOM_FILTER;
            case 88 -> type == MapType.QUEUE || type == MapType.STACK;
            default -> true;
        };
        if (!ok) {
            throw new Rejection(
                    ErrorCode.MAP_HELPER_INCOMPATIBLE,
                    "cannot pass map_type " + map.type().id() + " into func " + name + "#" + funcId);
        }
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
