// A function pointer: bpf_loop's callback is loaded with lddw src=BPF_PSEUDO_FUNC.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct loop_ctx {
	__u64 sum;
};

static int add_index(__u32 index, void *data)
{
	struct loop_ctx *c = data;

	c->sum += index;
	return 0;
}

SEC("xdp")
int xdp_loop(struct xdp_md *ctx)
{
	struct loop_ctx c = {0};

	bpf_loop(10, add_index, &c, 0);
	return c.sum == 45 ? XDP_PASS : XDP_DROP;
}

char _license[] SEC("license") = "GPL";
