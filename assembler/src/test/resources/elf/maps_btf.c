// BTF-defined maps of every kind the XDP runtime emulates, all used by one program.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct flow_key {
	__u32 saddr;
	__u32 daddr;
	__u16 sport;
	__u16 dport;
	__u8 proto;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__type(key, struct flow_key);
	__type(value, __u64);
	__uint(max_entries, 1024);
	__uint(map_flags, BPF_F_NO_PREALLOC);
} flows SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, __u64[4]);
	__uint(max_entries, 16);
} stats SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(__u64));
	__uint(max_entries, 4);
} rx_count SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_CPUMAP);
	__type(key, __u32);
	__type(value, struct bpf_cpumap_val);
	__uint(max_entries, 64);
} cpu_map SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_DEVMAP);
	__uint(key_size, 4);
	__uint(value_size, 4);
	__uint(max_entries, 8);
	__uint(pinning, LIBBPF_PIN_BY_NAME);
} tx_port SEC(".maps");

SEC("xdp")
int xdp_maps(struct xdp_md *ctx)
{
	struct flow_key key = {};
	__u32 idx = ctx->rx_queue_index & 3;
	__u64 *v;

	v = bpf_map_lookup_elem(&rx_count, &idx);
	if (v)
		*v += 1;
	v = bpf_map_lookup_elem(&stats, &idx);
	if (v)
		v[1] += 1;
	key.proto = 17;
	v = bpf_map_lookup_elem(&flows, &key);
	if (!v) {
		__u64 one = 1;
		bpf_map_update_elem(&flows, &key, &one, BPF_ANY);
	}
	if (idx == 2)
		return bpf_redirect_map(&tx_port, 0, 0);
	return bpf_redirect_map(&cpu_map, idx, XDP_PASS);
}

char _license[] SEC("license") = "GPL";
