package io.jxdp.vm.maps;

import io.jxdp.isa.MapDef;
import io.jxdp.vm.Cpu;
import io.jxdp.vm.Errno;
import io.jxdp.vm.memory.AddressSpace;
import io.jxdp.vm.memory.Region;

/**
 * {@code BPF_MAP_TYPE_BLOOM_FILTER} (kernel/bpf/bloom_filter.c): keyless; a push sets {@code
 * nr_hash_funcs} bits of a bit array, a peek answers 0 if all of a value's bits are set (maybe
 * present) or -ENOENT (certainly absent). The hashes are the kernel's: jhash of the value with seed
 * {@code hash_seed + i} (jhash2 on u32 words when value_size is a multiple of 4, which gives the
 * same value on a little-endian machine), masked to the array's size, which is the kernel's
 * {@code max_entries * nr_hash_funcs * 7 / 5} rounded up to a power of two (at least 64 bits, 2^32
 * when that overflows). With {@code BPF_F_ZERO_SEED} the seed is 0, so the same values set the same
 * bits as in the kernel and false positives are the kernel's; otherwise the seed is random, as there.
 */
public final class BloomFilter extends BpfMap {
    private final int nrHashFuncs;
    private final long bitsetMask;
    private final int seed;
    private final long[] bits;

    BloomFilter(MapDef def, AddressSpace space, int nrHashFuncs, long bitsetMask, int seed) {
        super(def, space, 1, def.maxEntries());
        this.nrHashFuncs = nrHashFuncs;
        this.bitsetMask = bitsetMask;
        this.seed = seed;
        this.bits = new long[(int) ((bitsetMask + 64) >>> 6)];
    }

    /** The bit array's size in bits for a definition, as bloom_map_alloc computes it ({@code mask + 1}). */
    static long bitsetMask(long maxEntries, int nrHashFuncs) {
        long nrBits = maxEntries * nrHashFuncs;
        if (nrBits > 0xffff_ffffL) {
            return 0xffff_ffffL;
        }
        nrBits = nrBits / 5 * 7;
        if (nrBits > 0xffff_ffffL || nrBits > 1L << 31) {
            return 0xffff_ffffL;
        }
        if (nrBits <= 64) {
            return 63;
        }
        return Long.highestOneBit(nrBits - 1) * 2 - 1;
    }

    @Override
    protected Region regionFor(int cpuId) {
        return null; // programs never address the bit array
    }

    /** The number of hash functions (map_extra, or 5). */
    public int hashFunctions() {
        return nrHashFuncs;
    }

    /** The bit array's size in bits. */
    public long bitCount() {
        return bitsetMask + 1;
    }

    /** The bits set. */
    public synchronized long bitsSet() {
        long n = 0;
        for (long w : bits) {
            n += Long.bitCount(w);
        }
        return n;
    }

    private long bitIndex(byte[] value, int at, int i) {
        return Jhash.hash(value, at, valueSize(), seed + i) & bitsetMask & 0xffff_ffffL;
    }

    /** bloom_map_push_elem. */
    synchronized long push(byte[] value, int at, long flags) {
        if (flags != MapFlags.ANY) {
            return Errno.EINVAL.negative();
        }
        for (int i = 0; i < nrHashFuncs; i++) {
            long h = bitIndex(value, at, i);
            bits[(int) (h >>> 6)] |= 1L << h;
        }
        return 0;
    }

    /** bloom_map_peek_elem: 0 if the value may have been pushed, -ENOENT if it certainly was not. */
    synchronized long peek(byte[] value, int at) {
        for (int i = 0; i < nrHashFuncs; i++) {
            long h = bitIndex(value, at, i);
            if ((bits[(int) (h >>> 6)] & (1L << h)) == 0) {
                return Errno.ENOENT.negative();
            }
        }
        return 0;
    }

    /** The syscall's lookup of a bloom filter: true if {@code value} may be in it. */
    public boolean mayContain(byte[] value) {
        if (value.length != valueSize()) {
            throw new MapException(
                    Errno.EINVAL, describe() + ": a value has " + valueSize() + " bytes, not " + value.length);
        }
        return peek(value, 0) == 0;
    }

    @Override
    public long bpfPush(Cpu cpu, byte[] value, int at, long flags) {
        return push(value, at, flags);
    }

    /** For a bloom filter the value argument of peek is the value to test, read, not written. */
    @Override
    public long bpfPeek(Cpu cpu, byte[] value, int at) {
        return peek(value, at);
    }

    @Override
    public long bpfPop(Cpu cpu, byte[] out, int at) {
        return Errno.EOPNOTSUPP.negative();
    }

    @Override
    protected long userPush(byte[] value, long flags) {
        return push(value, 0, flags);
    }

    /** The syscall's lookup-and-delete, which only queues, stacks and hash maps have. */
    @Override
    protected long userPop(byte[] out, boolean delete) {
        return Errno.ENOTSUPP.negative();
    }

    /** bloom_map_lookup_elem: a program or the syscall must peek with the value instead. */
    @Override
    protected byte[] userLookup(byte[] key) {
        throw new MapException(Errno.EINVAL, describe() + ": a bloom filter is queried by value (peek)");
    }

    /** The syscall's update of a bloom filter is a push. */
    @Override
    protected long userUpdate(byte[] key, byte[] value, long flags) {
        return push(value, 0, flags);
    }

    @Override
    protected long userDelete(byte[] key) {
        return Errno.EOPNOTSUPP.negative();
    }

    @Override
    protected byte[] userNextKey(byte[] key) {
        throw new MapException(Errno.EOPNOTSUPP, describe() + ": a bloom filter has no keys");
    }
}
