// An RX program that redirects into a cpumap and the cpumap program that runs on the remote CPU,
// in one object, sharing one counter map; plus a second program in the "xdp" section.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_CPUMAP);
	__type(key, __u32);
	__type(value, struct bpf_cpumap_val);
	__uint(max_entries, 4);
} cpus SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 2);
} counters SEC(".maps");

static __always_inline void bump(__u32 k)
{
	__u64 *v = bpf_map_lookup_elem(&counters, &k);

	if (v)
		(*v)++;
}

SEC("xdp")
int xdp_rx(struct xdp_md *ctx)
{
	bump(0);
	return bpf_redirect_map(&cpus, ctx->rx_queue_index % 4, 0);
}

SEC("xdp")
int xdp_pass(struct xdp_md *ctx)
{
	return XDP_PASS;
}

SEC("xdp/cpumap")
int xdp_on_cpu(struct xdp_md *ctx)
{
	bump(1);
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
