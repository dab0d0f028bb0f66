// The pre-BTF map definitions of old samples and tutorials: struct bpf_map_def in SEC("maps").
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct bpf_map_def {
	unsigned int type;
	unsigned int key_size;
	unsigned int value_size;
	unsigned int max_entries;
	unsigned int map_flags;
};

struct bpf_map_def SEC("maps") xdp_stats_map = {
	.type = BPF_MAP_TYPE_PERCPU_ARRAY,
	.key_size = sizeof(__u32),
	.value_size = sizeof(__u64),
	.max_entries = 5,
};

struct bpf_map_def SEC("maps") tx_port = {
	.type = BPF_MAP_TYPE_DEVMAP,
	.key_size = sizeof(int),
	.value_size = sizeof(int),
	.max_entries = 64,
	.map_flags = 0,
};

SEC("xdp_stats")
int xdp_stats_prog(struct xdp_md *ctx)
{
	__u32 key = XDP_PASS;
	__u64 *rec = bpf_map_lookup_elem(&xdp_stats_map, &key);

	if (!rec)
		return XDP_ABORTED;
	*rec += 1;
	return bpf_redirect_map(&tx_port, 0, 0);
}

char _license[] SEC("license") = "GPL";
