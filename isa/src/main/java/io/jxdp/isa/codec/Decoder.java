package io.jxdp.isa.codec;

import io.jxdp.isa.AtomicOp;
import io.jxdp.isa.Form;
import io.jxdp.isa.Instruction;
import io.jxdp.isa.InvalidProgramException;
import io.jxdp.isa.MapDef;
import io.jxdp.isa.Opcode;
import io.jxdp.isa.Program;
import io.jxdp.isa.ProgramCheck;
import io.jxdp.isa.PseudoSource;
import io.jxdp.isa.RawSlot;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Raw bytecode to {@link Program}. Each instruction is 8 bytes, little-endian:
 *
 * <pre>
 *  byte 0     1          2-3           4-7
 *  +--------+----+----+-------------+---------------------+
 *  | opcode |src |dst | offset (s16)| imm (s32)           |
 *  +--------+----+----+-------------+---------------------+
 *            (dst is the low nibble of byte 1)
 * </pre>
 *
 * Two ways to read bytes. The strict decoder ({@link #decode}, {@link #decodeInstructions}) refuses
 * unknown opcodes, reserved fields that are not zero, a broken {@code lddw} pair (and {@link
 * #decode} then anything {@link ProgramCheck} refuses), each with the pc and the reason. The
 * lenient decoder ({@link #decodeLenient}) reads any whole number of slots, as the kernel's
 * {@code bpf_prog_load} does: each slot it cannot read becomes a one-slot {@link
 * Instruction#malformed(long) malformed} instruction holding its bytes, so pcs stay the kernel's
 * and the verifier can reject the slot where the kernel does. Only a length that is not a multiple
 * of 8 is refused by both.
 */
public final class Decoder {
    /** The size of one instruction slot in bytes. */
    public static final int SLOT = 8;

    private Decoder() {}

    /** Decodes and checks a whole program. */
    public static Program decode(byte[] bytes) {
        return decode(bytes, "prog", List.of());
    }

    /** Decodes and checks a whole program whose {@code lddw} map references index {@code maps}. */
    public static Program decode(byte[] bytes, String name, List<MapDef> maps) {
        Program program = Program.of(name, decodeInstructions(bytes), maps, Map.of());
        ProgramCheck.check(program);
        return program;
    }

    /** Decodes instructions one by one, checking each on its own but not the program as a whole. */
    public static List<Instruction> decodeInstructions(byte[] bytes) {
        int slots = slotCount(bytes);
        List<Instruction> out = new ArrayList<>(slots);
        for (int pc = 0; pc < slots; pc++) {
            Instruction insn = decodeAt(bytes, pc, slots);
            out.add(insn);
            pc += insn.width() - 1;
        }
        return out;
    }

    /**
     * Reads a program without judging it: every slot that is not an instruction becomes a
     * malformed one. Neither the instructions nor the program are checked; {@link ProgramCheck}
     * refuses what engines cannot run, the verifier rejects what the kernel rejects.
     *
     * @throws InvalidProgramException only if the length is not a multiple of 8
     */
    public static Program decodeLenient(byte[] bytes, String name, List<MapDef> maps) {
        return Program.of(name, decodeSlots(bytes), maps, Map.of());
    }

    /** The lenient decoder's instructions: see {@link #decodeLenient}. */
    public static List<Instruction> decodeSlots(byte[] bytes) {
        int slots = slotCount(bytes);
        List<Instruction> out = new ArrayList<>(slots);
        for (int pc = 0; pc < slots; pc++) {
            Instruction insn;
            try {
                insn = decodeAt(bytes, pc, slots);
            } catch (InvalidProgramException e) {
                // one slot, whatever its opcode: the kernel counts pcs in slots, and a broken lddw
                // pair is two slots the verifier judges one by one
                insn = Instruction.malformed(RawSlot.bits(bytes, pc));
            }
            out.add(insn);
            pc += insn.width() - 1;
        }
        return out;
    }

    /**
     * Why the strict decoder refuses the slot at {@code pc} of {@code bytes}: the exception it
     * throws there (naming that pc, or the next one for a broken second half of an {@code lddw}).
     * For a slot the strict decoder reads, a generic reason.
     */
    public static InvalidProgramException whyMalformed(byte[] bytes, int pc) {
        try {
            decodeAt(bytes, pc, bytes.length / SLOT);
        } catch (InvalidProgramException e) {
            return e;
        }
        return new InvalidProgramException(pc, "the slot is marked malformed but decodes as an instruction");
    }

    private static int slotCount(byte[] bytes) {
        if (bytes.length % SLOT != 0) {
            throw new InvalidProgramException(
                    bytes.length / SLOT,
                    "bytecode length " + bytes.length + " is not a multiple of 8 (a truncated instruction)");
        }
        return bytes.length / SLOT;
    }

    private static Instruction decodeAt(byte[] bytes, int pc, int slots) {
        int base = pc * SLOT;
        int opcodeByte = bytes[base] & 0xff;
        int dst = bytes[base + 1] & 0x0f;
        int src = (bytes[base + 1] >>> 4) & 0x0f;
        int offset = (short) ((bytes[base + 2] & 0xff) | (bytes[base + 3] << 8));
        int imm = readInt(bytes, base + 4);
        Opcode op = Opcode.match(opcodeByte, src, offset, imm);
        if (op == null) {
            throw new InvalidProgramException(pc, unknownOpcode(opcodeByte, src, offset, imm));
        }
        Form form = op.form();
        if (!form.usesDst() && dst != 0) {
            throw reserved(pc, op, "dst", dst);
        }
        if (!form.usesSrcReg() && form != Form.LDDW && src != op.encodedSrc()) {
            throw reserved(pc, op, "src", src);
        }
        if (!form.usesOffset() && offset != op.encodedOffset()) {
            throw reserved(pc, op, "offset", offset);
        }
        if (!form.usesImm() && imm != op.encodedImm()) {
            throw reserved(pc, op, "imm", imm);
        }
        if (form != Form.LDDW) {
            return new Instruction(op, dst, src, offset, imm);
        }
        if (PseudoSource.of(src) == null) {
            throw new InvalidProgramException(pc, "lddw src " + src + " is not a pseudo source (0 to 6)");
        }
        if (pc + 1 >= slots) {
            throw new InvalidProgramException(pc, "lddw is missing its second slot (the program ends)");
        }
        int next = base + SLOT;
        if (bytes[next] != 0 || bytes[next + 1] != 0 || bytes[next + 2] != 0 || bytes[next + 3] != 0) {
            throw new InvalidProgramException(
                    pc + 1, "the second slot of the lddw at pc " + pc + " must have opcode, registers and offset 0");
        }
        long high = readInt(bytes, next + 4);
        return new Instruction(op, dst, src, offset, (imm & 0xffff_ffffL) | (high << 32));
    }

    private static InvalidProgramException reserved(int pc, Opcode op, String field, int value) {
        return new InvalidProgramException(
                pc,
                String.format(
                        Locale.ROOT,
                        "%s (opcode 0x%02x) uses reserved fields: %s is %d, must be %d",
                        name(op),
                        op.opcodeByte(),
                        field,
                        value,
                        field.equals("offset")
                                ? op.encodedOffset()
                                : field.equals("src") ? op.encodedSrc() : field.equals("imm") ? op.encodedImm() : 0));
    }

    private static String unknownOpcode(int opcodeByte, int src, int offset, int imm) {
        List<Opcode> sharing = Opcode.candidates(opcodeByte);
        if (sharing.isEmpty()) {
            return String.format(Locale.ROOT, "unknown opcode 0x%02x", opcodeByte);
        }
        Opcode first = sharing.get(0);
        if (first.atomicOp() != null) {
            return String.format(Locale.ROOT, "invalid atomic operation 0x%x in imm of opcode 0x%02x", imm, opcodeByte);
        }
        if (first.aluOp() != null) {
            return String.format(
                    Locale.ROOT,
                    "opcode 0x%02x uses reserved fields: offset %d selects no operation",
                    opcodeByte,
                    offset);
        }
        return String.format(
                Locale.ROOT, "opcode 0x%02x uses reserved fields: src %d selects no call kind", opcodeByte, src);
    }

    private static String name(Opcode op) {
        AtomicOp a = op.atomicOp();
        return a != null
                ? "atomic " + a.name().toLowerCase(Locale.ROOT)
                : op.name().toLowerCase(Locale.ROOT);
    }

    static int readInt(byte[] b, int i) {
        return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8 | (b[i + 2] & 0xff) << 16 | (b[i + 3] & 0xff) << 24;
    }
}
