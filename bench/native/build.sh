#!/usr/bin/env bash
# Builds the native peer of `jxdp bench jit` (rte_bpf_bench.c: DPDK's userspace eBPF VM) into
# OUT (default bench/target/native/rte_bpf_bench). Needs gcc, pkg-config and DPDK's development
# files (Debian: apt-get install libdpdk-dev). Exit 0 built; 3 the tools or library are missing
# (the benchmark then says the peer is skipped, and why); 1 the compile failed.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:-$here/../target/native/rte_bpf_bench}"
command -v gcc >/dev/null || { echo "gcc is not installed"; exit 3; }
command -v pkg-config >/dev/null || { echo "pkg-config is not installed"; exit 3; }
pkg-config --exists libdpdk || { echo "DPDK is not installed (apt-get install libdpdk-dev)"; exit 3; }
mkdir -p "$(dirname "$out")"
# shellcheck disable=SC2046 # pkg-config prints several flags
gcc -O2 -Wall -Wextra -o "$out" "$here/rte_bpf_bench.c" $(pkg-config --cflags libdpdk) \
    -lrte_bpf -lrte_mbuf -lrte_mempool -lrte_ring -lrte_eal -lm
