#!/bin/sh
# Records what Linux does with tail_calls.o (needs root and bpftool): bpftool loads the object as
# libbpf does (filling jmp from its 'values' initialisers), runs xdp_entry once on each packet with
# BPF_PROG_TEST_RUN, and dumps hits after each run. Then slot 1 gets xdp_pass (bpftool map update,
# as jxdp's --map-update jmp KEY PROGNAME) and the packet of first byte 1 runs again.
# Writes expected.txt: the kernel release, then one line per run: first byte, retval, hits[0..3].
set -e
cd "$(dirname "$0")"
mount | grep -q ' /sys/fs/bpf ' || mount -t bpf bpf /sys/fs/bpf
dir=/sys/fs/bpf/jxdp_tailcall_$$
tmp=$(mktemp -d)
trap 'rm -rf "$dir" "$tmp"' EXIT
bpftool prog loadall tail_calls.o "$dir" pinmaps "$dir/maps" type xdp
hits() {
	bpftool -j map dump pinned "$dir/maps/hits" |
		python3 -c 'import json,sys; d=json.load(sys.stdin); print(" ".join(str(int.from_bytes(bytes(int(b, 16) for b in e["value"]), "little")) for e in d))'
}
run() { # first byte
	printf "$(printf '\\%03o' "$1")" > "$tmp/pkt"
	head -c 63 /dev/zero >> "$tmp/pkt"
	r=$(bpftool prog run pinned "$dir/xdp_entry" data_in "$tmp/pkt" repeat 1 | sed -n 's/^Return value: \([0-9]*\).*/\1/p')
	echo "$1 $r $(hits)"
}
{
	echo "# kernel $(uname -r), bpftool $(bpftool version | head -1 | cut -d' ' -f2)"
	echo "# first-byte retval hits[0] hits[1] hits[2] hits[3]"
	for b in 0 1 2 9; do run "$b"; done
	bpftool map update pinned "$dir/maps/jmp" key 1 0 0 0 value pinned "$dir/xdp_pass"
	echo "# jmp[1] = xdp_pass"
	run 1
} > expected.txt
cat expected.txt
