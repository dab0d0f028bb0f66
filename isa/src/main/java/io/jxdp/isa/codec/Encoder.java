package io.jxdp.isa.codec;

import io.jxdp.isa.Instruction;
import io.jxdp.isa.Program;
import java.util.List;

/** {@link Program} to raw bytecode, the inverse of {@link Decoder}. */
public final class Encoder {
    private Encoder() {}

    public static byte[] encode(Program program) {
        return encode(program.instructions());
    }

    public static byte[] encode(List<Instruction> instructions) {
        int slots = 0;
        for (Instruction insn : instructions) {
            slots += insn.width();
        }
        byte[] out = new byte[slots * Decoder.SLOT];
        int base = 0;
        for (Instruction insn : instructions) {
            base = encode(insn, out, base);
        }
        return out;
    }

    /** Encodes one instruction at {@code base}; returns the offset after it. */
    public static int encode(Instruction insn, byte[] out, int base) {
        if (insn.isMalformed()) {
            // the slot's own bytes, as the lenient decoder read them
            for (int k = 0; k < Decoder.SLOT; k++) {
                out[base + k] = (byte) (insn.imm() >>> (8 * k));
            }
            return base + Decoder.SLOT;
        }
        out[base] = (byte) insn.op().opcodeByte();
        out[base + 1] = (byte) (insn.dst() | insn.src() << 4);
        out[base + 2] = (byte) insn.offset();
        out[base + 3] = (byte) (insn.offset() >> 8);
        writeInt(out, base + 4, (int) insn.imm());
        if (insn.width() == 2) {
            writeInt(out, base + Decoder.SLOT + 4, (int) (insn.imm() >>> 32));
        }
        return base + insn.width() * Decoder.SLOT;
    }

    /** One instruction's bytes (16 for an {@code lddw}). */
    public static byte[] encode(Instruction insn) {
        byte[] out = new byte[insn.width() * Decoder.SLOT];
        encode(insn, out, 0);
        return out;
    }

    private static void writeInt(byte[] b, int i, int v) {
        b[i] = (byte) v;
        b[i + 1] = (byte) (v >> 8);
        b[i + 2] = (byte) (v >> 16);
        b[i + 3] = (byte) (v >> 24);
    }
}
