// Records what Linux answers to map creation and element operations, for MapErrnosRecordedTest.
// Reads a case file (map_errnos.cases) on stdin and prints each line followed by " -> RESULT":
// OK, OK <hex value>, or the negated errno name (-EINVAL). Build and run as root with
// record_map_errnos.sh; the kernel release goes at the top of the output.
//
//   create TYPE KEY VALUE ENTRIES FLAGS EXTRA   a new map (the previous one is closed)
//   update KEYHEX VALUEHEX FLAGS                BPF_MAP_UPDATE_ELEM (keyless maps: KEYHEX is -)
//   lookup KEYHEX [VALUEHEX]                    BPF_MAP_LOOKUP_ELEM (a bloom filter reads VALUEHEX)
//   delete KEYHEX                               BPF_MAP_DELETE_ELEM
//   next KEYHEX|-                               BPF_MAP_GET_NEXT_KEY
//   pop                                         BPF_MAP_LOOKUP_AND_DELETE_ELEM without a key
// Hex strings are bytes in memory order; "-" is no bytes (a NULL pointer).
#include <bpf/bpf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *errname(int e) {
    switch (e) {
    case EPERM: return "EPERM";
    case ENOENT: return "ENOENT";
    case E2BIG: return "E2BIG";
    case ENOMEM: return "ENOMEM";
    case EEXIST: return "EEXIST";
    case EINVAL: return "EINVAL";
    case ENOSPC: return "ENOSPC";
    case EOPNOTSUPP: return "EOPNOTSUPP";
    case 524: return "ENOTSUPP";
    default: return NULL;
    }
}

static int unhex(const char *s, unsigned char *out) {
    if (strcmp(s, "-") == 0)
        return 0;
    int n = 0;
    for (; s[0] && s[1]; s += 2)
        sscanf(s, "%2hhx", &out[n++]);
    return n;
}

static void result(int rc, const unsigned char *value, int len) {
    if (rc < 0) {
        int e = errno;
        const char *name = errname(e);
        if (name)
            printf(" -> -%s\n", name);
        else
            printf(" -> -%d\n", e);
        return;
    }
    printf(" -> OK");
    if (value) {
        printf(" ");
        for (int i = 0; i < len; i++)
            printf("%02x", value[i]);
    }
    printf("\n");
}

int main(void) {
    static unsigned char key[512], value[1 << 16], out[1 << 16];
    char line[4096], a[2048], b[2048];
    int fd = -1, value_size = 0, key_size = 0;
    while (fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\n")] = 0;
        if (line[0] == '#' || line[0] == 0) {
            printf("%s\n", line);
            continue;
        }
        printf("%s", line);
        char op[32];
        sscanf(line, "%31s", op);
        if (strcmp(op, "create") == 0) {
            unsigned type, k, v, entries, flags;
            unsigned long long extra;
            sscanf(line, "create %u %u %u %u %u %llu", &type, &k, &v, &entries, &flags, &extra);
            if (fd >= 0)
                close(fd);
            LIBBPF_OPTS(bpf_map_create_opts, opts, .map_flags = flags, .map_extra = extra);
            fd = bpf_map_create(type, "rec", k, v, entries, &opts);
            key_size = k;
            value_size = v;
            result(fd, NULL, 0);
        } else if (strcmp(op, "update") == 0) {
            unsigned long long flags;
            sscanf(line, "update %2047s %2047s %llu", a, b, &flags);
            unhex(a, key);
            unhex(b, value);
            result(bpf_map_update_elem(fd, key_size ? key : NULL, value, flags), NULL, 0);
        } else if (strcmp(op, "lookup") == 0) {
            b[0] = 0;
            sscanf(line, "lookup %2047s %2047s", a, b);
            unhex(a, key);
            memset(out, 0, value_size);
            if (b[0])
                unhex(b, out);
            int rc = bpf_map_lookup_elem(fd, key_size ? key : NULL, out);
            result(rc, out, value_size);
        } else if (strcmp(op, "delete") == 0) {
            sscanf(line, "delete %2047s", a);
            unhex(a, key);
            result(bpf_map_delete_elem(fd, key_size ? key : NULL), NULL, 0);
        } else if (strcmp(op, "next") == 0) {
            sscanf(line, "next %2047s", a);
            int n = unhex(a, key);
            unsigned char next[512];
            int rc = bpf_map_get_next_key(fd, n ? key : NULL, next);
            result(rc, next, key_size);
        } else if (strcmp(op, "pop") == 0) {
            int rc = bpf_map_lookup_and_delete_elem(fd, NULL, out);
            result(rc, out, value_size);
        } else {
            printf(" -> ?\n");
        }
    }
    return 0;
}
