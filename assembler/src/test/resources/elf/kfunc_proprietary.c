// A kfunc call from a program whose license is not GPL-compatible: the kernel refuses it before
// looking at the function ("cannot call kernel function from non-GPL compatible program").
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

extern void bpf_rcu_read_lock(void) __ksym;
extern void bpf_rcu_read_unlock(void) __ksym;

SEC("xdp")
int xdp_proprietary(struct xdp_md *ctx)
{
	bpf_rcu_read_lock();
	bpf_rcu_read_unlock();
	return XDP_PASS;
}

char _license[] SEC("license") = "Proprietary";
