/*
 * Kernel oracle for the jxdp verifier tests: loads one program into the running kernel's
 * verifier and prints its verdict and log. Test resource only; compiled by the oracle test with gcc.
 *
 * stdin:  "maps N" then N lines "type key value max_entries flags",
 *         "insns N" then N lines of 16 hex digits (one 8-byte slot, little-endian bytes as encoded).
 * argv:   log_level expected_attach_type(0 = none, 1 = cpumap, 2 = devmap)
 * stdout: "accept" or "reject <errno>", then the verifier log.
 * Map lddw (src 1/5 = map, 2/6 = map value) have their map index patched to the real fd.
 */
#include <errno.h>
#include <linux/bpf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static long sys_bpf(int cmd, union bpf_attr *attr) { return syscall(SYS_bpf, cmd, attr, sizeof(*attr)); }

static char log_buf[16 * 1024 * 1024];

int main(int argc, char **argv) {
    int level = argc > 1 ? atoi(argv[1]) : 1;
    int attach = argc > 2 ? atoi(argv[2]) : 0;
    int nmaps, fds[64];
    if (scanf(" maps %d", &nmaps) != 1 || nmaps < 0 || nmaps > 64) { puts("error bad input"); return 2; }
    for (int i = 0; i < nmaps; i++) {
        unsigned type, key, value, max, flags;
        if (scanf(" %u %u %u %u %u", &type, &key, &value, &max, &flags) != 5) { puts("error bad map"); return 2; }
        union bpf_attr a;
        memset(&a, 0, sizeof a);
        a.map_type = type; a.key_size = key; a.value_size = value; a.max_entries = max; a.map_flags = flags;
        fds[i] = (int)sys_bpf(BPF_MAP_CREATE, &a);
        if (fds[i] < 0) { printf("error map_create %d errno %d\n", i, errno); return 2; }
    }
    int n;
    if (scanf(" insns %d", &n) != 1 || n <= 0) { puts("error bad insns"); return 2; }
    struct bpf_insn *insns = calloc(n, sizeof *insns);
    for (int i = 0; i < n; i++) {
        char hex[17];
        unsigned char b[8];
        if (scanf(" %16s", hex) != 1) { puts("error bad insn"); return 2; }
        for (int k = 0; k < 8; k++) { unsigned v; sscanf(hex + 2 * k, "%2x", &v); b[k] = (unsigned char)v; }
        memcpy(&insns[i], b, 8);
    }
    for (int i = 0; i + 1 < n; i++) {
        struct bpf_insn *in = &insns[i];
        if (in->code == (BPF_LD | BPF_IMM | BPF_DW)) {
            int src = in->src_reg;
            if (src == 1 || src == 5 || src == 2 || src == 6) {
                if (in->imm >= 0 && in->imm < nmaps) in->imm = fds[in->imm];
                else in->imm = 1000 + in->imm; /* no such fd: let the kernel say so */
                in->src_reg = (src == 1 || src == 5) ? BPF_PSEUDO_MAP_FD : BPF_PSEUDO_MAP_VALUE;
            }
            i++;
        }
    }
    union bpf_attr a;
    memset(&a, 0, sizeof a);
    a.prog_type = BPF_PROG_TYPE_XDP;
    a.expected_attach_type = attach == 1 ? BPF_XDP_CPUMAP : attach == 2 ? BPF_XDP_DEVMAP : 0;
    a.insns = (unsigned long)insns;
    a.insn_cnt = n;
    a.license = (unsigned long)"GPL";
    a.log_buf = (unsigned long)log_buf;
    a.log_size = sizeof log_buf;
    a.log_level = level;
    int fd = (int)sys_bpf(BPF_PROG_LOAD, &a);
    if (fd >= 0) printf("accept\n"); else printf("reject %d\n", errno);
    fputs(log_buf, stdout);
    return 0;
}
