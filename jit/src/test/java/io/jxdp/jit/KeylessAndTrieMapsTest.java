package io.jxdp.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jxdp.asm.Assembler;
import io.jxdp.asm.Syntax;
import io.jxdp.isa.MapDef;
import io.jxdp.isa.Program;
import io.jxdp.verifier.VerifiedProgram;
import io.jxdp.verifier.Verifier;
import io.jxdp.verifier.VerifierOptions;
import io.jxdp.vm.Cpu;
import io.jxdp.vm.EngineKind;
import io.jxdp.vm.Vm;
import io.jxdp.vm.VmOptions;
import io.jxdp.vm.XdpTestRun;
import io.jxdp.vm.maps.BpfMap;
import io.jxdp.vm.maps.Maps;
import io.jxdp.vm.memory.AddressSpace;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * LPM tries, queues, stacks and bloom filters used by verified programs through the helpers
 * (lookup, update, push, pop, peek), on the interpreter and on the JIT with and without the
 * verifier's facts: every run gives the same r0 and leaves the maps the same.
 */
class KeylessAndTrieMapsTest {
    private static final byte[] PACKET = new byte[64];

    /** The program's r0 on each engine (the interpreter, the JIT, the JIT with facts), fresh maps each. */
    private static List<Long> runEverywhere(String text, Consumer<List<BpfMap>> fill) {
        Program p = Assembler.assemble(text, "maps.bpf", Syntax.LLVM);
        VerifiedProgram facts = Verifier.verifyOrThrow(p, VerifierOptions.defaults());
        List<Long> results = new ArrayList<>();
        for (int variant = 0; variant < 3; variant++) {
            AddressSpace space = new AddressSpace();
            List<BpfMap> maps = new ArrayList<>();
            for (MapDef d : p.maps()) {
                maps.add(Maps.create(d, space, 1));
            }
            fill.accept(maps);
            VmOptions options = VmOptions.defaults().withEngine(variant == 0 ? EngineKind.INTERPRETER : EngineKind.JIT);
            if (variant == 2) {
                options = options.withFacts(facts);
            }
            results.add(XdpTestRun.run(Vm.load(p, maps, options), new Cpu(0, space), PACKET)
                    .retval());
        }
        return results;
    }

    private static byte[] bytes(int... b) {
        byte[] out = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = (byte) b[i];
        }
        return out;
    }

    /** Looks up 10.0.0.5/32 (in memory order 0a 00 00 05) and returns the u64 value or 99. */
    private static final String TRIE_LOOKUP = """
            .map trie type=lpm_trie key=8 value=8 max_entries=16 flags=1
            *(u32 *)(r10 - 8) = 32
            *(u32 *)(r10 - 4) = %d
            r2 = r10
            r2 += -8
            r1 = trie ll
            call 1
            if r0 == 0 goto miss
            r0 = *(u64 *)(r0 + 0)
            exit
            miss:
            r0 = 99
            exit
            """;

    @Test
    void aTrieLookupFindsTheLongestPrefix() {
        Consumer<List<BpfMap>> routes = maps -> {
            BpfMap t = maps.get(0);
            t.update(bytes(8, 0, 0, 0, 10, 0, 0, 0), bytes(8, 0, 0, 0, 0, 0, 0, 0), 0);
            t.update(bytes(24, 0, 0, 0, 10, 0, 0, 0), bytes(24, 0, 0, 0, 0, 0, 0, 0), 0);
            t.update(bytes(30, 0, 0, 0, 10, 0, 1, 4), bytes(30, 0, 0, 0, 0, 0, 0, 0), 0);
        };
        assertEquals(List.of(24L, 24L, 24L), runEverywhere(TRIE_LOOKUP.formatted(0x0500000a), routes));
        assertEquals(List.of(30L, 30L, 30L), runEverywhere(TRIE_LOOKUP.formatted(0x0701000a), routes));
        assertEquals(List.of(8L, 8L, 8L), runEverywhere(TRIE_LOOKUP.formatted(0x0702000a), routes));
        assertEquals(List.of(99L, 99L, 99L), runEverywhere(TRIE_LOOKUP.formatted(0x0500000b), routes));
    }

    /** Inserts 10.0.0.0/8 with value 7 from the program (r0: the update's result), then looks it up. */
    @Test
    void aProgramInsertsPrefixesWithTheKernelsFlags() {
        String text = """
                .map trie type=lpm_trie key=8 value=8 max_entries=1 flags=1
                *(u32 *)(r10 - 8) = 8
                *(u32 *)(r10 - 4) = 10
                *(u64 *)(r10 - 16) = 7
                r2 = r10
                r2 += -8
                r3 = r10
                r3 += -16
                r4 = %d
                r1 = trie ll
                call 2
                r6 = r0
                r6 <<= 8
                *(u32 *)(r10 - 8) = 32
                *(u32 *)(r10 - 4) = 0x0403020a
                r2 = r10
                r2 += -8
                r1 = trie ll
                call 1
                r0 = r6
                if r0 == 0 goto out
                exit
                out:
                exit
                """;
        // XDP's retval is the low 32 bits of r0: the update's result << 8. BPF_ANY into an empty trie
        // gives 0; BPF_EXIST -ENOENT (-2); an insert into a full trie -ENOSPC (-28)
        assertEquals(List.of(0L, 0L, 0L), runEverywhere(text.formatted(0), m -> {}));
        assertEquals(List.of(0xffff_fe00L, 0xffff_fe00L, 0xffff_fe00L), runEverywhere(text.formatted(2), m -> {}));
        assertEquals(
                List.of(0xffff_e400L, 0xffff_e400L, 0xffff_e400L),
                runEverywhere(
                        text.formatted(0),
                        m -> m.get(0).update(bytes(16, 0, 0, 0, 10, 1, 0, 0), bytes(1, 0, 0, 0, 0, 0, 0, 0), 0)));
    }

    /** Pushes 1, 2, 3 into a map of two (the third with BPF_EXIST), then pops twice and peeks: r0 packs the results. */
    private static final String PUSH_POP = """
            .map q type=%s key=0 value=8 max_entries=2
            *(u64 *)(r10 - 8) = 1
            r2 = r10
            r2 += -8
            r3 = 0
            r1 = q ll
            call 87
            *(u64 *)(r10 - 8) = 2
            r2 = r10
            r2 += -8
            r3 = 0
            r1 = q ll
            call 87
            *(u64 *)(r10 - 8) = 3
            r2 = r10
            r2 += -8
            r3 = 0
            r1 = q ll
            call 87
            r6 = r0
            *(u64 *)(r10 - 8) = 3
            r2 = r10
            r2 += -8
            r3 = 2
            r1 = q ll
            call 87
            r2 = r10
            r2 += -16
            r1 = q ll
            call 88
            r7 = *(u64 *)(r10 - 16)
            r2 = r10
            r2 += -24
            r1 = q ll
            call 89
            r8 = *(u64 *)(r10 - 24)
            r2 = r10
            r2 += -24
            r1 = q ll
            call 88
            r2 = r10
            r2 += -24
            r1 = q ll
            call 88
            r9 = r0
            r0 = *(u64 *)(r10 - 24)
            r0 <<= 4
            r0 |= r8
            r0 <<= 4
            r0 |= r7
            r0 <<= 8
            r6 &= 0xff
            r0 |= r6
            r0 <<= 8
            r9 &= 0xff
            r0 |= r9
            exit
            """;

    @Test
    void queuesAndStacksPushPopAndPeekInTheirOrder() {
        // r0 = the last pop's buffer, the peek, the first pop (4 bits each), the third push's result
        // and the last pop's (8 bits each). Pushing 3 into the full map is -E2BIG (0xf9); with
        // BPF_EXIST it drops the oldest (1). The last pop finds the map empty: -ENOENT (0xfe), and
        // zeroes the buffer the pop before had written. Queue: pops 2, peeks 3, pops 3.
        assertEquals(
                List.of(0x0_3_2_f9_feL, 0x0_3_2_f9_feL, 0x0_3_2_f9_feL),
                runEverywhere(PUSH_POP.formatted("queue"), m -> {}));
        // stack: pops 3, peeks 2, pops 2.
        assertEquals(
                List.of(0x0_2_3_f9_feL, 0x0_2_3_f9_feL, 0x0_2_3_f9_feL),
                runEverywhere(PUSH_POP.formatted("stack"), m -> {}));
    }

    /** A bloom filter with the kernel's zero-seed hashes: pushes 1..12 (given), peeks N. */
    private static final String BLOOM = """
            .map b type=bloom_filter key=0 value=4 max_entries=8 flags=64 extra=3
            *(u32 *)(r10 - 4) = %d
            r2 = r10
            r2 += -4
            r1 = b ll
            call 89
            exit
            """;

    @Test
    void aBloomFilterAnswersWithTheKernelsFalsePositives() {
        Consumer<List<BpfMap>> fill = m -> {
            for (int i = 1; i <= 12; i++) {
                m.get(0).push(bytes(i, 0, 0, 0), 0);
            }
        };
        // map_errnos.expected: 0x1b and 0x20 are the kernel's false positives for these twelve, 0x1c is absent
        for (int v : new int[] {5, 0x1b, 0x20}) {
            assertEquals(List.of(0L, 0L, 0L), runEverywhere(BLOOM.formatted(v), fill));
        }
        assertEquals(
                List.of(0xffff_fffeL, 0xffff_fffeL, 0xffff_fffeL),
                runEverywhere(BLOOM.formatted(0x1c), fill)); // -ENOENT
    }
}
