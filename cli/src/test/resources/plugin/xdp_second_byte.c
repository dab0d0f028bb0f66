// SPDX-License-Identifier: GPL-2.0
// A test object for `jxdp plugin --elf`: an XDP program (section "xdp", as the conformance
// runner writes one with --xdp_prolog true) that returns the packet's second byte.
// Build: clang -O2 -g0 -target bpf -I/usr/include/$(uname -m)-linux-gnu -c xdp_second_byte.c
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

SEC("xdp")
int second_byte(struct xdp_md *ctx)
{
	unsigned char *data = (unsigned char *)(long)ctx->data;
	unsigned char *end = (unsigned char *)(long)ctx->data_end;

	if (data + 2 > end)
		return 0;
	return data[1];
}

char _license[] SEC("license") = "GPL";
