package io.jxdp.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxdp.verifier.testing.Asm;
import org.junit.jupiter.api.Test;

/** The log, byte for byte as Linux 6.18 prints it for the same programs (captured from the running kernel). */
class LogFormatTest {
    private static VerifierResult verify(String text, int level) {
        return Verifier.verify(Asm.llvm(text, "t"), VerifierOptions.defaults().withLogLevel(level));
    }

    @Test
    void levelOneKeepsTheFailingPathWithTheStateOnTheSameLine() {
        String text = """
                r2 = *(u32 *)(r1 + 0)
                r3 = *(u32 *)(r1 + 4)
                r1 = r2
                r1 += 8
                if r1 > r3 goto +1
                r0 = *(u64 *)(r1 - 4)
                r0 = 1
                exit
                """;
        assertEquals("""
                0: R1=ctx() R10=fp0
                0: (61) r2 = *(u32 *)(r1 +0)          ; R1=ctx() R2=pkt(r=0)
                1: (61) r3 = *(u32 *)(r1 +4)          ; R1=ctx() R3=pkt_end()
                2: (bf) r1 = r2                       ; R1=pkt(r=0) R2=pkt(r=0)
                3: (07) r1 += 8                       ; R1=pkt(off=8,r=0)
                4: (2d) if r1 > r3 goto pc+1          ; R1=pkt(off=8,r=8) R3=pkt_end()
                5: (79) r0 = *(u64 *)(r1 -4)
                invalid access to packet, off=4 size=8, R1(id=0,off=4,r=8)
                R1 offset is outside of the packet
                processed 6 insns (limit 1000000) max_states_per_insn 0 total_states 0 peak_states 0 mark_read 0
                """, verify(text, 1).log());
    }

    @Test
    void aPoppedBranchTruncatesTheLogWhereItWasPushed() {
        String text = """
                r2 = *(u32 *)(r1 + 0)
                r3 = *(u32 *)(r1 + 4)
                r1 = r2
                r1 += 8
                if r1 > r3 goto +2
                r0 = *(u64 *)(r1 - 8)
                r0 = 1
                r0 = *(u64 *)(r2 + 0)
                exit
                """;
        String log = verify(text, 1).log();
        assertTrue(
                log.contains(
                        "4: (2d) if r1 > r3 goto pc+2 7: R1=pkt(off=8,r=0xfffffffffffffffe) R2=pkt(r=0) R3=pkt_end() R10=fp0\n"
                                + "7: (79) r0 = *(u64 *)(r2 +0)\ninvalid access to packet, off=0 size=8, R2(id=0,off=0,r=0)\n"),
                log);
        assertTrue(
                log.endsWith(
                        "processed 10 insns (limit 1000000) max_states_per_insn 0 total_states 1 peak_states 1 mark_read 0\n"),
                log);
    }

    @Test
    void scalarsPrintTheirBoundsOnceAndLargeNumbersInHex() {
        String text = """
                call 7
                r0 &= 0xff
                r1 = r0
                r1 -= 100
                r2 = r0
                r2 <<= 40
                r3 = r0
                r3 += 70000
                *(u64 *)(r10 - 8) = r1
                *(u32 *)(r10 - 16) = w0
                *(u64 *)(r10 - 24) = r10
                r7 = 0xffffffff ll
                r8 = -1
                *(u8 *)(r10 - 41) = 0
                r0 = 0
                exit
                """;
        String log = verify(text, 2).log();
        for (String line : new String[] {
            "0: (85) call bpf_get_prandom_u32#7    ; R0=scalar()",
            "1: (57) r0 &= 255                     ; R0=scalar(smin=smin32=0,smax=umax=smax32=umax32=255,var_off=(0x0; 0xff))",
            "3: (17) r1 -= 100                     ; R1=scalar(id=1-100,smin=smin32=-100,smax=smax32=155)",
            "5: (67) r2 <<= 40                     ; R2=scalar(smin=smin32=0,smax=umax=0xff0000000000,smax32=umax32=0,var_off=(0x0; 0xff0000000000))",
            "7: (07) r3 += 70000                   ; R3=scalar(id=1+70000,smin=umin=smin32=umin32=0x11170,smax=umax=smax32=umax32=0x1126f,var_off=(0x11000; 0x3ff))",
            "8: (7b) *(u64 *)(r10 -8) = r1         ; R1=scalar(id=2,smin=smin32=-100,smax=smax32=155) R10=fp0 fp-8=scalar(id=2,smin=smin32=-100,smax=smax32=155)",
            "10: (7b) *(u64 *)(r10 -24) = r10      ; R10=fp0 fp-24=fp0",
            "11: (18) r7 = 0xffffffff              ; R7=0xffffffff",
            "13: (b7) r8 = -1                      ; R8=-1",
            "14: (72) *(u8 *)(r10 -41) = 0         ; R10=fp0 fp-48=0???????",
        }) {
            assertTrue(log.contains(line + "\n"), () -> "missing: " + line + "\nin:\n" + log);
        }
    }

    @Test
    void anS32BoundPrintedInHexIsItsU32AndSharesItsValueWithTheU32Bounds() {
        // print_scalar_ranges: an s32 outside [-32768, 32767] prints as its 32 bits, zero-extended
        // (0x80000005, not 0xffffffff80000005), and is grouped with the bounds of that same value
        String text = """
                call 7
                if w0 < 0x80000005 goto +3
                if w0 > 0x80000007 goto +2
                r1 = r0
                r1 += 1
                r0 = 0
                exit
                """;
        String log = verify(text, 2).log();
        for (String line : new String[] {
            "1: (a6) if w0 < 0x80000005 goto pc+3          ; R0=scalar(smin=0x8000000080000005,umin=smin32=umin32=0x80000005,"
                    + "smax32=-1,var_off=(0x80000000; 0xffffffff7fffffff))",
            "4: (07) r1 += 1                       ; R1=scalar(id=1+1,smin=0x8000000080000006,smax=0x7fffffff80000008,"
                    + "umin=smin32=umin32=0x80000006,umax=0xffffffff80000008,smax32=umax32=0x80000008,var_off=(0x80000000; 0xffffffff0000000f))",
        }) {
            assertTrue(log.contains(line + "\n"), () -> "missing: " + line + "\nin:\n" + log);
        }
    }

    @Test
    void signExtensionFallsBackOnTheS32Bounds() {
        // coerce_reg_to_size_sx on the running 6.18 kernel: when the 64-bit bounds are lost, a s32
        // range that fits in the source width (any, for s32) carries over; w = (s8)w does not
        String text = """
                call 7
                r6 = r0
                if w0 s< -5 goto +7
                if w0 s> 5 goto +6
                r1 = (s8)r0
                r2 = (s16)r0
                r3 = (s32)r0
                w4 = (s8)w0
                *(u64 *)(r10 - 8) = r0
                r5 = *(s16 *)(r10 - 8)
                r0 = r6
                if w0 < 0x80000005 goto +3
                if w0 > 0x80000007 goto +2
                r1 = (s32)r0
                r2 = (s16)r0
                r0 = 0
                exit
                """;
        String log = verify(text, 2).log();
        String r0 = "R0=scalar(id=1,smin=0x8000000080000005,smax=0x7fffffff80000007,umin=smin32=umin32=0x80000005,"
                + "umax=0xffffffff80000007,smax32=umax32=0x80000007,var_off=(0x80000004; 0xffffffff00000003))";
        for (String line : new String[] {
            "4: (bf) r1 = (s8)r0                   ; R0=scalar(id=1,smin32=-5,smax32=5) R1=scalar(smin=smin32=-5,smax=smax32=5)",
            "5: (bf) r2 = (s16)r0                  ; R0=scalar(id=1,smin32=-5,smax32=5) R2=scalar(smin=smin32=-5,smax=smax32=5)",
            "6: (bf) r3 = (s32)r0                  ; R0=scalar(id=1,smin32=-5,smax32=5) R3=scalar(smin=smin32=-5,smax=smax32=5)",
            "7: (bc) w4 = (s8)w0                   ; R0=scalar(id=1,smin32=-5,smax32=5) "
                    + "R4=scalar(smin=0,smax=umax=0xffffffff,smin32=-128,smax32=127,var_off=(0x0; 0xffffffff))",
            "9: (89) r5 = *(s16 *)(r10 -8)         ; R5=scalar(smin=smin32=-5,smax=smax32=5) R10=fp0 fp-8=scalar(id=1,smin32=-5,smax32=5)",
            "12: (26) if w0 > 0x80000007 goto pc+2         ; " + r0,
            "13: (bf) r1 = (s32)r0                 ; " + r0
                    + " R1=scalar(smin=0xffffffff80000005,smax=0xffffffff80000007,"
                    + "umin=0xffffffff80000005,umax=0xffffffff80000007,smin32=umin32=0x80000005,smax32=umax32=0x80000007,"
                    + "var_off=(0xffffffff80000004; 0x3))",
            "14: (bf) r2 = (s16)r0                 ; " + r0 + " R2=scalar(smin=smin32=-32768,smax=smax32=32767)",
        }) {
            assertTrue(log.contains(line + "\n"), () -> "missing: " + line + "\nin:\n" + log);
        }
    }

    @Test
    void anAcceptedProgramAtLevelOneLogsOnlyTheStatistics() {
        assertEquals(
                "processed 2 insns (limit 1000000) max_states_per_insn 0 total_states 0 peak_states 0 mark_read 0\n",
                verify("r0 = 2\nexit", 1).log());
        assertEquals("", verify("r0 = 2\nexit", 0).log());
    }

    @Test
    void anInfiniteLoopPrintsBothStates() {
        VerifierResult r = verify("call 7\nr0 += 1\nif r0 != 0 goto -2\nexit", 1);
        assertTrue(
                r.log()
                        .contains(
                                "infinite loop detected at insn 1\ncur state: R0=scalar(umin=1) R10=fp0\nold state: R0=scalar(umin=1) R10=fp0\n"),
                r.log());
    }

    @Test
    void callsPrintCallerAndCallee() {
        String log = verify("call f\nexit\nf:\nr0 = 1\nexit", 2).log();
        assertTrue(
                log.contains(
                        "0: (85) call pc+1\ncaller:\n R10=fp0\ncallee:\n frame1: R1=ctx() R10=fp0\n2: frame1: R1=ctx() R10=fp0\n"
                                + "2: (b7) r0 = 1                        ; frame1: R0=1\n3: (95) exit\nreturning from callee:\n frame1: R0=1 R1=ctx() R10=fp0\n"
                                + "to caller at 1:\n R0=1 R10=fp0\n"),
                log);
    }
}
