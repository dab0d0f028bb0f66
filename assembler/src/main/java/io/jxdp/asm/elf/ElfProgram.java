package io.jxdp.asm.elf;

import io.jxdp.isa.Program;
import java.util.Collections;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One program of an ELF object: a function in a code section other than {@code .text}, linked
 * with the {@code .text} subprograms it calls and with its map references resolved.
 *
 * @param sectionName the ELF section ({@code xdp}, {@code xdp/cpumap}, {@code xdp.frags}, any SEC name)
 * @param functionName the function's symbol; also {@link Program#name() program().name()}
 * @param program the linked program: subprograms appended in libbpf's order, {@code lddw} map
 *     references as {@code MAP_IDX}/{@code MAP_IDX_VALUE} into its {@link Program#maps() maps},
 *     which are the object's maps it uses (see {@link ElfObject}), labels for every function and
 *     local ({@code LBB*}) label
 * @param lines source lines by pc from {@code .BTF.ext}, empty if the object has none
 */
public record ElfProgram(
        String sectionName, String functionName, Program program, NavigableMap<Integer, SourceLine> lines) {

    /** How the section name says a program attaches, as libbpf's section definitions read it. */
    public enum Attach {
        /** {@code SEC("xdp")} or {@code SEC("xdp.frags")}: on a device's RX path. */
        XDP,
        /** {@code SEC("xdp/cpumap")} or {@code SEC("xdp.frags/cpumap")}: in a cpumap entry, on the remote CPU. */
        CPUMAP,
        /** {@code SEC("xdp/devmap")} or {@code SEC("xdp.frags/devmap")}: in a devmap entry, before transmit. */
        DEVMAP,
        /** Any other section name: not an XDP program as far as libbpf can tell. */
        UNKNOWN
    }

    public ElfProgram {
        Objects.requireNonNull(sectionName, "sectionName");
        Objects.requireNonNull(functionName, "functionName");
        Objects.requireNonNull(program, "program");
        lines = Collections.unmodifiableNavigableMap(new TreeMap<>(lines));
    }

    /** Where the section name says the program attaches. */
    public Attach attach() {
        return switch (sectionName) {
            case "xdp", "xdp.frags" -> Attach.XDP;
            case "xdp/cpumap", "xdp.frags/cpumap" -> Attach.CPUMAP;
            case "xdp/devmap", "xdp.frags/devmap" -> Attach.DEVMAP;
            default -> Attach.UNKNOWN;
        };
    }

    /** True for {@code xdp.frags} sections: the program accepts multi-buffer frames. */
    public boolean frags() {
        return sectionName.startsWith("xdp.frags");
    }

    /** The source line of the statement holding pc (the last line record at or before it). */
    public Optional<SourceLine> lineAt(int pc) {
        var entry = lines.floorEntry(pc);
        return entry == null ? Optional.empty() : Optional.of(entry.getValue());
    }

    @Override
    public String toString() {
        return "ElfProgram[" + sectionName + "/" + functionName + ", " + program + "]";
    }
}
