#!/usr/bin/env bash
# Rebuilds the assembly programs in src/main/resources/programs from their C sources in
# src/main/resources/programs/c: clang compiles each object, jxdp's ELF loader links it as libbpf
# would, and jxdp disasm prints each program in the LLVM dialect with its .map directives.
# Needs clang (Debian: clang, libbpf-dev). The committed .bpf files are what this printed.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
res="$here/src/main/resources/programs"
jxdp="$here/../jxdp"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

emit() { # object, program, output, title
    local obj="$1" prog="$2" out="$3" title="$4"
    {
        echo "# $title"
        echo "#"
        echo "# Generated from c/$(basename "${obj%.o}").c (function $prog) by programs/build.sh:"
        echo "# clang -O2 -g -target bpf, linked by jxdp's ELF loader, printed by jxdp disasm."
        echo "# Edit the C source and rerun build.sh rather than this file."
        echo
        "$jxdp" disasm "$obj" --prog "$prog" | sed -E '/^(\.|[A-Za-z_][A-Za-z0-9_.]*:$|$)/!s/^/    /'
    } > "$out"
}

for c in ddos_prefilter flow_spread locality xdp_redirect_cpu; do
    clang -O2 -g -target bpf -I/usr/include/"$(uname -m)"-linux-gnu -c "$res/c/$c.c" -o "$tmp/$c.o"
done

# write into $tmp first: a resource changing under the launcher would make it rebuild jxdp each call
out="$tmp/out"
mkdir -p "$out/xdp_redirect_cpu"
emit "$tmp/ddos_prefilter.o" xdp_ddos_prefilter "$out/ddos_prefilter.bpf" \
    "DDoS pre-filter: drop the attack on the RX CPU, spread the rest over the cpumap by flow."
emit "$tmp/flow_spread.o" xdp_flow_spread "$out/flow_spread.bpf" \
    "Flow spreading: redistribute a skewed RSS over the CPUs in cpus_available, flows keeping their CPU."
emit "$tmp/locality.o" xdp_rss_only "$out/rss_only.bpf" \
    "Application locality, the baseline: no steering, every frame to the stack of its RX CPU."
emit "$tmp/locality.o" xdp_rfs_steer "$out/rfs_steer.bpf" \
    "Application locality, RFS-like steering: each flow to the CPU its application recorded in sock_flow_table."
for p in no_touch:xdp_cpu_map0_no_touch touch_data:xdp_cpu_map1_touch_data round_robin:xdp_cpu_map2_round_robin \
         proto_separate:xdp_cpu_map3_proto_separate ddos_filter_pktgen:xdp_cpu_map4_ddos_filter_pktgen \
         lb_hash_ip_pairs:xdp_cpu_map5_lb_hash_ip_pairs cpumap_pass:xdp_redirect_cpu_pass \
         cpumap_drop:xdp_redirect_cpu_drop cpumap_devmap:xdp_redirect_cpu_devmap; do
    emit "$tmp/xdp_redirect_cpu.o" "${p#*:}" "$out/xdp_redirect_cpu/${p%%:*}.bpf" \
        "xdp_redirect_cpu, ${p%%:*}: see c/xdp_redirect_cpu.c and the README's program list."
done
mkdir -p "$res/xdp_redirect_cpu"
cp "$out"/*.bpf "$res/"
cp "$out"/xdp_redirect_cpu/*.bpf "$res/xdp_redirect_cpu/"
echo "rebuilt $(ls "$res"/*.bpf "$res"/xdp_redirect_cpu/*.bpf | wc -l) programs"
