// Tail calls through a prog array that the object fills itself ('values' initialisers, as libbpf
// does at load), recorded against the kernel by record.sh. xdp_entry counts in hits[1] and tail
// calls jmp[first byte of the packet]: 0 reaches xdp_count, which counts in hits[0] and tail calls
// itself until the kernel's limit of 33 stops it (then XDP_DROP); 2 reaches xdp_pass (hits[2],
// XDP_PASS); 1 is an empty slot and 9 is past max_entries, so xdp_entry goes on to XDP_TX.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 4);
} hits SEC(".maps");

static __always_inline void bump(__u32 key)
{
	__u64 *v = bpf_map_lookup_elem(&hits, &key);

	if (v)
		__sync_fetch_and_add(v, 1);
}

int xdp_count(struct xdp_md *ctx);
int xdp_pass(struct xdp_md *ctx);

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 4);
	__uint(key_size, sizeof(__u32));
	__array(values, int (void *));
} jmp SEC(".maps") = {
	.values = {
		[0] = (void *)&xdp_count,
		[2] = (void *)&xdp_pass,
	},
};

SEC("xdp")
int xdp_count(struct xdp_md *ctx)
{
	bump(0);
	bpf_tail_call(ctx, &jmp, 0);
	return XDP_DROP;
}

SEC("xdp")
int xdp_pass(struct xdp_md *ctx)
{
	bump(2);
	return XDP_PASS;
}

SEC("xdp")
int xdp_entry(struct xdp_md *ctx)
{
	unsigned char *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;

	if ((void *)(data + 1) > data_end)
		return XDP_ABORTED;
	bump(1);
	bpf_tail_call(ctx, &jmp, data[0]);
	return XDP_TX;
}

char _license[] SEC("license") = "GPL";
