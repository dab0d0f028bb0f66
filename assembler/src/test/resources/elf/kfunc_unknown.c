// A strong __ksym extern no kernel has: libbpf refuses to load the object, whichever program is
// picked ("extern (func ksym) 'bpf_not_in_any_kernel': not found in kernel or module BTFs").
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

extern int bpf_not_in_any_kernel(void) __ksym;

SEC("xdp")
int xdp_unknown(struct xdp_md *ctx)
{
	return bpf_not_in_any_kernel();
}

SEC("xdp")
int xdp_plain(struct xdp_md *ctx)
{
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
