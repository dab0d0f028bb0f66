# llvm-mc -triple bpf -filetype=obj -o reserved_field.o reserved_field.s: a mov of an immediate with an offset (BPF_MOV uses reserved fields)
	.section	xdp,"ax",@progbits
	.globl	prog
	.type	prog,@function
prog:
	r0 = 0
	.byte	0xb7, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00
	exit
.Lfunc_end0:
	.size	prog, .Lfunc_end0-prog
	.section	license,"aw",@progbits
	.globl	_license
_license:
	.asciz	"GPL"
	.size	_license, 4
