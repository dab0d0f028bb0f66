package io.jxdp.verifier.internal;

import io.jxdp.isa.MapDef;
import io.jxdp.isa.MapType;
import io.jxdp.verifier.ErrorCode;

/**
 * check_reg_const_str: an ARG_PTR_TO_CONST_STR argument points, at a constant offset, into the
 * value of a read-only array map, and the string there ends in a NUL byte before the value does.
 * The kernel's read-only map is BPF_F_RDONLY_PROG and frozen; jxdp takes the flag for both, as
 * libbpf freezes the .rodata maps it creates with it.
 */
final class ConstStr {
    private ConstStr() {}

    static void check(Checker env, int regno) {
        Reg reg = env.regs()[regno];
        MapDef map = env.maps.get(reg.mapIndex);
        if ((map.flags() & MapDef.F_RDONLY_PROG) == 0) {
            throw new Rejection(ErrorCode.INVALID_CONST_STR, regno, "R" + regno + " does not point to a readonly map'");
        }
        if (!reg.varOff.isConst()) {
            throw new Rejection(ErrorCode.INVALID_CONST_STR, regno, "R" + regno + " is not a constant address'");
        }
        if (map.type() != MapType.ARRAY) {
            throw new Rejection(ErrorCode.INVALID_CONST_STR, "no direct value access support for this map type");
        }
        MemoryAccess.checkMemRegionAccess(env, regno, reg.off, map.valueSize() - reg.off, map.valueSize(), false);
        long start = reg.off + reg.varOff.value();
        byte[] value = map.initialValue();
        for (long i = start; i < map.valueSize(); i++) {
            if (value == null || i >= value.length || value[(int) i] == 0) {
                return;
            }
        }
        throw new Rejection(ErrorCode.INVALID_CONST_STR, "string is not zero-terminated");
    }
}
