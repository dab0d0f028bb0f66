// Map keys and values of every BTF kind clang emits for C types: typedefs, const and volatile,
// unions, enums, nested arrays, pointers, floats, bitfields, tags; and string literals, which land
// in a .rodata.str1.1 section of their own.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

typedef enum { RED, GREEN, BLUE } colour_t;

struct bits {
	__u32 a : 3;
	__u32 b : 29;
	__u16 c[3];
};

union either {
	__u64 wide;
	__u8 bytes[12];
};

typedef const volatile struct bits cv_bits;

struct with_pointer {
	void *p;
	float f;
	double d;
	int __attribute__((btf_type_tag("user"))) *tagged;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__type(key, colour_t);
	__type(value, union either);
	__uint(max_entries, 3);
} by_colour SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__type(key, cv_bits);
	__type(value, struct with_pointer[2][3]);
	__uint(max_entries, 10);
} nested SEC(".maps") __attribute__((btf_decl_tag("a map")));

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} events SEC(".maps");

SEC("xdp")
int xdp_kinds(struct xdp_md *ctx)
{
	colour_t c = BLUE;
	struct bits k = {};
	union either *e = bpf_map_lookup_elem(&by_colour, &c);
	const char *msg = "no colour";

	if (!e)
		bpf_trace_printk(msg, 10);
	bpf_printk("rx queue %d", ctx->rx_queue_index);
	return bpf_map_lookup_elem(&nested, &k) ? XDP_PASS : XDP_DROP;
}

char _license[] SEC("license") = "GPL";
