// In the style of the kernel's samples/bpf/xdp_redirect_cpu.bpf.c and xdp-tools' xdp-bench:
// RX programs spread packets over CPUs through a cpumap, counting per CPU; programs for the
// cpumap entries run on the remote CPU.
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/in.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#define MAX_CPUS 64

struct datarec {
	__u64 processed;
	__u64 dropped;
	__u64 issue;
	__u64 xdp_pass;
	__u64 xdp_drop;
	__u64 xdp_redirect;
};

struct {
	__uint(type, BPF_MAP_TYPE_CPUMAP);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(struct bpf_cpumap_val));
	__uint(max_entries, MAX_CPUS);
} cpu_map SEC(".maps");

/* Which CPUs may receive packets, as set by user space. */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, __u32);
	__uint(max_entries, MAX_CPUS);
} cpus_available SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, __u32);
	__uint(max_entries, 1);
} cpus_count SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__type(key, __u32);
	__type(value, __u32);
	__uint(max_entries, 1);
} cpus_iterator SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__type(key, __u32);
	__type(value, struct datarec);
	__uint(max_entries, 1);
} rx_cnt SEC(".maps");

/* Set by the loader before load, read-only for the programs. */
const volatile __u32 hash_seed = 0x5f3759df;

static __always_inline struct datarec *count_rx(void)
{
	__u32 key = 0;
	struct datarec *rec = bpf_map_lookup_elem(&rx_cnt, &key);

	if (rec)
		rec->processed++;
	return rec;
}

static __always_inline int redirect_to(__u32 cpu_idx, struct datarec *rec)
{
	__u32 *cpu = bpf_map_lookup_elem(&cpus_available, &cpu_idx);

	if (!cpu)
		return XDP_ABORTED;
	if (*cpu >= MAX_CPUS) {
		if (rec)
			rec->issue++;
		return XDP_ABORTED;
	}
	return bpf_redirect_map(&cpu_map, *cpu, 0);
}

SEC("xdp")
int xdp_prognum0_no_touch(struct xdp_md *ctx)
{
	return redirect_to(0, count_rx());
}

SEC("xdp")
int xdp_prognum2_round_robin(struct xdp_md *ctx)
{
	struct datarec *rec = count_rx();
	__u32 key = 0, cpu_idx, *cpu_iter, *cpu_max;

	cpu_max = bpf_map_lookup_elem(&cpus_count, &key);
	cpu_iter = bpf_map_lookup_elem(&cpus_iterator, &key);
	if (!cpu_max || !cpu_iter)
		return XDP_ABORTED;
	cpu_idx = *cpu_iter;
	(*cpu_iter)++;
	if (*cpu_iter == *cpu_max)
		*cpu_iter = 0;
	return redirect_to(cpu_idx, rec);
}

static __noinline __u32 hash_ip_pair(__u32 saddr, __u32 daddr)
{
	__u32 h = hash_seed ^ (saddr + daddr);

	h ^= h >> 16;
	h *= 0x85ebca6b;
	h ^= h >> 13;
	return h;
}

SEC("xdp")
int xdp_prognum5_lb_hash_ip_pairs(struct xdp_md *ctx)
{
	void *data_end = (void *)(long)ctx->data_end;
	void *data = (void *)(long)ctx->data;
	struct datarec *rec = count_rx();
	struct ethhdr *eth = data;
	struct iphdr *iph;
	__u32 key = 0, *cpu_max, hash = 0;

	if ((void *)(eth + 1) > data_end)
		return XDP_DROP;
	cpu_max = bpf_map_lookup_elem(&cpus_count, &key);
	if (!cpu_max || *cpu_max == 0)
		return XDP_ABORTED;
	if (eth->h_proto == bpf_htons(ETH_P_IP)) {
		iph = (void *)(eth + 1);
		if ((void *)(iph + 1) > data_end)
			return XDP_DROP;
		hash = hash_ip_pair(iph->saddr, iph->daddr);
	}
	return redirect_to(hash % *cpu_max, rec);
}

SEC("xdp/cpumap")
int xdp_redirect_cpu_pass(struct xdp_md *ctx)
{
	struct datarec *rec = count_rx();

	if (rec)
		rec->xdp_pass++;
	return XDP_PASS;
}

SEC("xdp/cpumap")
int xdp_redirect_cpu_drop(struct xdp_md *ctx)
{
	struct datarec *rec = count_rx();

	if (rec)
		rec->xdp_drop++;
	return XDP_DROP;
}

char _license[] SEC("license") = "GPL";
