package io.jxdp.isa.sem;

import io.jxdp.isa.Opcode;

/**
 * What a load puts in its destination register, given the {@code size} bytes it read (as the low
 * bits of {@code bits}, in the machine's little-endian order): {@code ldx} zero-extends them,
 * {@code ldxs} (ISA v4) sign-extends them. Where the bytes come from (the address {@code src +
 * off}, its region and bounds) is the engines' {@code Memory}.
 */
public final class Loads {
    private Loads() {}

    @Semantics(Opcode.LDXB)
    public static long ldxb(long bits) {
        return bits & 0xffL;
    }

    @Semantics(Opcode.LDXH)
    public static long ldxh(long bits) {
        return bits & 0xffffL;
    }

    @Semantics(Opcode.LDXW)
    public static long ldxw(long bits) {
        return bits & 0xffff_ffffL;
    }

    @Semantics(Opcode.LDXDW)
    public static long ldxdw(long bits) {
        return bits;
    }

    @Semantics(Opcode.LDXSB)
    public static long ldxsb(long bits) {
        return (byte) bits;
    }

    @Semantics(Opcode.LDXSH)
    public static long ldxsh(long bits) {
        return (short) bits;
    }

    @Semantics(Opcode.LDXSW)
    public static long ldxsw(long bits) {
        return (int) bits;
    }
}
