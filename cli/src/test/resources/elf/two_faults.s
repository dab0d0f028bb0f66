# llvm-mc -triple bpf -filetype=obj -o two_faults.o two_faults.s: an unknown opcode, then a goto out of range (the kernel reports the goto first)
	.section	xdp,"ax",@progbits
	.globl	prog
	.type	prog,@function
prog:
	r0 = 0
	.byte	0xe7, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00
	.byte	0x05, 0x00, 0x05, 0x00, 0x00, 0x00, 0x00, 0x00
	exit
.Lfunc_end0:
	.size	prog, .Lfunc_end0-prog
	.section	license,"aw",@progbits
	.globl	_license
_license:
	.asciz	"GPL"
	.size	_license, 4
