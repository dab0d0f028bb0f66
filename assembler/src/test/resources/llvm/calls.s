# Local calls: llvm-mc encodes call NAME as a bpf-to-bpf call (src 1).
main:
	r1 = 1
	call helper_like
	call twice
	exit
helper_like:
	r0 = r1
	exit
twice:
	call helper_like
	r0 += r0
	exit
