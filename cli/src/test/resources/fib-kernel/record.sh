#!/bin/bash
# Records what Linux answers for fibprobe.o on every case of cases.tsv into kernel.tsv (run as root,
# from this directory: needs clang, bpftool, ip, python3). The default build compares jxdp with
# kernel.tsv and never runs this.
set -euo pipefail
cd "$(dirname "$0")"
clang -O2 -g -target bpf -I/usr/include/$(uname -m)-linux-gnu -c fibprobe.c -o fibprobe.o
bash netns.sh
PIN=/sys/fs/bpf/jxdp_fibprobe_$$
TMP=$(mktemp -d)
trap 'rm -f $PIN; rm -rf $TMP; ip netns del wnetfib' EXIT
bpftool prog load fibprobe.o $PIN type xdp
# xdp_md: data, data_end, data_meta, ingress_ifindex (eth0), rx_queue_index, egress_ifindex
python3 -c "import struct;open('$TMP/ctx','wb').write(struct.pack('<6I',0,128,0,2,0,0))"
{
  echo "# Linux $(uname -r): name, return value, bytes 64-127 of the output packet (fibprobe.c's struct out)"
  grep -v '^#' cases.tsv | while IFS=$'\t' read -r name flags tbid ifindex dst src tot; do
    python3 - "$flags" "$tbid" "$ifindex" "$dst" "$src" "$tot" > "$TMP/in" <<'PY'
import ipaddress, struct, sys
flags, tbid, ifindex, dst, src, tot = sys.argv[1:]
p = bytearray(128); p[0:6] = b"\xff" * 6; p[6] = int(flags); p[7] = int(tbid); p[8] = int(ifindex)
d = ipaddress.ip_address(dst); s = ipaddress.ip_address(src); tot = int(tot)
if d.version == 4:
    p[12:14] = b"\x08\x00"; p[14] = 0x45; p[16:18] = struct.pack(">H", tot); p[26:30] = s.packed; p[30:34] = d.packed
else:
    p[12:14] = b"\x86\xdd"; p[14] = 0x60; p[18:20] = struct.pack(">H", max(tot - 40, 0)); p[22:38] = s.packed; p[38:54] = d.packed
sys.stdout.buffer.write(bytes(p))
PY
    rv=$(nsenter --net=/var/run/netns/wnetfib bpftool prog run pinned $PIN data_in "$TMP/in" data_out "$TMP/out" ctx_in "$TMP/ctx" | grep -o 'Return value: [0-9]*' | grep -o '[0-9]*$')
    printf '%s\t%s\t%s\n' "$name" "$rv" "$(xxd -p -s 64 -l 64 "$TMP/out" | tr -d '\n')"
  done
} > kernel.tsv
