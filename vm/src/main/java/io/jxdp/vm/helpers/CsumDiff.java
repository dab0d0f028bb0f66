package io.jxdp.vm.helpers;

import io.jxdp.vm.Cpu;
import io.jxdp.vm.Errno;
import io.jxdp.vm.memory.Region;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * {@code s64 bpf_csum_diff(__be32 *from, u32 from_size, __be32 *to, u32 to_size, __wsum seed)}
 * (net/core/filter.c), bit for bit as x86-64 kernels compute it, in its two generations:
 *
 * <ul>
 *   <li>{@link #csumDiff} (the helper jxdp registers): since 6.13 ("bpf: bpf_csum_diff: optimize
 *       and homogenize for all archs"), {@code csum_sub(csum_partial(to, seed), csum_partial(from,
 *       0))} folded to 16 bits by {@code csum_from32to16}; any sizes (the verifier bounds them);
 *       never an error. Every architecture returns the same value.
 *   <li>{@link #csumDiffLegacy}: before 6.13, {@code csum_partial} of the words {@code ~from[i]}
 *       then {@code to[i]} with the seed, returned unfolded (32 bits, x86-64's representation);
 *       -EINVAL unless both sizes are multiples of 4 and add up to at most 512. Install it with
 *       {@code table.with(CsumDiff.LEGACY)} to emulate an older kernel.
 * </ul>
 *
 * <p>x86-64's {@code csum_partial} (arch/x86/lib/csum-partial_64.c) adds the buffer as
 * little-endian 64-bit words (the tail zero-padded) with end-around carry into a 64-bit sum that
 * starts at the zero-extended seed, then folds the two halves with end-around carry. Any order of
 * such additions gives the same sum (0 only when every word and the seed are 0), so a plain loop
 * matches the kernel's unrolled one exactly.
 */
public final class CsumDiff {
    /** The pre-6.13 helper, for {@link HelperTable#with}. */
    public static final HelperFunction LEGACY =
            HelperFunction.ofStatic(28, "csum_diff", CsumDiff.class, "csumDiffLegacy");

    private static final VarHandle LE64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** The pre-6.13 scratchpad: {@code MAX_BPF_STACK} bytes. */
    private static final int LEGACY_MAX = 512;

    private CsumDiff() {}

    /** 28, the current kernel's semantics. */
    public static long csumDiff(Cpu cpu, long from, long fromSize, long to, long toSize, long seed) {
        int fs = (int) fromSize;
        int ts = (int) toSize;
        int ret = (int) seed;
        if (fs != 0 && ts != 0) {
            ret = csumSub(partial(cpu, to, ts, ret), partial(cpu, from, fs, 0));
        } else if (ts != 0) {
            ret = partial(cpu, to, ts, ret);
        } else if (fs != 0) {
            ret = ~partial(cpu, from, fs, ~ret);
        }
        return from32to16(ret);
    }

    /** 28 as kernels before 6.13 had it. */
    public static long csumDiffLegacy(Cpu cpu, long from, long fromSize, long to, long toSize, long seed) {
        int fs = (int) fromSize;
        int ts = (int) toSize;
        int diffSize = fs + ts; // u32 arithmetic, as the kernel's
        if (((fs | ts) & 3) != 0 || Integer.compareUnsigned(diffSize, LEGACY_MAX) > 0) {
            return Errno.EINVAL.negative();
        }
        WordSum sum = new WordSum(seed & 0xffff_ffffL);
        if (fs != 0) {
            Region r = cpu.memory().rangeOrFault(from, fs, cpu.pc, "bpf_csum_diff: read of from");
            sum.addWords(r.bytes(), r.base() + (int) from, fs, true);
        }
        if (ts != 0) {
            Region r = cpu.memory().rangeOrFault(to, ts, cpu.pc, "bpf_csum_diff: read of to");
            sum.addWords(r.bytes(), r.base() + (int) to, ts, false);
        }
        return sum.finish() & 0xffff_ffffL;
    }

    private static int partial(Cpu cpu, long addr, int size, int seed) {
        Region r = cpu.memory().rangeOrFault(addr, size, cpu.pc, "bpf_csum_diff: read");
        return csumPartial(r.bytes(), r.base() + (int) addr, size, seed);
    }

    /** x86-64's {@code csum_partial(buff, len, sum)} over {@code bytes[at, at + len)}. */
    public static int csumPartial(byte[] bytes, int at, int len, int seed) {
        long sum = seed & 0xffff_ffffL;
        int i = at;
        int end = at + len;
        for (; end - i >= 8; i += 8) {
            sum = add64(sum, (long) LE64.get(bytes, i));
        }
        if (i < end) {
            long trail = 0;
            for (int k = 0; i + k < end; k++) {
                trail |= (bytes[i + k] & 0xffL) << (8 * k);
            }
            sum = add64(sum, trail);
        }
        return finalizeSum(sum);
    }

    /** An addition with end-around carry (addq; adcq $0). */
    static long add64(long a, long b) {
        long s = a + b;
        return Long.compareUnsigned(s, a) < 0 ? s + 1 : s;
    }

    /** csum_finalize_sum: the halves of the 64-bit sum added with end-around carry. */
    static int finalizeSum(long sum) {
        return (int) ((sum + Long.rotateRight(sum, 32)) >>> 32);
    }

    /** csum_sub: {@code csum_add(a, ~b)} with 32-bit end-around carry. */
    static int csumSub(int a, int b) {
        int nb = ~b;
        int res = a + nb;
        return res + (Integer.compareUnsigned(res, nb) < 0 ? 1 : 0);
    }

    /** csum_from32to16: the halves added with end-around carry, 16 bits (no complement). */
    static long from32to16(int sum) {
        int s = sum + (sum >>> 16 | sum << 16);
        return (s >>> 16) & 0xffffL;
    }

    /** The legacy scratchpad's csum_partial, fed 32-bit words as they would lie in it, without the buffer. */
    private static final class WordSum {
        private long sum;
        private long pending;
        private boolean half;

        WordSum(long seed) {
            this.sum = seed;
        }

        void addWords(byte[] bytes, int at, int len, boolean invert) {
            for (int i = 0; i < len; i += 4) {
                long w = (bytes[at + i] & 0xffL)
                        | (bytes[at + i + 1] & 0xffL) << 8
                        | (bytes[at + i + 2] & 0xffL) << 16
                        | (bytes[at + i + 3] & 0xffL) << 24;
                if (invert) {
                    w = ~w & 0xffff_ffffL;
                }
                if (half) {
                    sum = add64(sum, pending | w << 32);
                    half = false;
                } else {
                    pending = w;
                    half = true;
                }
            }
        }

        int finish() {
            if (half) {
                sum = add64(sum, pending);
            }
            return finalizeSum(sum);
        }
    }
}
