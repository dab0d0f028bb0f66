package io.jxdp.cli;

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
 * The map instances of one run: one per map of the program's file, by name, in one address
 * space, so every program of the file binds the same instances.
 */
final class MapSet {
    private final AddressSpace space = new AddressSpace();
    private final Map<String, BpfMap> byName = new LinkedHashMap<>();
    private final int cpus;

    MapSet(List<MapDef> defs, int cpus) {
        this.cpus = cpus;
        for (MapDef d : defs) {
            byName.put(d.name(), Maps.create(d, space, cpus));
        }
    }

    AddressSpace space() {
        return space;
    }

    int cpus() {
        return cpus;
    }

    Map<String, BpfMap> byName() {
        return byName;
    }

    /** The instances backing {@code program.maps()}, in its order; a map the set lacks is created now. */
    List<BpfMap> bind(Program program) {
        List<BpfMap> out = new ArrayList<>();
        for (MapDef d : program.maps()) {
            out.add(byName.computeIfAbsent(d.name(), n -> Maps.create(d, space, cpus)));
        }
        return out;
    }

    /** New, empty instances of the same maps (a scratch copy to try updates on). */
    MapSet emptyCopy() {
        return new MapSet(byName.values().stream().map(BpfMap::def).toList(), cpus);
    }

    /** The map named {@code name}, or a usage error listing the names there are. */
    BpfMap get(String command, String name) {
        BpfMap m = byName.get(name);
        if (m == null) {
            throw new UsageException(
                    command,
                    "no map named '" + name + "'"
                            + (byName.isEmpty()
                                    ? " (the program has no maps)"
                                    : " (maps: " + String.join(", ", byName.keySet()) + ")"));
        }
        return m;
    }
}
