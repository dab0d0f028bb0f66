/* Scenarios 2 and 3 of jxdp's README: spread the traffic a poor RSS put on
 * few RX queues over the CPUs in cpus_available, by flow hash, so flows keep
 * their CPU; the auto-scaling controller grows and shrinks that set. */
#include "flow.h"

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__type(key, __u32);
	__type(value, struct datarec);
	__uint(max_entries, 1);
} rx_cnt SEC(".maps");

SEC("xdp")
int xdp_flow_spread(struct xdp_md *ctx)
{
	void *data_end = (void *)(long)ctx->data_end;
	void *data = (void *)(long)ctx->data;
	__u16 eth_proto = 0;
	__u64 l3_off = 0;
	__u32 key0 = 0;
	struct datarec *rec = bpf_map_lookup_elem(&rx_cnt, &key0);

	if (rec)
		rec->processed++;
	if (!parse_eth(data, data_end, &eth_proto, &l3_off))
		return XDP_PASS;
	return spread(flow_hash(data, data_end, eth_proto, l3_off));
}

char _license[] SEC("license") = "GPL";
