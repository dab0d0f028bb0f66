package io.jxdp.asm.elf;

import io.jxdp.isa.JxdpException;
import io.jxdp.isa.MapDef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * A loaded ELF object: its programs, its maps, its license.
 *
 * <h2>Maps: names and sharing</h2>
 *
 * {@link #maps()} lists every map of the object in libbpf's order: legacy {@code maps} section
 * definitions (symbol order), BTF-defined maps of {@code .maps} (section offset order), then one
 * array per global data section (section order). Names are unique within an object:
 *
 * <ul>
 *   <li>a map of {@code maps} or {@code .maps} is named by its variable ({@code cpu_map});
 *   <li>a global data map is named as libbpf names it ({@code internal_map_name}): up to 8 bytes
 *       of the object name, then the section name, 15 bytes at most, e.g. {@code global_d.rodata},
 *       {@code global_d.bss} for {@code global_data.o}; a custom section ({@code .data.tuning},
 *       {@code .rodata.str1.1}) keeps its own name without prefix. The object name is the file's
 *       base name cut to 15 bytes and then at its first dot. These are the names {@code bpftool map
 *       show} prints for the same object. An object in which two maps get one name is refused.
 * </ul>
 *
 * Each program's {@link io.jxdp.isa.Program#maps() maps()} are the object's maps that it (with its
 * subprograms) refers to, in object order, each <em>equal</em> to the object's {@link MapDef} of
 * the same name. Map identity is the name: whoever creates map instances creates one per object
 * map and gives every program the instances of its maps' names ({@link #bind}), so that two
 * programs of one object, e.g. an RX program and its cpumap program, share the same maps as they
 * do under libbpf.
 */
public final class ElfObject {
    private final String fileName;
    private final String name;
    private final String license;
    private final OptionalInt kernelVersion;
    private final List<MapDef> maps;
    private final List<ElfProgram> programs;
    private final List<String> notes;
    private final List<String> missingKsyms;

    ElfObject(
            String fileName,
            String name,
            String license,
            OptionalInt kernelVersion,
            List<MapDef> maps,
            List<ElfProgram> programs,
            List<String> notes,
            List<String> missingKsyms) {
        this.fileName = fileName;
        this.name = name;
        this.license = license;
        this.kernelVersion = kernelVersion;
        this.maps = List.copyOf(maps);
        this.programs = List.copyOf(programs);
        this.notes = List.copyOf(notes);
        this.missingKsyms = List.copyOf(missingKsyms);
    }

    /**
     * The strong {@code __ksym} extern functions its programs call that the kernel's BTF (of the
     * release {@link io.jxdp.isa.btf.KernelFuncs} records) does not have, by name. Their calls
     * are kfunc calls of id 0; calls of the functions it has carry their BTF ids.
     */
    public List<String> missingKsyms() {
        return missingKsyms;
    }

    /**
     * libbpf's refusal to load the object, in its words, if it calls an extern function the kernel
     * does not have: libbpf resolves the externs of the whole object (bpf_object__resolve_externs)
     * before it loads any program, so no program of it reaches the verifier. Empty if it loads.
     */
    public Optional<String> ksymFailure() {
        return missingKsyms.isEmpty()
                ? Optional.empty()
                : Optional.of(
                        "libbpf: extern (func ksym) '" + missingKsyms.get(0) + "': not found in kernel or module BTFs");
    }

    /** The file name as given to the loader. */
    public String fileName() {
        return fileName;
    }

    /** The object name libbpf would give it: the base name, at most 15 bytes, up to the first dot. */
    public String name() {
        return name;
    }

    /** The {@code license} section's string, empty if there is none. */
    public String license() {
        return license;
    }

    /** The {@code version} section's value, if there is one. */
    public OptionalInt kernelVersion() {
        return kernelVersion;
    }

    /** Every map of the object, in libbpf's order; names are unique. */
    public List<MapDef> maps() {
        return maps;
    }

    /** The programs, in section order and by offset within a section. */
    public List<ElfProgram> programs() {
        return programs;
    }

    /** What the loader ignored and why (pinning, CO-RE relocations, an unreadable {@code .BTF.ext}). */
    public List<String> notes() {
        return notes;
    }

    /** The map with this name. */
    public Optional<MapDef> map(String mapName) {
        return maps.stream().filter(m -> m.name().equals(mapName)).findFirst();
    }

    /** The program whose function has this name. */
    public Optional<ElfProgram> program(String functionName) {
        return programs.stream()
                .filter(p -> p.functionName().equals(functionName))
                .findFirst();
    }

    /** The programs of this section, by offset. */
    public List<ElfProgram> programsInSection(String sectionName) {
        return programs.stream()
                .filter(p -> p.sectionName().equals(sectionName))
                .collect(Collectors.toList());
    }

    /**
     * The program a user means by a name: the function of that name, else the only program of
     * the section of that name.
     *
     * @throws JxdpException if there is no such program, or the section holds several
     */
    public ElfProgram select(String functionOrSection) {
        Optional<ElfProgram> byName = program(functionOrSection);
        if (byName.isPresent()) {
            return byName.get();
        }
        List<ElfProgram> inSection = programsInSection(functionOrSection);
        if (inSection.size() == 1) {
            return inSection.get(0);
        }
        String all = programs.stream()
                .map(p -> p.functionName() + " (" + p.sectionName() + ")")
                .collect(Collectors.joining(", "));
        if (inSection.isEmpty()) {
            throw new JxdpException(ElfFormatException.printable(fileName + ": no program or section named '"
                    + functionOrSection + "'; programs: " + (all.isEmpty() ? "none" : all)));
        }
        throw new JxdpException(ElfFormatException.printable(fileName + ": section '" + functionOrSection + "' holds "
                + inSection.size() + " programs, name one: "
                + inSection.stream().map(ElfProgram::functionName).collect(Collectors.joining(", "))));
    }

    /**
     * The instances backing a program's maps, in the order its {@code lddw} references index them,
     * taken by name from one instance per object map: how two programs come to share maps.
     *
     * @throws JxdpException if an instance is missing
     */
    public <T> List<T> bind(ElfProgram program, Map<String, ? extends T> instancesByName) {
        List<T> out = new ArrayList<>();
        for (MapDef def : program.program().maps()) {
            T instance = instancesByName.get(def.name());
            if (instance == null) {
                throw new JxdpException(ElfFormatException.printable(fileName + ": program " + program.functionName()
                        + ": no instance for map '" + def.name() + "'"));
            }
            out.add(instance);
        }
        return out;
    }

    @Override
    public String toString() {
        return "ElfObject[" + fileName + ", " + programs.size() + " programs, " + maps.size() + " maps]";
    }
}
