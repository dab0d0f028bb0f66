/* Scenario 4 of jxdp's README, application locality: applications bound to
 * CPUs own flows, and the kernel's RFS records in rps_sock_flow_table where
 * each flow's application last ran (sock_rps_record_flow_hash, called from
 * recvmsg/sendmsg on the application's CPU). The RFS-like steering program
 * reads that table and redirects each flow straight to its application's
 * CPU; xdp_rss_only is the baseline that leaves every frame on its RX CPU. */
#include "flow.h"

/* rps_sock_flow_table: entries indexed by hash & (entries - 1), each holding
 * the flow hash's upper bits and the application's CPU in the low bits
 * (rps_cpu_mask = roundup_pow_of_two(nr_cpu_ids) - 1; MAX_CPUS 12 gives 15).
 * 32768 entries, the size the kernel's scaling.rst suggests for a moderately
 * loaded server. User space (jxdp's emulated applications) fills it. */
#define SOCK_FLOW_ENTRIES 32768
#define RPS_CPU_MASK 15

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, __u32);
	__uint(max_entries, SOCK_FLOW_ENTRIES);
} sock_flow_table SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__type(key, __u32);
	__type(value, struct datarec);
	__uint(max_entries, 1);
} rx_cnt SEC(".maps");

static __always_inline void count_rx(void)
{
	__u32 key0 = 0;
	struct datarec *rec = bpf_map_lookup_elem(&rx_cnt, &key0);

	if (rec)
		rec->processed++;
}

/* RSS only: no steering, every frame goes up the stack of the CPU whose RX
 * queue the NIC's RSS hash chose. */
SEC("xdp")
int xdp_rss_only(struct xdp_md *ctx)
{
	count_rx();
	return XDP_PASS;
}

/* RFS: the recorded CPU when the table's entry belongs to this flow (the
 * kernel's get_rps_cpu check: (ident ^ hash) & ~rps_cpu_mask == 0), else
 * flow-hash spreading over cpus_available, as get_rps_cpu falls back to the
 * RPS map. A recorded CPU without a cpumap entry also falls back. */
SEC("xdp")
int xdp_rfs_steer(struct xdp_md *ctx)
{
	void *data_end = (void *)(long)ctx->data_end;
	void *data = (void *)(long)ctx->data;
	__u16 eth_proto = 0;
	__u64 l3_off = 0;
	__u32 hash, idx, *ident;
	int action;

	count_rx();
	if (!parse_eth(data, data_end, &eth_proto, &l3_off))
		return XDP_PASS;
	hash = flow_hash(data, data_end, eth_proto, l3_off);
	idx = hash & (SOCK_FLOW_ENTRIES - 1);
	ident = bpf_map_lookup_elem(&sock_flow_table, &idx);
	if (ident && ((*ident ^ hash) & ~RPS_CPU_MASK) == 0) {
		action = bpf_redirect_map(&cpu_map, *ident & RPS_CPU_MASK, XDP_ABORTED);
		if (action == XDP_REDIRECT)
			return action;
	}
	return spread(hash);
}

char _license[] SEC("license") = "GPL";
