package io.jxdp.vm.maps;

/**
 * Bob Jenkins' lookup3 hash as the kernel has it (include/linux/jhash.h), which hash maps use to
 * pick a bucket ({@code htab_map_hash}: jhash2 on u32 words when key_size is a multiple of 4, else
 * jhash; on a little-endian machine both give the same value, so one function serves). With the
 * same seed ({@code BPF_F_ZERO_SEED} gives 0) keys land in the kernel's buckets, so iteration
 * order matches it too.
 */
final class Jhash {
    private static final int INITVAL = 0xdeadbeef;

    private Jhash() {}

    /** jhash(key, length, initval) over {@code key[at, at + length)}, reading it in place. */
    static int hash(byte[] k, int at, int length, int initval) {
        int a = INITVAL + length + initval;
        int b = a;
        int c = a;
        int i = at;
        int left = length;
        while (left > 12) {
            a += Keys.u32(k, i);
            b += Keys.u32(k, i + 4);
            c += Keys.u32(k, i + 8);
            // __jhash_mix
            a -= c;
            a ^= Integer.rotateLeft(c, 4);
            c += b;
            b -= a;
            b ^= Integer.rotateLeft(a, 6);
            a += c;
            c -= b;
            c ^= Integer.rotateLeft(b, 8);
            b += a;
            a -= c;
            a ^= Integer.rotateLeft(c, 16);
            c += b;
            b -= a;
            b ^= Integer.rotateLeft(a, 19);
            a += c;
            c -= b;
            c ^= Integer.rotateLeft(b, 4);
            b += a;
            left -= 12;
            i += 12;
        }
        if (left == 0) {
            return c;
        }
        // the last block, zero-padded, as the kernel's fall-through switch adds it
        a += tail(k, i, Math.min(left, 4));
        if (left > 4) {
            b += tail(k, i + 4, Math.min(left - 4, 4));
        }
        if (left > 8) {
            c += tail(k, i + 8, left - 8);
        }
        // __jhash_final
        c ^= b;
        c -= Integer.rotateLeft(b, 14);
        a ^= c;
        a -= Integer.rotateLeft(c, 11);
        b ^= a;
        b -= Integer.rotateLeft(a, 25);
        c ^= b;
        c -= Integer.rotateLeft(b, 16);
        a ^= c;
        a -= Integer.rotateLeft(c, 4);
        b ^= a;
        b -= Integer.rotateLeft(a, 14);
        c ^= b;
        c -= Integer.rotateLeft(b, 24);
        return c;
    }

    /** Up to 4 bytes as a little-endian word. */
    private static int tail(byte[] k, int at, int n) {
        if (n == 4) {
            return Keys.u32(k, at);
        }
        int w = 0;
        for (int j = 0; j < n; j++) {
            w |= (k[at + j] & 0xff) << (8 * j);
        }
        return w;
    }
}
