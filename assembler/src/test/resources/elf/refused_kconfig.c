// Refused: an extern resolved by libbpf from the running kernel's config.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

extern int LINUX_KERNEL_VERSION __kconfig;

SEC("xdp")
int xdp_kver(struct xdp_md *ctx)
{
	return LINUX_KERNEL_VERSION > 0x050f00 ? XDP_PASS : XDP_DROP;
}

char _license[] SEC("license") = "GPL";
