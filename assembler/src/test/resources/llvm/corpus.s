# Every v1-v3 instruction LLVM 14's assembler accepts, for LlvmToolsTest:
# llvm-mc must produce the same bytes as jxdp, and llvm-objdump must print
# them as jxdp's LlvmPrinter does.
xdp_prog:
	r0 += 1
	w0 += 1
	r0 += r3
	w0 += w3
	r1 -= -1
	w1 -= -1
	r1 -= r4
	w1 -= w4
	r2 *= 2147483647
	w2 *= 2147483647
	r2 *= r5
	w2 *= w5
	r3 /= -2147483648
	w3 /= -2147483648
	r3 /= r6
	w3 /= w6
	r4 |= 7
	w4 |= 7
	r4 |= r7
	w4 |= w7
	r5 &= 0
	w5 &= 0
	r5 &= r8
	w5 &= w8
	r6 <<= 31
	w6 <<= 31
	r6 <<= r9
	w6 <<= w9
	r7 >>= 63
	w7 >>= 63
	r7 >>= r0
	w7 >>= w0
	r8 ^= 255
	w8 ^= 255
	r8 ^= r1
	w8 ^= w1
	r9 s>>= 4
	w9 s>>= 4
	r9 s>>= r2
	w9 s>>= w2
	r0 = 100
	w0 = 100
	r0 = r3
	w0 = w3
	r0 = -r0
	w9 = -w9
	r3 = -r3
	r1 = be16 r1
	r2 = le16 r2
	r1 = be32 r1
	r2 = le32 r2
	r1 = be64 r1
	r2 = le64 r2
	r2 = *(u8 *)(r1 + 0)
	*(u8 *)(r10 - 8) = r1
	*(u8 *)(r3 + 0) = r9
	r2 = *(u16 *)(r1 + 2)
	*(u16 *)(r10 - 8) = r1
	*(u16 *)(r3 + 2) = r9
	r2 = *(u32 *)(r1 - 4)
	*(u32 *)(r10 - 8) = r1
	*(u32 *)(r3 - 4) = r9
	r2 = *(u64 *)(r1 + 32767)
	*(u64 *)(r10 - 8) = r1
	*(u64 *)(r3 + 32767) = r9
	r2 = *(u64 *)(r10 - 32768)
	r1 = 0 ll
	r1 = 291 ll
	r2 = 1311768467463790320 ll
	r3 = -1 ll
	r4 = -9223372036854775808 ll
	r5 = 9223372036854775807 ll
	r0 = 4294967295 ll
	if r0 == r1 goto +0
	if w0 == w2 goto -1
	if r0 == -20 goto LBB0_1
	if w0 == -1 goto LBB0_1
	if r1 != r2 goto +1
	if w1 != w3 goto -2
	if r1 != -13 goto LBB0_1
	if w1 != -2 goto LBB0_1
	if r2 > r3 goto +2
	if w2 > w4 goto -3
	if r2 > -6 goto LBB0_1
	if w2 > -3 goto LBB0_1
	if r3 >= r4 goto +3
	if w3 >= w5 goto -4
	if r3 >= 1 goto LBB0_1
	if w3 >= -4 goto LBB0_1
	if r4 < r5 goto +4
	if w4 < w6 goto -5
	if r4 < 8 goto LBB0_1
	if w4 < -5 goto LBB0_1
	if r5 <= r6 goto +5
	if w5 <= w7 goto -6
	if r5 <= 15 goto LBB0_1
	if w5 <= -6 goto LBB0_1
	if r6 s> r7 goto +6
	if w6 s> w8 goto -7
	if r6 s> 22 goto LBB0_1
	if w6 s> -7 goto LBB0_1
	if r7 s>= r8 goto +7
	if w7 s>= w9 goto -8
	if r7 s>= 29 goto LBB0_1
	if w7 s>= -8 goto LBB0_1
	if r8 s< r9 goto +8
	if w8 s< w0 goto -9
	if r8 s< 36 goto LBB0_1
	if w8 s< -9 goto LBB0_1
	if r9 s<= r0 goto +9
	if w9 s<= w1 goto -10
	if r9 s<= 43 goto LBB0_1
	if w9 s<= -10 goto LBB0_1
LBB0_1:
	goto +0
	goto -1
	goto LBB0_2
	goto +32767
	call 1
	call 51
	call 212
LBB0_2:
	lock *(u64 *)(r10 - 8) += r1
	lock *(u32 *)(r10 - 4) += r2
	lock *(u64 *)(r1 + 16) |= r3
	lock *(u64 *)(r1 + 0) &= r4
	lock *(u64 *)(r2 - 32768) ^= r5
	r0 = *(u8 *)skb[5]
	r0 = *(u16 *)skb[-1]
	r0 = *(u32 *)skb[2147483647]
	r0 = *(u8 *)skb[r1]
	r0 = *(u16 *)skb[r6]
	r0 = *(u32 *)skb[r9]
	exit
