/* Flow hashing for the spreading programs: a hash of the 5-tuple, so every
 * packet of a flow lands on the same CPU (what RPS/RFS give the stack). */
#ifndef JXDP_FLOW_H
#define JXDP_FLOW_H
#include "common.h"

/* The CPUs to spread over, by index, and how many of them are in use. The
 * controller of the auto-scaling scenario rewrites both while traffic flows. */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, __u32);
	__uint(max_entries, MAX_CPUS);
} cpus_available SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, __u32);
	__uint(max_entries, 1);
} cpus_count SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_CPUMAP);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(__u32));
	__uint(max_entries, MAX_CPUS);
} cpu_map SEC(".maps");

/* The IPv4 5-tuple hash; 0 for anything else (those frames go to index 0). */
static __always_inline __u32 flow_hash(void *data, void *data_end, __u16 eth_proto, __u64 l3_off)
{
	struct iphdr *iph = data + l3_off;
	__u32 ports = 0;

	if (eth_proto != ETH_P_IP || (void *)(iph + 1) > data_end)
		return 0;
	if (iph->protocol == IPPROTO_UDP || iph->protocol == IPPROTO_TCP) {
		__u32 *l4 = (void *)(iph + 1);

		if ((void *)(l4 + 1) <= data_end)
			ports = *l4; /* source and destination port together */
	}
	return hash_word(iph->saddr ^ ports, hash_word(iph->daddr, HASH_INITVAL + iph->protocol));
}

/* Redirect to cpus_available[hash % cpus_count]; XDP_PASS if no CPU is set
 * up yet, so traffic is never lost while the controller starts. */
static __always_inline int spread(__u32 hash)
{
	__u32 key0 = 0, idx;
	__u32 *count, *cpu;

	count = bpf_map_lookup_elem(&cpus_count, &key0);
	if (!count || *count == 0)
		return XDP_PASS;
	idx = hash % *count;
	cpu = bpf_map_lookup_elem(&cpus_available, &idx);
	if (!cpu)
		return XDP_PASS;
	/* a CPU without a cpumap entry falls back to the local stack */
	return bpf_redirect_map(&cpu_map, *cpu, XDP_PASS);
}
#endif
