#!/bin/sh
# Rebuilds the committed object from its source (clang -target bpf, libbpf's headers).
# The prefix map keeps the build directory out of the debug info, so the object is reproducible.
set -e
cd "$(dirname "$0")"
for src in *.c; do
	clang -O2 -g -target bpf -I/usr/include/"$(uname -m)"-linux-gnu -fdebug-prefix-map="$PWD"=. \
		-c "$src" -o "${src%.c}.o"
done
