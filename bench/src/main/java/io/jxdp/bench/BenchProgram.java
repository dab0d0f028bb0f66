package io.jxdp.bench;

import static io.jxdp.isa.Opcode.*;

import io.jxdp.isa.Program;
import io.jxdp.jit.AccessFacts;
import io.jxdp.verifier.ProgramType;
import io.jxdp.verifier.VerifiedProgram;
import io.jxdp.verifier.Verifier;
import io.jxdp.verifier.VerifierOptions;
import io.jxdp.vm.Cpu;
import io.jxdp.vm.helpers.BaseHelpers;
import io.jxdp.vm.memory.RegionKind;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The programs the engines are measured on, each with the same logic hand-written in Java, its
 * input, the facts a verifier would prove about its accesses, and how many eBPF instructions one
 * run executes (from the program's structure, for the interpreter's ns per instruction). The
 * programs follow the shape of uBPF's benchmarks so its JIT's numbers compare.
 */
public enum BenchProgram {
    /** (a) Parse Ethernet, IPv4 and UDP from a 1,500-byte frame and hash the 5-tuple: straight line. */
    PARSE("parse Eth/IPv4/UDP + hash 5-tuple") {
        @Override
        Program program() {
            Asm a = new Asm();
            a.reg(MOV64_REG, 6, 1);
            a.op(LDXH, 2, 6, 12, 0).imm(BE, 2, 16).jump(JNE_IMM, 2, 0x0800, "drop");
            a.op(LDXB, 3, 6, 14, 0).imm(AND64_IMM, 3, 0x0f).imm(LSH64_IMM, 3, 2);
            a.op(LDXB, 4, 6, 23, 0).jump(JNE_IMM, 4, 17, "drop");
            a.op(LDXW, 5, 6, 26, 0).imm(BE, 5, 32);
            a.op(LDXW, 7, 6, 30, 0).imm(BE, 7, 32);
            a.reg(MOV64_REG, 8, 6).reg(ADD64_REG, 8, 3);
            a.op(LDXH, 2, 8, 14, 0).imm(BE, 2, 16);
            a.op(LDXH, 9, 8, 16, 0).imm(BE, 9, 16);
            a.imm(LDDW, 0, FNV_OFFSET).imm(LDDW, 1, FNV_PRIME);
            for (int r : new int[] {5, 7, 2, 9, 4}) {
                a.reg(XOR64_REG, 0, r).reg(MUL64_REG, 0, 1);
            }
            a.reg(MOV64_REG, 3, 0).imm(RSH64_IMM, 3, 29).reg(XOR64_REG, 0, 3);
            a.imm(EXIT, 0, 0);
            a.label("drop").imm(MOV64_IMM, 0, 0).imm(EXIT, 0, 0);
            return a.program("parse");
        }

        @Override
        byte[] input() {
            byte[] frame = new byte[1500];
            frame[12] = 0x08; // EtherType IPv4
            frame[14] = 0x45; // version 4, ihl 5
            frame[23] = 17; // UDP
            BE32.set(frame, 26, 0x0a00_0001);
            BE32.set(frame, 30, 0xc0a8_0102);
            BE16.set(frame, 34, (short) 5353);
            BE16.set(frame, 36, (short) 53);
            return frame;
        }

        @Override
        VerifiedProgram verified() {
            return Verifier.verifyOrThrow(
                    program(), VerifierOptions.defaults().withProgramType(ProgramType.mem(input().length)));
        }

        @Override
        long java(byte[] p, Cpu cpu) {
            if (((short) BE16.get(p, 12) & 0xffff) != 0x0800) {
                return 0;
            }
            int ihl = (p[14] & 0x0f) << 2;
            long proto = p[23] & 0xff;
            if (proto != 17) {
                return 0;
            }
            long saddr = (int) BE32.get(p, 26) & 0xffff_ffffL;
            long daddr = (int) BE32.get(p, 30) & 0xffff_ffffL;
            long sport = (short) BE16.get(p, 14 + ihl) & 0xffff; // the UDP header follows the IP header
            long dport = (short) BE16.get(p, 16 + ihl) & 0xffff;
            long h = FNV_OFFSET;
            h = (h ^ saddr) * FNV_PRIME;
            h = (h ^ daddr) * FNV_PRIME;
            h = (h ^ sport) * FNV_PRIME;
            h = (h ^ dport) * FNV_PRIME;
            h = (h ^ proto) * FNV_PRIME;
            return h ^ (h >>> 29);
        }

        @Override
        long executedInstructions() {
            return 35; // straight line to the first exit; the lddws count once each
        }
    },

    /** (b) Count the primes below 10,000 by trial division: loops, multiply and modulo. */
    PRIMES("count primes < 10,000 (trial division)") {
        @Override
        Program program() {
            Asm a = new Asm();
            a.imm(MOV64_IMM, 0, 0).imm(MOV64_IMM, 1, 2);
            a.label("outer").imm(MOV64_IMM, 2, 2);
            a.label("inner").reg(MOV64_REG, 3, 2).reg(MUL64_REG, 3, 2).jumpReg(JGT_REG, 3, 1, "prime");
            a.reg(MOV64_REG, 4, 1).reg(MOD64_REG, 4, 2).jump(JEQ_IMM, 4, 0, "next");
            a.imm(ADD64_IMM, 2, 1).jump(JA, 0, 0, "inner");
            a.label("prime").imm(ADD64_IMM, 0, 1);
            a.label("next").imm(ADD64_IMM, 1, 1).jump(JLT_IMM, 1, LIMIT, "outer");
            a.imm(EXIT, 0, 0);
            return a.program("primes");
        }

        @Override
        long java(byte[] input, Cpu cpu) {
            long count = 0;
            for (long n = 2; n < LIMIT; n++) {
                boolean prime = true;
                for (long d = 2; d * d <= n; d++) {
                    if (n % d == 0) {
                        prime = false;
                        break;
                    }
                }
                if (prime) {
                    count++;
                }
            }
            return count;
        }

        @Override
        long executedInstructions() {
            long executed = 2;
            for (long n = 2; n < LIMIT; n++) {
                executed += 1; // r2 = 2
                for (long d = 2; ; d++) {
                    executed += 3; // r3 = d * d, compare
                    if (d * d > n) {
                        executed += 1; // count it
                        break;
                    }
                    executed += 3; // r4 = n % d, compare
                    if (n % d == 0) {
                        break;
                    }
                    executed += 2; // d++, ja
                }
                executed += 2; // n++, compare
            }
            return executed + 1;
        }
    },

    /** (c) Sum the 64-bit words of 1,500 bytes: a memory loop. */
    SUM("sum 64-bit words of 1,500 bytes") {
        @Override
        Program program() {
            Asm a = new Asm();
            a.imm(MOV64_IMM, 0, 0).reg(MOV64_REG, 3, 1).reg(MOV64_REG, 4, 1).imm(ADD64_IMM, 4, WORDS * 8);
            a.label("loop")
                    .op(LDXDW, 5, 3, 0, 0)
                    .reg(ADD64_REG, 0, 5)
                    .imm(ADD64_IMM, 3, 8)
                    .jumpReg(JLT_REG, 3, 4, "loop");
            a.imm(EXIT, 0, 0);
            return a.program("sum");
        }

        @Override
        byte[] input() {
            byte[] b = new byte[1500];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) (i * 7 + 3);
            }
            return b;
        }

        /**
         * Written by hand: the verifier (the kernel's model) rejects this loop, as the kernel does,
         * because it does not follow a compare of two memory pointers. What a verifier that did would
         * prove: the load is in bounds, the exit test compares two pointers into the memory, and the
         * loop ends.
         */
        @Override
        AccessFacts handWrittenFacts() {
            Program p = program();
            AccessFacts loads = everyLoadInMemory(p);
            return new AccessFacts() {
                @Override
                public Program program() {
                    return p;
                }

                @Override
                public Access access(int pc) {
                    return loads.access(pc);
                }

                @Override
                public boolean sameRegionCompare(int pc) {
                    return pc == 7; // if r3 < r4 goto loop
                }

                @Override
                public boolean terminates() {
                    return true;
                }
            };
        }

        @Override
        long java(byte[] b, Cpu cpu) {
            long sum = 0;
            for (int i = 0; i < WORDS * 8; i += 8) {
                sum += (long) LE64.get(b, i);
            }
            return sum;
        }

        @Override
        long executedInstructions() {
            return 4 + 4L * WORDS + 1;
        }
    },

    /** (d) 1,000 calls of {@code bpf_get_prandom_u32}: the cost of a helper call. */
    HELPERS("1,000 helper calls (get_prandom_u32)") {
        @Override
        Program program() {
            Asm a = new Asm();
            a.imm(MOV64_IMM, 6, CALLS).imm(MOV64_IMM, 7, 0);
            a.label("loop")
                    .imm(CALL, 0, 7)
                    .reg(ADD64_REG, 7, 0)
                    .imm(SUB64_IMM, 6, 1)
                    .jump(JNE_IMM, 6, 0, "loop");
            a.reg(MOV64_REG, 0, 7).imm(EXIT, 0, 0);
            return a.program("helpers");
        }

        @Override
        long java(byte[] input, Cpu cpu) {
            long sum = 0;
            for (int i = 0; i < CALLS; i++) {
                sum += BaseHelpers.getPrandomU32(cpu, 0, 0, 0, 0, 0);
            }
            return sum;
        }

        @Override
        long executedInstructions() {
            return 2 + 4L * CALLS + 2;
        }
    },

    /** (e) {@code r0 = 0; exit}: the cost of entering and leaving a program. */
    EMPTY("empty program (call overhead)") {
        @Override
        Program program() {
            return new Asm().imm(MOV64_IMM, 0, 0).imm(EXIT, 0, 0).program("empty");
        }

        @Override
        long java(byte[] input, Cpu cpu) {
            return 0;
        }

        @Override
        long executedInstructions() {
            return 2;
        }
    };

    static final long FNV_OFFSET = 0xcbf2_9ce4_8422_2325L;
    static final long FNV_PRIME = 0x0000_0100_0000_01b3L;
    static final int LIMIT = 10_000;
    static final int WORDS = 1500 / 8;
    static final int CALLS = 1000;
    private static final VarHandle BE16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle BE32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LE64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final String description;

    BenchProgram(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** The name used in JMH parameters and on the command line. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The program of this key; an IllegalArgumentException naming the keys there are otherwise. */
    public static BenchProgram ofKey(String key) {
        for (BenchProgram p : values()) {
            if (p.key().equals(key)) {
                return p;
            }
        }
        throw new IllegalArgumentException("no benchmark program '" + key + "' (there are: "
                + String.join(
                        ", ",
                        java.util.Arrays.stream(values()).map(BenchProgram::key).toList()) + ")");
    }

    abstract Program program();

    /** The memory r1 points at (r2 is its length), or null for none. */
    byte[] input() {
        return null;
    }

    /** The verifier's facts about the program and its input, or null where it has none. */
    VerifiedProgram verified() {
        return null;
    }

    /**
     * What a verifier that accepted the program would prove, written down by hand (and checked
     * against the input by the result) where the verifier rejects it, or null.
     */
    AccessFacts handWrittenFacts() {
        return null;
    }

    /** True if the JIT has facts to run the program with (the verifier's or hand-written). */
    boolean hasFacts() {
        return verified() != null || handWrittenFacts() != null;
    }

    /** The same computation written in Java. */
    abstract long java(byte[] input, Cpu cpu);

    /** eBPF instructions one run executes. */
    abstract long executedInstructions();

    private static AccessFacts everyLoadInMemory(Program p) {
        Map<Integer, AccessFacts.Access> facts = new HashMap<>();
        for (int i = 0; i < p.size(); i++) {
            if (p.instructions().get(i).op().form() == io.jxdp.isa.Form.LOAD) {
                facts.put(p.pcOf(i), new AccessFacts.Access(RegionKind.MEMORY, true));
            }
        }
        return AccessFacts.of(p, facts);
    }
}
