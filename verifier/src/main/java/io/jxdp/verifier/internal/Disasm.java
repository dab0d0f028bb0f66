package io.jxdp.verifier.internal;

import io.jxdp.isa.AluOp;
import io.jxdp.isa.AtomicOp;
import io.jxdp.isa.Form;
import io.jxdp.isa.Instruction;
import io.jxdp.isa.Opcode;
import io.jxdp.isa.PseudoSource;
import io.jxdp.isa.Size;

/** The kernel's instruction printer as the verifier log uses it (kernel/bpf/disasm.c, print_bpf_insn). */
public final class Disasm {
    private Disasm() {
    }

    /** {@code (61) r2 = *(u32 *)(r1 +0)}, without the pc. */
    public static String format(Instruction insn) {
        return String.format("(%02x) ", insn.op().opcodeByte()) + body(insn);
    }

    private static String off(int off) {
        return off >= 0 ? "+" + off : Integer.toString(off);
    }

    private static String body(Instruction insn) {
        Opcode op = insn.op();
        Form form = op.form();
        boolean w = op.is32();
        String d = (w ? "w" : "r") + insn.dst();
        String s = (w ? "w" : "r") + insn.src();
        switch (form) {
            case ALU_IMM, ALU_REG -> {
                AluOp a = op.aluOp();
                String rhs = form == Form.ALU_IMM ? Integer.toString(insn.imm32()) : s;
                if (a.isMovSx()) {
                    int bits = a == AluOp.MOVSX8 ? 8 : a == AluOp.MOVSX16 ? 16 : 32;
                    return d + " = (s" + bits + ")" + s;
                }
                return d + " " + a.compoundOperator() + " " + rhs;
            }
            case ALU_NEG -> {
                return d + " = -" + d;
            }
            case ALU_END -> {
                String kind = op == Opcode.BE ? "be" : op == Opcode.LE ? "le" : "bswap";
                return "r" + insn.dst() + " = " + kind + insn.imm() + " r" + insn.dst();
            }
            case JA -> {
                return "goto pc" + off(insn.offset());
            }
            case JA32 -> {
                return "gotol pc" + off(insn.imm32());
            }
            case JUMP_IMM -> {
                return "if " + d + " " + op.jmpOp().operator() + " 0x" + Integer.toHexString(insn.imm32()) + " goto pc" + off(insn.offset());
            }
            case JUMP_REG -> {
                return "if " + d + " " + op.jmpOp().operator() + " " + s + " goto pc" + off(insn.offset());
            }
            case CALL_HELPER -> {
                return "call " + HelperProtos.name(insn.imm32()) + "#" + insn.imm32();
            }
            case CALL_LOCAL -> {
                return "call pc" + off(insn.imm32());
            }
            case CALL_KFUNC -> {
                return "call kernel-function";
            }
            case CALLX -> {
                return "callx r" + insn.dst();
            }
            case EXIT -> {
                return "exit";
            }
            case LOAD -> {
                String t = (op.mode() == io.jxdp.isa.Mode.MEMSX ? "s" : "u") + op.size().bytes() * 8;
                return "r" + insn.dst() + " = *(" + t + " *)(r" + insn.src() + " " + off(insn.offset()) + ")";
            }
            case STORE_IMM -> {
                return "*(" + op.size().cType() + " *)(r" + insn.dst() + " " + off(insn.offset()) + ") = " + insn.imm32();
            }
            case STORE_REG -> {
                return "*(" + op.size().cType() + " *)(r" + insn.dst() + " " + off(insn.offset()) + ") = r" + insn.src();
            }
            case ATOMIC -> {
                return atomic(insn);
            }
            case LDDW -> {
                PseudoSource ps = insn.pseudoSource();
                if (ps.isMap()) {
                    return "r" + insn.dst() + " = map[id:" + insn.mapIndex() + "]" + (ps.isMapValue() ? "[0]+" + insn.mapValueOffset() : "");
                }
                return "r" + insn.dst() + " = 0x" + Long.toHexString(insn.imm());
            }
            case LD_ABS -> {
                return "r0 = *(" + op.size().cType() + " *)skb[" + insn.imm32() + "]";
            }
            case LD_IND -> {
                return "r0 = *(" + op.size().cType() + " *)skb[r" + insn.src() + " + " + insn.imm32() + "]";
            }
            default -> {
                return op.name().toLowerCase();
            }
        }
    }

    private static String atomic(Instruction insn) {
        AtomicOp a = insn.op().atomicOp();
        boolean dw = insn.op().size() == Size.DW;
        String reg = (dw ? "r" : "w") + insn.src();
        String addr = "(" + insn.op().size().cType() + " *)(r" + insn.dst() + " " + off(insn.offset()) + ")";
        String width = dw ? "64" : "";
        if (!a.fetches()) {
            return "lock *" + addr + " " + a.operator() + " r" + insn.src();
        }
        if (a == AtomicOp.CMPXCHG) {
            return (dw ? "r0" : "w0") + " = atomic" + width + "_cmpxchg(" + addr + ", " + (dw ? "r0" : "w0") + ", " + reg + ")";
        }
        if (a == AtomicOp.XCHG) {
            return reg + " = atomic" + width + "_xchg(" + addr + ", " + reg + ")";
        }
        return reg + " = atomic" + width + "_fetch_" + a.mnemonic() + "(" + addr + ", " + reg + ")";
    }
}
