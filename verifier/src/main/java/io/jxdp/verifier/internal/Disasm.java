package io.jxdp.verifier.internal;

import io.jxdp.isa.Instruction;
import io.jxdp.isa.Program;
import io.jxdp.isa.PseudoSource;
import io.jxdp.isa.RawSlot;
import java.util.Locale;

/**
 * The kernel's instruction printer as the verifier log uses it (kernel/bpf/disasm.c,
 * print_bpf_insn), on the raw fields: it prints what the bytes say, reserved fields and malformed
 * slots included, exactly as the kernel does before it judges them. One departure: an {@code lddw}
 * of a map prints {@code map[id:N]} with the map's index where the kernel prints the map's address.
 */
public final class Disasm {
    private static final String[] ALU = {
        "+=", "-=", "*=", "/=", "|=", "&=", "<<=", ">>=", "neg", "%=", "^=", "=", "s>>=", "endian", null, null
    };
    private static final String[] JMP = {
        "jmp", "==", ">", ">=", "&", "!=", "s>", "s>=", "call", "exit", "<", "<=", "s<", "s<=", null, null
    };
    private static final String[] LDST = {"u32", "u16", "u8", "u64"};
    private static final String[] LDSX = {"s32", "s16", "s8", null};
    private static final int FETCH = 0x01;

    private Disasm() {}

    /** {@code (61) r2 = *(u32 *)(r1 +0)}, without the pc. A malformed {@code lddw} half prints its low 32 bits. */
    public static String format(Instruction insn) {
        return print(
                insn,
                insn.raw(),
                insn.isMalformed() ? Integer.toUnsignedLong(insn.raw().imm()) : insn.imm());
    }

    /** The instruction at {@code pc}, reading the next slot for a malformed {@code lddw}'s high half. */
    public static String format(Program program, int pc) {
        Instruction insn = program.at(pc);
        if (insn.isMalformed() && insn.raw().isLdImm64() && program.isInstructionStart(pc + 1)) {
            long high = program.at(pc + 1).raw().imm();
            return print(
                    insn,
                    insn.raw(),
                    high << 32 | Integer.toUnsignedLong(insn.raw().imm()));
        }
        return format(insn);
    }

    /**
     * For explanations of the passes before the walk: the kernel's rendering where the opcode byte
     * is one it knows, else the slot's bytes ({@code (e7) e7 0b 00 00 00 00 00 00}), since the
     * kernel never prints a slot it cannot decode.
     */
    public static String formatOrBytes(Program program, int pc) {
        Instruction insn = program.at(pc);
        RawSlot s = insn.raw();
        if (!insn.isMalformed() || InsnTable.known(s.code())) {
            return format(program, pc);
        }
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "(%02x)", s.code()));
        for (int k = 0; k < 8; k++) {
            b.append(' ').append(hex((int) (s.bits() >>> (8 * k)) & 0xff));
        }
        return b.toString();
    }

    private static String print(Instruction insn, RawSlot s, long imm64) {
        String code = String.format(Locale.ROOT, "(%02x) ", s.code());
        switch (s.insnClass()) {
            case 0x04, 0x07:
                return code + alu(s);
            case 0x03:
                return stx(s, code);
            case 0x02:
                if (s.mode() == 0x60) {
                    return code + "*(" + LDST[s.size() >> 3] + " *)(r" + s.dst() + " " + off(s.off()) + ") = "
                            + s.imm();
                }
                return s.mode() == 0xc0 ? code + "nospec" : "BUG_st_" + hex(s.code());
            case 0x01:
                if (s.mode() != 0x60 && s.mode() != 0x80) {
                    return "BUG_ldx_" + hex(s.code());
                }
                String type = (s.mode() == 0x60 ? LDST : LDSX)[s.size() >> 3];
                return code + "r" + s.dst() + " = *(" + type + " *)(r" + s.src() + " " + off(s.off()) + ")";
            case 0x00:
                return ld(insn, s, imm64, code);
            default:
                return code + jmp(s);
        }
    }

    private static String alu(RawSlot s) {
        char w = s.insnClass() == 0x04 ? 'w' : 'r';
        int op = s.op() >> 4;
        if (s.op() == 0xd0) {
            String kind = s.insnClass() == 0x07 ? "bswap" : s.source() == 0x08 ? "be" : "le";
            return "r" + s.dst() + " = " + kind + s.imm() + " r" + s.dst();
        }
        if (s.op() == 0x80) {
            return w + "" + s.dst() + " = -" + w + s.dst();
        }
        if (s.code() == 0xbf && s.off() == 1) { // addr_space_cast
            return "r" + s.dst() + " = addr_space_cast(r" + s.src() + ", " + (s.imm() >>> 16) + ", "
                    + (s.imm() & 0xffff) + ")";
        }
        if (s.code() == 0xbf && s.off() == -1) { // mov_percpu_addr
            return "r" + s.dst() + " = &(void __percpu *)(r" + s.src() + ")";
        }
        boolean signed = (s.op() == 0x30 || s.op() == 0x90) && s.off() == 1;
        String operator = signed ? (s.op() == 0x30 ? "s/=" : "s%=") : str(ALU[op]);
        if (s.source() == 0x08) {
            boolean movsx = s.op() == 0xb0 && (s.off() == 8 || s.off() == 16 || s.off() == 32);
            String cast = movsx ? "(s" + s.off() + ")" : "";
            return w + "" + s.dst() + " " + operator + " " + cast + w + s.src();
        }
        return w + "" + s.dst() + " " + operator + " " + s.imm();
    }

    private static String stx(RawSlot s, String code) {
        String type = LDST[s.size() >> 3];
        String addr = "(" + type + " *)(r" + s.dst() + " " + off(s.off()) + ")";
        if (s.mode() == 0x60) {
            return code + "*" + addr + " = r" + s.src();
        }
        if (s.mode() != 0xc0) {
            return "BUG_" + hex(s.code());
        }
        String width = s.size() == 0x18 ? "64" : "";
        int imm = s.imm();
        int aluOp = imm & ~FETCH;
        boolean bitwise = aluOp == 0x00 || aluOp == 0x50 || aluOp == 0x40 || aluOp == 0xa0;
        if (bitwise && (imm & FETCH) == 0) {
            return code + "lock *" + addr + " " + ALU[aluOp >> 4] + " r" + s.src();
        }
        if (bitwise) {
            String name = switch (aluOp) {
                case 0x00 -> "add";
                case 0x50 -> "and";
                case 0x40 -> "or";
                default -> "xor";
            };
            return code + "r" + s.src() + " = atomic" + width + "_fetch_" + name + "(" + addr + ", r" + s.src() + ")";
        }
        switch (imm) {
            case 0xf1:
                return code + "r0 = atomic" + width + "_cmpxchg(" + addr + ", r0, r" + s.src() + ")";
            case 0xe1:
                return code + "r" + s.src() + " = atomic" + width + "_xchg(" + addr + ", r" + s.src() + ")";
            case 0x100:
                return code + "r" + s.dst() + " = load_acquire((" + type + " *)(r" + s.src() + " " + off(s.off())
                        + "))";
            case 0x110:
                return code + "store_release(" + addr + ", r" + s.src() + ")";
            default:
                return "BUG_" + hex(s.code());
        }
    }

    private static String ld(Instruction insn, RawSlot s, long imm64, String code) {
        String type = LDST[s.size() >> 3];
        if (s.mode() == 0x20) {
            return code + "r0 = *(" + type + " *)skb[" + s.imm() + "]";
        }
        if (s.mode() == 0x40) {
            return code + "r0 = *(" + type + " *)skb[r" + s.src() + " + " + s.imm() + "]";
        }
        if (!s.isLdImm64()) {
            return "BUG_ld_" + hex(s.code());
        }
        PseudoSource ps = PseudoSource.of(s.src());
        if (ps != null && ps.isMap() && !insn.isMalformed()) {
            // jxdp's maps have no kernel address: the index names the map
            return code + "r" + s.dst() + " = map[id:" + insn.mapIndex() + "]"
                    + (ps.isMapValue() ? "[0]+" + insn.mapValueOffset() : "");
        }
        return code + "r" + s.dst() + " = 0x" + Long.toHexString(imm64);
    }

    private static String jmp(RawSlot s) {
        int cls = s.insnClass();
        if (s.op() == 0x80) {
            if (s.src() == 1) {
                return "call pc" + off(s.imm());
            }
            String name =
                    s.src() == 0 ? HelperProtos.name(s.imm()) : s.src() == 2 ? KfuncCalls.name(s.imm()) : "unknown";
            return "call " + name + "#" + s.imm();
        }
        if (s.code() == 0x05) {
            return "goto pc" + off(s.off());
        }
        if (s.code() == 0xe5 && s.src() == 0) {
            return "may_goto pc" + off(s.off());
        }
        if (s.code() == 0x06) {
            return "gotol pc" + off(s.imm());
        }
        if (s.code() == 0x95) {
            return "exit";
        }
        char w = cls == 0x06 ? 'w' : 'r';
        String operator = str(JMP[s.op() >> 4]);
        if (s.source() == 0x08) {
            return "if " + w + s.dst() + " " + operator + " " + w + s.src() + " goto pc" + off(s.off());
        }
        return "if " + w + s.dst() + " " + operator + " 0x" + Integer.toHexString(s.imm()) + " goto pc" + off(s.off());
    }

    private static String off(int off) {
        return off >= 0 ? "+" + off : Integer.toString(off);
    }

    private static String hex(int code) {
        return String.format(Locale.ROOT, "%02x", code);
    }

    /** printf's rendering of a NULL string. */
    private static String str(String s) {
        return s != null ? s : "(null)";
    }
}
