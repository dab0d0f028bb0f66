#!/bin/sh
# Rebuilds the committed objects from their sources. ElfFixturesCompileTest runs the same command
# when clang is installed and checks the fresh objects load to the same programs and maps.
# The prefix map keeps the build directory out of the debug info, so objects are reproducible.
set -e
cd "$(dirname "$0")"
for src in *.c; do
	clang -O2 -g -target bpf -I/usr/include/"$(uname -m)"-linux-gnu -fdebug-prefix-map="$PWD"=. \
		-c "$src" -o "${src%.c}.o"
done
