// A prog array filled by its 'values' initialiser: slot 1 holds xdp_b, which xdp_a tail calls.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

int xdp_b(struct xdp_md *ctx);

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__array(values, int (void *));
} progs SEC(".maps") = {
	.values = { [1] = (void *)&xdp_b },
};

SEC("xdp")
int xdp_a(struct xdp_md *ctx)
{
	bpf_tail_call(ctx, &progs, 1);
	return XDP_DROP;
}

SEC("xdp")
int xdp_b(struct xdp_md *ctx)
{
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
