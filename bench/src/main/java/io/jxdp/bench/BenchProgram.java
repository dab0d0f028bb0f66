package io.jxdp.bench;

import static io.jxdp.isa.Opcode.*;

import io.jxdp.isa.Program;
import io.jxdp.isa.codec.Decoder;
import io.jxdp.jit.AccessFacts;
import io.jxdp.verifier.ProgramType;
import io.jxdp.verifier.VerifiedProgram;
import io.jxdp.verifier.Verifier;
import io.jxdp.verifier.VerifierOptions;
import io.jxdp.vm.Cpu;
import io.jxdp.vm.helpers.BaseHelpers;
import io.jxdp.vm.helpers.HelperFunction;
import io.jxdp.vm.helpers.HelperTable;
import io.jxdp.vm.helpers.StandardHelpers;
import io.jxdp.vm.memory.RegionKind;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The programs the engines are measured on, each with the same logic hand-written in Java, its
 * input, the facts a verifier would prove about its accesses, and how many eBPF instructions one
 * run executes (from the program's structure, for the interpreter's ns per instruction). The
 * programs follow the shape of uBPF's benchmarks so its JIT's numbers compare.
 */
/**
 * The programs the engines are measured on, each with the same logic hand-written in Java, its
 * input, the facts a verifier would prove about its accesses, and how many eBPF instructions one
 * run executes. The first five are the shared benchmark programs ({@link SharedPrograms}: read
 * from {@code ../shared/bench-programs}, byte for byte the bytecode other VMs are measured on);
 * the rest are jxdp's own variants under their own names.
 */
public enum BenchProgram {
    /** (a) Straight-line parse of Eth/IPv4/UDP at fixed offsets and a splitmix64-style hash. */
    PARSE("(a) parse Eth/IPv4/UDP + hash", 33) {
        @Override
        VerifiedProgram verified() {
            return verified(program(), input());
        }

        @Override
        long java(byte[] p, Cpu cpu) {
            long ethertype = (short) BE16.get(p, 12) & 0xffff;
            long proto = p[23] & 0xff;
            long src = (int) BE32.get(p, 26) & 0xffff_ffffL;
            long dst = (int) BE32.get(p, 30) & 0xffff_ffffL;
            long sport = (short) BE16.get(p, 34) & 0xffff;
            long dport = (short) BE16.get(p, 36) & 0xffff;
            long h = (src << 32 | dst) ^ (((sport << 16 | dport) << 16 | proto) << 16 | ethertype);
            h *= SPLITMIX;
            h ^= h >>> 29;
            h *= SPLITMIX;
            h ^= h >>> 32;
            return h & 7;
        }
    },

    /** (b) Count the primes below 10,000 by trial division ({@code n % d} as {@code (n / d) * d == n}). */
    PRIMES("(b) count primes < 10,000", 1_075_109) {
        @Override
        long java(byte[] input, Cpu cpu) {
            long count = 0;
            for (long n = 2; n < LIMIT; n++) {
                boolean prime = true;
                for (long d = 2; d * d <= n; d++) {
                    if (Long.divideUnsigned(n, d) * d == n) {
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
    },

    /** (c) Sum the 64-bit words of the 1,500-byte buffer, walking a pointer to r1 + (r2 & ~7). */
    SUM64("(c) sum64 over 1,500 bytes", 755) {
        /**
         * Written by hand: the verifier (the kernel's model) rejects this loop, as the kernel does,
         * because it does not follow a compare of two memory pointers. What a verifier that did
         * would prove: every load is in bounds, both tests compare two pointers into the memory,
         * and the loop ends.
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
                    return pc == 5 || pc == 9; // if r3 >= r4 goto done; if r3 < r4 goto loop
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
            for (int i = 0; i < (b.length & ~7); i += 8) {
                sum += (long) LE64.get(b, i);
            }
            return sum;
        }
    },

    /** (d) 1,000 calls of helper 1, registered as {@code mix(a, b) = a * 31 + b}. */
    CALLS("(d) 1,000 helper calls (mix)", 6_004) {
        @Override
        HelperTable helpers() {
            return StandardHelpers.table().with(HelperFunction.ofStatic(1, "mix", BenchProgram.class, "mix"));
        }

        @Override
        long java(byte[] input, Cpu cpu) {
            long acc = 0;
            for (long i = 0; i < CALL_COUNT; i++) {
                acc = mix(cpu, acc, i, 0, 0, 0);
            }
            return acc;
        }
    },

    /** (e) {@code r0 = 0; exit}: the cost of entering and leaving a program. */
    EMPTY("(e) empty program (call overhead)", 2) {
        @Override
        long java(byte[] input, Cpu cpu) {
            return 0;
        }
    },

    /** jxdp's own: parse with branches on EtherType and protocol, IHL-relative ports, FNV-1a. */
    PARSE_FNV("parse with branches + FNV-1a (jxdp's own)", 35) {
        @Override
        Program ownProgram() {
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
            return a.program("parse-fnv");
        }

        @Override
        VerifiedProgram verified() {
            return PARSE.verified(program(), input());
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
    },

    /** jxdp's own: 1,000 calls of the kernel's {@code bpf_get_prandom_u32}. */
    PRANDOM("1,000 calls of get_prandom_u32 (jxdp's own)", 4_004) {
        @Override
        Program ownProgram() {
            Asm a = new Asm();
            a.imm(MOV64_IMM, 6, CALL_COUNT).imm(MOV64_IMM, 7, 0);
            a.label("loop")
                    .imm(CALL, 0, 7)
                    .reg(ADD64_REG, 7, 0)
                    .imm(SUB64_IMM, 6, 1)
                    .jump(JNE_IMM, 6, 0, "loop");
            a.reg(MOV64_REG, 0, 7).imm(EXIT, 0, 0);
            return a.program("prandom");
        }

        @Override
        long java(byte[] input, Cpu cpu) {
            long sum = 0;
            for (int i = 0; i < CALL_COUNT; i++) {
                sum += BaseHelpers.getPrandomU32(cpu, 0, 0, 0, 0, 0);
            }
            return sum;
        }
    };

    static final long SPLITMIX = 0x9E37_79B9_7F4A_7C15L;
    static final long FNV_OFFSET = 0xcbf2_9ce4_8422_2325L;
    static final long FNV_PRIME = 0x0000_0100_0000_01b3L;
    static final int LIMIT = 10_000;
    static final int CALL_COUNT = 1000;
    private static final VarHandle BE16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle BE32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LE64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final String description;
    private final long executedInstructions;

    BenchProgram(String description, long executedInstructions) {
        this.description = description;
        this.executedInstructions = executedInstructions;
    }

    /** {@code mix(a, b) = a * 31 + b}: helper 1 of the shared {@code calls} program. */
    public static long mix(Cpu cpu, long a, long b, long r3, long r4, long r5) {
        return a * 31 + b;
    }

    public String description() {
        return description;
    }

    /** The name used in JMH parameters and on the command line (the shared programs' file names). */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** True for the shared benchmark programs (read from {@code ../shared/bench-programs}). */
    public boolean shared() {
        return ordinal() <= EMPTY.ordinal();
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

    /** The bytecode: the shared file {@code KEY.bin}, or jxdp's own program. */
    Program program() {
        return shared() ? Decoder.decode(SharedPrograms.read(key() + ".bin"), key(), List.of()) : ownProgram();
    }

    /** jxdp's own variants write their program here. */
    Program ownProgram() {
        throw new IllegalStateException(key() + " is a shared program");
    }

    /** The memory r1 points at (r2 is its length): the shared 1,500-byte {@code packet.bin}. */
    byte[] input() {
        return SharedPrograms.read("packet.bin");
    }

    /** r0 of one run as {@code expected.txt} gives it (shared programs only). */
    long expected() {
        Long r0 = SharedPrograms.expected().get(key());
        if (r0 == null) {
            throw new IllegalStateException("expected.txt gives no r0 for " + key());
        }
        return r0;
    }

    /** The helpers the program is loaded with. */
    HelperTable helpers() {
        return StandardHelpers.table();
    }

    /** The verifier's facts about the program and its input, or null where it has none. */
    VerifiedProgram verified() {
        return null;
    }

    VerifiedProgram verified(Program p, byte[] memory) {
        return Verifier.verifyOrThrow(p, VerifierOptions.defaults().withProgramType(ProgramType.mem(memory.length)));
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

    /** eBPF instructions one run executes (an lddw counts once); a test checks it with the budget. */
    long executedInstructions() {
        return executedInstructions;
    }

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
