// __ksym extern functions (kfuncs), which libbpf resolves by name against the kernel's BTF: one the
// kernel has but XDP may not call, and a weak one no kernel has (its call stays id 0).
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

extern int bpf_dynptr_from_skb(struct __sk_buff *s, __u64 flags, struct bpf_dynptr *ptr__uninit) __ksym;
extern int bpf_no_such_kfunc(void) __ksym __weak;

SEC("xdp")
int xdp_denied(struct xdp_md *ctx)
{
	struct bpf_dynptr p;

	bpf_dynptr_from_skb((struct __sk_buff *)ctx, 0, &p);
	return XDP_PASS;
}

SEC("xdp")
int xdp_weak(struct xdp_md *ctx)
{
	return bpf_no_such_kfunc();
}

char _license[] SEC("license") = "GPL";
