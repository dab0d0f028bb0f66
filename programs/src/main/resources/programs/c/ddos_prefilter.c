/* Scenario 1 of jxdp's README: a DDoS pre-filter. The attack (a UDP flood to
 * the discard port, or any source in the blocklist) is dropped on the RX CPU
 * at line rate; legitimate traffic is spread by flow over the remote CPUs,
 * which run the (expensive) network stack. */
#include "flow.h"

enum { REASON_PORT9, REASON_BLOCKED, REASON_PASSED, REASONS };

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, REASONS);
} verdicts SEC(".maps");

/* Sources to drop, IPv4 address in network order -> 1. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__type(key, __u32);
	__type(value, __u32);
	__uint(max_entries, 1024);
} blocklist SEC(".maps");

static __always_inline void count(__u32 reason)
{
	__u64 *n = bpf_map_lookup_elem(&verdicts, &reason);

	if (n)
		*n += 1;
}

SEC("xdp")
int xdp_ddos_prefilter(struct xdp_md *ctx)
{
	void *data_end = (void *)(long)ctx->data_end;
	void *data = (void *)(long)ctx->data;
	__u16 eth_proto = 0;
	__u64 l3_off = 0;

	if (!parse_eth(data, data_end, &eth_proto, &l3_off))
		return XDP_PASS;
	if (eth_proto == ETH_P_IP) {
		struct iphdr *iph = data + l3_off;

		if ((void *)(iph + 1) > data_end)
			return XDP_PASS;
		if (bpf_map_lookup_elem(&blocklist, &iph->saddr)) {
			count(REASON_BLOCKED);
			return XDP_DROP;
		}
		if (iph->protocol == IPPROTO_UDP) {
			struct udphdr *udph = (void *)(iph + 1);

			if ((void *)(udph + 1) <= data_end && udph->dest == bpf_htons(9)) {
				count(REASON_PORT9);
				return XDP_DROP;
			}
		}
	}
	count(REASON_PASSED);
	return spread(flow_hash(data, data_end, eth_proto, l3_off));
}

char _license[] SEC("license") = "GPL";
