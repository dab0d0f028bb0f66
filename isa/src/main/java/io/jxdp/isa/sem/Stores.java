package io.jxdp.isa.sem;

import io.jxdp.isa.Opcode;

/**
 * What a store writes: the low {@code size} bytes of the value (the source register, or for
 * {@code st} the immediate sign-extended to 64 bits), in the machine's little-endian order. The
 * methods give those bits; the engines' {@code Memory} writes them to {@code dst + off}.
 */
public final class Stores {
    private Stores() {}

    @Semantics({Opcode.STB, Opcode.STXB})
    public static long b(long value) {
        return value & 0xffL;
    }

    @Semantics({Opcode.STH, Opcode.STXH})
    public static long h(long value) {
        return value & 0xffffL;
    }

    @Semantics({Opcode.STW, Opcode.STXW})
    public static long w(long value) {
        return value & 0xffff_ffffL;
    }

    @Semantics({Opcode.STDW, Opcode.STXDW})
    public static long dw(long value) {
        return value;
    }
}
