/* Shared definitions for jxdp's reference XDP programs (see ../README.md).
 * Built with: clang -O2 -g -target bpf -I/usr/include/$(uname -m)-linux-gnu -c X.c -o X.o */
#ifndef JXDP_COMMON_H
#define JXDP_COMMON_H
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/in.h>
#include <linux/udp.h>
#include <linux/tcp.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#define MAX_CPUS 12

/* Per-RX-CPU counters, as the xdp_redirect_cpu sample keeps them. */
struct datarec {
	__u64 processed;
	__u64 dropped;
	__u64 issue;
};

struct vlan_hdr {
	__be16 h_vlan_TCI;
	__be16 h_vlan_encapsulated_proto;
};

/* Ethernet with up to two VLAN tags; returns false for frames too short
 * or not Ethernet II (EtherType below 0x600). */
static __always_inline int parse_eth(void *data, void *data_end, __u16 *proto, __u64 *l3_off)
{
	struct ethhdr *eth = data;
	__u64 off = sizeof(*eth);
	__u16 type;
	int i;

	if (data + off > data_end)
		return 0;
	type = eth->h_proto;
	if (bpf_ntohs(type) < ETH_P_802_3_MIN)
		return 0;
#pragma unroll
	for (i = 0; i < 2; i++) {
		if (type == bpf_htons(ETH_P_8021Q) || type == bpf_htons(ETH_P_8021AD)) {
			struct vlan_hdr *vlan = data + off;

			off += sizeof(*vlan);
			if (data + off > data_end)
				return 0;
			type = vlan->h_vlan_encapsulated_proto;
		}
	}
	*proto = bpf_ntohs(type);
	*l3_off = off;
	return 1;
}

/* Paul Hsieh's SuperFastHash over one 32-bit word, as xdp_redirect_cpu's
 * lb_hash_ip_pairs uses it (the kernel sample's hash_func01.h). */
static __always_inline __u32 hash_word(__u32 word, __u32 hash)
{
	__u32 tmp;

	hash += word & 0xffff;
	tmp = ((word >> 16) << 11) ^ hash;
	hash = (hash << 16) ^ tmp;
	hash += hash >> 11;
	hash ^= hash << 3;
	hash += hash >> 5;
	hash ^= hash << 4;
	hash += hash >> 17;
	hash ^= hash << 25;
	hash += hash >> 6;
	return hash;
}

#define HASH_INITVAL 15485863

#endif
