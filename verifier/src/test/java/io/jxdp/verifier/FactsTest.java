package io.jxdp.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxdp.verifier.testing.Asm;
import org.junit.jupiter.api.Test;

/** The facts an accepted program carries for the JIT: region per access on all paths, and bounds. */
class FactsTest {
    private static VerifiedProgram verified(String text, ProgramType type) {
        return Verifier.verifyOrThrow(
                Asm.llvm(text, "t"), VerifierOptions.defaults().withProgramType(type));
    }

    @Test
    void eachAccessNamesItsRegion() {
        VerifiedProgram v = verified("""
                .map m type=array key=4 value=16 max_entries=4
                r6 = r1
                r2 = *(u32 *)(r6 + 0)
                r3 = *(u32 *)(r6 + 4)
                r4 = r2
                r4 += 14
                if r4 > r3 goto +9
                r5 = *(u16 *)(r2 + 12)
                *(u32 *)(r10 - 4) = 0
                r2 = r10
                r2 += -4
                r1 = m ll
                call 1
                if r0 == 0 goto +1
                r1 = *(u64 *)(r0 + 8)
                r0 = 2
                exit
                """, ProgramType.xdp());
        assertEquals(new AccessFact(1, Region.CTX, -1, true, 0, 4, 4, false), v.accessAt(1));
        assertEquals(new AccessFact(2, Region.CTX, -1, true, 4, 8, 4, false), v.accessAt(2));
        assertEquals(new AccessFact(6, Region.PACKET, -1, true, 12, 14, 2, false), v.accessAt(6));
        assertEquals(new AccessFact(7, Region.STACK, -1, true, -4, 0, 4, true), v.accessAt(7));
        assertEquals(new AccessFact(14, Region.MAP_VALUE, 0, true, 8, 16, 8, false), v.accessAt(14));
        assertEquals(5, v.accesses().size());
        assertEquals(Region.UNKNOWN, v.accessAt(0).region());
        assertTrue(v.reached(14));
    }

    @Test
    void differentRegionsOnDifferentPathsAreMixed() {
        VerifiedProgram v = verified("""
                .map m type=hash key=4 value=8 max_entries=4
                *(u64 *)(r10 - 8) = 0
                *(u32 *)(r10 - 12) = 0
                r2 = r10
                r2 += -12
                r1 = m ll
                call 1
                r1 = r10
                r1 += -8
                if r0 == 0 goto +1
                r1 = r0
                r0 = *(u64 *)(r1 + 0)
                r0 = 0
                exit
                """, ProgramType.xdp());
        AccessFact f = v.accessAt(11);
        assertEquals(Region.MIXED, f.region());
        assertEquals(-1, f.mapIndex());
        assertTrue(f.inBounds());
    }

    @Test
    void comparesOfPointersIntoOneRegionAreMarked() {
        VerifiedProgram v = verified("""
                r2 = *(u32 *)(r1 + 0)
                r3 = *(u32 *)(r1 + 4)
                r4 = r2
                r4 += 14
                if r4 > r3 goto +5
                r5 = r10
                r5 += -8
                if r5 != r10 goto +1
                r0 = 1
                if r2 < r5 goto +0
                r0 = 2
                exit
                """, ProgramType.xdp());
        assertTrue(v.comparesSameRegion(4), "packet pointer against data_end");
        assertTrue(v.comparesSameRegion(7), "two stack pointers");
        assertFalse(v.comparesSameRegion(9), "the packet against the stack");
        assertFalse(v.comparesSameRegion(2), "not a jump");
    }

    @Test
    void aPointerWithAnUnboundedOffsetIsNotComparedByItsLowHalf() {
        VerifiedProgram v = verified("""
                r3 = *(u32 *)(r1 + 0)
                r3 <<= 20
                r4 = r1
                r4 += r3
                if r4 > r1 goto +0
                r5 = r1
                r5 += 8
                if r5 > r1 goto +0
                r0 = 0
                exit
                """, ProgramType.mem(16));
        assertFalse(v.comparesSameRegion(4), "r4's offset may reach 2^52");
        assertTrue(v.comparesSameRegion(7));
    }

    @Test
    void memoryConventionAccessesAreMem() {
        VerifiedProgram v = verified("r0 = *(u32 *)(r1 + 4)\n*(u8 *)(r1 + 15) = 1\nr0 = r2\nexit", ProgramType.mem(16));
        assertEquals(new AccessFact(0, Region.MEM, -1, true, 4, 8, 4, false), v.accessAt(0));
        assertEquals(new AccessFact(1, Region.MEM, -1, true, 15, 16, 1, true), v.accessAt(1));
    }

    @Test
    void variableOffsetsGiveTheirRange() {
        VerifiedProgram v = verified("""
                .map m type=array key=4 value=64 max_entries=4
                *(u32 *)(r10 - 4) = 0
                r2 = r10
                r2 += -4
                r1 = m ll
                call 1
                if r0 == 0 goto +5
                r6 = r0
                call 7
                r0 &= 31
                r6 += r0
                r0 = *(u64 *)(r6 + 8)
                r0 = 0
                exit
                """, ProgramType.xdp());
        assertEquals(new AccessFact(11, Region.MAP_VALUE, 0, true, 8, 47, 8, false), v.accessAt(11));
    }

    @Test
    void deadCodeIsNotReached() {
        VerifiedProgram v =
                verified("r0 = 5\nif r0 > 10 goto +2\nr0 = 0\nexit\nr0 = *(u64 *)(r9 + 0)\nexit", ProgramType.xdp());
        assertFalse(v.reached(4));
        assertEquals(Region.UNKNOWN, v.accessAt(4).region());
        assertFalse(v.accessAt(4).inBounds());
    }
}
