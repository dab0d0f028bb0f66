#!/usr/bin/env bash
# Regenerates src/main/resources/io/jxdp/isa/btf/vmlinux-funcs.txt.gz: every FUNC of this machine's
# /sys/kernel/btf/vmlinux and what the kernel's verifier says when an XDP program calls it as a kfunc
# (call with src_reg BPF_PSEUDO_KFUNC_CALL, imm the BTF id). Which kernel functions an XDP program may
# call is not written in BTF (the kfunc id sets live in the kernel image), so each function is asked
# of the kernel itself: a five-instruction XDP program calling it with r1 = r2 = 0 is loaded with
# bpf_prog_load, and the log says whether add_kfunc_call refused it (its message kept), the walk
# found it outside XDP's sets ("calling kernel function X is not allowed"), or it is an XDP kfunc
# (metadata kfuncs: only in a device-bound program). Needs root, bpftool, gcc, libbpf-dev, python3.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/src/main/resources/io/jxdp/isa/btf/vmlinux-funcs.txt.gz"
[ "$(id -u)" = 0 ] || { echo "needs root (bpf_prog_load of XDP programs)" >&2; exit 2; }
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

cat > "$tmp/probe.c" <<'C'
#include <bpf/bpf.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
static char log_buf[1 << 16];
/* For each BTF id on stdin prints "id verdict message": early (add_kfunc_call refused the call
   before the walk; message: the log's first line), devbound, denied, allowed (message: the walk's
   first complaint about r1 = r2 = 0, or "accepted"). */
int main(void) {
  unsigned id;
  while (scanf("%u", &id) == 1) {
    struct bpf_insn insns[] = {
      {.code = 0xb7, .dst_reg = 1}, {.code = 0xb7, .dst_reg = 2},
      {.code = 0x85, .src_reg = 2, .imm = (int)id},
      {.code = 0xb7, .dst_reg = 0, .imm = 2}, {.code = 0x95}};
    LIBBPF_OPTS(bpf_prog_load_opts, o, .log_buf = log_buf, .log_size = sizeof log_buf, .log_level = 1);
    log_buf[0] = 0;
    int fd = bpf_prog_load(BPF_PROG_TYPE_XDP, "probe", "GPL", insns, 5, &o);
    if (fd >= 0) { close(fd); printf("%u allowed accepted\n", id); continue; }
    int walked = strncmp(log_buf, "0: R1=ctx()", 11) == 0;
    char *m = log_buf;
    if (walked) { char *c = strstr(log_buf, "\n2: (85) call "); m = c ? strchr(c + 1, '\n') + 1 : log_buf; }
    char *e = strchr(m, '\n'); if (e) *e = 0;
    const char *v = !walked ? (strstr(m, "metadata kfuncs require device-bound program") ? "devbound" : "early")
                  : strstr(m, "calling kernel function ") && strstr(m, " is not allowed") ? "denied" : "allowed";
    printf("%u %s %s\n", id, v, m);
  }
  return 0;
}
C
gcc -O1 "$tmp/probe.c" -o "$tmp/probe" -lbpf
bpftool btf dump file /sys/kernel/btf/vmlinux > "$tmp/btf.txt"
sed -nE "s/^\[([0-9]+)\] FUNC '.*/\1/p" "$tmp/btf.txt" | "$tmp/probe" > "$tmp/verdicts.txt"

python3 - "$tmp/btf.txt" "$tmp/verdicts.txt" "$(uname -r)" "$(uname -m)" <<'PY' | gzip -9n > "$out"
import re, sys
btf_txt, verdicts_txt, release, machine = sys.argv[1:]
types = {}  # id -> (kind, name, attrs, params)
cur = None
for line in open(btf_txt):
    m = re.match(r"\[(\d+)\] (\w+) '([^']*)'(.*)", line)
    if m:
        cur = [m.group(2), m.group(3), m.group(4), []]
        types[int(m.group(1))] = cur
    elif cur is not None and line.startswith("\t"):
        p = re.match(r"\t'([^']*)' type_id=(\d+)", line)
        if p:
            cur[3].append((p.group(1), int(p.group(2))))

def attr(t, key):
    return int(re.search(key + r"=(\d+)", t[2]).group(1))

def c_type(tid, name=""):
    """The C declaration of a name of this type, as a prototype prints it."""
    sep = " " + name if name else ""
    if tid == 0:
        return "void" + sep
    kind, tname, _, _ = types[tid]
    t = types[tid]
    if kind in ("INT", "TYPEDEF", "FLOAT"):
        return tname + sep
    if kind in ("STRUCT", "UNION", "ENUM", "ENUM64", "FWD"):
        word = {"STRUCT": "struct", "UNION": "union", "ENUM": "enum", "ENUM64": "enum"}.get(kind)
        if kind == "FWD":
            word = "union" if "fwd_kind=union" in t[2] else "struct"
        return word + " " + (tname or "(anon)") + sep
    if kind == "PTR":
        return c_type(attr(t, "type_id"), "*" + name)
    if kind in ("CONST", "VOLATILE", "RESTRICT"):
        inner = attr(t, "type_id")
        return kind.lower() + " " + c_type(inner, name)
    if kind == "TYPE_TAG":
        return c_type(attr(t, "type_id"), name)
    if kind == "ARRAY":
        return c_type(attr(t, "type_id"), name + "[%d]" % attr(t, "nr_elems"))
    if kind == "FUNC_PROTO":
        return c_type(attr(t, "ret_type_id"), "(" + name + ")(" + params(t) + ")")
    return "?" + sep

def params(proto):
    ps = proto[3]
    if not ps:
        return "void"
    return ", ".join("..." if tid == 0 and not n else c_type(tid, n) for n, tid in ps)

def prototype(fid):
    f = types[fid]
    proto = types[attr(f, "type_id")]
    return c_type(attr(proto, "ret_type_id"), f[1] + "(" + params(proto) + ")")

print("# Every FUNC of /sys/kernel/btf/vmlinux of Linux %s (%s), and what the kernel's verifier says" % (release, machine))
print("# when an XDP program calls it as a kfunc. Generated by isa/kernel-funcs.sh (as root); do not edit.")
print("# Lines: id name [verdict [text]]; no verdict: denied ('calling kernel function NAME is not allowed'");
print("# in the walk); noaddr: add_kfunc_call's 'cannot find address for kernel function NAME'; early MESSAGE:");
print("# another add_kfunc_call refusal; xdp PROTOTYPE: in XDP's kfunc sets; devbound PROTOTYPE: an XDP");
print("# metadata kfunc ('metadata kfuncs require device-bound program' unless the program is device-bound).")
print("release " + release)
print("types %d" % max(types))
for line in open(verdicts_txt):
    fid, verdict, msg = (line.rstrip("\n").split(" ", 2) + [""])[:3]
    fid = int(fid)
    name = types[fid][1]
    if verdict == "denied":
        print(fid, name)
    elif verdict == "early":
        if msg == "cannot find address for kernel function " + name:
            print(fid, name, "noaddr")
        else:
            print(fid, name, "early", msg)
    elif verdict == "devbound":
        print(fid, name, "devbound", prototype(fid))
    else:
        print(fid, name, "xdp", prototype(fid))
PY
echo "wrote $out: $(zcat "$out" | grep -c '^[0-9]') functions, $(zcat "$out" | grep -cE ' (xdp|devbound) ') XDP kfuncs"
