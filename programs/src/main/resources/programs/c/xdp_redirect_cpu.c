/* jxdp's version of the kernel's samples/bpf/xdp_redirect_cpu: six ways to
 * pick a remote CPU for each frame, and the second programs a cpumap entry
 * can run. Maps are set up by the loader (jxdp run --cpu ...). */
#include "common.h"

struct {
	__uint(type, BPF_MAP_TYPE_CPUMAP);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(struct bpf_cpumap_val));
	__uint(max_entries, MAX_CPUS);
} cpu_map SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__type(key, __u32);
	__type(value, struct datarec);
	__uint(max_entries, 1);
} rx_cnt SEC(".maps");

/* The CPUs to redirect to, by index; cpus_count says how many are set. */
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
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__type(key, __u32);
	__type(value, __u32);
	__uint(max_entries, 1);
} cpus_iterator SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_DEVMAP);
	__uint(key_size, sizeof(int));
	__uint(value_size, sizeof(int));
	__uint(max_entries, 1);
} tx_port SEC(".maps");

static __always_inline struct datarec *count_rx(void)
{
	__u32 key = 0;
	struct datarec *rec = bpf_map_lookup_elem(&rx_cnt, &key);

	if (rec)
		rec->processed++;
	return rec;
}

static __always_inline int redirect_to(struct datarec *rec, __u32 idx)
{
	__u32 *cpu = bpf_map_lookup_elem(&cpus_available, &idx);

	if (!cpu)
		return XDP_ABORTED;
	if (*cpu >= MAX_CPUS) {
		rec->issue++;
		return XDP_ABORTED;
	}
	return bpf_redirect_map(&cpu_map, *cpu, 0);
}

static __always_inline __u8 l4_proto(void *data, void *data_end, __u16 eth_proto, __u64 l3_off)
{
	if (eth_proto == ETH_P_IP) {
		struct iphdr *iph = data + l3_off;

		if ((void *)(iph + 1) > data_end)
			return 0;
		return iph->protocol;
	}
	if (eth_proto == ETH_P_IPV6) {
		struct ipv6hdr *ip6h = data + l3_off;

		if ((void *)(ip6h + 1) > data_end)
			return 0;
		return ip6h->nexthdr;
	}
	return 0;
}

/* Index 0 for TCP and everything else, 1 for UDP, 2 for ICMP. */
static __always_inline __u32 proto_index(__u8 proto)
{
	if (proto == IPPROTO_ICMP || proto == IPPROTO_ICMPV6)
		return 2;
	if (proto == IPPROTO_UDP)
		return 1;
	return 0;
}

SEC("xdp")
int xdp_cpu_map0_no_touch(struct xdp_md *ctx)
{
	struct datarec *rec = count_rx();

	if (!rec)
		return XDP_PASS;
	return redirect_to(rec, 0);
}

SEC("xdp")
int xdp_cpu_map1_touch_data(struct xdp_md *ctx)
{
	void *data_end = (void *)(long)ctx->data_end;
	void *data = (void *)(long)ctx->data;
	struct ethhdr *eth = data;
	struct datarec *rec;

	if ((void *)(eth + 1) > data_end)
		return XDP_ABORTED;
	rec = count_rx();
	if (!rec)
		return XDP_PASS;
	if (bpf_ntohs(eth->h_proto) < ETH_P_802_3_MIN) {
		rec->dropped++;
		return XDP_DROP;
	}
	return redirect_to(rec, 0);
}

SEC("xdp")
int xdp_cpu_map2_round_robin(struct xdp_md *ctx)
{
	__u32 key0 = 0, idx;
	__u32 *count, *iter;
	struct datarec *rec;

	count = bpf_map_lookup_elem(&cpus_count, &key0);
	if (!count)
		return XDP_ABORTED;
	iter = bpf_map_lookup_elem(&cpus_iterator, &key0);
	if (!iter)
		return XDP_ABORTED;
	idx = *iter;
	*iter += 1;
	if (*iter >= *count)
		*iter = 0;
	rec = count_rx();
	if (!rec)
		return XDP_PASS;
	return redirect_to(rec, idx);
}

SEC("xdp")
int xdp_cpu_map3_proto_separate(struct xdp_md *ctx)
{
	void *data_end = (void *)(long)ctx->data_end;
	void *data = (void *)(long)ctx->data;
	__u16 eth_proto = 0;
	__u64 l3_off = 0;
	struct datarec *rec = count_rx();

	if (!rec)
		return XDP_PASS;
	if (!parse_eth(data, data_end, &eth_proto, &l3_off))
		return XDP_PASS;
	return redirect_to(rec, proto_index(l4_proto(data, data_end, eth_proto, l3_off)));
}

SEC("xdp")
int xdp_cpu_map4_ddos_filter_pktgen(struct xdp_md *ctx)
{
	void *data_end = (void *)(long)ctx->data_end;
	void *data = (void *)(long)ctx->data;
	__u16 eth_proto = 0;
	__u64 l3_off = 0;
	__u8 proto;
	struct datarec *rec = count_rx();

	if (!rec)
		return XDP_PASS;
	if (!parse_eth(data, data_end, &eth_proto, &l3_off))
		return XDP_PASS;
	proto = l4_proto(data, data_end, eth_proto, l3_off);
	if (proto == IPPROTO_UDP && eth_proto == ETH_P_IP) {
		struct iphdr *iph = data + l3_off;
		struct udphdr *udph = (void *)(iph + 1);

		/* pktgen's default destination, the discard port */
		if ((void *)(udph + 1) <= data_end && udph->dest == bpf_htons(9)) {
			rec->dropped++;
			return XDP_DROP;
		}
	}
	return redirect_to(rec, proto_index(proto));
}

/* Symmetric: swapping source and destination addresses keeps the CPU. */
SEC("xdp")
int xdp_cpu_map5_lb_hash_ip_pairs(struct xdp_md *ctx)
{
	void *data_end = (void *)(long)ctx->data_end;
	void *data = (void *)(long)ctx->data;
	__u16 eth_proto = 0;
	__u64 l3_off = 0;
	__u32 key0 = 0, hash = 0;
	__u32 *count;
	struct datarec *rec = count_rx();

	if (!rec)
		return XDP_PASS;
	count = bpf_map_lookup_elem(&cpus_count, &key0);
	if (!count)
		return XDP_ABORTED;
	if (!parse_eth(data, data_end, &eth_proto, &l3_off))
		return XDP_PASS;
	if (eth_proto == ETH_P_IP) {
		struct iphdr *iph = data + l3_off;

		if ((void *)(iph + 1) <= data_end)
			hash = hash_word(iph->saddr + iph->daddr, HASH_INITVAL + iph->protocol);
	} else if (eth_proto == ETH_P_IPV6) {
		struct ipv6hdr *ip6h = data + l3_off;

		if ((void *)(ip6h + 1) <= data_end) {
			__u32 sum = 0;
			int i;

#pragma unroll
			for (i = 0; i < 4; i++)
				sum += ip6h->saddr.in6_u.u6_addr32[i] + ip6h->daddr.in6_u.u6_addr32[i];
			hash = hash_word(sum, HASH_INITVAL + ip6h->nexthdr);
		}
	}
	if (*count == 0)
		return XDP_ABORTED;
	return redirect_to(rec, hash % *count);
}

/* Second programs, run by the cpumap consumer on the remote CPU. */
SEC("xdp/cpumap")
int xdp_redirect_cpu_pass(struct xdp_md *ctx)
{
	return XDP_PASS;
}

SEC("xdp/cpumap")
int xdp_redirect_cpu_drop(struct xdp_md *ctx)
{
	return XDP_DROP;
}

SEC("xdp/cpumap")
int xdp_redirect_cpu_devmap(struct xdp_md *ctx)
{
	void *data_end = (void *)(long)ctx->data_end;
	void *data = (void *)(long)ctx->data;
	__u16 *p = data;
	__u16 t0, t1, t2;

	if (data + sizeof(struct ethhdr) > data_end)
		return XDP_DROP;
	/* swap the source and destination MAC addresses */
	t0 = p[0]; t1 = p[1]; t2 = p[2];
	p[0] = p[3]; p[1] = p[4]; p[2] = p[5];
	p[3] = t0; p[4] = t1; p[5] = t2;
	return bpf_redirect_map(&tx_port, 0, 0);
}

char _license[] SEC("license") = "GPL";
