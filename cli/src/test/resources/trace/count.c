// A small XDP program for the trace tests: counts IPv4 frames in an array map and swaps the
// Ethernet addresses of the frames it sends back. Rebuild with ./build.sh.
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, __u64);
} counters SEC(".maps");

static __attribute__((noinline)) void swap_macs(unsigned char *eth)
{
	unsigned char tmp;
	for (int i = 0; i < ETH_ALEN; i++) {
		tmp = eth[i];
		eth[i] = eth[i + ETH_ALEN];
		eth[i + ETH_ALEN] = tmp;
	}
}

SEC("xdp")
int count(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	if (data + sizeof(*eth) > data_end)
		return XDP_DROP;
	__u32 key = eth->h_proto == __builtin_bswap16(ETH_P_IP) ? 0 : 1;
	__u64 *value = bpf_map_lookup_elem(&counters, &key);
	if (!value)
		return XDP_ABORTED;
	__sync_fetch_and_add(value, 1);
	if (key != 0)
		return XDP_PASS;
	swap_macs(data);
	return XDP_TX;
}

char LICENSE[] SEC("license") = "GPL";
