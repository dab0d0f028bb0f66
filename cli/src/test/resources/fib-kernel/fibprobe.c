// jxdp's own probe: bpf_fib_lookup on the packet's IPv4/IPv6 destination from the receiving device
// with flags taken from the packet's byte 13 (ethertype low byte repurposed is avoided: flags are
// in the first byte of the Ethernet source MAC); writes the lookup's outputs over the packet head.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct out {
    unsigned char dmac[6], smac[6];
    unsigned int ifindex, rt_metric;
    unsigned short mtu;
    unsigned char family, pad;
    unsigned int dst[4], src[4];
};

SEC("xdp")
int probe(struct xdp_md *ctx)
{
    unsigned char *data = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end;
    struct bpf_fib_lookup p = {};
    if (data + 128 > end)
        return 1;
    unsigned int flags = data[6];
    unsigned short proto = data[12] << 8 | data[13];
    if (proto == 0x0800) {
        p.family = 2;
        p.tot_len = data[16] << 8 | data[17];
        __builtin_memcpy(&p.ipv4_src, data + 26, 4);
        __builtin_memcpy(&p.ipv4_dst, data + 30, 4);
    } else {
        p.family = 10;
        p.tot_len = (data[18] << 8 | data[19]) + 40;
        __builtin_memcpy(p.ipv6_src, data + 22, 16);
        __builtin_memcpy(p.ipv6_dst, data + 38, 16);
    }
    p.ifindex = data[8] ? data[8] : ctx->ingress_ifindex;
    if (flags & 8)
        p.tbid = data[7];
    long rc = bpf_fib_lookup(ctx, &p, sizeof(p), flags);
    struct out *o = (void *)(data + 64);
    __builtin_memcpy(o->dmac, p.dmac, 6);
    __builtin_memcpy(o->smac, p.smac, 6);
    o->ifindex = p.ifindex;
    o->rt_metric = p.rt_metric;
    o->mtu = p.mtu_result;
    o->family = p.family;
    __builtin_memcpy(o->dst, p.ipv6_dst, 16);
    __builtin_memcpy(o->src, p.ipv6_src, 16);
    return rc < 0 ? 100 - rc : rc;
}
char LICENSE[] SEC("license") = "GPL";
