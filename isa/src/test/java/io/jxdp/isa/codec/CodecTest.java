package io.jxdp.isa.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jxdp.isa.Form;
import io.jxdp.isa.Instruction;
import io.jxdp.isa.InvalidProgramException;
import io.jxdp.isa.MapDef;
import io.jxdp.isa.MapType;
import io.jxdp.isa.Opcode;
import io.jxdp.isa.Program;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class CodecTest {
    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    @Test
    void everyOpcodeRoundTrips() {
        for (Opcode op : Opcode.values()) {
            if (op == Opcode.MALFORMED) {
                continue; // no operation: see LenientDecoderTest
            }
            Form f = op.form();
            int imm = f == Form.ALU_END ? 32 : f == Form.JA32 || f == Form.CALL_LOCAL ? 0 : -123456;
            Instruction insn = Instruction.of(op, f.usesDst() ? 3 : 0, f == Form.LDDW ? 0 : 4, 0, imm);
            List<Instruction> body = new ArrayList<>(List.of(insn, Instruction.of(Opcode.EXIT, 0, 0, 0, 0)));
            byte[] bytes = Encoder.encode(body);
            assertEquals(body, Decoder.decodeInstructions(bytes), op.name());
            assertArrayEquals(bytes, Encoder.encode(Decoder.decodeInstructions(bytes)), op.name());
        }
    }

    @Test
    void lddwCarriesSixtyFourBits() {
        // tests/lddw.data: 0x5566778800000018, 0x1122334400000000, exit
        byte[] bytes = hex("18 00 00 00 88 77 66 55 00 00 00 00 44 33 22 11 95 00 00 00 00 00 00 00");
        Program p = Decoder.decode(bytes);
        assertEquals(2, p.size());
        assertEquals(3, p.slotCount());
        assertEquals(0x1122334455667788L, p.at(0).imm());
        assertEquals(Opcode.EXIT, p.at(2).op());
        assertArrayEquals(bytes, Encoder.encode(p));
    }

    @Test
    void signedFieldsAreSignExtended() {
        // stdw [r10-8], 0x80000000: offset 0xfff8 and imm 0x80000000 are both negative
        Instruction i = Decoder.decodeInstructions(hex("7a 0a f8 ff 00 00 00 80 95 00 00 00 00 00 00 00"))
                .get(0);
        assertEquals(Opcode.STDW, i.op());
        assertEquals(10, i.dst());
        assertEquals(-8, i.offset());
        assertEquals(-2147483648L, i.imm());
    }

    private static String reason(String bytes) {
        return assertThrows(InvalidProgramException.class, () -> Decoder.decode(hex(bytes)))
                .getMessage();
    }

    @Test
    void reservedFieldsAreRefused() {
        assertEquals(
                "pc 0: add64_imm (opcode 0x07) uses reserved fields: offset is 1, must be 0",
                reason("07 00 01 00 01 00 00 00 95 00 00 00 00 00 00 00"));
        assertEquals(
                "pc 0: add64_imm (opcode 0x07) uses reserved fields: src is 1, must be 0",
                reason("07 10 00 00 01 00 00 00 95 00 00 00 00 00 00 00"));
        assertEquals(
                "pc 0: add64_reg (opcode 0x0f) uses reserved fields: imm is 1, must be 0",
                reason("0f 00 00 00 01 00 00 00 95 00 00 00 00 00 00 00"));
        assertEquals(
                "pc 0: call (opcode 0x85) uses reserved fields: dst is 1, must be 0",
                reason("85 01 00 00 00 00 00 00 95 00 00 00 00 00 00 00"));
        assertEquals(
                "pc 1: exit (opcode 0x95) uses reserved fields: imm is 1, must be 0",
                reason("b7 00 00 00 00 00 00 00 95 00 00 00 01 00 00 00"));
        assertEquals(
                "pc 0: stdw (opcode 0x7a) uses reserved fields: src is 1, must be 0",
                reason("7a 1a f8 ff 00 00 00 00 95 00 00 00 00 00 00 00"));
    }

    @Test
    void brokenProgramsAreRefusedWithPcAndReason() {
        assertEquals("pc 0: unknown opcode 0xff", reason("ff 00 00 00 00 00 00 00"));
        assertEquals("pc 0: lddw is missing its second slot (the program ends)", reason("18 00 00 00 01 00 00 00"));
        assertEquals(
                "pc 1: the second slot of the lddw at pc 0 must have opcode, registers and offset 0",
                reason("18 00 00 00 01 00 00 00 95 00 00 00 00 00 00 00"));
        assertEquals(
                "pc 0: jump out of range from insn 0 to 5", reason("05 00 04 00 00 00 00 00 95 00 00 00 00 00 00 00"));
        // a jump to pc -1: the target method's "no target" value must not hide it
        assertEquals(
                "pc 0: jump out of range from insn 0 to -1", reason("05 00 fe ff 00 00 00 00 95 00 00 00 00 00 00 00"));
        assertEquals(
                "pc 1: jump out of range from insn 1 to -1",
                reason("b7 00 00 00 00 00 00 00 06 00 00 00 fd ff ff ff 95 00 00 00 00 00 00 00"));
        assertEquals(
                "pc 0: jump out of range from insn 0 to -1", reason("85 10 00 00 fe ff ff ff 95 00 00 00 00 00 00 00"));
        assertEquals(
                "pc 0: jump into the middle of the lddw at insn 1",
                reason(
                        "05 00 01 00 00 00 00 00 18 00 00 00 01 00 00 00 00 00 00 00 00 00 00 00 95 00 00 00 00 00 00 00"));
        assertEquals(
                "pc 0: last insn is not an exit or jmp (control falls off the end of the program)",
                reason("b7 00 00 00 00 00 00 00"));
        assertEquals(
                "pc 0: R11 is invalid (registers are r0 to r10)",
                reason("b7 0b 00 00 00 00 00 00 95 00 00 00 00 00 00 00"));
        assertEquals(
                "pc 0: frame pointer is read only (r10 cannot be written)",
                reason("b7 0a 00 00 00 00 00 00 95 00 00 00 00 00 00 00"));
        assertEquals(
                "pc 0: byte swap width 8 is not 16, 32 or 64",
                reason("dc 00 00 00 08 00 00 00 95 00 00 00 00 00 00 00"));
        assertEquals(
                "pc 1: bytecode length 9 is not a multiple of 8 (a truncated instruction)",
                reason("95 00 00 00 00 00 00 00 00"));
        assertEquals("pc 0: the program is empty", reason(""));
        assertEquals(
                "pc 0: invalid atomic operation 0x2 in imm of opcode 0xdb",
                reason("db 1a f8 ff 02 00 00 00 95 00 00 00 00 00 00 00"));
    }

    @Test
    void jumpsCannotLeaveTheirFunction() {
        // 0: call +1 (local, to 2); 1: exit; 2: ja -2 (into the caller); 3: exit
        String bytes =
                "85 10 00 00 01 00 00 00 95 00 00 00 00 00 00 00 05 00 fe ff 00 00 00 00 95 00 00 00 00 00 00 00";
        assertEquals("pc 2: jump out of range from insn 2 to 1 (a jump cannot leave its function)", reason(bytes));
    }

    @Test
    void mapReferencesMustExist() {
        byte[] bytes = hex("18 51 00 00 01 00 00 00 00 00 00 00 00 00 00 00 95 00 00 00 00 00 00 00");
        InvalidProgramException e = assertThrows(
                InvalidProgramException.class,
                () -> Decoder.decode(bytes, "p", List.of(new MapDef("m", MapType.ARRAY, 4, 8, 1))));
        assertEquals("pc 0: lddw refers to map 1 but the program declares 1 map", e.getMessage());
        assertEquals(
                1,
                Decoder.decode(
                                hex("18 51 00 00 00 00 00 00 00 00 00 00 00 00 00 00 95 00 00 00 00 00 00 00"),
                                "p",
                                List.of(new MapDef("m", MapType.ARRAY, 4, 8, 1)))
                        .maps()
                        .size());
    }
}
