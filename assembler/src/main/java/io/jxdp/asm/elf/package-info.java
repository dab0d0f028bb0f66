/**
 * The ELF object loader: {@link io.jxdp.asm.elf.ElfLoader} reads what {@code clang -target bpf -c}
 * produces into an {@link io.jxdp.asm.elf.ElfObject} of {@link io.jxdp.asm.elf.ElfProgram}s and
 * maps, following libbpf ({@code tools/lib/bpf/libbpf.c}) wherever it has a rule.
 *
 * <p>Supported: programs in any section but {@code .text}, several per section, one per global
 * function symbol; bpf-to-bpf calls to static and global {@code .text} functions, nested, each
 * program with its own copy of what it calls; callback addresses ({@code bpf_loop},
 * {@code bpf_for_each_map_elem}) as {@code BPF_PSEUDO_FUNC}; BTF-defined maps ({@code __uint},
 * {@code __type}, any C type for keys and values); the legacy {@code maps} section; global
 * variables in {@code .data}, {@code .rodata}, {@code .bss} and their {@code .*} variants, string
 * literals included; {@code license} and {@code version}; {@code .BTF.ext} line info; objects
 * without debug info as long as they define no {@code .maps}; calls of {@code __ksym} extern
 * functions (kfuncs), resolved by name against the kernel functions {@link
 * io.jxdp.isa.btf.KernelFuncs} records (a weak one the kernel lacks: id 0; a strong one: {@link
 * io.jxdp.asm.elf.ElfObject#ksymFailure()}), their prototypes not compared with the kernel's.
 *
 * <p>Refused with an {@link io.jxdp.asm.elf.ElfFormatException}: extern variables ({@code
 * __kconfig}, {@code __ksym}), map-in-map and {@code values} initialisers (program arrays),
 * {@code map_extra}, static programs or maps, calls to functions outside {@code .text}, anything
 * not ELF64 little-endian {@code EM_BPF} {@code ET_REL}. Ignored, with a note in
 * {@link io.jxdp.asm.elf.ElfObject#notes()}: {@code pinning}, {@code numa_node}, CO-RE
 * relocations (the compiled-in offsets stand), a {@code .BTF} or {@code .BTF.ext} that cannot be
 * parsed when nothing needs it. Map types jxdp does not emulate (ring buffers, program arrays,
 * ...) load as {@link io.jxdp.isa.MapDef}s; the VM refuses them.
 */
package io.jxdp.asm.elf;
