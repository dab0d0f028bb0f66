/**
 * The ELF object loader: {@link io.jxdp.asm.elf.ElfLoader} reads what {@code clang -target bpf}
 * produces into an {@link io.jxdp.asm.elf.ElfObject} of {@link io.jxdp.asm.elf.ElfProgram}s and
 * maps, following libbpf ({@code tools/lib/bpf/libbpf.c}) where it has a rule.
 */
package io.jxdp.asm.elf;
