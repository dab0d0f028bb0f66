// Global data: .data, .rodata, .bss, a custom .data.* section and a static variable.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

int counter = 7;                        /* .data */
const volatile __u32 limit = 100;       /* .rodata */
const volatile __u64 table[3] = {10, 20, 30}; /* .rodata */
__u64 packets;                          /* .bss */
__u32 drops[4];                         /* .bss */
int tuned SEC(".data.tuning") = 0x1234; /* .data.tuning */
static __u32 seen = 5;                  /* .data, local symbol */

SEC("xdp")
int xdp_globals(struct xdp_md *ctx)
{
	__u32 i = ctx->rx_queue_index & 3;

	packets++;
	seen++;
	counter += tuned;
	if (packets > limit + table[2]) {
		drops[i]++;
		return XDP_DROP;
	}
	return seen > 10 ? XDP_PASS : XDP_TX;
}

char _license[] SEC("license") = "GPL";
__u32 _version SEC("version") = 0x050f00;
