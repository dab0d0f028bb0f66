// bpf-to-bpf calls into .text: a static and a global noinline function, one calling another,
// shared by two programs in two sections.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 2);
} hits SEC(".maps");

static __noinline int count(__u32 idx)
{
	__u64 *v = bpf_map_lookup_elem(&hits, &idx);

	if (!v)
		return 0;
	*v += 1;
	return 1;
}

__noinline int classify(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;

	if (data + 14 > data_end)
		return count(1) ? XDP_DROP : XDP_ABORTED;
	return XDP_PASS;
}

static __noinline int twice(int x)
{
	return x * 2;
}

SEC("xdp")
int xdp_main(struct xdp_md *ctx)
{
	count(0);
	return classify(ctx);
}

SEC("xdp.frags")
int xdp_other(struct xdp_md *ctx)
{
	return twice(ctx->ingress_ifindex) > 6 ? classify(ctx) : XDP_PASS;
}

char _license[] SEC("license") = "Dual BSD/GPL";
