package io.jxdp.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxdp.asm.Assembler;
import io.jxdp.asm.Syntax;
import io.jxdp.isa.Program;
import io.jxdp.verifier.VerifiedProgram;
import io.jxdp.verifier.Verifier;
import io.jxdp.verifier.VerifierOptions;
import io.jxdp.vm.Cpu;
import io.jxdp.vm.EngineKind;
import io.jxdp.vm.LoadedProgram;
import io.jxdp.vm.Vm;
import io.jxdp.vm.VmOptions;
import io.jxdp.vm.memory.AddressSpace;
import io.jxdp.vm.memory.Memory;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Loops over packet pointers with the verifier's facts: the exit tests compare pointers into one
 * region (the JIT compares their low halves) and the pointers get int shadows. Every packet length
 * gives the interpreter's result, and the pointers hold their full values after the loop.
 */
class LoopOffsetsTest {
    /** Sums up to 64 bytes; r0 = sum << 16 | bytes walked (r4 - r2 after the loop, a full pointer). */
    private static final String BYTES = """
            r2 = *(u32 *)(r1 + 0)
            r3 = *(u32 *)(r1 + 4)
            r0 = 0
            r4 = r2
            r7 = 0
            loop:
            r5 = r4
            r5 += 1
            if r5 > r3 goto out
            r6 = *(u8 *)(r4 + 0)
            r0 += r6
            r4 += 1
            r7 += 1
            if r7 < 64 goto loop
            out:
            r4 -= r2
            r0 <<= 16
            r0 += r4
            exit
            """;

    /** Nested: 4-byte words, the inner loop entered from outside at its header, a pointer exit test. */
    private static final String WORDS = """
            r2 = *(u32 *)(r1 + 0)
            r3 = *(u32 *)(r1 + 4)
            r0 = 0
            r8 = 0
            outer:
            r4 = r2
            r9 = 0
            r5 = r4
            r5 += 4
            if r5 > r3 goto next
            inner:
            r6 = *(u32 *)(r4 + 0)
            r0 ^= r6
            r0 *= 31
            r4 += 4
            r5 += 4
            r9 += 1
            if r9 > 16 goto next
            if r5 <= r3 goto inner
            next:
            r8 += 1
            if r8 < 3 goto outer
            r4 -= r2
            r0 += r4
            exit
            """;

    @Test
    void packetLoopsAgreeWithTheInterpreterAtEveryLength() {
        for (String text : new String[] {BYTES, WORDS}) {
            Program p = Assembler.assemble(text, "loop.bpf", Syntax.LLVM);
            VerifiedProgram v = Verifier.verifyOrThrow(p, VerifierOptions.defaults());
            boolean marked = false;
            for (int pc = 0; pc < p.slotCount(); pc++) {
                marked |= v.comparesSameRegion(pc);
            }
            assertTrue(marked, "the verifier marks the pointer compares");
            check(text);
        }
    }

    /** Loops of every stride, access size and pointer exit test, over packets of many lengths. */
    @Test
    void everyShapeOfPointerLoopAgrees() {
        String[] sizes = {"u8", "u16", "u32", "u64"};
        String[] exits = {
            "if r4 < r3 goto loop",
            "if r3 > r4 goto loop",
            "if r4 != r3 goto loop",
            "if r4 s< r3 goto loop",
            "if r5 <= r3 goto loop",
            "if r7 < 40 goto loop"
        };
        for (int size = 0; size < 4; size++) {
            for (int stride : new int[] {1, 3, 8, -0}) {
                for (String exit : exits) {
                    String text =
                            """
                            r2 = *(u32 *)(r1 + 0)
                            r3 = *(u32 *)(r1 + 4)
                            r0 = 7
                            r4 = r2
                            r4 += 2
                            r7 = 0
                            loop:
                            r5 = r4
                            r5 += %d
                            if r5 > r3 goto out
                            r6 = *(%s *)(r4 + 0)
                            r0 ^= r6
                            r0 *= 31
                            r4 += %d
                            r5 = r4
                            r5 += %d
                            r7 += 1
                            if r7 > 40 goto out
                            %s
                            out:
                            r4 -= r2
                            r0 += r4
                            exit
                            """.formatted(1 << size, sizes[size], stride == 0 ? 1 << size : stride, 1 << size, exit);
                    check(text);
                }
            }
        }
    }

    private static void check(String text) {
        Program p = Assembler.assemble(text, "loop.bpf", Syntax.LLVM);
        VerifiedProgram v = Verifier.verifyOrThrow(p, VerifierOptions.defaults());
        LoadedProgram interp = Vm.load(p, VmOptions.defaults().withEngine(EngineKind.INTERPRETER));
        LoadedProgram jit =
                Vm.load(p, VmOptions.defaults().withEngine(EngineKind.JIT).withFacts(v));
        AccessPlan plan = AccessPlan.of(p, p.functionEntries(), AccessFacts.from(v));
        assertTrue(
                LoopOffsets.of(p, new MethodUnit(0, 0, p.slotCount(), -1, new int[0]), plan)
                                .registers()
                        != 0,
                "the loop's pointers get shadows");
        Random rnd = new Random(text.hashCode());
        for (int len = 0; len <= 200; len += 1 + len / 16) {
            byte[] frame = new byte[4096];
            rnd.nextBytes(frame);
            assertEquals(run(interp, frame, len), run(jit, frame, len), "packet length " + len + " of\n" + text);
        }
    }

    private static long run(LoadedProgram program, byte[] frame, int len) {
        Cpu cpu = new Cpu(0, new AddressSpace());
        cpu.memory().xdp().attach(frame.clone(), 256, 256 + len, 4096 - 320, 1, 0);
        return program.run(cpu, Memory.contextPointer(), 0);
    }
}
