package io.jxdp;

import io.jxdp.isa.MapDef;
import io.jxdp.isa.Program;
import io.jxdp.vm.maps.BpfMap;
import io.jxdp.vm.maps.Maps;
import io.jxdp.vm.memory.AddressSpace;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The map instances programs share: one per map name, all in one address space, so that programs
 * loaded together (an ELF object's, or a cpumap's second program) see the same entries, as
 * programs of one object loaded by libbpf do.
 */
final class ProgramMaps {
    private final AddressSpace space = new AddressSpace();
    private final Map<String, BpfMap> byName = new LinkedHashMap<>();
    private final int cpus;

    ProgramMaps(int cpus) {
        this.cpus = cpus;
    }

    AddressSpace space() {
        return space;
    }

    int cpus() {
        return cpus;
    }

    /** Creates the maps of {@code defs} this set lacks (with the kernel's checks and errnos). */
    synchronized void create(List<MapDef> defs) {
        for (MapDef d : defs) {
            byName.computeIfAbsent(d.name(), n -> Maps.create(d, space, cpus));
        }
    }

    /** The instances backing {@code program.maps()}, in its order. */
    synchronized List<BpfMap> bind(Program program) {
        create(program.maps());
        List<BpfMap> out = new ArrayList<>();
        for (MapDef d : program.maps()) {
            out.add(byName.get(d.name()));
        }
        return out;
    }

    synchronized Map<String, BpfMap> byName() {
        return Map.copyOf(byName);
    }

    synchronized List<BpfMap> all() {
        return List.copyOf(byName.values());
    }
}
