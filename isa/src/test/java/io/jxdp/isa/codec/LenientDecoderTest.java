package io.jxdp.isa.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jxdp.isa.Instruction;
import io.jxdp.isa.InvalidProgramException;
import io.jxdp.isa.Opcode;
import io.jxdp.isa.Program;
import io.jxdp.isa.ProgramCheck;
import io.jxdp.isa.RawSlot;
import io.jxdp.isa.text.Dialect;
import io.jxdp.isa.text.Disassembler;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lenient decoder keeps slots that are no instruction as malformed ones; ProgramCheck refuses them. */
class LenientDecoderTest {
    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    private static Program lenient(String hex) {
        return Decoder.decodeLenient(hex(hex), "p.bin", List.of());
    }

    private static String refusal(Program p) {
        return assertThrows(InvalidProgramException.class, () -> ProgramCheck.check(p))
                .getMessage();
    }

    @Test
    void anUnknownOpcodeIsOneMalformedSlotThatEncodesBackToItsBytes() {
        Program p = lenient("e7 0b 01 00 02 00 00 00  95 00 00 00 00 00 00 00");
        assertEquals(
                List.of(Instruction.malformed(0x0000_0002_0001_0be7L), Instruction.of(Opcode.EXIT, 0, 0, 0, 0)),
                p.instructions());
        assertEquals(new RawSlot(0xe7, 11, 0, 1, 2), p.at(0).raw());
        assertArrayEquals(hex("e7 0b 01 00 02 00 00 00  95 00 00 00 00 00 00 00"), Encoder.encode(p));
        assertEquals("pc 0: unknown opcode 0xe7", refusal(p));
    }

    @Test
    void aReservedFieldIsMalformedAndProgramCheckGivesTheStrictDecodersReason() {
        Program p = lenient("b7 01 00 01 00 00 00 00  95 00 00 00 00 00 00 00");
        assertEquals(true, p.at(0).isMalformed());
        assertEquals("pc 0: mov64_imm (opcode 0xb7) uses reserved fields: offset is 256, must be 0", refusal(p));
    }

    @Test
    void aBrokenLddwPairIsTwoSlotsJudgedOneByOne() {
        // the first half is kept as it is; the second, an exit here, decodes on its own
        Program p = lenient("18 01 00 00 01 00 00 00  95 00 00 00 00 00 00 00  95 00 00 00 00 00 00 00");
        assertEquals(3, p.slotCount());
        assertEquals(
                List.of(true, false, false),
                p.instructions().stream().map(Instruction::isMalformed).toList());
        assertEquals("pc 1: the second slot of the lddw at pc 0 must have opcode, registers and offset 0", refusal(p));
        Program last = lenient("95 00 00 00 00 00 00 00  18 01 00 00 01 00 00 00");
        assertEquals("pc 1: lddw is missing its second slot (the program ends)", refusal(last));
        Program badSource = lenient("18 71 00 00 00 00 00 00  00 00 00 00 00 00 00 00  95 00 00 00 00 00 00 00");
        assertEquals(
                List.of(true, true, false),
                badSource.instructions().stream().map(Instruction::isMalformed).toList());
        assertEquals("pc 0: lddw src 7 is not a pseudo source (0 to 6)", refusal(badSource));
    }

    @Test
    void wellFormedBytesDecodeAsTheStrictDecoderDecodesThem() {
        byte[] bytes = hex("18 00 00 00 88 77 66 55  00 00 00 00 44 33 22 11  95 00 00 00 00 00 00 00");
        assertEquals(Decoder.decode(bytes).instructions(), Decoder.decodeSlots(bytes));
    }

    @Test
    void onlyALengthThatIsNotAMultipleOfEightIsRefused() {
        assertEquals(
                "pc 0: bytecode length 7 is not a multiple of 8 (a truncated instruction)",
                assertThrows(InvalidProgramException.class, () -> Decoder.decodeSlots(new byte[7]))
                        .getMessage());
        assertEquals(List.of(), Decoder.decodeSlots(new byte[0]));
    }

    @Test
    void printersShowTheBytesOfAMalformedSlot() {
        Program p = lenient("e7 0b 01 00 02 00 00 00  95 00 00 00 00 00 00 00");
        assertEquals(
                ".byte 0xe7, 0x0b, 0x01, 0x00, 0x02, 0x00, 0x00, 0x00\nexit\n",
                Disassembler.of(Dialect.LLVM).print(p));
        assertEquals(
                ".byte 0xe7, 0x0b, 0x01, 0x00, 0x02, 0x00, 0x00, 0x00\nexit\n",
                Disassembler.of(Dialect.UBPF).print(p));
        // as llvm-objdump prints bytes it cannot decode
        assertEquals(
                "       0:\te7 0b 01 00 02 00 00 00\t<unknown>\n       1:\t95 00 00 00 00 00 00 00\texit\n",
                Disassembler.of(Dialect.LLVM)
                        .withListing(true)
                        .withRawBytes(true)
                        .print(p));
    }

    @Test
    void rawSlotsReadEveryFieldSigned() {
        RawSlot s = RawSlot.of(0xfffffffe_8000_21b7L);
        assertEquals(new RawSlot(0xb7, 1, 2, -32768, -2), s);
        assertEquals(0xfffffffe_8000_21b7L, s.bits());
        assertEquals(0x07, s.insnClass());
        assertEquals(0xb0, s.op());
        assertEquals(0, s.source());
    }
}
