/*
 * The native peer for `jxdp bench jit`: DPDK's userspace eBPF VM (librte_bpf: an interpreter and
 * an x86-64 JIT) running the same bytecode on the same memory as jxdp.
 *
 *   rte_bpf_bench DIR [ITERATIONS] [MS_PER_ITERATION] [PROGRAM ...]
 *
 * DIR holds the benchmark programs (NAME.bin, packet.bin, expected.txt). For each program and each
 * of the interpreter and the JIT it checks r0 against expected.txt, warms up for as long as one
 * iteration, then measures ITERATIONS iterations of MS_PER_ITERATION ms and prints one line:
 *
 *   NAME ENGINE MEAN_NS ERROR_NS ITERATIONS
 *
 * where ERROR_NS is the half-width of the 99.9% confidence interval of the mean (Student's t, as
 * JMH reports its error), or "skip REASON" when the VM refuses the program. Exit 0, or 2 for bad
 * arguments or unreadable files.
 *
 * The calling convention is uBPF's and the benchmark's: r1 = the buffer, r2 = its length. rte_bpf
 * passes one argument (r1), so the harness prepends `r2 = LEN` (one mov) to each program; the
 * programs ignore nothing they read. `call 1` is the harness's helper mix(a, b) = a * 31 + b
 * (rte_bpf numbers external functions by their index in the symbol table: index 1 is mix).
 */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <rte_bpf.h>
#include <rte_errno.h>

static uint64_t mix(uint64_t a, uint64_t b, uint64_t c, uint64_t d, uint64_t e)
{
	(void)c; (void)d; (void)e;
	return a * 31 + b;
}

static uint64_t unused(uint64_t a, uint64_t b, uint64_t c, uint64_t d, uint64_t e)
{
	(void)a; (void)b; (void)c; (void)d; (void)e;
	return 0;
}

static void *read_file(const char *dir, const char *name, size_t *len)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	void *buf = malloc(n > 0 ? (size_t)n : 1);
	if (fread(buf, 1, (size_t)n, f) != (size_t)n) {
		fclose(f);
		free(buf);
		return NULL;
	}
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static double now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

/* Student's t for a two-sided 99.9% interval, by degrees of freedom 1..30 (JMH's error). */
static double t999(int df)
{
	static const double t[] = {0, 636.619, 31.599, 12.924, 8.610, 6.869, 5.959, 5.408, 5.041,
		4.781, 4.587, 4.437, 4.318, 4.221, 4.140, 4.073, 4.015, 3.965, 3.922, 3.883, 3.850,
		3.819, 3.792, 3.768, 3.745, 3.725, 3.707, 3.690, 3.674, 3.659, 3.646};
	return df < 1 ? NAN : df > 30 ? 3.291 : t[df];
}

static volatile uint64_t sink;

typedef uint64_t (*runner)(const struct rte_bpf *bpf, uint64_t (*jit)(void *), void *mem);

static uint64_t run_interp(const struct rte_bpf *bpf, uint64_t (*jit)(void *), void *mem)
{
	(void)jit;
	return rte_bpf_exec(bpf, mem);
}

static uint64_t run_jit(const struct rte_bpf *bpf, uint64_t (*jit)(void *), void *mem)
{
	(void)bpf;
	return jit(mem);
}

/* Mean ns per run over one timed iteration of about ms milliseconds. */
static double iteration(runner r, const struct rte_bpf *bpf, uint64_t (*jit)(void *), void *mem, double ms)
{
	uint64_t acc = 0;
	long runs = 0;
	double start = now_ns(), end = start + ms * 1e6, t;
	do {
		for (int i = 0; i < 64; i++)
			acc += r(bpf, jit, mem);
		runs += 64;
		t = now_ns();
	} while (t < end);
	sink += acc;
	return (t - start) / runs;
}

static void measure(const char *name, const char *engine, runner r, const struct rte_bpf *bpf,
		    uint64_t (*jit)(void *), void *mem, int iterations, double ms)
{
	iteration(r, bpf, jit, mem, ms); /* warm-up */
	double sum = 0, sq = 0;
	for (int i = 0; i < iterations; i++) {
		double x = iteration(r, bpf, jit, mem, ms);
		sum += x;
		sq += x * x;
	}
	double mean = sum / iterations;
	double var = iterations > 1 ? (sq - iterations * mean * mean) / (iterations - 1) : 0;
	double err = iterations > 1 ? t999(iterations - 1) * sqrt(var > 0 ? var : 0) / sqrt(iterations) : NAN;
	printf("%s %s %.4f %.4f %d\n", name, engine, mean, err, iterations);
	fflush(stdout);
}

static int expected_r0(const char *dir, const char *name, uint64_t *out)
{
	size_t len;
	char *text = read_file(dir, "expected.txt", &len);
	if (!text)
		return -1;
	text = realloc(text, len + 1);
	text[len] = 0;
	int found = -1;
	for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
		char key[64];
		uint64_t v;
		if (sscanf(line, "%63s %" SCNx64, key, &v) == 2 && strcmp(key, name) == 0) {
			*out = v;
			found = 0;
		}
	}
	free(text);
	return found;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: rte_bpf_bench DIR [ITERATIONS] [MS_PER_ITERATION] [PROGRAM ...]\n");
		return 2;
	}
	const char *dir = argv[1];
	int iterations = argc > 2 ? atoi(argv[2]) : 5;
	double ms = argc > 3 ? atof(argv[3]) : 1000;
	if (iterations < 1 || ms <= 0) {
		fprintf(stderr, "rte_bpf_bench: ITERATIONS and MS_PER_ITERATION must be positive\n");
		return 2;
	}
	static const char *all[] = {"parse", "primes", "sum64", "calls", "empty"};
	const char **names = argc > 4 ? (const char **)&argv[4] : all;
	int count = argc > 4 ? argc - 4 : 5;

	size_t mem_len;
	uint8_t *packet = read_file(dir, "packet.bin", &mem_len);
	if (!packet) {
		fprintf(stderr, "rte_bpf_bench: %s/packet.bin: %s\n", dir, strerror(errno));
		return 2;
	}
	struct rte_bpf_xsym xsym[2] = {
		{.name = "unused", .type = RTE_BPF_XTYPE_FUNC,
		 .func = {.val = unused, .nb_args = 0, .ret = {.type = RTE_BPF_ARG_RAW, .size = 8}}},
		{.name = "mix", .type = RTE_BPF_XTYPE_FUNC,
		 .func = {.val = mix, .nb_args = 2,
			  .args = {{.type = RTE_BPF_ARG_RAW, .size = 8}, {.type = RTE_BPF_ARG_RAW, .size = 8}},
			  .ret = {.type = RTE_BPF_ARG_RAW, .size = 8}}},
	};
	for (int p = 0; p < count; p++) {
		const char *name = names[p];
		char file[256];
		snprintf(file, sizeof(file), "%s.bin", name);
		size_t len;
		struct ebpf_insn *code = read_file(dir, file, &len);
		uint64_t expected;
		if (!code || len % 8 != 0 || expected_r0(dir, name, &expected) != 0) {
			fprintf(stderr, "rte_bpf_bench: %s/%s: unreadable, or no expected r0\n", dir, file);
			return 2;
		}
		uint32_t n = (uint32_t)(len / 8);
		struct ebpf_insn *ins = calloc(n + 1, sizeof(*ins));
		/* r2 = LEN: rte_bpf gives the program only r1. */
		ins[0] = (struct ebpf_insn){.code = EBPF_ALU64 | EBPF_MOV | BPF_K, .dst_reg = EBPF_REG_2,
					    .imm = (int32_t)mem_len};
		memcpy(ins + 1, code, len);
		struct rte_bpf_prm prm = {
			.ins = ins, .nb_ins = n + 1, .xsym = xsym, .nb_xsym = 2,
			.prog_arg = {.type = RTE_BPF_ARG_PTR, .size = mem_len},
		};
		struct rte_bpf *bpf = rte_bpf_load(&prm);
		if (!bpf) {
			printf("%s interpreter skip rte_bpf_load refused it (rte_errno %d)\n", name, rte_errno);
			printf("%s jit skip rte_bpf_load refused it (rte_errno %d)\n", name, rte_errno);
			free(ins);
			free(code);
			continue;
		}
		uint64_t r0 = rte_bpf_exec(bpf, packet);
		if (r0 != expected) {
			printf("%s interpreter skip r0 0x%" PRIx64 " differs from expected 0x%" PRIx64 "\n", name, r0, expected);
		} else {
			measure(name, "interpreter", run_interp, bpf, NULL, packet, iterations, ms);
		}
		struct rte_bpf_jit jit = {0};
		if (rte_bpf_get_jit(bpf, &jit) != 0 || jit.func == NULL) {
			printf("%s jit skip no JIT code for this program or machine\n", name);
		} else if ((r0 = jit.func(packet)) != expected) {
			printf("%s jit skip r0 0x%" PRIx64 " differs from expected 0x%" PRIx64 "\n", name, r0, expected);
		} else {
			measure(name, "jit", run_jit, bpf, jit.func, packet, iterations, ms);
		}
		rte_bpf_destroy(bpf);
		free(ins);
		free(code);
	}
	free(packet);
	return 0;
}
