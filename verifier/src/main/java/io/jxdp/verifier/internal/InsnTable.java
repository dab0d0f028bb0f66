package io.jxdp.verifier.internal;

/**
 * The opcode bytes the kernel knows (kernel/bpf/core.c, {@code bpf_opcode_in_insntable}: the
 * {@code BPF_INSN_MAP} of Linux 6.18 plus the cBPF loads it rewrites and {@code may_goto}).
 * {@code resolve_pseudo_ldimm64} rejects any other byte as "unknown opcode %02x", which makes
 * this the line between an unknown opcode and a known one with a reserved field set.
 */
final class InsnTable {
    private static final boolean[] KNOWN = new boolean[256];

    // instruction classes and operation codes, in place (include/uapi/linux/bpf_common.h, bpf.h)
    private static final int LD = 0x00;
    private static final int LDX = 0x01;
    private static final int ST = 0x02;
    private static final int STX = 0x03;
    private static final int ALU = 0x04;
    private static final int JMP = 0x05;
    private static final int JMP32 = 0x06;
    private static final int ALU64 = 0x07;
    private static final int K = 0x00;
    private static final int X = 0x08;

    static {
        int[] binary = {0x00, 0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70, 0x90, 0xa0, 0xb0, 0xc0
        }; // add..arsh, no neg/end
        for (int cls : new int[] {ALU, ALU64}) {
            for (int op : binary) {
                KNOWN[cls | op | K] = true;
                KNOWN[cls | op | X] = true;
            }
            KNOWN[cls | 0x80] = true; // neg
        }
        KNOWN[ALU | 0xd0 | 0x00] = true; // le
        KNOWN[ALU | 0xd0 | 0x08] = true; // be
        KNOWN[ALU64 | 0xd0 | 0x00] = true; // bswap
        int[] conditions = {0x10, 0x20, 0x30, 0x40, 0x50, 0xa0, 0xb0, 0x60, 0x70, 0xc0, 0xd0}; // jeq..jsle
        for (int cls : new int[] {JMP, JMP32}) {
            for (int op : conditions) {
                KNOWN[cls | op | K] = true;
                KNOWN[cls | op | X] = true;
            }
            KNOWN[cls | 0x00] = true; // ja, gotol
        }
        KNOWN[JMP | 0x80] = true; // call
        KNOWN[JMP | 0x90] = true; // exit
        KNOWN[JMP | 0xe0] = true; // jcond (may_goto)
        for (int size : new int[] {0x00, 0x08, 0x10, 0x18}) { // w, h, b, dw
            KNOWN[STX | 0xc0 | size] = true; // atomic
            KNOWN[STX | 0x60 | size] = true; // mem
            KNOWN[ST | 0x60 | size] = true;
            KNOWN[LDX | 0x60 | size] = true;
            if (size != 0x18) {
                KNOWN[LDX | 0x80 | size] = true; // memsx
                KNOWN[LD | 0x20 | size] = true; // abs
                KNOWN[LD | 0x40 | size] = true; // ind
            }
        }
        KNOWN[LD | 0x00 | 0x18] = true; // imm dw
    }

    private InsnTable() {}

    /** bpf_opcode_in_insntable. */
    static boolean known(int code) {
        return KNOWN[code & 0xff];
    }
}
