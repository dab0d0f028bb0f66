#!/bin/sh
# Rebuilds count.o from count.c (clang 14, as committed). The prefix map keeps the build directory
# out of the debug info, so the object is reproducible.
set -e
cd "$(dirname "$0")"
clang -O2 -g -target bpf -I/usr/include/"$(uname -m)"-linux-gnu -fdebug-prefix-map="$PWD"=. \
	-c count.c -o count.o
