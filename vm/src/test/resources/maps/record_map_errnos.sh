#!/bin/sh
# Records map_errnos.expected from the running kernel (as root, with gcc and libbpf-dev):
#   sh vm/src/test/resources/maps/record_map_errnos.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
gcc -O2 -Wall -o "$tmp/map_errnos" "$here/map_errnos.c" -lbpf
{
    echo "# kernel $(uname -r), recorded by record_map_errnos.sh from map_errnos.cases"
    "$tmp/map_errnos" < "$here/map_errnos.cases"
} > "$here/map_errnos.expected"
