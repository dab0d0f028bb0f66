package io.jxdp.verifier.internal;

import io.jxdp.isa.Instruction;
import io.jxdp.isa.Opcode;
import io.jxdp.isa.RawSlot;
import io.jxdp.verifier.ErrorCode;
import java.util.Locale;

/**
 * The field checks do_check makes when its walk reaches an instruction (check_alu_op,
 * check_atomic, check_ld_imm and the class checks of do_check_insn), for the slots the lenient
 * decoder kept as malformed: everything before them on the path was judged first, and the kernel
 * judges a slot's fields before its registers. Every slot that gets here passed
 * resolve_pseudo_ldimm64, so its opcode byte is in the kernel's table.
 */
final class InsnFields {
    private InsnFields() {}

    /**
     * Judges a malformed slot the walk reached: throws the kernel's rejection, or returns the
     * instruction the kernel takes it for where the kernel does not mind the field jxdp's decoder
     * refused (an {@code exit} with an offset).
     */
    static Instruction admit(RawSlot s) {
        switch (s.insnClass()) {
            case 0x04, 0x07 -> alu(s);
            case 0x03 -> stx(s);
            case 0x02 -> {
                if (s.mode() != 0x60 || s.src() != 0) {
                    throw reserved("BPF_ST");
                }
            }
            case 0x00 -> ld(s);
            case 0x05, 0x06 -> {
                return jmp(s);
            }
            default -> {
                // LDX: resolve_pseudo_ldimm64 refused every malformed one
            }
        }
        throw new Rejection(
                ErrorCode.UNSUPPORTED_INSN,
                String.format(
                        Locale.ROOT,
                        "jxdp cannot decode insn code %02x with these fields, which the kernel's verifier accepts",
                        s.code()));
    }

    /** check_alu_op's BPF_END check, which jxdp's decoder leaves to the verifier for odd widths. */
    static void checkEnd(Instruction insn) {
        long w = insn.imm();
        if (w != 16 && w != 32 && w != 64) {
            throw reserved("BPF_END");
        }
    }

    private static void alu(RawSlot s) {
        int op = s.op();
        boolean x = s.source() == 0x08;
        if (op == 0x80) {
            if (x || s.src() != 0 || s.off() != 0 || s.imm() != 0) {
                throw reserved("BPF_NEG");
            }
        } else if (op == 0xd0) {
            boolean width = s.imm() == 16 || s.imm() == 32 || s.imm() == 64;
            if (s.src() != 0 || s.off() != 0 || !width || (s.insnClass() == 0x07 && x)) {
                throw reserved("BPF_END");
            }
        } else if (op == 0xb0) {
            mov(s, x);
        } else if (x ? s.imm() != 0 || !divisionOffset(s) : s.src() != 0 || !divisionOffset(s)) {
            throw reserved("BPF_ALU");
        }
        // the fields pass: the kernel goes on to an operation jxdp does not model
        throw new Rejection(
                ErrorCode.UNSUPPORTED_INSN,
                String.format(
                        Locale.ROOT,
                        "jxdp does not model insn code %02x with off %d imm %d (the kernel's verifier goes on)",
                        s.code(),
                        s.off(),
                        s.imm()));
    }

    /** Offset 0, or 1 for the signed division and modulo. */
    private static boolean divisionOffset(RawSlot s) {
        return s.off() == 0 || (s.off() == 1 && (s.op() == 0x30 || s.op() == 0x90));
    }

    private static void mov(RawSlot s, boolean x) {
        if (!x) {
            if (s.src() != 0 || s.off() != 0) {
                throw reserved("BPF_MOV");
            }
            return;
        }
        if (s.insnClass() == 0x04) {
            if ((s.off() != 0 && s.off() != 8 && s.off() != 16) || s.imm() != 0) {
                throw reserved("BPF_MOV");
            }
        } else if (s.off() == 1) {
            if (s.imm() != 1 && s.imm() != 1 << 16) {
                throw new Rejection(
                        ErrorCode.UNSUPPORTED_INSN,
                        "addr_space_cast insn can only convert between address space 1 and 0");
            }
            // an XDP program has no arena
            throw new Rejection(
                    ErrorCode.UNSUPPORTED_INSN,
                    "addr_space_cast insn can only be used in a program that has an associated arena");
        } else if ((s.off() != 0 && s.off() != 8 && s.off() != 16 && s.off() != 32) || s.imm() != 0) {
            throw reserved("BPF_MOV");
        }
    }

    private static void stx(RawSlot s) {
        if (s.mode() != 0xc0) {
            throw reserved("BPF_STX"); // mode MEM with an immediate: no other mode is in the table
        }
        int imm = s.imm();
        boolean rmw = (imm & ~1) == 0x00
                || (imm & ~1) == 0x40
                || (imm & ~1) == 0x50
                || (imm & ~1) == 0xa0
                || imm == 0xe1
                || imm == 0xf1;
        if (rmw) {
            if (s.size() != 0x00 && s.size() != 0x18) {
                throw new Rejection(ErrorCode.UNSUPPORTED_INSN, "invalid atomic operand size");
            }
            return; // a known read-modify-write of a word or double word is no malformed slot
        }
        if (imm == 0x100 || imm == 0x110) {
            throw new Rejection(
                    ErrorCode.UNSUPPORTED_INSN,
                    "jxdp does not model load_acquire and store_release (the kernel's verifier checks them)");
        }
        throw new Rejection(
                ErrorCode.RESERVED_FIELDS,
                String.format(Locale.ROOT, "BPF_ATOMIC uses invalid atomic opcode %02x", imm));
    }

    private static void ld(RawSlot s) {
        if (s.mode() == 0x20 || s.mode() == 0x40) {
            // check_ld_abs refuses the program type before it looks at the fields
            throw new Rejection(
                    ErrorCode.UNSUPPORTED_INSN, "BPF_LD_[ABS|IND] instructions not allowed for this program type");
        }
        if (s.off() != 0) {
            throw reserved("BPF_LD_IMM64");
        }
    }

    private static Instruction jmp(RawSlot s) {
        int op = s.op();
        boolean jmp32 = s.insnClass() == 0x06;
        boolean x = s.source() == 0x08;
        if (op == 0x80) {
            boolean kfunc = s.src() == 2;
            if (x || (!kfunc && s.off() != 0) || s.src() > 2 || s.dst() != 0 || jmp32) {
                throw reserved("BPF_CALL");
            }
        } else if (op == 0x00) {
            if (x || s.src() != 0 || s.dst() != 0 || (!jmp32 && s.imm() != 0) || (jmp32 && s.off() != 0)) {
                throw reserved("BPF_JA");
            }
        } else if (op == 0x90) {
            if (x || s.imm() != 0 || s.src() != 0 || s.dst() != 0 || jmp32) {
                throw reserved("BPF_EXIT");
            }
            return Instruction.of(Opcode.EXIT, 0, 0, 0, 0); // the kernel does not look at an exit's offset
        } else if (op == 0xe0) {
            if (s.src() != 0 || s.dst() != 0 || s.imm() != 0) {
                throw new Rejection(ErrorCode.RESERVED_FIELDS, "invalid may_goto imm " + s.imm());
            }
            throw new Rejection(
                    ErrorCode.UNSUPPORTED_INSN, "jxdp does not model may_goto (the kernel's verifier accepts it)");
        } else if (x ? s.imm() != 0 : s.src() != 0) {
            throw reserved("BPF_JMP/JMP32");
        }
        throw new Rejection(
                ErrorCode.UNSUPPORTED_INSN,
                String.format(
                        Locale.ROOT,
                        "jxdp does not model insn code %02x with these fields (the kernel's verifier goes on)",
                        s.code()));
    }

    private static Rejection reserved(String what) {
        return new Rejection(ErrorCode.RESERVED_FIELDS, what + " uses reserved fields");
    }
}
